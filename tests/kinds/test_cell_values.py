"""cell_values: signs, units, dashes and decimals in count cells; blanks once per column."""

from __future__ import annotations


def test_the_clean_base_has_no_bad_or_blank_cell(run_rule) -> None:
    assert run_rule("CELL-NUMERIC") == [] and run_rule("CELL-BLANK") == []


def test_a_sign_and_a_unit_are_reported_at_their_cells(run_rule) -> None:
    found = run_rule("CELL-NUMERIC", {"cells": {"t3/new/natural": "+3", "t2/fees/amount": "5万元"}})
    where = {(v.location.table, v.location.row, v.location.column): v.evidence["problem"] for v in found}
    assert where == {("t3", "new", "natural"): "signed", ("t2", "fees", "amount"): "unit"}
    assert next(v for v in found if v.location.table == "t3").values["problem"] == "带正负号"


def test_blanks_are_reported_once_per_column_listing_the_rows(run_rule) -> None:
    [violation] = run_rule("CELL-BLANK", {"cells": {"t3/new/commercial": "", "t3/granted/commercial": ""}})
    assert (violation.location.table, violation.location.column, violation.location.row) == ("t3", "commercial", None)
    assert violation.evidence["blank_rows"] == ["new", "granted"] and violation.values["count"] == 2
