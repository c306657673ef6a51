"""What every rule kind shares: the context it reads, what it yields, how it says "cannot assess".

A kind module defines `KIND` (its name, equal to the module name and to the stem of its
schema `schemas/kinds/<KIND>.schema.json`), `PLACEHOLDERS` (the message placeholders it
fills) and `check(ctx, params)`, a generator of `Violation`s. It reads only the context,
does no I/O, and never sets a severity or a rule id: the engine does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from checker.bound import BoundCell, BoundReport, BoundTable
from checker.findings import Location

# Placeholders the engine fills for every rule, whatever its kind.
COMMON_PLACEHOLDERS = frozenset({"table", "part", "row_label", "column_label", "line", "edition", "year", "agency_kind"})


@dataclass
class Violation:
    location: Location
    values: dict[str, Any] = field(default_factory=dict)  # message placeholders
    evidence: dict[str, Any] = field(default_factory=dict)


class NotAssessable(Exception):
    """The rule cannot be evaluated on this report; `cause` names the kind that reports why."""

    def __init__(self, reason: str, cause: str | None = None, zh: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reasons = {"en": reason, "zh": zh or reason}
        self.cause = cause


@dataclass
class Context:
    bound: BoundReport
    previous: BoundReport | None = None
    lang: str = "zh"
    rule_id: str = ""

    def table(self, table_id: str) -> BoundTable:
        """The bound table, or NotAssessable when the edition has no such table or it was not found."""
        table = self.bound.tables.get(table_id)
        if table is None:
            raise NotAssessable(f"the {self.bound.edition} format has no table {table_id}",
                                zh=f"{self.bound.edition}年格式没有表{table_id}")
        title_en, title_zh = table.spec.title["en"], table.spec.title["zh"]
        if not table.found:
            raise NotAssessable(f"{title_en} not found", cause="table_present", zh=f"未找到{title_zh}")
        if table.unreadable:
            raise NotAssessable(f"{title_en} unreadable: {table.unreadable}", cause="table_present",
                                zh=f"{title_zh}无法读取：{table.unreadable}")
        return table

    def tables(self, table_ids: list[str]) -> list[BoundTable]:
        """The tables among `table_ids` that can be read; NotAssessable when none can."""
        found = []
        for table_id in table_ids:
            try:
                found.append(self.table(table_id))
            except NotAssessable:
                continue
        if not found:
            raise NotAssessable("none of the tables was found", cause="table_present", zh="相关统计表均未找到")
        return found


def sum_cells(cells: list[BoundCell | None]) -> tuple[Decimal | None, bool]:
    """Sum of one side of an identity: blank or absent cells count as 0; None when a cell is text.

    Second value: every cell blank or absent (a side left empty is the cell rules' finding).
    """
    total = Decimal(0)
    all_blank = True
    for cell in cells:
        if cell is None or cell.value.state == "blank":
            continue
        if cell.value.state != "number":
            return None, False
        all_blank = False
        total += cell.value.value  # type: ignore[operator]
    return total, all_blank


def fmt_number(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return text


def cell_location(table: BoundTable, cell: BoundCell | None, row: str | None, column: str | None) -> Location:
    spec = table.spec
    row_label = None
    if row is not None and spec.has_row(row):
        row_spec = spec.row(row)
        row_label = row_spec.label or row
    column_label = spec.column(column).label if column is not None and spec.has_column(column) else None
    line = cell.line if cell is not None else None
    if line is None and row is not None and row in table.rows:
        line = table.rows[row].line
    page = cell.page if cell is not None else None
    return Location(
        part=spec.part,
        table=spec.id,
        row=row,
        column=column,
        row_label=row_label,
        column_label=column_label,
        line=line if line is not None else table.line,
        page=page if page is not None else table.page,
    )


def operand(table: BoundTable, row: str, column: str) -> dict[str, Any]:
    """One operand cell as evidence: where it is and what it says."""
    cell = table.cell(row, column)
    spec = table.spec
    out: dict[str, Any] = {
        "row": row,
        "column": column,
        "row_label": spec.row(row).label or row,
        "column_label": spec.column(column).label,
        "text": cell.value.text if cell else None,
        "value": fmt_number(cell.value.value) if cell and cell.value.value is not None else None,
    }
    if cell is not None and cell.line is not None:
        out["line"] = cell.line
    if cell is not None and cell.page is not None:
        out["page"] = cell.page
    return out
