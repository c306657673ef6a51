"""edition: the format edition the labels show, against the one in force for the reporting year."""

from __future__ import annotations

from typing import Any

import pytest

from checker.examples import build
from checker.kinds import edition
from checker.kinds._base import Context, NotAssessable


def run(ruleset, params: dict[str, Any], given: dict[str, Any] | None = None) -> list:
    return list(edition.check(Context(bound=build(ruleset, given), lang="en"), params))


def test_a_2021_format_report_of_2025_passes(ruleset) -> None:
    assert run(ruleset, {"mismatch": "older", "years": {"from": 2021}}) == []


def test_a_2025_report_in_the_trial_format_is_reported_at_table_two(ruleset) -> None:
    [violation] = run(ruleset, {"mismatch": "older", "years": {"from": 2021}},
                      {"edition": "2019", "meta": {"year": 2025}})
    assert violation.location.table == "t2" and violation.location.part == "proactive"
    assert violation.evidence["detected"] == "2019" and violation.evidence["expected"] == "2021"
    assert "本年新制作数量" in violation.evidence["fingerprints"]


def test_the_trial_base_report_is_right_for_2020(ruleset) -> None:
    bound = build(ruleset, {"edition": "2019"})
    assert bound.meta.year == 2020 and bound.detected_edition == "2019"
    assert run(ruleset, {"mismatch": "newer", "years": {"from": 2019, "to": 2020}}, {"edition": "2019"}) == []


def test_a_2020_report_in_the_2021_format_is_reported_only_by_the_newer_direction(ruleset) -> None:
    given = {"meta": {"year": 2020}}
    [violation] = run(ruleset, {"mismatch": "newer"}, given)
    assert violation.evidence == {"detected": "2021", "expected": "2019", "year": 2020,
                                  "fingerprints": violation.evidence["fingerprints"]}
    assert run(ruleset, {"mismatch": "older"}, given) == []


def test_years_outside_the_range_are_not_judged(ruleset) -> None:
    assert run(ruleset, {"mismatch": "newer", "years": {"from": 2019, "to": 2020}}, {"meta": {"year": 2018}}) == []


def test_without_fingerprints_the_rule_is_not_assessable(ruleset) -> None:
    with pytest.raises(NotAssessable) as info:
        run(ruleset, {"mismatch": "older"}, {"remove_tables": ["t2", "t3", "t4"]})
    assert info.value.cause == "table_present"
