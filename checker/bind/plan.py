"""Assigning a table's rows to the template's rows, as a plan of cell positions kept per template.

Deciding which source row fills which template row reads only the labels, which value cells there
are, and a few blank checks (checker.bind.rows). The decisions are written as a plan of operations
on cell positions; replaying it on a report's cells builds the bound table. A batch's reports come
from a few templates with the same labels and different numbers, so the plan is remembered per table
template and per skeleton (each block's row lengths, which cells look like values, and the texts of
every cell left of a row's values); the next report with that skeleton only checks the plan's blank
guards and replays it, one `BoundCell` per value cell.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress
from typing import Any

from checker.bind.labels import HOW_RANK
from checker.bind.rows import Reading, Row, label_cut, row_kinds
from checker.bound import BoundCell, BoundTable, Paragraph, RowMatch
from checker.model import Block, Cell
from checker.structure import TableSpec
from checker.values import parsed

PLANS_PER_TEMPLATE = 64  # skeletons remembered per table template: a batch has a handful; bounded

# Operations: (_ROW, row id, label, how, at, values) | (_CELL, row id, column, position, at)
# | (_POP, row id, column) | (_UNKNOWN, label, at)
_ROW, _CELL, _POP, _UNKNOWN = range(4)


def skeleton(blocks: list[Block], kinds_of: dict[int, tuple[list[str], bytes]]) -> tuple[Any, ...] | None:
    """What a plan for these blocks depends on besides blank checks; None when a block has no row
    structure (a stream's rows depend on every text). `kinds_of`: row_kinds already read, by id."""
    out: list[Any] = []
    for block in blocks:
        lengths = tuple(map(len, block.rows))
        if max(lengths, default=0) <= 1:
            return None
        texts, kinds = kinds_of.get(id(block)) or row_kinds(block)
        out.append((lengths, kinds, tuple(compress(texts, _label_mask(lengths, kinds)))))
    return tuple(out)


_LABEL_MASKS: dict[tuple[tuple[int, ...], bytes], bytes] = {}
LABEL_MASKS = 256  # row shapes remembered: a batch's tables have a handful; bounded


def _label_mask(lengths: tuple[int, ...], kinds: bytes) -> bytes:
    """Which cells of a block are the texts left of each row's values (1), from its row lengths and
    value kinds: remembered per shape, so a skeleton's labels are one C-level `compress` of the texts."""
    mask = _LABEL_MASKS.get((lengths, kinds))
    if mask is None:
        out = bytearray()
        offset = 0
        for n in lengths:
            cut = label_cut(kinds[offset : offset + n])
            out += b"\x01" * cut + b"\x00" * (n - cut)
            offset += n
        if len(_LABEL_MASKS) >= LABEL_MASKS:
            _LABEL_MASKS.clear()
        mask = _LABEL_MASKS[(lengths, kinds)] = bytes(out)
    return mask


def window(values: list[int], n: int, reading: Reading) -> list[int | None]:
    """Right-align m value cells onto n columns; with surplus cells keep the fullest window."""
    m = len(values)
    if m == n:
        return list(values)
    if m < n:
        return [None] * (n - m) + list(values)
    flags = reading.filled(values)
    best, best_filled = m - n, -1
    for start in range(m - n, -1, -1):
        filled = sum(flags[start : start + n])
        if filled > best_filled:
            best, best_filled = start, filled
    return list(values[best : best + n])


def fill_gaps(spec: TableSpec, rows: list[Row]) -> None:
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


def plan(spec: TableSpec, rows: list[Row], reading: Reading) -> list[tuple[Any, ...]]:
    """The operations that fill a bound table of `spec` from `rows` (the better match of a template row
    wins; its value cells right-aligned onto the row's columns)."""
    fill_gaps(spec, rows)
    ops: list[tuple[Any, ...]] = []
    unlabelled = next((r for r in spec.rows if r.label is None), None)
    taken: dict[str, tuple[str, int]] = {}  # template row -> (how, number of values) of the row kept
    for row in rows:
        target = row.spec
        if target is None and row.match_how == "unlabelled":
            target = unlabelled
        if target is None:
            if row.match_how == "unknown":
                ops.append((_UNKNOWN, row.label, row.at))
            continue
        if row.match_how in ("unlabelled", "position") and len(row.values) < len(target.columns) // 2:
            continue
        previous = taken.get(target.id)
        if previous is not None and (HOW_RANK.get(previous[0], 9), -previous[1]) <= (
            HOW_RANK.get(row.match_how, 9),
            -len(row.values),
        ):
            continue
        taken[target.id] = (row.match_how, len(row.values))
        ops.append((_ROW, target.id, row.label, row.match_how, row.at, len(row.values)))
        for column, position in zip(target.columns, window(row.values, len(target.columns), reading)):
            ops.append((_POP, target.id, column) if position is None else (_CELL, target.id, column, position, row.at))
    return ops


def compile_plan(ops: list[tuple[Any, ...]]) -> Compiled:
    """The bound table a plan builds, as entries in their final order: the operations replayed once
    on positions (a later cell of a key overwrites it in place, a pop removes it, as the dictionaries
    of replaying them one by one would), so a replay builds each dictionary in one pass with no per-operation
    dispatch and no cell built only to be popped."""
    cells: dict[tuple[str, str], tuple[Any, ...]] = {}
    rows: dict[str, tuple[Any, ...]] = {}
    unknown: list[tuple[str, int]] = []
    for op in ops:
        kind = op[0]
        if kind == _CELL:
            _, row_id, column, position, at = op
            cells[(row_id, column)] = ((row_id, column), row_id, column, position, at)
        elif kind == _ROW:
            _, row_id, label, how, at, values = op
            rows[row_id] = (row_id, label, how, at, values)
        elif kind == _POP:
            cells.pop((op[1], op[2]), None)
        else:
            unknown.append((op[1], op[2]))
    return tuple(cells.values()), tuple(rows.values()), tuple(unknown)


Compiled = tuple[tuple[tuple[Any, ...], ...], tuple[tuple[Any, ...], ...], tuple[tuple[str, int], ...]]


def replay(table: BoundTable, compiled: Compiled, cells: list[Cell],
           parse: Callable[[str], Any] = parsed) -> None:
    """Apply a compiled plan to a report's cells: the cells' own text, line and page (a cell without
    them takes those of the row's label cell, `at`), the decisions of the plan."""
    entries, rows, unknown = compiled
    table.cells = {key: BoundCell(row_id, column, parse((cell := cells[position]).text),
                                  cell.line or cells[at].line, cell.page or cells[at].page)
                   for key, row_id, column, position, at in entries}
    table.rows = {row_id: RowMatch(label, how, (source := cells[at]).line, source.page, values)
                  for row_id, label, how, at, values in rows}
    if unknown:
        table.unknown_rows = [Paragraph(label, (source := cells[at]).line, source.page) for label, at in unknown]

