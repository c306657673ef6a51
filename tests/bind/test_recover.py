"""Recovering run-together crawler tables: unique splits only, relied-on identities recorded, never a guess."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.bind import bind, identities_for
from checker.bind.parts import glued_heading, match_heading
from checker.bind.glued import is_run_together, split_glued_headings
from checker.bind.recover import recover_table, splits
from checker.model import Block, Cell, Meta, Report
from checker.ruleset import load_ruleset

RULESET = load_ruleset()
S2021 = RULESET.structures["2021"]
T3 = S2021.table("t3")
T4 = S2021.table("t4")
IDENTITIES = identities_for(RULESET)
INTEGER = re.compile(r"(?:0|[1-9][0-9]*)$")


def _cells(*texts: str) -> list[Cell]:
    return [Cell(t, line=n + 1) for n, t in enumerate(texts)]


def test_spaces_always_separate_and_leading_zeros_never_start_a_number():
    assert sorted(splits("20 0 00 0 121", [INTEGER] * 7)) == [
        ("2", "0", "0", "0", "0", "0", "121"), ("20", "0", "0", "0", "0", "1", "21"),
        ("20", "0", "0", "0", "0", "12", "1")]
    assert splits("0000000", [INTEGER] * 7) == [("0",) * 7]
    assert splits("007", [INTEGER] * 2) == []


@given(st.lists(st.integers(min_value=0, max_value=999), min_size=1, max_size=5))
def test_the_true_split_is_always_among_the_candidates(numbers):
    text = "".join(str(n) for n in numbers)
    assert tuple(str(n) for n in numbers) in splits(text, [INTEGER] * len(numbers))


def test_a_row_split_fixed_by_its_own_total_marks_only_the_row_identity():
    table = recover_table(T3, _cells("申请人情况自然人总计一、本年新收政府信息公开申请数量200", "000121",
                                     "二、上年结转政府信息公开申请数量0000000"), IDENTITIES)
    assert [table.cell("new", c).value.text for c in T3.rows[0].columns] == ["20", "0", "0", "0", "0", "1", "21"]
    assert table.cell("new", "natural").recovered
    assert table.unassessable == {"ID-T3-ROWSUM"}
    assert table.unreadable is None
    assert table.rows["carried_in"].how == "exact"


def test_a_split_that_needs_no_identity_relies_on_none():
    table = recover_table(T3, _cells("一、本年新收政府信息公开申请数量6000017"), IDENTITIES)
    assert table.cell("new", "total").value.text == "7"
    assert table.unassessable == set()


def test_an_ambiguous_row_makes_the_table_unreadable_instead_of_a_guess():
    table = recover_table(T3, _cells("（一）予以公开270020130"), IDENTITIES)  # 27,0,0,2,0,1,30 or 2,7,0,0,20,1,30
    assert table.unreadable and "270020130" in table.unreadable
    assert table.cell("granted", "natural") is None


def test_without_identities_only_self_evident_splits_are_read():
    table = recover_table(T3, _cells("一、本年新收政府信息公开申请数量200 000121"))
    assert table.unreadable and table.cells == {}


def test_the_unlabelled_row_of_table_four_is_the_trailing_digits():
    table = recover_table(T4, _cells("行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计10203120001200000"), IDENTITIES)
    values = [table.cell("counts", c).value.text for c in T4.rows[0].columns]
    assert values == ["1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"]
    assert table.unassessable == {"ID-T4-SUMS"}


def test_run_together_is_detected_only_when_a_label_runs_into_digits():
    assert is_run_together(_cells("（六）其他处理0"), T3)
    assert not is_run_together(_cells("（六）其他处理", "0", "0"), T3)


def test_part_headings_are_cut_out_of_run_together_table_text():
    block = Block("table", rows=((Cell("政府集中采购6三、收到和处理政府信息公开申请情况申请人情况", line=3),),))
    out = split_glued_headings((block,), S2021)
    assert [b.type for b in out] == ["table", "heading", "table"]
    assert out[1].text == "三、收到和处理政府信息公开申请情况"


def test_a_heading_glued_to_body_text_is_a_heading_only_with_its_own_numeral_and_wording():
    overview = S2021.part("overview")
    assert glued_heading("一、总体情况2020年，我区以习近平新时代中国特色社会主义思想为指导，深入贯彻" * 2, overview)
    assert match_heading("二、总体情况2020年，我区以习近平新时代中国特色社会主义思想为指导，深入贯彻" * 2, overview) is None
    assert match_heading("本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六个部分" * 2, overview) is None


@pytest.mark.parametrize("numbers", [("3", "1", "0", "4")])
def test_a_crawler_report_binds_parts_and_recovered_cells_end_to_end(numbers):
    text = ("一、总体情况2021年，本机关认真贯彻落实条例，主动公开各类信息，依法办理政府信息公开申请，"
            "切实保障人民群众的知情权、参与权和监督权。")
    blocks = (
        Block("paragraph", text=text, line=1),
        Block("heading", text="二、主动公开政府信息情况", line=2),
        Block("table", rows=((Cell("规章000行政规范性文件123", line=3),),
                             (Cell("三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量3000003", line=3),))),
        Block("heading", text="四、政府信息公开行政复议、行政诉讼情况", line=4),
        Block("heading", text="五、存在的主要问题及改进情况", line=5),
        Block("heading", text="六、其他需要报告的事项", line=6),
    )
    bound = bind(Report(meta=Meta(title="某局2021年政府信息公开工作年度报告"), blocks=blocks), RULESET.structures,
                 identities=IDENTITIES)
    assert all(p.found for p in bound.parts.values())
    assert bound.parts["overview"].heading == "一、总体情况"
    assert bound.parts["overview"].paragraphs[0].text.startswith("2021年")
    assert bound.tables["t2"].cell("normative", "issued").value.text == "1"
    assert bound.tables["t3"].cell("new", "total").value.text == "3"
