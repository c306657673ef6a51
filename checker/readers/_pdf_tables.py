"""PDF tables: cell bboxes from pdfplumber → rows of spanned `Cell`s, stitched across pages.

PDF has no spans; pdfplumber infers the grid from ruling lines and gives each real cell its
bbox. Spans are rebuilt from the bbox grid (dependencies.md §2): xs/ys are the sorted unique
edges, colspan = idx(x1) − idx(x0), rowspan = idx(bottom) − idx(top). A table that breaks
across a page is kept as parts stacked on one vertical axis, so the rebuild sees one grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from checker.model import Cell
from checker.readers._prose import join_wrapped, starts_numbered

X_TOL = 3.0  # the same ruling line drifts ~1–3 pt between pages in WPS exports
Y_TOL = 2.0
_NUMERIC = re.compile(r"^[\d\s.,，%％/\-−+]+$")


@dataclass
class RawCell:
    x0: float
    top: float  # on the table's stacked vertical axis (page parts laid end to end)
    x1: float
    bottom: float
    text: str
    page: int


@dataclass
class RawTable:
    cells: list[RawCell]
    page: int
    bbox: tuple[float, float, float, float]  # page coordinates of the first part
    last_edges: list[float] = field(default_factory=list)  # x edges of the last page part
    stitched: int = 0  # how many page breaks were joined


def _cluster(values: list[float], tol: float) -> list[float]:
    """Sorted representatives of values, merging neighbours closer than tol."""
    reps: list[float] = []
    for v in sorted(values):
        if reps and v - reps[-1] <= tol:
            continue
        reps.append(v)
    return reps


def _index(reps: list[float], v: float) -> int:
    return min(range(len(reps)), key=lambda i: abs(reps[i] - v))


def _is_label(text: str) -> bool:
    return bool(text.strip()) and not _NUMERIC.match(text)


def extract(page: Any, page_no: int) -> tuple[list[RawTable], list[tuple[float, float, float, float]]]:
    """Tables of one page (page order) and the bboxes of one-column fragments.

    A one-column "table" is a bordered text frame or page furniture, not data: it is
    returned separately so its text flows back into paragraphs.
    """
    tables: list[RawTable] = []
    fragments: list[tuple[float, float, float, float]] = []
    for found in page.find_tables():
        texts = found.extract()
        cells: list[RawCell] = []
        for r, row in enumerate(found.rows):
            for c, bbox in enumerate(row.cells):
                if bbox is None:
                    continue
                raw = texts[r][c] if r < len(texts) and c < len(texts[r]) else ""
                text = join_wrapped((raw or "").split("\n"))
                cells.append(RawCell(bbox[0], bbox[1], bbox[2], bbox[3], text, page_no))
        if not cells:
            continue
        edges = _cluster([v for cell in cells for v in (cell.x0, cell.x1)], X_TOL)
        if len(edges) <= 2:
            fragments.append(tuple(found.bbox))
            continue
        tables.append(RawTable(cells, page_no, tuple(found.bbox), edges))
    return tables, fragments


def _subset(small: list[float], large: list[float]) -> bool:
    return all(any(abs(a - b) <= X_TOL for b in large) for a in small)


def continues(prev: RawTable, nxt: RawTable) -> bool:
    """Does nxt (at the top of a page) carry on prev (at the bottom of the page before)?

    Same outer edges, and one part's column edges a subset of the other's: a continuation
    often lacks the header's inner lines (or the header lacks the body's).
    """
    a, b = prev.last_edges, nxt.last_edges
    if abs(a[0] - b[0]) > X_TOL or abs(a[-1] - b[-1]) > X_TOL:
        return False
    return _subset(b, a) or _subset(a, b)


def append(prev: RawTable, nxt: RawTable) -> None:
    """Stack nxt under prev and re-join group-label cells the page break cut in two."""
    seam = max(c.bottom for c in prev.cells)
    shift = seam - min(c.top for c in nxt.cells)
    for cell in nxt.cells:
        cell.top += shift
        cell.bottom += shift
    upper = [c for c in prev.cells if abs(c.bottom - seam) <= Y_TOL]
    lower = [c for c in nxt.cells if abs(c.top - seam) <= Y_TOL]
    merged: set[int] = set()
    for low in lower:
        up = next(
            (u for u in upper if abs(u.x0 - low.x0) <= X_TOL and abs(u.x1 - low.x1) <= X_TOL),
            None,
        )
        if up is None or not _group_label(up, upper) or not _group_label(low, lower, allow_empty=True):
            continue
        if low.text and starts_numbered(low.text):
            continue  # a new numbered label starts on this page: not the rest of the one above
        up.text = join_wrapped([up.text, low.text])
        up.bottom = low.bottom
        merged.add(id(low))
    prev.cells.extend(c for c in nxt.cells if id(c) not in merged)
    prev.last_edges = nxt.last_edges
    prev.stitched += 1


def _group_label(cell: RawCell, row: list[RawCell], allow_empty: bool = False) -> bool:
    """A label cell with another label to its right in the same row: a row-group label
    (三、本年度办理结果, （四）无法提供) whose rowspan a page break may have cut."""
    if not (allow_empty and not cell.text.strip()) and not _is_label(cell.text):
        return False
    return any(o is not cell and o.x0 >= cell.x1 - X_TOL and _is_label(o.text) for o in row)


def to_rows(table: RawTable) -> tuple[tuple[Cell, ...], ...]:
    """Rows of cells with spans, in source order; blank cells kept as "" cells."""
    cells = table.cells
    xs = _cluster([c.x0 for c in cells] + [max(c.x1 for c in cells)], X_TOL)
    ys = _cluster([c.top for c in cells] + [max(c.bottom for c in cells)], Y_TOL)
    rows: dict[int, list[tuple[int, Cell]]] = {}
    for cell in cells:
        r, c = _index(ys, cell.top), _index(xs, cell.x0)
        rowspan = max(1, _index(ys, cell.bottom) - r)
        colspan = max(1, _index(xs, cell.x1) - c)
        rows.setdefault(r, []).append((c, Cell(cell.text, rowspan, colspan, None, cell.page)))
    return tuple(tuple(cell for _, cell in sorted(rows[r], key=lambda t: t[0])) for r in sorted(rows))
