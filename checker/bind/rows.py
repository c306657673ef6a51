"""Reading a table's source rows into labelled rows of value cells, by cell position.

A table's cells are numbered in one list (`Reading.cells`: every cell of its blocks in order, then
any cell the stream reading cuts out of a line). Rows refer to cells by position, so what is decided
from the labels can be kept per template and replayed on the next report's cells
(checker.bind.plan). The only decisions that read a value cell's text beyond "is it a value" are
whether cells are blank; each such read is recorded as a guard the replay checks first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.bind.labels import LabelIndex
from checker.model import Block, Cell
from checker.structure import RowSpec
from checker.textnorm import norm
from checker.values import looks_like_value, value_kind
from checker.regexsafe import compile_known  # module regexes from a cached pack's forms: see rulecache

RUN_TOGETHER = compile_known(r"^(.*?[^0-9.\s])\s*([0-9][0-9.]*)$")  # label + swallowed digits


@dataclass
class Row:
    label: str
    match_how: str
    spec: RowSpec | None
    values: list[int]  # positions of the value cells
    at: int  # position of the cell the row takes its line and page from


@dataclass
class Reading:
    """The cells of one table's blocks and the blank checks made on them."""

    cells: list[Cell]
    guards: list[tuple[tuple[int, ...], tuple[bool, ...] | bool]] = field(default_factory=list)

    def any_filled(self, positions: list[int]) -> bool:
        filled = any(self.cells[p].text.strip() for p in positions)
        self.guards.append((tuple(positions), filled))
        return filled

    def filled(self, positions: list[int]) -> tuple[bool, ...]:
        flags = tuple(bool(self.cells[p].text.strip()) for p in positions)
        self.guards.append((tuple(positions), flags))
        return flags


def guards_hold(guards: list[tuple[tuple[int, ...], tuple[bool, ...] | bool]], cells: list[Cell]) -> bool:
    """Whether `cells` pass the blank checks a reading recorded (same answers, same decisions)."""
    for positions, expected in guards:
        if type(expected) is bool:
            if any(cells[p].text.strip() for p in positions) is not expected:
                return False
        elif tuple(bool(cells[p].text.strip()) for p in positions) != expected:
            return False
    return True


def label_cut(kinds: bytes) -> int:
    """How many cells of a row are labels: values (kind 1) stand at the right."""
    return len(kinds.rstrip(b"\x01"))


def row_kinds(block: Block) -> tuple[list[str], bytes]:
    """The texts of a block's cells in order and whether each looks like a value (1) or not (0)."""
    texts = [c.text for row in block.rows for c in row]
    return texts, bytes(map(value_kind, texts))


def rows_from_structured(block: Block, start: int, reading: Reading, index: LabelIndex) -> list[Row]:
    """Rows of a block with row structure whose cells are at `start`… of `reading.cells`."""
    out: list[Row] = []
    texts, kinds = row_kinds(block)
    pos = start
    offset = 0
    for cells in block.rows:
        n = len(cells)
        cut = label_cut(kinds[offset : offset + n])  # the last cell that is not a value, plus one
        values = list(range(pos + cut, pos + n))
        labels = cells[:cut]
        here, offset, pos = pos, offset + n, pos + n
        if not labels:
            if reading.any_filled(values):
                out.append(Row("", "unlabelled", None, values, values[0]))
            continue
        match = None
        for k in range(cut - 1, -1, -1):  # the leaf label is the last one; groups precede it
            match = index.match_row(labels[k].text)
            if match:
                break
        if match is None:
            if sum(1 for c in labels if index.is_header(c.text)) == 0 and reading.any_filled(values):
                out.append(Row(labels[-1].text, "unknown", None, values, here + cut - 1))
            continue
        if not values and all(index.is_column(c.text) or index.is_header(c.text) for c in labels):
            continue  # a header row such as 商业企业 | … | 其他
        out.append(Row(labels[k].text, match.how, match.row, values, here + k))
    return out


def rows_from_stream(block: Block, start: int, reading: Reading, index: LabelIndex) -> list[Row]:
    """Rows of a block with one cell per row (cells at `start`…): a row label starts a row and the
    values after it belong to it."""
    out: list[Row] = []
    current: Row | None = None
    for pos, cell in enumerate((c for r in block.rows for c in r), start):
        if looks_like_value(cell.text) and cell.text.strip():
            if current is None:
                current = Row("", "unlabelled", None, [], pos)
                out.append(current)
            current.values.append(pos)
            continue
        match = index.match_row(cell.text)
        run = RUN_TOGETHER.match(norm(cell.text)) if match is None or match.how == "typo" else None
        if run and (glued := index.match_row(run.group(1))) and glued.how in ("exact", "numbering", "alias"):
            # "行政许可 97": a label and its one value on a line of their own (PDF extraction, 012)
            reading.cells.append(Cell(run.group(2), line=cell.line, page=cell.page))
            out.append(Row(run.group(1), glued.how, glued.row, [len(reading.cells) - 1], pos))
            current = None
            continue
        if match and not (index.is_column(cell.text) and match.how != "exact"):
            current = Row(cell.text, match.how, match.row, [], pos)
            out.append(current)
        else:
            current = None
    return [r for r in out if r.values]
