"""Reading the statutory tables into keyed cells by labels and right-aligned values.

Tables are read by labels and values, not by grid position (design.md §3): a data row is
its label cells followed by its value cells, right-aligned to the template's value columns.
That survives rowspan loss in pasted text, blank cells, split header cells and tables broken
across pages. Sources are table blocks; when a table has row structure each source row is a
row, when every row has one cell (text with one cell per line, crawler output) the cells are
read as a stream: a row label starts a row and the values after it belong to it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from checker.bind.labels import HOW_RANK, LabelIndex, label_index, remember
from checker.bound import BoundCell, BoundTable, Paragraph, RowMatch
from checker.model import Block, Cell
from checker.structure import RowSpec, Structure, TableSpec
from checker.textnorm import norm
from checker.values import looks_like_value, parse_cell

_RUN_TOGETHER = re.compile(r"^(.*?[^0-9.\s])\s*([0-9][0-9.]*)$")  # label + swallowed digits
MIN_SCORE = 2


@dataclass
class _Row:
    label: str
    match_how: str
    spec: RowSpec | None
    values: list[Cell]
    line: int | None
    page: int | None


def score(block: Block, index: LabelIndex) -> int:
    """How many distinct template labels a table block carries (plus up to 3 for header cells)."""
    return score_texts(_text_counts(block), index)


def _text_counts(block: Block) -> Counter[str]:
    """How often each text occurs in the block: a table repeats its numbers, and every block is
    scored against every template, so each distinct text is looked up once per template."""
    return Counter(cell.text for row in block.rows for cell in row)


def score_texts(counts: Counter[str], index: LabelIndex) -> int:
    """`score` of a block from its `_text_counts`."""
    memo = index.memo("score")
    seen: set[str] = set()
    headers = 0
    for text, times in counts.items():
        signal = memo.get(text)
        if signal is None:
            signal = remember(memo, text, _signal(text, index))
        label, header = signal
        if label is not None:
            seen.add(label)
        if header:
            headers += times
    return len(seen) + min(headers, 3)


def _signal(text: str, index: LabelIndex) -> tuple[str | None, bool]:
    """What one cell adds to a score: the row it labels (not by a typo; a label with its value glued
    on counts), and whether it is a header cell other than a column label. Memoised per template:
    each table block is scored against every template, and labels recur in every report."""
    match = index.match_row(text)
    if not (match and match.how != "typo"):
        run = _RUN_TOGETHER.match(norm(text))
        match = index.match_row(run.group(1)) if run else None
    label = match.row.id if match and match.how != "typo" else None
    return label, index.is_header(text) and not index.is_column(text)


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


def bind_table(spec: TableSpec, blocks: list[Block]) -> BoundTable:
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


def bind_tables(blocks: tuple[Block, ...], structure: Structure, paragraphs_as_stream: dict[str, list[Block]]) -> dict[str, BoundTable]:
    """Assign each table block to the template it matches best, then read each template's blocks."""
    indexes = {spec.id: label_index(spec) for spec in structure.tables}
    chosen: dict[str, list[Block]] = {spec.id: [] for spec in structure.tables}
    indexes_of: dict[str, list[int]] = {spec.id: [] for spec in structure.tables}
    for position, block in enumerate(blocks):
        if block.type != "table" or not block.rows:
            continue
        counts = _text_counts(block)
        scores = {table_id: score_texts(counts, index) for table_id, index in indexes.items()}
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
    tables = {spec.id: bind_table(spec, chosen[spec.id]) for spec in structure.tables}
    for table_id, positions in indexes_of.items():
        tables[table_id].blocks = positions
    return tables
