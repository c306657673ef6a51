"""previous_cells — a relation between cells of last year's report and cells of this one.

What it checks: Σ left (relation) Σ right, where each name is `this.<id>` or `prev.<id>` (a
row id for `each: column`, a column id for `each: row`) and the relation is `equal` or
`at_most`, for every column (or row) listed (default: all of the table in this report).
A difference within `tolerance` (absolute) or `relative_tolerance` (a fraction of Σ right,
whichever is larger) passes; with `limit` / `relative_limit`, differences above that bound
are left to another rule, so "small" and "large" can carry different severities.
Blank sides and text operands are skipped (CELL-BLANK / CELL-NUMERIC report them). A name
the previous report's edition does not have (the 2019 trial table 2 has no 现行有效件数)
makes the rule not assessable rather than compared with a different quantity.
Why: the cross-year identities of regulation.md §7.3 (X1 carry-over, X2 现行有效 continuity).
Placeholders: left, right, difference, left_terms, right_terms, tolerance, previous_year.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from checker.bound import BoundTable
from checker.kinds._base import (Context, NotAssessable, Violation, cell_location, fmt_number, has_column, has_row,
                                 operand, spec_column, spec_row, sum_cells)
from checker.kinds._previous import previous_report, previous_table

KIND = "previous_cells"
PLACEHOLDERS = frozenset({"left", "right", "difference", "left_terms", "right_terms", "tolerance", "previous_year"})
# Names checked by `reportlint rules lint`; left/right are rows for `each: column`, columns for `each: row`
# (their this./prev. prefix is understood there: a prev. name may come from another edition).
def _operands(params: dict[str, Any]) -> str:
    return "column" if params.get("each") == "row" else "row"


REFERENCES = {"table": "table", "rows[]": "row", "columns[]": "column", "left[]": _operands, "right[]": _operands}

Term = tuple[str, str]  # ("this" | "prev", row-or-column id)


def _terms(names: list[str]) -> list[Term]:
    return [(n.split(".", 1)[0], n.split(".", 1)[1]) for n in names]


def _require(table: BoundTable, terms: list[Term], side: str, by_row: bool, edition: str) -> None:
    """Every name must exist in the table of its report's edition."""
    spec = table.spec
    for who, name in terms:
        if who != side:
            continue
        if not (has_column(spec, name) if by_row else has_row(spec, name)):
            whose, whose_zh = ("the previous report", "上年报告") if side == "prev" else ("this report", "本年报告")
            raise NotAssessable(
                f"{whose} uses the {edition} format, whose {spec.title['en']} has no {name!r}; "
                "the years cannot be compared on it",
                zh=f"{whose_zh}使用{edition}年格式，其{spec.title['zh']}没有“{name}”项，无法跨年度比较",
            )


def _sum(tables: dict[str, BoundTable], cells: list[tuple[str, str, str]]) -> tuple[Decimal | None, bool]:
    return sum_cells([tables[who].cells.get((row, column)) for who, row, column in cells])  # .cell(), inline


def _band(absolute: Any, relative: Any) -> tuple[Decimal, Decimal]:
    """A rule's (absolute, relative) bound as decimals, made once per rule run instead of per line."""
    return Decimal(str(absolute or 0)), Decimal(str(relative or 0))


def _bound(band: tuple[Decimal, Decimal], right: Decimal) -> Decimal:
    return max(band[0], band[1] * abs(right))


def _label(tables: dict[str, BoundTable], who: str, row: str, column: str, by_row: bool) -> str:
    spec = tables[who].spec
    name = spec_column(spec, column).label if by_row else (spec_row(spec, row).label or row)
    return f"上年“{name}”" if who == "prev" else f"本年“{name}”"


def _evidence(tables: dict[str, BoundTable], cells: list[tuple[str, str, str]], total: Decimal) -> dict[str, Any]:
    operands = [{"report": "previous" if who == "prev" else "this", **operand(tables[who], r, c)} for who, r, c in cells]
    return {"sum": fmt_number(total), "operands": operands}


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    previous = previous_report(ctx)
    tables = {"this": ctx.table(params["table"]), "prev": previous_table(previous, params["table"])}
    by_row = params["each"] == "row"
    left_terms, right_terms = _terms(params["left"]), _terms(params["right"])
    for side, report in (("this", ctx.bound), ("prev", previous)):
        _require(tables[side], left_terms + right_terms, side, by_row, report.edition)
    spec = tables["this"].spec
    if by_row:
        lines = params.get("rows") or [r.id for r in spec.rows]
    else:
        lines = params.get("columns") or [c.id for c in spec.columns]
    at_most = params.get("relation", "equal") == "at_most"
    tolerance_band = _band(params.get("tolerance"), params.get("relative_tolerance"))
    limited = "limit" in params or "relative_limit" in params
    limit_band = _band(params.get("limit"), params.get("relative_limit")) if limited else None
    for line in spec.expand(lines):
        def cells(terms: list[Term]) -> list[tuple[str, str, str]]:
            return [(who, line, name) if by_row else (who, name, line) for who, name in terms]

        left, right = cells(left_terms), cells(right_terms)
        left_sum, left_blank = _sum(tables, left)
        right_sum, right_blank = _sum(tables, right)
        if left_sum is None or right_sum is None or left_blank or right_blank:
            continue
        difference = left_sum - right_sum
        tolerance = _bound(tolerance_band, right_sum)
        excess = difference if at_most else abs(difference)
        if excess <= tolerance:
            continue
        if limit_band is not None and excess > _bound(limit_band, right_sum):
            continue  # a large difference: the rule with the larger band reports it
        who, row, column = next(c for c in left + right if c[0] == "this")
        location = cell_location(tables["this"], tables["this"].cell(row, column), row, column)
        yield Violation(
            location,
            {
                "left": fmt_number(left_sum),
                "right": fmt_number(right_sum),
                "difference": fmt_number(difference),
                "left_terms": " + ".join(_label(tables, *c, by_row) for c in left),
                "right_terms": " + ".join(_label(tables, *c, by_row) for c in right),
                "tolerance": fmt_number(tolerance),
                "previous_year": previous.meta.year if previous.meta.year is not None else "",
            },
            {
                "left": _evidence(tables, left, left_sum),
                "right": _evidence(tables, right, right_sum),
                "difference": fmt_number(difference),
                "tolerance": fmt_number(tolerance),
                "previous_source": previous.source,
                "previous_edition": previous.edition,
            },
        )
