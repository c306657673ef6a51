"""What every rule kind shares: the context it reads, what it yields, how it says "cannot assess".

A kind module defines `KIND` (its name, equal to the module name and to the stem of its
schema `schemas/kinds/<KIND>.schema.json`), `PLACEHOLDERS` (the message placeholders it
fills) and `check(ctx, params)`, a generator of `Violation`s. It reads only the context,
does no I/O, and never sets a severity or a rule id: the engine does.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from checker.bound import BoundCell, BoundReport, BoundTable
from checker.findings import Location
from checker.structure import ColumnSpec, RowSpec, TableSpec

# Placeholders the engine fills for every rule, whatever its kind.
COMMON_PLACEHOLDERS = frozenset({"table", "part", "row_label", "column_label", "line", "edition", "year", "agency_kind"})


@dataclass(frozen=True, slots=True)
class Bilingual:
    """A placeholder value worded by the kind itself (数据行 / the data row): the engine renders every
    finding in both languages from one Violation, so such a value must carry both."""

    zh: str
    en: str

    @classmethod
    def of(cls, label: dict[str, str]) -> Bilingual:
        """From a rule's {zh, en} wording."""
        return cls(label["zh"], label["en"])


@dataclass
class Violation:
    location: Location
    values: dict[str, Any] = field(default_factory=dict)  # message placeholders (str, numbers, Bilingual)
    evidence: dict[str, Any] = field(default_factory=dict)


class NotAssessable(Exception):
    """The rule cannot be evaluated on this report; `cause` names the kind that reports why."""

    def __init__(self, reason: str, cause: str | None = None, zh: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reasons = {"en": reason, "zh": zh or reason}
        self.cause = cause

    def detached(self) -> NotAssessable:
        """The same reasons in a new exception, with no traceback: one kept past its `except` (a memo of
        the run) would hold the frames it passed through in a reference cycle, and the bound report with
        them, until the collector runs."""
        return NotAssessable(self.reason, cause=self.cause, zh=self.reasons["zh"])


@dataclass
class Context:
    bound: BoundReport
    previous: BoundReport | None = None
    lang: str = "zh"  # the run's language; a kind's own wording goes out as Bilingual, never chosen by this
    rule_id: str = ""
    # What the rules of one evaluation derive alike from the report (a table's zero convention, a scope):
    # the engine hands every rule of a run the same dict; the report does not change during a run.
    shared: dict[Any, Any] = field(default_factory=dict)

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


def per_params(spec: TableSpec, params: dict[str, Any], what: str, build: Callable[[], Any]) -> Any:
    """`build()`, once per template and rule parameters: what a rule reads of a table (its lines, operand
    keys) depends on nothing else. Parameters are compared by value, so edited parameters are a new plan."""
    key = (id(spec), id(params), what)
    hit = _PER_TEMPLATE.get(key)  # type: ignore[arg-type]
    if hit is None or hit[0] is not spec or hit[1][0] != params:
        if len(_PER_TEMPLATE) >= 256:
            _PER_TEMPLATE.clear()
        hit = _PER_TEMPLATE[key] = (spec, (copy.deepcopy(params), build()))  # type: ignore[index]
    return hit[1][1]


# What a kind compiles from a rule's parameters (its patterns, the prefilter words, parsed cell references), per
# rule: the parameters object with a copy to compare by value (edited parameters are a new plan), and the plan.
_PER_RULE: dict[tuple[int, str], tuple[dict[str, Any], dict[str, Any], Any]] = {}


def per_rule(params: dict[str, Any], what: str, build: Callable[[dict[str, Any]], Any]) -> Any:
    """`build(params)`, once per rule parameters: the same for every report the rule runs on."""
    key = (id(params), what)
    hit = _PER_RULE.get(key)
    if hit is None or hit[0] is not params or hit[1] != params:
        if len(_PER_RULE) >= 256:  # a process loads a few packs at most; never grow without bound
            _PER_RULE.clear()
        hit = _PER_RULE[key] = (params, copy.deepcopy(params), build(params))
    return hit[2]


# Where a sum starts (Decimal(0)): Decimals are immutable, and making one per sum was a good part of a short sum.
ZERO = Decimal(0)


def sum_cells(cells: list[BoundCell | None]) -> tuple[Decimal | None, bool]:
    """Sum of one side of an identity: blank or absent cells count as 0; None when a cell is text.

    Second value: every cell blank or absent (a side left empty is the cell rules' finding).
    """
    total = ZERO
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
    text = str(value)
    if text.isdecimal() and len(text) <= 18:
        # A whole number of exponent 0 (digits alone): normalize and "f" give its digits back unchanged (well
        # within the context's 28 digits of precision), and nearly every number a finding quotes is one.
        return text
    return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")


# What kinds derive from a table template (an index of its rows, a walk of its cells), built once per template
# instead of once per rule and report. The entry holds its template, so the id it is filed under stays its own.
_PER_TEMPLATE: dict[tuple[int, str], tuple[TableSpec, Any]] = {}


def per_template(spec: TableSpec, what: str, build: Callable[[TableSpec], Any]) -> Any:
    """`build(spec)`, once per template and `what` (templates are immutable)."""
    key = (id(spec), what)
    hit = _PER_TEMPLATE.get(key)
    if hit is None or hit[0] is not spec:
        if len(_PER_TEMPLATE) >= 256:  # a process loads a few packs at most; never grow without bound
            _PER_TEMPLATE.clear()
        hit = _PER_TEMPLATE[key] = (spec, build(spec))
    return hit[1]


def _ids(spec: TableSpec) -> tuple[dict[str, RowSpec], dict[str, ColumnSpec]]:
    rows: dict[str, RowSpec] = {}
    columns: dict[str, ColumnSpec] = {}
    for row in spec.rows:
        rows.setdefault(row.id, row)  # the first of an id, as spec.row() finds it
    for column in spec.columns:
        columns.setdefault(column.id, column)
    return rows, columns


def spec_row(spec: TableSpec, row_id: str) -> RowSpec:
    """`spec.row(row_id)` by a dictionary look-up (it scans the rows; findings ask it for every operand)."""
    found = per_template(spec, "ids", _ids)[0].get(row_id)
    return found if found is not None else spec.row(row_id)  # an unknown id fails as spec.row() fails


def spec_column(spec: TableSpec, column_id: str) -> ColumnSpec:
    """`spec.column(column_id)` by a dictionary look-up."""
    found = per_template(spec, "ids", _ids)[1].get(column_id)
    return found if found is not None else spec.column(column_id)


def _own_ids(spec: TableSpec) -> tuple[dict[str, str], dict[str, str]]:
    return {r.id: r.id for r in spec.rows}, {c.id: c.id for c in spec.columns}


def cell_key(spec: TableSpec, row: str, column: str) -> tuple[str, str]:
    """(row, column) as a key of a bound table's cells, made of the template's own id strings (an equal key
    otherwise). The binder keys cells with those strings, so a look-up compares them by identity instead of
    comparing the characters of two equal strings, as it did for keys made from a rule's parameters."""
    rows, columns = per_template(spec, "own ids", _own_ids)
    return rows.get(row, row), columns.get(column, column)


def has_row(spec: TableSpec, row_id: str) -> bool:
    return row_id in per_template(spec, "ids", _ids)[0]


def has_column(spec: TableSpec, column_id: str) -> bool:
    return column_id in per_template(spec, "ids", _ids)[1]


def cell_location(table: BoundTable, cell: BoundCell | None, row: str | None, column: str | None) -> Location:
    spec = table.spec
    row_label = None
    if row is not None and has_row(spec, row):
        row_spec = spec_row(spec, row)
        row_label = row_spec.label or row
    column_label = spec_column(spec, column).label if column is not None and has_column(spec, column) else None
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
        "row_label": spec_row(spec, row).label or row,
        "column_label": spec_column(spec, column).label,
        "text": cell.value.text if cell else None,
        "value": fmt_number(cell.value.value) if cell and cell.value.value is not None else None,
    }
    if cell is not None and cell.line is not None:
        out["line"] = cell.line
    if cell is not None and cell.page is not None:
        out["page"] = cell.page
    return out
