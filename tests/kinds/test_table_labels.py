"""table_labels: template rows missing from a table are reported once, listing them."""

from __future__ import annotations


def test_every_row_present_passes(run_rule) -> None:
    assert run_rule("TBL-ROWS") == [] and run_rule("TBL-LABELS") == []


def test_a_deleted_row_is_reported_at_its_table(run_rule) -> None:
    [violation] = run_rule("TBL-ROWS", {"rows": {"t3/refused_secret": ""}})
    assert (violation.location.table, violation.location.part) == ("t3", "applications")
    assert violation.evidence["missing_rows"] == ["refused_secret"]
    assert violation.values["rows"] == "1.属于国家秘密" and violation.values["count"] == 1
