"""linear_identity's sums from the table's number cells (`_numbers`) give exactly the findings of the per-side
walk it replaced (`_side` on every line, `_writes_zeros` over the cells): the old loop is kept here verbatim."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.examples import build
from checker.kinds import linear_identity
from checker.kinds._base import Context, NotAssessable, cell_location, fmt_number, operand, per_params
from checker.kinds.linear_identity import _plan, _side, _terms
from checker.ruleset import load_ruleset
from checker.values import parse_cell

RULESET = load_ruleset()
RULES = [r for r in RULESET.rules if r.kind == "linear_identity"]
BOUND = build(RULESET, None)
ORIGINAL = {t: dict(table.cells) for t, table in BOUND.tables.items()}
TEXTS = ["", "0", "7", "12", "3.5", "0.00", "-2", "abc", "/", "1,234", None]  # None: the cell is absent


def reference(ctx: Context, params: dict) -> list:
    """linear_identity.check before the fast path, verbatim but for _writes_zeros inlined."""
    table = ctx.table(params["table"])
    if ctx.rule_id in table.unassessable:
        raise NotAssessable("the numbers of this table were recovered using this identity", cause="table_present",
                            zh="该表数字是借助本勾稽关系从粘连文本中恢复的，无法再用它检验")
    tolerance = Decimal(str(params.get("tolerance", 0)))
    by_row = params["each"] == "row"
    writes_zeros = any(c.value.state == "number" and c.value.value == 0 for c in table.cells.values())
    cells, found_rows = table.cells, table.rows
    out = []
    for left, right in per_params(table.spec, params, "linear_identity", lambda: _plan(table, params)):
        left_side, right_side = _side(cells, found_rows, left), _side(cells, found_rows, right)
        if left_side is None or right_side is None:
            continue
        (left_sum, left_blank, blank_in_left), (right_sum, right_blank, blank_in_right) = left_side, right_side
        if left_blank or right_blank:
            continue
        if writes_zeros and (blank_in_left or blank_in_right):
            continue
        difference = left_sum - right_sum
        if abs(difference) <= tolerance:
            continue
        anchor_row, anchor_column = left[0]
        location = cell_location(table, table.cell(anchor_row, anchor_column),
                                 anchor_row if by_row else None, anchor_column if not by_row else None)
        if not by_row and len(left) == 1:
            location = cell_location(table, table.cell(anchor_row, anchor_column), anchor_row, anchor_column)
        out.append((location, {
            "left": fmt_number(left_sum), "right": fmt_number(right_sum), "difference": fmt_number(difference),
            "left_terms": _terms(table, left, by_row), "right_terms": _terms(table, right, by_row),
            "tolerance": fmt_number(tolerance)}, {
            "left": {"sum": fmt_number(left_sum), "operands": [operand(table, r, c) for r, c in left]},
            "right": {"sum": fmt_number(right_sum), "operands": [operand(table, r, c) for r, c in right]},
            "difference": fmt_number(difference), "tolerance": fmt_number(tolerance)}))
    return out


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_number_sums_find_what_the_side_walk_finds(data) -> None:
    for table_id, cells in ORIGINAL.items():
        table = BOUND.tables[table_id]
        table.cells = {}
        for key, cell in cells.items():
            text = data.draw(st.sampled_from(TEXTS + [cell.value.text] * 6))
            if text is not None:
                table.cells[key] = dataclasses.replace(cell, value=parse_cell(text))
    for rule in RULES:
        fast = list(linear_identity.check(Context(bound=BOUND, rule_id=rule.id, shared={}), rule.params))
        old = reference(Context(bound=BOUND, rule_id=rule.id, shared={}), rule.params)
        assert [(v.location, v.values, v.evidence) for v in fast] == old


def fmt_number_reference(value: Decimal | None) -> str:
    """_base.fmt_number before its shortcut for plain digits."""
    if value is None:
        return "—"
    return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=False),
                 st.integers(min_value=-10**30, max_value=10**30).map(Decimal),
                 st.from_regex(r"-?[0-9]{1,30}(\.[0-9]{0,6})?(E[+-]?[0-9])?", fullmatch=True).map(Decimal)))
def test_fmt_number_is_its_reference(value) -> None:
    from checker.kinds._base import fmt_number
    assert fmt_number(value) == fmt_number_reference(value)


def test_fmt_number_of_long_and_odd_numbers_is_its_reference() -> None:
    from checker.kinds._base import fmt_number
    for text in ["0", "-0", "7", "120", "1E+2", "1.0", "1.50", "0.000", "-12", "12.5", "9" * 17, "9" * 18, "9" * 19,
                 "1" + "0" * 27, "1" * 28, "1" * 29, "123456789012345678901234567890", "5E-3"]:
        assert fmt_number(Decimal(text)) == fmt_number_reference(Decimal(text)), text
