"""HTML article element → ordered `Block`s (headings, paragraphs, tables).

The walk is iterative (`etree.iterwalk`), so hostile nesting cannot exhaust the Python
stack. Tables keep their cells exactly as the source gives them (spans clamped, grid not
expanded: the binder does that). Word/MSO exports put one visual paragraph into many
nested `<span>`/`<font>` elements; inline elements are merged, block elements and `<br>`
end a paragraph.

Speed (the walk runs twice per report in a batch): a subtree with nothing inside that
ends a paragraph is taken whole, its text in one C call (`_html_text`), instead of an
event per node; cells are memoised for the process.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from checker.errors import InputError
from checker.model import Block, Cell
from checker.readers._cells import span_int, squash
from checker.readers._html_text import BLOCK_TAGS, BREAKS, inline_only, element_text, subtree_text

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# A statutory report has about 500 table cells. A page with hundreds of thousands is not
# a report, and reading it would only burn time and memory.
MAX_CELLS = 200_000
def _own_rows(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        tag = child.tag
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if row.tag == "tr")


_CELL_TAGS = frozenset(("td", "th"))
# Equal cells are one `Cell` (frozen, so sharing is safe) for the whole process: building
# one costs more than the lookup, and a batch's tables repeat their labels and small
# numbers. Cleared when it grows past this many, so a worker's memory stays flat.
_CELL_MEMO: dict[tuple[object, ...], Cell] = {}
CELL_MEMO_MAX = 20_000


def table_rows(
    table: etree._Element, cells: dict[tuple[object, ...], Cell] | None = None
) -> tuple[tuple[Cell, ...], ...]:
    """Rows of cells as the source gives them. `cells` memoises equal cells (a report
    table is mostly "0"s on one source line)."""
    memo: dict[tuple[object, ...], Cell] = {} if cells is None else cells
    if len(memo) > CELL_MEMO_MAX:
        memo.clear()
    rows: list[tuple[Cell, ...]] = []
    known = memo.get
    for tr in _own_rows(table):
        row: list[Cell] = []
        for td in tr:
            tag = td.tag
            if tag != "td" and tag != "th":
                continue
            # Keyed by what the source says, so a hit costs no squash or span parsing; the key's
            # length tells the kinds apart. Most cells are a bare text node without attributes.
            if len(td):
                key: tuple[object, ...] = (element_text(td), td.sourceline, td.get("rowspan"), td.get("colspan"), 0)
            elif td.keys():
                key = (td.text, td.sourceline, td.get("rowspan"), td.get("colspan"))
            else:
                key = (td.text, td.sourceline)
            cell = known(key)
            if cell is None:
                cell = memo[key] = _new_cell(key)
            row.append(cell)
        if row:
            rows.append(tuple(row))
    return tuple(rows)


def _new_cell(key: tuple[object, ...]) -> Cell:
    if len(key) == 2:
        return Cell(squash(key[0] or ""), 1, 1, key[1])  # type: ignore[arg-type]
    text = key[0] if len(key) == 5 else squash(key[0] or "")  # type: ignore[operator]
    return Cell(text, span_int(key[2]), span_int(key[3]), key[1])  # type: ignore[arg-type]


def _own_cell_count(table: etree._Element) -> int:
    """How many cells `table_rows(table)` would read, counted only up to 2 (0, 1 or 2): no
    cells is no table block, one cell is a layout wrapper (`is_wrapper_table`)."""
    count = 0
    for tr in _own_rows(table):
        for td in tr:
            if td.tag in _CELL_TAGS:
                count += 1
                if count > 1:
                    return count
    return count


def is_wrapper_table(table: etree._Element) -> bool:
    """A one-cell table around other content (layout), walked like a `<div>`."""
    return _own_cell_count(table) == 1


def _text_line(el: etree._Element, inside: bool) -> int | None:
    """Where the walk puts non-blank text read at `el`: its own line, or (`inside`: the text is
    the whole subtree's) the line of the first non-blank piece in it."""
    return _first_text_line(el) if inside else el.sourceline


def _first_text_line(el: etree._Element) -> int | None:
    """Source line of the first text piece inside `el` (its text, or a descendant's text or
    tail, in document order) that is not blank: where the walk would have taken the line.
    Recursive: only asked of `inline_only` elements, which are small."""
    text = el.text
    if text and text.strip():
        return el.sourceline
    for child in el:
        if isinstance(child.tag, str):  # a comment's text is no text
            line = _first_text_line(child)
            if line is not None:
                return line
        tail = child.tail
        if tail and tail.strip():
            return child.sourceline
    return None


def walk_blocks(article: etree._Element, cells: bool = True, limit: int | None = None) -> list[Block]:
    """Blocks of `article` in document order. Without `cells`, a table that would have a
    block has an empty one (no rows): the same blocks otherwise, for a read that needs
    only the text outside tables (the pairing key). With `limit`, the walk stops once that
    many blocks are out: the full walk's first `limit` blocks (the pairing key's title
    candidates), without walking the rest of the page."""
    blocks: list[Block] = []
    n_cells = 0
    buf: list[str] = []  # the text pieces of the paragraph being read
    line: int | None = None  # where its first non-blank piece is

    walker = etree.iterwalk(article, events=("start", "end"))
    for event, el in walker:
        if limit is not None and len(blocks) >= limit:
            return blocks[:limit]  # each step appends at most two blocks (a paragraph, then its heading or table)
        tag = el.tag
        if event == "end":
            if buf and tag in BLOCK_TAGS:
                _add_paragraph(blocks, "".join(buf), line)
                buf.clear()
                line = None
            if el is not article:
                tail = el.tail
                if tail:
                    if line is None and tail.strip():
                        line = el.sourceline
                    buf.append(tail)
            continue
        if not isinstance(tag, str):
            continue  # comment or processing instruction: its tail comes on "end"
        if tag in BREAKS:
            if buf:
                _add_paragraph(blocks, "".join(buf), line)
                buf.clear()
                line = None
            if tag in HEADINGS:
                text = element_text(el, keep_lines=False)
                if text:
                    blocks.append(Block("heading", text, level=HEADINGS[tag], line=el.sourceline))
                walker.skip_subtree()
                continue
            if tag == "table":
                count = _own_cell_count(el)
                if count != 1:  # one cell: a layout wrapper, walked like a <div>
                    if count and not cells:
                        blocks.append(Block("table", line=el.sourceline))
                    elif count:
                        rows = table_rows(el, _CELL_MEMO)
                        n_cells += sum(map(len, rows))
                        if n_cells > MAX_CELLS:
                            raise InputError(f"more than {MAX_CELLS} table cells: not an annual report")
                        blocks.append(Block("table", rows=rows, line=el.sourceline))
                    walker.skip_subtree()
                    continue
        # A subtree with no break inside is one run of text, its string value (one C call).
        if len(el) == 0:
            text, inside = el.text, False
        elif inline_only(el):
            text, inside = subtree_text(el), True
            walker.skip_subtree()
        else:
            text, inside = el.text, False
        if not text:
            continue
        if tag in BLOCK_TAGS and (inside or len(el) == 0):
            # A block holding only text: its paragraph is complete here (its end flushes).
            _add_paragraph(blocks, text, _text_line(el, inside) if text.strip() else None)
        else:
            if line is None and text.strip():
                line = _text_line(el, inside)
            buf.append(text)
    if buf:
        _add_paragraph(blocks, "".join(buf), line)
    return blocks if limit is None else blocks[:limit]


def _add_paragraph(blocks: list[Block], text: str, line: int | None) -> None:
    text = squash(text)
    if text:
        blocks.append(Block("paragraph", text, line=line))
