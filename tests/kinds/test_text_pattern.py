"""text_pattern: forbidden and required phrases in a scope, on the patched example base."""

from __future__ import annotations

from typing import Any

import pytest

from checker.examples import build
from checker.kinds import text_pattern
from checker.kinds._base import Context, NotAssessable
from checker.regexsafe import UnsafePattern, compile_safe

SIX_PARTS = "\n".join(["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
                       "五、存在的主要问题及改进情况", "六、其他需要报告的事项"])


def run(ruleset, params: dict[str, Any], given: dict[str, Any] | None = None, text: str | None = None) -> list:
    bound = build(ruleset, given, text)
    return list(text_pattern.check(Context(bound=bound, lang="en"), params))


def test_a_forbidden_phrase_is_reported_at_its_paragraph_and_part(ruleset) -> None:
    params = {"forbid": ["编写说明"]}
    [violation] = run(ruleset, params, {"append": {"problems": "编写说明：要注意数据间的逻辑关系。"}})
    assert violation.location.part == "problems"
    assert violation.values["matched"] == "编写说明"


def test_phrases_match_across_line_breaks_and_full_width_brackets(ruleset) -> None:
    params = {"forbid": ["（单位名称）"]}
    [violation] = run(ruleset, params, {"parts": {"other": "(单位 名称)未收取信息处理费。"}})
    assert violation.location.part == "other"
    assert violation.evidence["matched"] == "(单位名称)"


def test_overlapping_patterns_report_the_longer_match_once(ruleset) -> None:
    params = {"forbid": [{"regex": "[X]{2,}年"}, {"regex": "20XX年"}]}
    violations = run(ruleset, params, {"append": {"overview": "20XX年，本机关主动公开信息。"}})
    assert [v.values["matched"] for v in violations] == ["20XX年"]


def test_max_paragraph_chars_limits_the_search_to_headings(ruleset) -> None:
    params = {"forbid": ["收费及减免情况"], "max_paragraph_chars": 20}
    long = "本机关不再单独报告收费及减免情况，信息处理费情况见下文说明，全年未收取任何费用。"
    assert run(ruleset, params, {"append": {"other": long}}) == []
    [violation] = run(ruleset, params, {"append": {"other": "（一）收费及减免情况"}})
    assert violation.location.part == "other"


def test_require_lists_the_missing_groups(ruleset) -> None:
    params = {"parts": ["overview"], "require": [
        {"any": ["主动公开"], "label": {"zh": "主动公开", "en": "proactive"}},
        {"any": ["考核"], "label": {"zh": "考核", "en": "assessment"}},
    ]}
    assert run(ruleset, params) == []
    [violation] = run(ruleset, params, {"parts": {"overview": "本机关主动公开信息10条。"}})
    assert violation.location.part == "overview"
    assert violation.evidence["missing"] == ["assessment"]
    assert violation.values["count"] == 1


def test_min_required_relaxes_all_groups(ruleset) -> None:
    groups = [{"any": [w], "label": {"zh": w, "en": w}} for w in ("甲", "乙", "丙")]
    params = {"parts": ["other"], "require": groups, "min_required": 1}
    assert run(ruleset, params, {"parts": {"other": "甲。"}}) == []
    assert len(run(ruleset, params, {"parts": {"other": "丁。"}})) == 1


def test_the_agency_name_satisfies_a_group_that_allows_it(ruleset) -> None:
    group = {"any": ["本机关"], "label": {"zh": "本机关", "en": "the body"}}
    params = {"parts": ["overview"], "require": [{**group, "agency_name": True}]}
    assert run(ruleset, params, {"parts": {"overview": "乌恰县人民政府办公室主动公开信息。"}}) == []
    params = {"parts": ["overview"], "require": [group]}
    assert len(run(ruleset, params, {"parts": {"overview": "乌恰县人民政府办公室主动公开信息。"}})) == 1


def test_only_if_makes_the_rule_silent_without_its_trigger(ruleset) -> None:
    params = {"scope": "intro", "only_if": ["总体情况"], "require": [{"any": ["不存在的词"], "label": {"zh": "x", "en": "x"}}]}
    [violation] = run(ruleset, params)  # the seed's introduction lists the parts
    assert violation.location.line == 7  # the introduction paragraph, where the trigger is
    params["only_if"] = ["没有这个触发词"]
    assert run(ruleset, params) == []


def test_requirements_are_not_assessed_on_a_part_cut_short(ruleset) -> None:
    text = "某局2025年政府信息公开工作年度报告\n一、总体情况\n2025年，本局主动公开信息。\n"
    params = {"parts": ["overview"], "require": [{"any": ["考核"], "label": {"zh": "考核", "en": "assessment"}}]}
    with pytest.raises(NotAssessable) as info:
        run(ruleset, params, text=text)
    assert info.value.cause == "parts_present"
    [violation] = run(ruleset, params, text=text.replace("信息。\n", "信息。\n" + SIX_PARTS + "\n"))
    assert violation.location.part == "overview"


def test_a_missing_part_is_not_assessable_with_its_cause(ruleset) -> None:
    params = {"parts": ["other"], "min_chars": 5}
    with pytest.raises(NotAssessable) as info:
        run(ruleset, params, {"remove_parts": ["other"]})
    assert info.value.cause == "parts_present"


def test_min_chars_reports_the_length(ruleset) -> None:
    [violation] = run(ruleset, {"parts": ["other"], "min_chars": 8}, {"parts": {"other": "无"}})
    assert violation.evidence == {"length": 1, "min_chars": 8}
    assert violation.location.part == "other"


def test_years_and_when_nonzero_gate_the_rule(ruleset) -> None:
    params = {"parts": ["other"], "min_chars": 8, "years": {"to": 2020}}
    assert run(ruleset, params, {"parts": {"other": "无"}}) == []
    params = {"parts": ["other"], "min_chars": 8, "when_nonzero": ["t3/other_fee/total"]}
    assert run(ruleset, params, {"parts": {"other": "无"}}) == []
    assert len(run(ruleset, params, {"parts": {"other": "无"}, "cells": {"t3/other_fee/total": 1}})) == 1


def test_the_title_scope_reads_the_title(ruleset) -> None:
    params = {"scope": "title", "require": [{"any": [{"regex": "20[0-9]{2}年"}], "label": {"zh": "年份", "en": "year"}}]}
    assert run(ruleset, params) == []
    [violation] = run(ruleset, params, {"meta": {"title": "政府信息公开工作年度报告"}})
    assert violation.evidence["missing"] == ["year"]


def test_rule_regexes_are_vetted_by_regexsafe() -> None:
    assert "forbid[].regex" in text_pattern.REGEX_PARAMS
    with pytest.raises(UnsafePattern):
        compile_safe("(a+)+$")


def test_except_title_leaves_the_title_line_to_the_title_rule(ruleset) -> None:
    title = "某局2025年度政府信息公开工作报告"
    text = f"{title}\n现将本局2025年度政府信息公开工作报告公布如下。\n一、总体情况\n本局主动公开信息。\n"
    params = {"forbid": [{"regex": "20[0-9]{2}年度?政府信息公开工作报告"}], "except_title": True}
    [violation] = run(ruleset, params, text=text)
    assert violation.location.line == 2
    assert len(run(ruleset, {**params, "except_title": False}, text=text)) == 2
