"""HTML article element → ordered `Block`s (headings, paragraphs, tables).

The walk is iterative (`etree.iterwalk`), so hostile nesting cannot exhaust the Python
stack. Tables keep their cells exactly as the source gives them (spans clamped, grid not
expanded: the binder does that). Word/MSO exports put one visual paragraph into many
nested `<span>`/`<font>` elements; inline elements are merged, block elements and `<br>`
end a paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from checker.errors import InputError
from checker.model import Block, Cell
from checker.readers._cells import collapse, span_int, squash, squash_lines

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# A statutory report has about 500 table cells. A page with hundreds of thousands is not
# a report, and reading it would only burn time and memory.
MAX_CELLS = 200_000
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd div dl dt fieldset figcaption figure form "
    "h1 h2 h3 h4 h5 h6 hr html li main ol p pre section table tbody td tfoot th thead tr ul "
    "caption option".split()
)


def _tag(el: etree._Element) -> str:
    # libxml2's HTML parser lowercases element names; comments and PIs have no str tag.
    tag = el.tag
    return tag if isinstance(tag, str) else ""


def subtree_text(el: etree._Element) -> str:
    """All text inside `el` (not its tail) concatenated in C: the XPath string value, so no
    comment or PI text. One call instead of a Python step per node (`itertext()`)."""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


_BREAKS = BLOCK_TAGS | {"br"}


def element_text(root: etree._Element, keep_lines: bool = True) -> str:
    """Text of an element: `<br>` and block boundaries become line breaks (nested
    tables are flattened this way too), source whitespace collapses to single spaces."""
    if len(root) == 0:  # fast path: most cells are a bare text node
        return squash(root.text or "")
    breaks = [el for el in root.iterdescendants() if el.tag in _BREAKS]
    if not breaks:
        # Inline markup only (<span>, <font>): no line breaks, so the text is the subtree's
        # string value squashed (comments and PIs carry no string value, as in the walk).
        return squash(subtree_text(root))
    if any(el.getparent() is not root for el in breaks):
        return _walked_text(root, keep_lines)
    # Breaks only among the children (a Word cell: <td><p><span>…</span></p></td>): each
    # child's text in one C call; the same pieces and line breaks as the walk.
    parts = [collapse(root.text or "")]
    for child in root:
        tag = child.tag
        if isinstance(tag, str):
            if tag in _BREAKS:
                parts.append("\n")
            parts.append(collapse(subtree_text(child)))
            if tag in BLOCK_TAGS:
                parts.append("\n")
        if child.tail:
            parts.append(collapse(child.tail))
    text = squash_lines("".join(parts))
    return text if keep_lines else squash(text)


def _walked_text(root: etree._Element, keep_lines: bool = True) -> str:
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = _tag(el)
        if event == "start":
            if tag == "br" or tag in BLOCK_TAGS:
                parts.append("\n")
            if tag and el.text:
                parts.append(collapse(el.text))
        else:
            if tag in BLOCK_TAGS:
                parts.append("\n")
            if el is not root and el.tail:
                parts.append(collapse(el.tail))
    text = squash_lines("".join(parts))
    return text if keep_lines else squash(text)


def _own_rows(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        tag = child.tag
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if row.tag == "tr")


_NO_SPANS = (None, None)


def table_rows(
    table: etree._Element, cells: dict[tuple[object, ...], Cell] | None = None
) -> tuple[tuple[Cell, ...], ...]:
    """Rows of cells as the source gives them. `cells` memoises equal cells (a report
    table is mostly "0"s on one source line): `Cell` is frozen, so sharing one is safe,
    and building one costs more than the lookup."""
    memo: dict[tuple[object, ...], Cell] = {} if cells is None else cells
    rows: list[tuple[Cell, ...]] = []
    for tr in _own_rows(table):
        row: list[Cell] = []
        for td in tr:
            tag = td.tag
            if tag != "td" and tag != "th":
                continue
            # A bare text node is keyed raw (saves the squash); other cells by their text. A cell
            # without attributes (most) needs no lookup of its spans.
            bare = len(td) == 0
            spans = (td.get("rowspan"), td.get("colspan")) if td.keys() else _NO_SPANS
            key = (bare, td.text if bare else element_text(td), *spans, td.sourceline)
            cell = memo.get(key)
            if cell is None:
                text = squash(key[1] or "") if key[0] else key[1]
                cell = memo[key] = Cell(text, span_int(key[2]), span_int(key[3]), key[4])
            row.append(cell)
        if row:
            rows.append(tuple(row))
    return tuple(rows)


def _has_cells(table: etree._Element) -> bool:
    """`table_rows(table)` is not empty, without reading a cell."""
    return any(td.tag == "td" or td.tag == "th" for tr in _own_rows(table) for td in tr)


def is_wrapper_table(table: etree._Element) -> bool:
    """A one-cell table around other content (layout), walked like a `<div>`."""
    count = 0
    for tr in _own_rows(table):
        for td in tr:
            if td.tag == "td" or td.tag == "th":
                count += 1
                if count > 1:
                    return False
    return count == 1


def walk_blocks(article: etree._Element, cells: bool = True, limit: int | None = None) -> list[Block]:
    """Blocks of `article` in document order. Without `cells`, a table that would have a
    block has an empty one (no rows): the same blocks otherwise, for a read that needs
    only the text outside tables (the pairing key). With `limit`, the walk stops once that
    many blocks are out: the full walk's first `limit` blocks (the pairing key's title
    candidates), without walking the rest of the page."""
    blocks: list[Block] = []
    memo: dict[tuple[object, ...], Cell] = {}
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
        if limit is not None and len(blocks) >= limit:
            return blocks[:limit]  # each step appends at most two blocks (a paragraph, then its heading or table)
        tag = _tag(el)
        if event == "start":
            if not tag:
                continue  # comment or processing instruction: its tail comes on "end"
            if tag in HEADINGS:
                flush()
                text = element_text(el, keep_lines=False)
                if text:
                    blocks.append(Block(type="heading", text=text, level=HEADINGS[tag], line=el.sourceline))
                walker.skip_subtree()
            elif tag == "table" and not is_wrapper_table(el):
                flush()
                if not cells:
                    if _has_cells(el):
                        blocks.append(Block(type="table", line=el.sourceline))
                else:
                    rows = table_rows(el, memo)
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
    return blocks if limit is None else blocks[:limit]
