"""Reading the statutory tables into keyed cells by labels and right-aligned values.

Tables are read by labels and values, not by grid position (design.md §3): a data row is
its label cells followed by its value cells, right-aligned to the template's value columns.
That survives rowspan loss in pasted text, blank cells, split header cells and tables broken
across pages. Sources are table blocks; when a table has row structure each source row is a
row, when every row has one cell (text with one cell per line, crawler output) the cells are
read as a stream: a row label starts a row and the values after it belong to it.
"""

from __future__ import annotations

from itertools import chain

from checker.bind.labels import label_index
from checker.bind.plan import PLANS_PER_TEMPLATE, compile_plan, plan, replay, skeleton
from checker.bind.rows import Reading, Row, guards_hold, row_kinds, rows_from_stream, rows_from_structured
from checker.bind.scoring import MIN_SCORE, block_scores, score
from checker.bound import BoundTable
from checker.model import Block, Cell
from checker.structure import Structure, TableSpec
from checker.values import looks_like_value

def bind_table(spec: TableSpec, blocks: list[Block], kinds_of: dict[int, tuple[list[str], bytes]] | None = None
               ) -> BoundTable:
    """Read a template's blocks: rows by their labels (checker.bind.rows), assigned to the template's rows
    by a plan of cell positions (checker.bind.plan), remembered per template for blocks with rows.
    `kinds_of` holds the blocks' `row_kinds` where the caller has read them already (by id)."""
    table = BoundTable(spec=spec)
    if not blocks:
        return table
    index = label_index(spec)
    table.found = True
    table.line, table.page = blocks[0].line, blocks[0].page
    if table.line is None:
        first = next((c for row in blocks[0].rows for c in row if c.line), None)
        table.line = first.line if first else None
    reading = Reading(list(chain.from_iterable(chain.from_iterable(block.rows for block in blocks))))
    key = skeleton(blocks, kinds_of or {})
    plans = index.plans
    known = plans.get(key) if key is not None else None
    if known is not None and guards_hold(known[0], reading.cells):
        replay(table, known[1], reading.cells)
        return table
    rows: list[Row] = []
    start = 0
    for block in blocks:
        read = rows_from_structured if any(len(r) > 1 for r in block.rows) else rows_from_stream
        rows.extend(read(block, start, reading, index))
        start += sum(map(len, block.rows))
    compiled = compile_plan(plan(spec, rows, reading))
    if key is not None:
        if len(plans) >= PLANS_PER_TEMPLATE:
            plans.clear()
        plans[key] = (reading.guards, compiled)
    replay(table, compiled, reading.cells)
    return table


def _adopt_value_blocks(blocks: tuple[Block, ...], chosen: dict[str, list[Block]],
                       indexes_of: dict[str, list[int]]) -> None:
    """A table block of numbers only, between two blocks of the same table, belongs to that table
    (PDF extraction cuts a table into pieces and some pieces keep no label; 012)."""
    owner = {position: tid for tid, positions in indexes_of.items() for position in positions}
    ordered = sorted(owner)
    for position, block in enumerate(blocks):
        if position in owner or block.type != "table" or not block.rows:
            continue
        if not all(looks_like_value(c.text) for row in block.rows for c in row):
            continue
        before = [p for p in ordered if p < position]
        after = [p for p in ordered if p > position]
        if before and after and owner[before[-1]] == owner[after[0]]:
            tid = owner[before[-1]]
            indexes_of[tid].append(position)
            indexes_of[tid].sort()
    for tid, positions in indexes_of.items():
        chosen[tid] = [blocks[p] for p in positions]


def bind_tables(blocks: tuple[Block, ...], structure: Structure, paragraphs_as_stream: dict[str, list[Block]],
                kinds_of: dict[int, tuple[list[str], bytes]] | None = None) -> dict[str, BoundTable]:
    """Assign each table block to the template it matches best, then read each template's blocks
    (`kinds_of`: the blocks' `row_kinds` where read already, by id)."""
    indexes = {spec.id: label_index(spec) for spec in structure.tables}
    chosen: dict[str, list[Block]] = {spec.id: [] for spec in structure.tables}
    indexes_of: dict[str, list[int]] = {spec.id: [] for spec in structure.tables}
    kinds_of = {} if kinds_of is None else kinds_of  # row_kinds of each table block, read once
    for position, block in enumerate(blocks):
        if block.type != "table" or not block.rows:
            continue
        texts, kinds = kinds_of.get(id(block)) or kinds_of.setdefault(id(block), row_kinds(block))
        scores = block_scores(texts, kinds, indexes)
        best = max(scores.values())
        winners = [t for t, s in scores.items() if s == best]
        if best >= MIN_SCORE and len(winners) == 1:
            chosen[winners[0]].append(block)
            indexes_of[winners[0]].append(position)
    _adopt_value_blocks(blocks, chosen, indexes_of)
    for spec in structure.tables:
        candidate = [b for b in paragraphs_as_stream.get(spec.id, []) if b.type != "table"]
        claimed = {id(b) for blocks_of in chosen.values() for b in blocks_of}
        loose = [b for b in paragraphs_as_stream.get(spec.id, []) if b.type == "table" and id(b) not in claimed]
        if not chosen[spec.id] and loose and any(r.label is None for r in spec.rows):
            chosen[spec.id].extend(loose)  # 表四's header split into lines above a table of just the numbers (012)
        if not candidate:
            continue
        pseudo = Block("table", rows=tuple((Cell(b.text, line=b.line, page=b.page),) for b in candidate))
        if score(pseudo, indexes[spec.id]) >= MIN_SCORE:
            # Lines of the part outside any table: the whole table when crawler text has no table, or
            # rows a PDF extraction left outside it (012's "行政许可 97"); rows read from a table win.
            chosen[spec.id].insert(0, pseudo) if chosen[spec.id] else chosen[spec.id].append(pseudo)
    tables = {spec.id: bind_table(spec, chosen[spec.id], kinds_of) for spec in structure.tables}
    for table_id, positions in indexes_of.items():
        tables[table_id].blocks = positions
    return tables
