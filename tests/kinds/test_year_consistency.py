"""year_consistency: the years the report gives for itself agree; stated dates are possible."""

from __future__ import annotations

from typing import Any

import pytest

from checker.examples import build
from checker.kinds import year_consistency
from checker.kinds._base import Context, NotAssessable

COMPARE = {
    "compare": ["title", "period", "meta"],
    "title_pattern": "(?P<year>(?:19|20)[0-9]{2})年",
    "period_pattern": "(?P<start>(?:19|20)[0-9]{2})年度?1月1日起?(?:至|到)(?:(?P<end>(?:19|20)[0-9]{2})年)?12月31日",
}
STATEMENTS = {"scope": "text", "statements": [{
    "regex": "(?P<of>20[0-9]{2})年[^。]{0,30}?年度报告[^。]{0,20}?于(?P<year>20[0-9]{2})年[0-9]{1,2}月[0-9]{1,2}日",
    "relation": "after"}]}


def run(ruleset, params: dict[str, Any], given: dict[str, Any] | None = None) -> list:
    return list(year_consistency.check(Context(bound=build(ruleset, given), lang="en"), params))


def test_title_and_period_of_the_seed_agree(ruleset) -> None:
    assert run(ruleset, COMPARE) == []


def test_a_title_year_that_differs_from_the_period_is_reported_at_the_period_sentence(ruleset) -> None:
    [violation] = run(ruleset, COMPARE, {"meta": {"title": "乌恰县人民政府办公室2024年政府信息公开工作年度报告"}})
    assert violation.evidence["years"] == {"title": [2024], "period": [2025, 2025]}
    assert violation.location.line == 7  # the introduction that states the period
    assert "title 2024" in violation.values["years"].en and "2024年" in violation.values["years"].zh


def test_a_period_spanning_two_years_is_reported_on_its_own(ruleset) -> None:
    params = {**COMPARE, "compare": ["period", "meta"]}
    intro = "本报告所列数据的统计期限自2024年1月1日至2025年12月31日。"
    text = f"某局2025年政府信息公开工作年度报告\n{intro}\n一、总体情况\n本局主动公开信息。\n"
    bound = build(ruleset, None, text)
    [violation] = year_consistency.check(Context(bound=bound, lang="en"), params)
    assert violation.evidence["years"] == {"period": [2024, 2025]}


def test_one_stated_year_is_not_assessable(ruleset) -> None:
    with pytest.raises(NotAssessable):
        run(ruleset, {**COMPARE, "compare": ["title", "meta"]})


def test_a_report_published_in_its_own_year_is_reported(ruleset) -> None:
    sentence = "依法按时完成本街道2024年政府信息公开年度报告，并于2024年1月15日之前公布。"
    [violation] = run(ruleset, STATEMENTS, {"append": {"overview": sentence}})
    assert violation.location.part == "overview"
    assert violation.evidence["stated"] == 2024 and violation.evidence["reference"] == 2024


def test_last_years_report_published_this_year_passes(ruleset) -> None:
    sentence = "依法按时完成本街道2024年政府信息公开年度报告，并于2025年1月15日之前公布。"
    assert run(ruleset, STATEMENTS, {"append": {"overview": sentence}}) == []


def test_equal_relation_defaults_to_the_reporting_year(ruleset) -> None:
    params = {"parts": ["overview"], "statements": [{"regex": "^(?P<year>20[0-9]{2})年,", "relation": "equal"}]}
    assert run(ruleset, params) == []  # the seed's overview starts "2025年，"
    [violation] = run(ruleset, params, {"parts": {"overview": "2024年，本机关主动公开信息。"}})
    assert violation.evidence["reference"] == 2025 and violation.evidence["stated"] == 2024
