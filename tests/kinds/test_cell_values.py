"""cell_values: signs, units, dashes and decimals in count cells; blanks once per column."""

from __future__ import annotations


def test_the_clean_base_has_no_bad_or_blank_cell(run_rule) -> None:
    assert run_rule("CELL-NUMERIC") == [] and run_rule("CELL-BLANK") == []


def test_a_sign_and_a_unit_are_reported_at_their_cells(run_rule) -> None:
    found = run_rule("CELL-NUMERIC", {"cells": {"t3/new/natural": "+3", "t2/fees/amount": "5万元"}})
    where = {(v.location.table, v.location.row, v.location.column): v.evidence["problem"] for v in found}
    assert where == {("t3", "new", "natural"): "signed", ("t2", "fees", "amount"): "unit"}
    assert next(v for v in found if v.location.table == "t3").values["problem"].zh == "带正负号"


def test_blanks_are_reported_once_per_column_listing_the_rows(run_rule) -> None:
    [violation] = run_rule("CELL-BLANK", {"cells": {"t3/new/commercial": "", "t3/granted/commercial": ""}})
    assert (violation.location.table, violation.location.column, violation.location.row) == ("t3", "commercial", None)
    assert violation.evidence["blank_rows"] == ["new", "granted"] and violation.values["count"] == 2


def test_blanks_in_the_single_row_of_table_4_are_one_finding_listing_the_columns(run_rule) -> None:
    blank = {"t4/counts/review_upheld": "", "t4/counts/direct_upheld": "", "t4/counts/after_total": ""}
    [violation] = run_rule("CELL-BLANK", {"cells": blank})
    assert (violation.location.table, violation.location.row, violation.location.column) == ("t4", "counts", None)
    assert violation.evidence == {"blank_columns": ["review_upheld", "direct_upheld", "after_total"]}
    assert violation.values["count"] == 3 and violation.values["where"].zh == "数据行"
    # 结果维持 stands under three headers; the message says which
    assert violation.values["cells"] == "行政复议·结果维持、行政诉讼·未经复议直接起诉·结果维持、行政诉讼·复议后起诉·总计"


def test_a_single_blank_in_table_4_is_located_at_its_cell(run_rule) -> None:
    [violation] = run_rule("CELL-BLANK", {"cells": {"t4/counts/review_total": ""}})
    assert (violation.location.row, violation.location.column) == ("counts", "review_total")


def test_the_messages_name_the_column_or_the_row(ruleset) -> None:
    from checker.engine import evaluate
    from checker.examples import build

    def messages(given: dict, lang: str) -> list[str]:
        return [f.message for f in evaluate(build(ruleset, given), ruleset, lang=lang).findings
                if f.rule == "CELL-BLANK"]

    column = {"cells": {"t3/new/commercial": "", "t3/granted/commercial": ""}}
    assert messages(column, "en") == ["Table 3: applications received and handled, column 商业企业: 2 blank cell(s): "
                                      "一、本年新收政府信息公开申请数量、（一）予以公开"]
    assert messages(column, "zh") == ["表三 收到和处理政府信息公开申请情况“商业企业”栏有2个空格："
                                      "一、本年新收政府信息公开申请数量、（一）予以公开"]
    row = {"cells": {"t4/counts/review_upheld": "", "t4/counts/after_total": ""}}
    assert messages(row, "zh") == ["表四 政府信息公开行政复议、行政诉讼情况数据行有2个空格：行政复议·结果维持、行政诉讼·复议后起诉·总计"]
    assert messages(row, "en")[0].startswith("Table 4: administrative review and litigation, the data row: 2 blank")
