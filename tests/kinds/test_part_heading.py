"""part_heading: a found part whose heading has a typo, a lost or wrong numeral."""

from __future__ import annotations


def test_exact_headings_pass(run_rule) -> None:
    assert run_rule("SEC-HEADING-TYPO") == [] and run_rule("SEC-NUMBERING") == []


def test_a_typo_is_reported_at_the_heading(run_rule, ruleset) -> None:
    [violation] = run_rule("SEC-HEADING-TYPO", {"headings": {"problems": "五、存在的主要问题及改近情况"}})
    assert violation.location.part == "problems" and violation.location.line is not None
    assert violation.evidence == {"deviation": "typo", "found": "五、存在的主要问题及改近情况",
                                  "expected": "五、存在的主要问题及改进情况"}


def test_a_lost_numeral_is_a_numbering_finding_not_a_typo(run_rule) -> None:
    given = {"headings": {"problems": "存在的主要问题及改进情况"}}
    [violation] = run_rule("SEC-NUMBERING", given)
    assert violation.location.part == "problems" and violation.evidence["deviation"] == "numeral_missing"
    assert violation.values["expected_number"] == "五"
    assert run_rule("SEC-HEADING-TYPO", given) == []
