"""narrative_numbers: numbers the narrative states, against sums of table cells."""

from __future__ import annotations

from typing import Any

import pytest

from checker.examples import build
from checker.kinds import narrative_numbers
from checker.kinds._base import Context, NotAssessable

RECEIVED = {"scope": "text", "statements": [{
    "regex": "收到[^。,]{0,20}?申请(?P<n>[0-9]+)件",
    "equals_any": [["t3/new/total"], ["t3/new/total", "t3/carried_in/total"]],
    "label": {"zh": "收到申请", "en": "received"},
}]}


def run(ruleset, params: dict[str, Any], given: dict[str, Any] | None = None) -> list:
    return list(narrative_numbers.check(Context(bound=build(ruleset, given), lang="en"), params))


def test_a_matching_count_passes(ruleset) -> None:
    assert run(ruleset, RECEIVED, {"append": {"overview": "共收到政府信息公开申请2件。"}}) == []


def test_either_reading_of_an_ambiguous_count_is_accepted(ruleset) -> None:
    """005/049: "收到申请75件" = 新收 74 + 结转 1."""
    cells = {"t3/carried_in/total": 1}
    assert run(ruleset, RECEIVED, {"cells": cells, "append": {"overview": "共收到政府信息公开申请3件。"}}) == []


def test_a_wrong_count_is_reported_with_the_nearest_difference(ruleset) -> None:
    [violation] = run(ruleset, RECEIVED, {"append": {"problems": "全年收到政府信息公开申请9件。"}})
    assert violation.location.part == "problems"
    assert violation.evidence["stated"] == "9"
    assert violation.evidence["difference"] == "7"
    assert [c["value"] for c in violation.evidence["candidates"]] == ["2", "2"]
    assert violation.values["expected"] == "2 / 2"


def test_a_group_sums_a_row_across_the_applicant_columns(ruleset) -> None:
    """001: the total column is blank, so "258" is compared with the applicant cells' sum."""
    params = {"statements": [{"regex": "予以公开(?P<n>[0-9]+)件", "label": {"zh": "予以公开", "en": "granted"},
                              "equals_any": [["t3/granted/total"], ["t3/granted/@applicants"]]}]}
    cells = {"t3/granted/total": "", "t3/granted/natural": 2, "t3/granted/commercial": 1}
    [violation] = run(ruleset, params, {"cells": cells, "append": {"overview": "予以公开2件。"}})
    assert [c["value"] for c in violation.evidence["candidates"]] == ["3"]


def test_a_claim_without_a_number_states_its_fixed_value(ruleset) -> None:
    params = {"statements": [{"regex": "未收到[^。]{0,10}申请", "value": 0, "label": {"zh": "未收到", "en": "none"},
                              "equals_any": [["t3/new/total"]]}]}
    [violation] = run(ruleset, params, {"append": {"other": "本年度未收到政府信息公开申请。"}})
    assert violation.evidence["stated"] == "0" and violation.location.part == "other"
    cells = {"t3/new/total": 0}
    assert run(ruleset, params, {"cells": cells, "append": {"other": "本年度未收到政府信息公开申请。"}}) == []


def test_a_candidate_with_text_in_a_cell_is_not_judged(ruleset) -> None:
    assert run(ruleset, RECEIVED, {"cells": {"t3/new/total": "若干", "t3/carried_in/total": "/"},
                                   "append": {"overview": "收到政府信息公开申请9件。"}}) == []


def test_a_missing_table_is_not_assessable_only_when_a_statement_needs_it(ruleset) -> None:
    assert run(ruleset, RECEIVED, {"remove_tables": ["t3"]}) == []  # no statement in the seed's wording
    with pytest.raises(NotAssessable) as info:
        run(ruleset, RECEIVED, {"remove_tables": ["t3"], "append": {"overview": "收到政府信息公开申请9件。"}})
    assert info.value.cause == "table_present"


FEE = {"parts": ["other"], "years": {"from": 2021}, "statements": [{
    "regex": "处理费[^。;,0-9]{0,6}?(?P<n>[0-9][0-9,]*(?:\\.[0-9]+)?)元",
    "multiple_of": 10,
    "label": {"zh": "信息处理费金额", "en": "fee"},
}]}


def test_multiple_of_passes_a_tariff_amount(ruleset) -> None:
    assert run(ruleset, FEE, {"parts": {"other": "收取信息处理费1,200元。"}}) == []


def test_multiple_of_reports_an_amount_off_the_tariff_steps(ruleset) -> None:
    [violation] = run(ruleset, FEE, {"parts": {"other": "收取信息处理费共计385元。"}})
    assert violation.location.part == "other"
    assert violation.evidence == {"stated": "385", "matched": "处理费共计385元", "multiple_of": "10"}
    assert violation.values["difference"] == "5"


def test_years_keeps_a_fee_rule_off_reports_before_109(ruleset) -> None:
    given = {"meta": {"year": 2019}, "parts": {"other": "收取信息处理费385元。"}}
    assert run(ruleset, FEE, given) == []
