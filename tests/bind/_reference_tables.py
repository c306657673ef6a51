"""binding's tables as they were before the plans (checker.bind.plan): the reference the planned
bind_table is held to (tests/bind/test_table_plans.py). Copied verbatim from checker/bind/tables.py
at 0a10aa4; only `bind_table` is renamed `reference_bind_table`."""

# ruff: noqa
from __future__ import annotations

import re
from dataclasses import dataclass

from checker.bind.labels import HOW_RANK, LabelIndex, label_index
from checker.bound import BoundCell, BoundTable, Paragraph, RowMatch
from checker.model import Block, Cell
from checker.structure import RowSpec, TableSpec
from checker.textnorm import norm
from checker.values import looks_like_value, parse_cell

_RUN_TOGETHER = re.compile(r"^(.*?[^0-9.\s])\s*([0-9][0-9.]*)$")  # label + swallowed digits


@dataclass
class _Row:
    label: str
    match_how: str
    spec: RowSpec | None
    values: list[Cell]
    line: int | None
    page: int | None


def _rows_from_structured(rows: tuple[tuple[Cell, ...], ...], index: LabelIndex) -> list[_Row]:
    out: list[_Row] = []
    for cells in rows:
        last_label = len(cells) - 1  # the last cell that is not a value; values are at the right
        while last_label >= 0 and looks_like_value(cells[last_label].text):
            last_label -= 1
        values = list(cells[last_label + 1 :])
        labels = cells[: last_label + 1]
        if not labels:
            if any(v.text.strip() for v in values):
                out.append(_Row("", "unlabelled", None, values, values[0].line, values[0].page))
            continue
        match = None
        for cell in reversed(labels):  # the leaf label is the last one; groups precede it
            match = index.match_row(cell.text)
            if match:
                break
        if match is None:
            if sum(1 for c in labels if index.is_header(c.text)) == 0 and any(v.text.strip() for v in values):
                out.append(_Row(labels[-1].text, "unknown", None, values, labels[-1].line, labels[-1].page))
            continue
        if not values and all(index.is_column(c.text) or index.is_header(c.text) for c in labels):
            continue  # a header row such as 商业企业 | … | 其他
        out.append(_Row(cell.text, match.how, match.row, values, cell.line, cell.page))
    return out


def _rows_from_stream(cells: list[Cell], index: LabelIndex) -> list[_Row]:
    out: list[_Row] = []
    current: _Row | None = None
    for cell in cells:
        if looks_like_value(cell.text) and cell.text.strip():
            if current is None:
                current = _Row("", "unlabelled", None, [], cell.line, cell.page)
                out.append(current)
            current.values.append(cell)
            continue
        match = index.match_row(cell.text)
        run = _RUN_TOGETHER.match(norm(cell.text)) if match is None or match.how == "typo" else None
        if run and (glued := index.match_row(run.group(1))) and glued.how in ("exact", "numbering", "alias"):
            # "行政许可 97": a label and its one value on a line of their own (PDF extraction, 012)
            out.append(_Row(run.group(1), glued.how, glued.row, [Cell(run.group(2), line=cell.line, page=cell.page)],
                            cell.line, cell.page))
            current = None
            continue
        if match and not (index.is_column(cell.text) and match.how != "exact"):
            current = _Row(cell.text, match.how, match.row, [], cell.line, cell.page)
            out.append(current)
        elif index.is_header(cell.text):
            current = None
        else:
            current = None
    return [r for r in out if r.values]


def _window(values: list[Cell], n: int) -> list[Cell | None]:
    """Right-align m value cells onto n columns; with surplus cells keep the fullest window."""
    m = len(values)
    if m == n:
        return list(values)
    if m < n:
        return [None] * (n - m) + list(values)
    best, best_filled = m - n, -1
    for start in range(m - n, -1, -1):
        filled = sum(1 for c in values[start : start + n] if c.text.strip())
        if filled > best_filled:
            best, best_filled = start, filled
    return list(values[best : best + n])


def _fill_gaps(spec: TableSpec, rows: list[_Row]) -> None:
    """Unlabelled value rows between two labelled rows take the template rows missing between them, in
    order, but only when the counts agree: PDF extraction moves some labels out of the table (012)."""
    if any(r.label is None for r in spec.rows):
        return  # a table whose data row is unlabelled by design (表四)
    order = {r.id: n for n, r in enumerate(spec.rows)}
    found = {r.spec.id for r in rows if r.spec is not None}
    last, pending = -1, []
    for row in rows:
        if row.spec is None:
            if row.match_how == "unlabelled":
                pending.append(row)
            continue
        here = order[row.spec.id]
        gap = [r for r in spec.rows[last + 1 : here] if r.id not in found]
        if pending and len(gap) == len(pending) and all(len(p.values) >= len(g.columns) for p, g in zip(pending, gap)):
            for unlabelled, target in zip(pending, gap):
                unlabelled.spec, unlabelled.match_how = target, "position"
        last, pending = max(last, here), []


def _assign(table: BoundTable, rows: list[_Row]) -> None:
    spec = table.spec
    _fill_gaps(spec, rows)
    unlabelled = next((r for r in spec.rows if r.label is None), None)
    for row in rows:
        target = row.spec
        if target is None and row.match_how == "unlabelled":
            target = unlabelled
        if target is None:
            if row.match_how == "unknown":
                table.unknown_rows.append(Paragraph(row.label, row.line, row.page))
            continue
        if row.match_how in ("unlabelled", "position") and len(row.values) < len(target.columns) // 2:
            continue
        previous = table.rows.get(target.id)
        if previous is not None and (HOW_RANK.get(previous.how, 9), -previous.values) <= (
            HOW_RANK.get(row.match_how, 9),
            -len(row.values),
        ):
            continue
        table.rows[target.id] = RowMatch(row.label, row.match_how, row.line, row.page, len(row.values))
        row_id, columns, cells, line, page = target.id, target.columns, table.cells, row.line, row.page
        for column, cell in zip(columns, _window(row.values, len(columns))):
            if cell is None:
                cells.pop((row_id, column), None)
            else:
                cells[(row_id, column)] = BoundCell(row_id, column, parse_cell(cell.text), cell.line or line,
                                                    cell.page or page)


def reference_bind_table(spec: TableSpec, blocks: list[Block]) -> BoundTable:
    table = BoundTable(spec=spec)
    if not blocks:
        return table
    index = label_index(spec)
    table.found = True
    table.line, table.page = blocks[0].line, blocks[0].page
    if table.line is None:
        first = next((c for row in blocks[0].rows for c in row if c.line), None)
        table.line = first.line if first else None
    rows: list[_Row] = []
    for block in blocks:
        if any(len(r) > 1 for r in block.rows):
            rows.extend(_rows_from_structured(block.rows, index))
        else:
            rows.extend(_rows_from_stream([c for r in block.rows for c in r], index))
    _assign(table, rows)
    return table


