"""linear_identity — sums that must balance in a table, for every column or every row.

What it checks: for each identity {left: [...], right: [...]}, Σ left = Σ right (within
`tolerance`), evaluated `each: column` (the identity holds down every column listed in
`columns`, default all) or `each: row` (across every row in `rows`, default all rows whose
template has those columns). Names are row ids for `each: column`, column ids for `each:
row`; `@group` expands a group of the structure. Blank operands count as 0 where the table
writes no zeros (001 leaves every zero blank) but are missing numbers where it does (012's
blank 结转 总计); CELL-BLANK reports them either way. A wholly blank side, a blank in a table
that writes its zeros, or text in an operand leaves that column or row to the cell rules
rather than failing it twice.
Why: the printed 勾稽关系 of 表三 (第一项加第二项之和，等于第三项加第四项之和) and the
structural totals implied by the table design (regulation.md §7.1–7.2).
Placeholders: left, right, difference, left_terms, right_terms, tolerance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from checker.bound import BoundCell, BoundTable
from checker.kinds._base import (ZERO, Context, NotAssessable, Violation, cell_key, cell_location, fmt_number, operand,
                                 per_params, spec_column, spec_row)

KIND = "linear_identity"
PLACEHOLDERS = frozenset({"left", "right", "difference", "left_terms", "right_terms", "tolerance"})


def _operands(params: dict[str, Any]) -> str:
    return "row" if params.get("each") == "column" else "column"


# Names checked by `reportlint rules lint`: identity operands are rows when each: column.
REFERENCES = {"table": "table", "rows[]": "row", "columns[]": "column",
              "identities[].left[]": _operands, "identities[].right[]": _operands}


def _side(cells: dict[tuple[str, str], BoundCell], found_rows: Any,
          keys: list[tuple[str, str]]) -> tuple[Decimal, bool, bool] | None:
    """(sum, every operand blank or absent, some operand blank) of one side of an identity; blanks and
    absent cells count as 0. None when an operand's row was not found or an operand holds text:
    the line is not assessed (one pass instead of one per condition, the identities run on every
    row or column of a table)."""
    total = ZERO
    all_blank, any_blank = True, False
    for key in keys:
        cell = cells.get(key)
        if cell is None:
            if key[0] not in found_rows:
                return None
            continue
        value = cell.value
        if value.state == "blank":
            any_blank = True
        elif value.state == "number":
            all_blank = False
            total += value.value  # type: ignore[operator]
        else:
            return None
    return total, all_blank, any_blank


def _terms(table: BoundTable, cells: list[tuple[str, str]], by_row: bool) -> str:
    spec = table.spec
    names = [spec_column(spec, c).label if by_row else (spec_row(spec, r).label or r) for r, c in cells]
    return " + ".join(names)


def _lines(table: BoundTable, each: str, params: dict[str, Any]) -> list[str]:
    spec = table.spec
    if each == "column":
        return list(spec.expand(params.get("columns", [c.id for c in spec.columns])))
    names = set()
    for identity in params["identities"]:
        names.update(spec.expand(identity["left"]) + spec.expand(identity["right"]))
    default = [r.id for r in spec.rows if names <= set(r.columns)]
    return list(spec.expand(params.get("rows", default)))


Plan = tuple[tuple[list[tuple[str, str]], list[tuple[str, str]]], ...]  # (left keys, right keys) in check order


def _plan(table: BoundTable, params: dict[str, Any]) -> Plan:
    """Every identity on every line of the template as operand keys, in the order the rule checks them."""
    spec = table.spec
    by_row = params["each"] == "row"
    identities = [(spec.expand(i["left"]), spec.expand(i["right"])) for i in params["identities"]]
    plan = []
    for line in _lines(table, params["each"], params):
        for left_names, right_names in identities:
            if by_row:
                plan.append(([cell_key(spec, line, c) for c in left_names],
                             [cell_key(spec, line, c) for c in right_names]))
            else:
                plan.append(([cell_key(spec, r, line) for r in left_names],
                             [cell_key(spec, r, line) for r in right_names]))
    return tuple(plan)


def _numbers(ctx: Context, table: BoundTable) -> tuple[dict[tuple[str, str], Decimal], bool]:
    """The table's number cells by key, and whether it writes its zeros as 0: one walk of its cells per run,
    shared by the several identity rules of a table (an identity's operands are nearly always numbers, and a
    side of numbers alone is summed from these without reading each cell's state)."""
    key = ("identity numbers", id(table))
    found = ctx.shared.get(key)
    if found is None:
        numbers = {}
        for cell_key_, cell in table.cells.items():
            value = cell.value
            if value.state == "number":
                numbers[cell_key_] = value.value
        found = ctx.shared[key] = (numbers, any(value == 0 for value in numbers.values()))
    return found  # type: ignore[no-any-return]


def _sum_of_numbers(keys: Sequence[tuple[str, str]], number: Callable[[tuple[str, str]], Decimal | None]) -> Decimal | None:
    """The sum of the operands `keys` when each is a number cell (`number`: its value or None), else None;
    None for no operands too (an empty side goes through `_side`)."""
    if not keys:
        return None
    total = ZERO
    for key in keys:
        value = number(key)
        if value is None:
            return None
        total += value
    return total


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    table = ctx.table(params["table"])
    if ctx.rule_id in table.unassessable:
        raise NotAssessable("the numbers of this table were recovered using this identity", cause="table_present",
                            zh="该表数字是借助本勾稽关系从粘连文本中恢复的，无法再用它检验")
    tolerance = Decimal(str(params.get("tolerance", 0)))
    by_row = params["each"] == "row"
    numbers, writes_zeros = _numbers(ctx, table)
    number = numbers.get
    cells, found_rows = table.cells, table.rows
    for left, right in per_params(table.spec, params, KIND, lambda: _plan(table, params)):
        # Both sides' operands all numbers, the common case: their sums, as _side would give them.
        left_sum = _sum_of_numbers(left, number)
        right_sum = _sum_of_numbers(right, number) if left_sum is not None else None
        if left_sum is None or right_sum is None:  # an empty side, or a blank, text or missing operand
            left_side, right_side = _side(cells, found_rows, left), _side(cells, found_rows, right)
            if left_side is None or right_side is None:
                continue  # a row the binder did not find (table_labels reports it), or text in an operand
            (left_sum, left_blank, blank_in_left), (right_sum, right_blank, blank_in_right) = left_side, right_side
            if left_blank or right_blank:
                continue  # one side left wholly blank: cell rules report it
            if writes_zeros and (blank_in_left or blank_in_right):
                continue  # zeros are written as 0 here, so a blank is a missing number, not a zero (012)
        difference = left_sum - right_sum
        if abs(difference) <= tolerance:
            continue
        anchor_row, anchor_column = left[0]
        location = cell_location(
            table, table.cell(anchor_row, anchor_column),
            anchor_row if by_row else None, anchor_column if not by_row else None,
        )
        if not by_row and len(left) == 1:
            location = cell_location(table, table.cell(anchor_row, anchor_column), anchor_row, anchor_column)
        yield Violation(
            location,
            {
                "left": fmt_number(left_sum),
                "right": fmt_number(right_sum),
                "difference": fmt_number(difference),
                "left_terms": _terms(table, left, by_row),
                "right_terms": _terms(table, right, by_row),
                "tolerance": fmt_number(tolerance),
            },
            {
                "left": {"sum": fmt_number(left_sum), "operands": [operand(table, r, c) for r, c in left]},
                "right": {"sum": fmt_number(right_sum), "operands": [operand(table, r, c) for r, c in right]},
                "difference": fmt_number(difference),
                "tolerance": fmt_number(tolerance),
            },
        )
