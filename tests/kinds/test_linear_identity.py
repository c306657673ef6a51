"""linear_identity: Σ left = Σ right down every column or across every row (see also the property tests)."""

from __future__ import annotations


def test_the_clean_base_balances(run_rule) -> None:
    for rule_id in ("ID-T3-BALANCE", "ID-T3-ROWSUM", "ID-T3-RESULTSUM", "ID-T4-SUMS"):
        assert run_rule(rule_id) == [], rule_id


def test_an_unbalanced_column_is_reported_with_the_difference(run_rule) -> None:
    [violation] = run_rule("ID-T3-BALANCE", {"cells": {"t3/new/natural": 3}})
    assert (violation.location.table, violation.location.column) == ("t3", "natural")
    assert (violation.values["left"], violation.values["right"], violation.values["difference"]) == ("3", "2", "1")
    assert [o["row"] for o in violation.evidence["left"]["operands"]] == ["new", "carried_in"]


def test_text_in_an_operand_is_left_to_the_cell_rules(run_rule) -> None:
    assert run_rule("ID-T3-BALANCE", {"cells": {"t3/new/natural": "三"}}) == []
