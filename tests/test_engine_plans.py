"""The engine's per-pack plans and per-run wording give exactly the results of the engine before them
(tests/engine_reference.py): every corpus report and generated example, both languages, with and without a
previous-year report, all rules and a rule subset."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import engine_reference as reference
from checker import engine
from checker.api import bind_report, read_report
from checker.kinds._base import Bilingual, Location, Violation
from checker.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT.parent / "shared" / "corpus").glob("*"))[:60] if (ROOT.parent / "shared" / "corpus").is_dir() else []
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_file())


def _bound(ruleset, path: Path):
    try:
        return bind_report(read_report(str(path)), ruleset, str(path))
    except Exception:  # noqa: BLE001 - unreadable inputs are the readers' tests
        return None


def _same(bound, ruleset, **kw) -> None:
    for lang in ("zh", "en"):
        got = engine.evaluate(bound, ruleset, lang=lang, **kw)
        want = reference.evaluate(bound, ruleset, lang=lang, **kw)
        assert got.to_dict() == want.to_dict()
        assert got == want  # findings, messages in both languages, locations with their part labels


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


@pytest.fixture(scope="module")
def reports(ruleset):
    found = [b for b in (_bound(ruleset, p) for p in [*EXAMPLES, *CORPUS]) if b is not None]
    assert found
    return found


def test_plans_give_the_reference_results(ruleset, reports) -> None:
    for n, bound in enumerate(reports):
        _same(bound, ruleset)
        _same(bound, ruleset, previous=reports[n - 1])  # pair problems, cross-year rules and their causes
        _same(bound, ruleset, rules=list(ruleset.rules[::3]))


def test_a_pack_with_edited_rules_is_a_new_plan(ruleset, reports) -> None:
    rules = tuple(dataclasses.replace(r, enabled=not r.enabled) if n % 4 == 0 else r for n, r in enumerate(ruleset.rules))
    edited = dataclasses.replace(ruleset, rules=rules)
    for bound in reports[:5]:
        _same(bound, ruleset)
        _same(bound, edited)


def test_unknown_kinds_crashes_and_odd_templates_are_worded_as_before(ruleset, reports, monkeypatch) -> None:
    bound = reports[0]
    unknown = dataclasses.replace(ruleset.rules[0], id="X-UNKNOWN", kind="no_such_kind")
    odd = [dataclasses.replace(r, id=f"X-ODD{n}", message={"zh": t, "en": t}) for n, (r, t) in enumerate(
        (r, t) for r in ruleset.rules[:1] for t in ("{", "}", "plain", "{0}", "{missing:.2f}", "{line:d}", "{{x}}", "{part}{table}"))]
    _same(bound, ruleset, rules=[unknown, *odd])

    def crash(ctx, params):
        raise ValueError("boom")
        yield

    def worded(ctx, params):
        yield Violation(Location(part="applications", table="t3", row_label="r", line=3),
                        {"matched": Bilingual("中", "en"), "table": "own table"}, {"e": 1})
        yield Violation(Location(part="nope", part_label="given"), {"count": 2})

    for check in (crash, worded):
        fake = type("Kind", (), {"check": staticmethod(check), "KIND": "fake"})
        monkeypatch.setattr(engine, "get_kind", lambda kind, fake=fake: fake)
        monkeypatch.setattr(reference, "get_kind", lambda kind, fake=fake: fake)
        rules = [dataclasses.replace(r, message={"zh": "{matched}{table}{part}{count}{line}", "en": "{matched} {table}"})
                 for r in ruleset.rules[:3]]
        _same(bound, ruleset, rules=rules)
