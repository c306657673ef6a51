"""parts_present: each of the six parts is found by its heading."""

from __future__ import annotations


def test_all_six_parts_pass(run_rule) -> None:
    assert run_rule("SEC-PRESENT") == []


def test_a_removed_part_is_reported_by_number_and_heading(run_rule) -> None:
    [violation] = run_rule("SEC-PRESENT", {"remove_parts": ["other"]})
    assert violation.location.part == "other"
    assert (violation.values["number"], violation.values["heading"]) == ("六", "其他需要报告的事项")
