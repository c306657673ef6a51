"""Fixtures of the kind tests: the bundled ruleset and (this year, last year) pairs built like rule examples."""

from __future__ import annotations

from typing import Any

import pytest

from checker.bound import BoundReport
from checker.examples import build, previous_given
from checker.ruleset import load_ruleset


@pytest.fixture(scope="session")
def ruleset():
    return load_ruleset()


@pytest.fixture
def pair(ruleset):
    """pair(given, previous) → (this, last): the example base patched twice; last is a year earlier."""

    def make(given: dict[str, Any] | None = None, previous: dict[str, Any] | None = None) -> tuple[BoundReport, BoundReport]:
        this = build(ruleset, given)
        return this, build(ruleset, previous_given(previous, this))

    return make


@pytest.fixture
def run_rule(ruleset):
    """run_rule(rule_id, given) → the violations of that rule's kind and params on the patched base."""
    from checker.kinds import get
    from checker.kinds._base import Context

    def run(rule_id: str, given: dict[str, Any] | None = None, previous: BoundReport | None = None) -> list:
        rule = ruleset.rule(rule_id)
        bound = build(ruleset, given)
        return list(get(rule.kind).check(Context(bound=bound, previous=previous, rule_id=rule.id), rule.params))

    return run
