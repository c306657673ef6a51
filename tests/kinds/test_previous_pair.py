"""previous_pair: LAST must be the report for the year before THIS, by the same body."""

from __future__ import annotations

import pytest

from checker.kinds import previous_pair
from checker.kinds._base import Context, NotAssessable

BOTH = {"checks": ["years", "agency"]}


def run(this, last, params=BOTH):
    return list(previous_pair.check(Context(bound=this, previous=last), params))


def test_consecutive_years_of_one_body_pass(pair) -> None:
    this, last = pair()
    assert (this.meta.year, last.meta.year) == (2025, 2024)
    assert run(this, last) == []


@pytest.mark.parametrize("year", [2025, 2023, 2026])
def test_any_other_year_is_reported_once(pair, year: int) -> None:
    this, last = pair(None, {"meta": {"year": year}})
    [violation] = run(this, last)
    assert violation.evidence["problem"] == "years"
    assert violation.values["previous_year"] == year and violation.values["expected_previous_year"] == 2024
    assert violation.location.line == 1


def test_another_body_is_reported_and_a_reworded_name_is_not(pair) -> None:
    this, last = pair(None, {"meta": {"title": "平潭综合实验区2024年度政府信息公开工作年度报告"}})
    [violation] = run(this, last)
    assert violation.evidence["problem"] == "agency"
    assert violation.values["previous_agency"] == "平潭综合实验区"
    assert violation.values["agency"] == "乌恰县人民政府办公室"
    # the same office, written with its county's name only: contained, so the same body
    this, last = pair(None, {"meta": {"title": "乌恰县人民政府2024年政府信息公开工作年度报告"}})
    assert run(this, last) == []


def test_checks_select_the_problem_a_rule_reports(pair) -> None:
    this, last = pair(None, {"meta": {"year": 2020, "title": "平潭综合实验区2020年度政府信息公开工作年度报告"}})
    assert [v.evidence["problem"] for v in run(this, last, {"checks": ["agency"]})] == ["agency"]
    assert [v.evidence["problem"] for v in run(this, last, {})] == ["years", "agency"]


def test_an_unknown_year_is_not_assessable(pair) -> None:
    this, last = pair()
    last.meta.year = None
    with pytest.raises(NotAssessable):
        run(this, last)
