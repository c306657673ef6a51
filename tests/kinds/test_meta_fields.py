"""meta_fields: website metadata fields shown but left empty or as a bare placeholder."""

from __future__ import annotations


def test_filled_fields_pass(run_rule) -> None:
    assert run_rule("META-WEBSITE-FIELDS") == []


def test_a_placeholder_document_number_is_reported(run_rule) -> None:
    [violation] = run_rule("META-WEBSITE-FIELDS", {"meta": {"fields": {"文号": "〔〕号", "来源": ""}}})
    assert violation.location.line == 1
    assert violation.evidence["empty_fields"] == ["文号", "来源"] and violation.values["count"] == 2
