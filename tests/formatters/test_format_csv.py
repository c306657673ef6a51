"""CSV: BOM for Excel, one row per active finding, formula injection neutralised."""

from __future__ import annotations

import csv
import io

import pytest

from checker.formatters.csv import neutralise


def test_bom_header_and_rows(render):
    text = render("csv")
    assert text.startswith("\ufeff来源,机关,")
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert len(rows) == 1 + 6 + 1  # header, active findings, the unreadable report
    balance = next(r for r in rows if r[3] == "T3-BALANCE")
    assert balance[5:11] == ["applications", "表三", "一、本年新收政府信息公开申请数量", "自然人", "120", ""]
    assert all("\x1b" not in cell for row in rows for cell in row)
    assert render("csv", lang="en").startswith("\ufeffsource,agency,year,rule,severity,")


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"])
def test_dangerous_cells_are_prefixed(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["表三", "a=b", "", 120])
def test_harmless_cells_pass(cell):
    assert neutralise(cell) == cell


def test_injection_in_report_text_is_neutralised(results, catalog):
    import dataclasses

    from checker.formatters import csv as csv_format

    first = results[0]
    evil = dataclasses.replace(first.findings[0], messages={}, message="=cmd|'/c calc'!A1")
    text = csv_format.render([dataclasses.replace(first, findings=(evil,), source="@evil.html")], catalog)
    row = list(csv.reader(io.StringIO(text[1:])))[1]
    assert row[0] == "'@evil.html" and row[11] == "'=cmd|'/c calc'!A1"
