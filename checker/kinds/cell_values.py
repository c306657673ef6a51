"""cell_values — each value cell holds what the format expects.

What it checks, in `tables`, for the problems listed in `report`:
- `invalid`: text, a sign ("+3", "--253") or a unit ("103.3879万元") in a count cell;
- `dash`: "/", "—" or "-" where a number belongs (not the same as 0, nor a blank);
- `fraction`: decimals in a count cell (only 万元 amounts may have them);
- `blank`: an empty cell instead of 0 — reported once per table column, listing the rows (`where` names the
  column, `cells` the rows); in a table of one data row (表四) once for that row, `cells` listing its
  columns with their upper header (行政复议·结果维持).
Why: counts are non-negative integers and 行政事业性收费 is in 万元 (表二 header; regulation
§3.4.4); blank is not zero, and readers of the report cannot tell them apart.
Placeholders: text, problem, rows, count, where, cells.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.kinds._base import (Bilingual, Context, Violation, cell_key, cell_location, per_template, spec_column,
                                 spec_row)
from checker.structure import TableSpec

KIND = "cell_values"
PLACEHOLDERS = frozenset({"text", "problem", "rows", "count", "where", "cells"})
REFERENCES = {"tables[]": "table"}  # names checked by `reportlint rules lint`

_PROBLEMS = {
    "signed": ("带正负号", "a sign"),
    "unit": ("带单位", "a unit"),
    "text": ("不是数字", "not a number"),
    "dash": ("用了“/”或“—”代替数字", "a dash instead of a number"),
    "fraction": ("计数不应有小数", "decimals in a count"),
}


def _problem(cell: Any, decimals: bool, signed: bool) -> str | None:
    value = cell.value
    if value.state == "invalid":
        if value.reason == "signed" and signed:
            return None
        return value.reason or "text"
    if value.state == "dash":
        return "dash"
    if value.state == "number" and not decimals and value.value != value.value.to_integral_value():
        return "fraction"
    return None


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    wanted = set(params["report"])
    for table in ctx.tables(params["tables"]):
        problems, blanks = _walk(ctx, table)
        for cell, row_id, column_id, problem in problems:
            kind = "invalid" if problem in ("signed", "unit", "text") else problem
            if kind in wanted:
                zh, en = _PROBLEMS[problem]
                yield Violation(
                    cell_location(table, cell, row_id, column_id),
                    {"text": cell.value.text, "problem": Bilingual(zh, en)},
                    {"text": cell.value.text, "problem": problem},
                )
        if "blank" in wanted:
            yield from _blanks(ctx, table, blanks)


def _walk(ctx: Context, table: Any) -> tuple[list[tuple[Any, str, str, str]], dict[str, list[str]]]:
    """The table's problem cells in slot order and its blank rows by column: one walk of the cells per
    run, shared by the rules of this kind (blanks and the other problems are two rules)."""
    key = (KIND, id(table))
    found = ctx.shared.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    # A number written in decimal digits alone is whole (its normal form is digits too): str.isdecimal answers
    # it for nearly every count, before the Decimal is rounded to compare.
    problems: list[tuple[Any, str, str, str]] = []
    blanks: dict[str, list[str]] = {}
    cells = table.cells
    for key_, row_id, column_id, decimals, signed in _layout(table.spec):
        cell = cells.get(key_)
        if cell is None:
            continue
        value = cell.value
        state = value.state
        if state == "blank":
            blanks.setdefault(column_id, []).append(row_id)
            continue
        if state == "number" and (decimals or value.text.isdecimal() or value.value == value.value.to_integral_value()):
            continue  # a plain count (or an amount): nothing to report, the common case
        problem = _problem(cell, decimals, signed)
        if problem:
            problems.append((cell, row_id, column_id, problem))
    found = ctx.shared[key] = (problems, blanks)
    return found


Slot = tuple[tuple[str, str], str, str, bool, bool]  # ((row, column), row, column, decimals allowed, sign allowed)


def _layout(spec: TableSpec) -> tuple[Slot, ...]:
    """Every slot of the template in row order, built once per template instead of per rule, table and report."""
    return per_template(spec, KIND, _slots)  # type: ignore[no-any-return]


def _slots(spec: TableSpec) -> tuple[Slot, ...]:
    signed = {c.id for c in spec.columns if c.signed}
    return tuple((key, key[0], key[1], row.decimals, key[1] in signed)
                 for row in spec.rows for key in (cell_key(spec, row.id, column_id) for column_id in row.columns))


def _blanks(ctx: Context, table: Any, blanks: dict[str, list[str]]) -> Iterator[Violation]:
    """One finding per column listing its blank rows; in a table of one data row (表四) one finding for
    that row listing its blank columns, since fifteen findings for one empty row bury the rest."""
    if len(table.spec.rows) == 1 and blanks:
        row = table.spec.rows[0]
        columns = list(blanks)
        labels = [spec_column(table.spec, c).display for c in columns]
        where = Bilingual(f"“{row.label}”行", f"row {row.label}") if row.label else Bilingual("数据行", "the data row")
        only = columns[0] if len(columns) == 1 else None
        location = cell_location(table, table.cell(row.id, columns[0]), row.id, only)
        yield Violation(location, {"where": where, "cells": _listed(labels), "rows": row.label or row.id,
                                   "count": len(columns)}, {"blank_columns": columns})
        return
    for column_id, rows in blanks.items():
        labels = [spec_row(table.spec, r).label or r for r in rows]
        column_label = spec_column(table.spec, column_id).label
        location = cell_location(table, table.cell(rows[0], column_id), rows[0] if len(rows) == 1 else None, column_id)
        yield Violation(
            location,
            {"where": Bilingual(f"“{column_label}”栏", f"column {column_label}"), "cells": _listed(labels),
             "rows": _listed(labels), "count": len(rows)},
            {"blank_rows": rows},
        )


def _listed(labels: list[str]) -> str:
    return "、".join(labels[:5]) + ("…" if len(labels) > 5 else "")
