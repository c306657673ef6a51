"""table_present: tables 二, 三, 四 found; a missing one makes the rules that need it not assessable."""

from __future__ import annotations

import pytest

from checker.kinds._base import NotAssessable


def test_all_tables_present_pass(run_rule) -> None:
    assert run_rule("TBL-PRESENT") == []


def test_a_removed_table_is_reported_once_and_its_identities_are_not_assessed(run_rule) -> None:
    [violation] = run_rule("TBL-PRESENT", {"remove_tables": ["t4"]})
    assert (violation.location.table, violation.location.part) == ("t4", "review_litigation")
    assert violation.evidence == {"state": "missing"}
    with pytest.raises(NotAssessable) as info:
        run_rule("ID-T4-SUMS", {"remove_tables": ["t4"]})
    assert info.value.cause == "table_present"
