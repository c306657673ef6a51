"""deadline: publication date against 条例 第四十九条 for the agency kind, 1月31日 inclusive."""

from __future__ import annotations

import pytest

from checker.kinds._base import NotAssessable


def test_published_on_the_last_day_is_in_time(run_rule) -> None:
    assert run_rule("DEADLINE-DEPT", {"meta": {"agency_kind": "department", "published": "2026-01-31"}}) == []


def test_published_three_days_late(run_rule) -> None:
    [violation] = run_rule("DEADLINE-DEPT", {"meta": {"agency_kind": "department", "published": "2026-02-03"}})
    assert violation.values["deadline"] == "2026-01-31" and violation.values["days_late"] == 3
    assert violation.evidence["agency_kind"] == "department"


def test_a_government_report_has_until_the_end_of_march(run_rule) -> None:
    given = {"meta": {"agency_kind": "government_own", "published": "2026-03-31"}}
    assert run_rule("DEADLINE-GOV", given) == []
    given["meta"]["published"] = "2026-04-02"
    assert [v.values["days_late"] for v in run_rule("DEADLINE-GOV", given)] == [2]


def test_without_a_year_it_is_not_assessable(ruleset) -> None:
    from checker.examples import build
    from checker.kinds import deadline
    from checker.kinds._base import Context

    bound = build(ruleset, {"meta": {"agency_kind": "department", "published": "2026-02-03"}})
    bound.meta.year = None
    with pytest.raises(NotAssessable):
        list(deadline.check(Context(bound=bound), ruleset.rule("DEADLINE-DEPT").params))
