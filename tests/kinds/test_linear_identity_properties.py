"""Properties of linear_identity on table 三, with generated balanced tables.

A table generated to satisfy the printed and structural identities (一+二 = （七）+四 per
column; （七） = Σ result rows; 总计 = Σ applicant columns) must yield nothing (soundness);
changing one cell must be found with the exact difference, at a location whose column or
row holds the changed cell (detection); a difference at the tolerance passes and one past
it fails (boundary); the order of the terms does not matter (permutation invariance); and
1234, 1,234 and full-width １２３４ are the same number (representation invariance).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import given, strategies as st

from checker.examples import build
from checker.kinds import linear_identity
from checker.kinds._base import Context
from checker.ruleset import load_ruleset
from checker.values import parse_cell

RULESET = load_ruleset()
RULES = {r.id: r for r in RULESET.rules if r.id in ("ID-T3-BALANCE", "ID-T3-RESULTSUM", "ID-T3-ROWSUM")}
SPEC = RULESET.structures["2021"].table("t3")
APPLICANTS = list(SPEC.groups["applicants"])
RESULTS = list(SPEC.groups["results"])


@st.composite
def balanced_tables(draw) -> dict[tuple[str, str], int]:
    """Every row × applicant column drawn; results and totals derived so that all identities hold."""
    cells: dict[tuple[str, str], int] = {}
    for column in APPLICANTS:
        for row in RESULTS:
            cells[(row, column)] = draw(st.integers(min_value=0, max_value=400))
        cells[("result_total", column)] = sum(cells[(r, column)] for r in RESULTS)
        cells[("carried_over", column)] = draw(st.integers(min_value=0, max_value=50))
        cells[("carried_in", column)] = draw(st.integers(min_value=0, max_value=cells[("result_total", column)]
                                                          + cells[("carried_over", column)]))
        cells[("new", column)] = cells[("result_total", column)] + cells[("carried_over", column)] \
            - cells[("carried_in", column)]
    for row in {r for r, _ in cells}:
        cells[(row, "total")] = sum(cells[(row, c)] for c in APPLICANTS)
    return cells


BOUND = build(RULESET, None)  # one bound report; every test writes all 25 × 7 cells of 表三


def bound_with(cells: dict[tuple[str, str], int | str]):
    assert len(cells) == len(SPEC.rows) * len(SPEC.columns)
    bound = BOUND
    table = bound.tables["t3"]
    for (row, column), value in cells.items():
        table.cells[(row, column)] = dataclasses.replace(table.cells[(row, column)], value=parse_cell(str(value)))
    return bound


def violations(bound, rule_id: str, params: dict | None = None) -> list:
    rule = RULES[rule_id]
    context = Context(bound=bound, rule_id=rule_id)
    return list(linear_identity.check(context, params or rule.params))


@given(balanced_tables())
def test_balanced_tables_yield_nothing(cells) -> None:
    bound = bound_with(cells)
    for rule_id in RULES:
        assert violations(bound, rule_id) == [], rule_id


@given(balanced_tables(), st.sampled_from(sorted(
    (r.id, c.id) for r in SPEC.rows for c in SPEC.columns)), st.integers(min_value=-30, max_value=30).filter(bool))
def test_one_changed_cell_is_found_with_the_exact_difference_where_it_is(cells, cell, delta) -> None:
    row, column = cell
    changed = dict(cells)
    changed[cell] = max(0, cells[cell] + delta)
    actual = changed[cell] - cells[cell]
    if actual == 0:
        return
    bound = bound_with(changed)
    found = [(rule_id, v) for rule_id in RULES for v in violations(bound, rule_id)]
    assert found, f"changing {cell} by {actual} went unnoticed"
    for rule_id, v in found:
        assert v.location.column == column or v.location.row == row, (rule_id, v.location)
        assert abs(Decimal(v.values["difference"])) == abs(actual), (rule_id, v.values)


@given(balanced_tables(), st.sampled_from(APPLICANTS + ["total"]), st.integers(min_value=0, max_value=5))
def test_tolerance_is_inclusive(cells, column, tolerance) -> None:
    changed = dict(cells)
    changed[("new", column)] = cells[("new", column)] + tolerance
    bound = bound_with(changed)
    params = RULES["ID-T3-BALANCE"].params | {"tolerance": tolerance, "columns": [column]}
    assert violations(bound, "ID-T3-BALANCE", params) == []
    changed[("new", column)] += 1
    [violation] = violations(bound_with(changed), "ID-T3-BALANCE", params)
    assert violation.values["difference"] == str(tolerance + 1)


@given(balanced_tables(), st.sampled_from(APPLICANTS), st.integers(min_value=1, max_value=9), st.randoms())
def test_the_order_of_terms_does_not_matter(cells, column, delta, rnd) -> None:
    changed = dict(cells)
    changed[("granted", column)] = cells[("granted", column)] + delta
    bound = bound_with(changed)
    params = RULES["ID-T3-RESULTSUM"].params
    identity = params["identities"][0]
    right = list(SPEC.expand(identity["right"]))
    rnd.shuffle(right)
    shuffled = params | {"identities": [{"left": identity["left"], "right": right}]}
    expected = [(v.location.column, v.values["difference"]) for v in violations(bound, "ID-T3-RESULTSUM")]
    assert [(v.location.column, v.values["difference"]) for v in violations(bound, "ID-T3-RESULTSUM", shuffled)] \
        == expected == [(column, str(-delta))]


def _full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if ch.isdigit() else ch for ch in text)


@given(balanced_tables(), st.sampled_from(["plain", "grouped", "full_width"]))
def test_representation_of_numbers_does_not_matter(cells, style) -> None:
    def write(n: int) -> str:
        if style == "grouped":
            return f"{n:,}"
        return _full_width(str(n)) if style == "full_width" else str(n)

    big = {k: v * 1001 for k, v in cells.items()}  # scaling keeps the identities; values ≥ 1001 are grouped
    bound = bound_with({k: write(v) for k, v in big.items()})
    for rule_id in RULES:
        assert violations(bound, rule_id) == [], (rule_id, style)
    off = dict(big)
    off[("new", "natural")] += 1
    bound = bound_with({k: write(v) for k, v in off.items()})
    [violation] = violations(bound, "ID-T3-BALANCE")
    assert (violation.location.column, violation.values["difference"]) == ("natural", "1")


def test_a_rules_plan_is_rebuilt_when_its_parameters_change() -> None:
    """The operand plan is kept per template and parameters: edited parameters are a new plan."""
    from checker.kinds._base import per_params

    params = {"each": "row", "identities": [{"left": ["total"], "right": ["@applicants"]}]}
    first = per_params(SPEC, params, "test", lambda: "first")
    assert per_params(SPEC, params, "test", lambda: "second") == "first"
    params["identities"][0]["left"] = ["natural"]
    assert per_params(SPEC, params, "test", lambda: "third") == "third" != first
