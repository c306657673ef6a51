"""value_range — a table value lies within the range the reporting body can plausibly have.

What it checks: each cell of `cells` (table/row/column; cells the edition does not have are
skipped) holding a number is ≥ `min` and ≤ `max` when given. `unless_agency` lists regexes
on the agency name that exempt the body (e.g. State Council departments, which may make
规章). Blank, dash or text cells are left to the cell rules.
Why: the figure is possible in the format but implausible for the body — a 万元 amount of a
million or more is probably in 元; a body without 规章 power reporting 规章 made.
Placeholders: value, limit, text, agency.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from checker.kinds._base import Context, NotAssessable, Violation, cell_location, fmt_number, has_column, has_row
from checker.kinds._patterns import pattern
from checker.regexsafe import search
from checker.textnorm import norm

KIND = "value_range"
PLACEHOLDERS = frozenset({"value", "limit", "text", "agency"})
REGEX_PARAMS = ("unless_agency[]",)


def _exempt(ctx: Context, params: dict[str, Any]) -> bool:
    agency = norm(ctx.bound.meta.agency or "")
    return bool(agency) and any(search(pattern({"regex": r}), agency) for r in params.get("unless_agency", []))


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    if _exempt(ctx, params):
        return
    low = Decimal(str(params["min"])) if "min" in params else None
    high = Decimal(str(params["max"])) if "max" in params else None
    assessed = 0
    for ref in params["cells"]:
        table_id, row, column = ref.split("/")
        try:
            table = ctx.table(table_id)
        except NotAssessable:
            continue
        spec = table.spec
        if not has_row(spec, row) or not has_column(spec, column):  # the template's index, not a scan
            continue  # a cell of another edition
        assessed += 1
        cell = table.cell(row, column)
        if cell is None or cell.value.state != "number":
            continue
        value = cell.value.value
        limit = low if low is not None and value < low else high if high is not None and value > high else None
        if limit is None:
            continue
        yield Violation(
            cell_location(table, cell, row, column),
            {"value": fmt_number(value), "limit": fmt_number(limit), "text": cell.value.text,
             "agency": ctx.bound.meta.agency or ""},
            {"value": fmt_number(value), "limit": fmt_number(limit),
             "agency_kind_source": ctx.bound.meta.sources.get("agency_kind", "")},
        )
    if not assessed:
        raise NotAssessable("none of the cells was found", cause="table_present", zh="相关单元格均未找到")
