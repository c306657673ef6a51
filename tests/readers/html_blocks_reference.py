"""The HTML block walk as it was before its fast paths (0a10aa4), kept as the slow definition
that `checker.readers._html_blocks.walk_blocks` is held to: an event per node, `add` and
`flush` for every text piece, a fresh cell memo per walk."""

from __future__ import annotations

from lxml import etree

from checker.errors import InputError
from checker.model import Block, Cell
from checker.readers._cells import span_int, squash
from checker.readers._html_blocks import HEADINGS, MAX_CELLS, _own_rows
from checker.readers._html_text import BLOCK_TAGS, _walked_text


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return tag if isinstance(tag, str) else ""


# The node walk that defines an element's text and the rows a table owns: both unchanged (the
# first is itself the slow definition the cell-text fast paths are held to in test_html_fast_paths).
walked_text = _walked_text


def table_rows(table: etree._Element) -> tuple[tuple[Cell, ...], ...]:
    rows: list[tuple[Cell, ...]] = []
    for tr in _own_rows(table):
        row: list[Cell] = []
        for td in tr:
            if td.tag != "td" and td.tag != "th":
                continue
            text = squash(td.text or "") if len(td) == 0 else walked_text(td)
            row.append(Cell(text, span_int(td.get("rowspan")), span_int(td.get("colspan")), td.sourceline))
        if row:
            rows.append(tuple(row))
    return tuple(rows)


def _cell_count(table: etree._Element) -> int:
    return sum(1 for tr in _own_rows(table) for td in tr if td.tag == "td" or td.tag == "th")


def walk_blocks(article: etree._Element, cells: bool = True) -> list[Block]:
    blocks: list[Block] = []
    n_cells = 0
    buf: list[str] = []
    line: list[int | None] = [None]

    def add(text: str | None, el: etree._Element) -> None:
        if not text:
            return
        if line[0] is None and text.strip():
            line[0] = el.sourceline
        buf.append(text)

    def flush() -> None:
        text = squash("".join(buf))
        if text:
            blocks.append(Block(type="paragraph", text=text, line=line[0]))
        buf.clear()
        line[0] = None

    walker = etree.iterwalk(article, events=("start", "end"))
    for event, el in walker:
        tag = _tag(el)
        if event == "start":
            if not tag:
                continue
            if tag in HEADINGS:
                flush()
                text = walked_text(el, keep_lines=False)
                if text:
                    blocks.append(Block(type="heading", text=text, level=HEADINGS[tag], line=el.sourceline))
                walker.skip_subtree()
            elif tag == "table" and _cell_count(el) != 1:
                flush()
                if not cells:
                    if _cell_count(el):
                        blocks.append(Block(type="table", line=el.sourceline))
                else:
                    rows = table_rows(el)
                    n_cells += sum(len(row) for row in rows)
                    if n_cells > MAX_CELLS:
                        raise InputError(f"more than {MAX_CELLS} table cells: not an annual report")
                    if rows:
                        blocks.append(Block(type="table", rows=rows, line=el.sourceline))
                walker.skip_subtree()
            elif tag == "br" or tag in BLOCK_TAGS:
                flush()
                add(el.text, el)
            else:
                add(el.text, el)
        else:
            if tag in BLOCK_TAGS:
                flush()
            if el is not article:
                add(el.tail, el)
    flush()
    return blocks
