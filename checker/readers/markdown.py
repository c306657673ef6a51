"""Markdown reader: ATX headings, paragraphs and pipe tables → `Report`, with line numbers.

Much Markdown here is a PDF extraction: hard-wrapped lines, page footers ("— 1 —"), running
headers, table cells with ``<br>``. Those are undone; everything else is kept as written —
the structure of the document (even a wrong one) is the binder's to judge, not ours.
"""

from __future__ import annotations

import html
import re

from checker.model import Block, Cell, Meta, Report
from checker.readers._prose import (
    date_line,
    heading_level,
    is_lone_number,
    is_page_number,
    join_wrapped,
    looks_like_title,
    starts_numbered,
    title_from_texts,
    width,
)
from checker.readers.decode import decode_text

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_FRONT_FIELD = re.compile(r"^\s*([^:#\s][^:]*):\s*(.*?)\s*$")
RUNNING_HEADER_MIN = 3
# A hard-wrapped line this much shorter than the wrap width ended its paragraph. Lenient,
# because extraction loses the two-character indent of a paragraph's first line.
SHORT_LINE = 0.8  # a short line standing alone this often is a running header


def read_bytes(data: bytes, source: str) -> Report:
    text = decode_text(data, source)
    lines = text.splitlines()
    fields, start = _front_matter(lines)
    drop = _furniture(lines, start)
    wrapped_at = _wrap_width(lines, start, drop)
    blocks: list[Block] = []
    para: list[str] = []
    para_line = 0

    def flush() -> None:
        nonlocal para
        if para:
            joined = _inline(join_wrapped(para))
            level = heading_level(joined) if len(para) == 1 else None
            blocks.append(Block(type="heading" if level else "paragraph", text=joined, level=level, line=para_line))
            para = []

    i = start
    while i < len(lines):
        raw = lines[i]
        stripped = raw.strip()
        if i in drop or _COMMENT.match(raw):
            i += 1
            continue
        if not stripped or _FENCE.match(raw):
            flush()
            i += 1
            continue
        if heading := _ATX.match(raw):
            flush()
            if heading.group(2):
                blocks.append(Block(type="heading", text=_inline(heading.group(2)), level=len(heading.group(1)), line=i + 1))
            i += 1
            continue
        if stripped.startswith("|"):
            flush()
            rows: list[tuple[Cell, ...]] = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                if not _SEPARATOR.match(lines[i]):
                    rows.append(tuple(Cell(t, line=i + 1) for t in split_row(lines[i])))
                i += 1
            if rows:
                blocks.append(Block(type="table", rows=tuple(rows), line=rows[0][0].line))
            continue
        # A wrapped line continues the paragraph unless it opens a numbered item, or the
        # line before it stopped short of the wrap width (the end of a paragraph).
        if para and (starts_numbered(stripped) or _ends_paragraph(para[-1], wrapped_at)):
            flush()
        if not para:
            para_line = i + 1
        para.append(stripped)
        i += 1
    flush()
    return Report(meta=_meta(blocks, fields, source), blocks=tuple(blocks), reader="markdown")


def split_row(line: str) -> list[str]:
    """Cells of one pipe-table row; ``\\|`` is a literal pipe, ``<br>`` a line break."""
    body = line.strip()
    cells: list[str] = []
    current: list[str] = []
    j = 1 if body.startswith("|") else 0
    while j < len(body):
        ch = body[j]
        if ch == "\\" and j + 1 < len(body) and body[j + 1] == "|":
            current.append("|")
            j += 2
            continue
        if ch == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
        j += 1
    if current and "".join(current).strip():
        cells.append("".join(current))  # a row without its closing pipe
    return [_cell_text(c) for c in cells]


def _cell_text(raw: str) -> str:
    parts = [p.strip() for p in _BR.split(raw)]
    return _inline("\n".join(p for p in parts if p) if len(parts) > 1 else raw.strip())


def _inline(text: str) -> str:
    return html.unescape(_EMPHASIS.sub(r"\2", text)).strip()


def _ends_paragraph(previous: str, wrapped_at: float | None) -> bool:
    if heading_level(previous) is not None:
        return True  # "一、总体情况" on its own line is a title, whatever follows
    return wrapped_at is not None and width(previous) < SHORT_LINE * wrapped_at


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """A leading ``---`` block of ``key: value`` lines → raw fields; returns where the body starts."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, min(len(lines), 60)):
        if lines[end].strip() in ("---", "..."):
            fields = {}
            for line in lines[1:end]:
                if m := _FRONT_FIELD.match(line):
                    fields[m.group(1).strip()] = m.group(2).strip().strip("\"'")
            return fields, end + 1
    return {}, 0


def _furniture(lines: list[str], start: int) -> set[int]:
    """Line indexes of page numbers and running headers/footers."""
    blank = {i for i in range(start, len(lines)) if not lines[i].strip()}
    numbers = {i for i in range(start, len(lines)) if is_page_number(lines[i])}

    def alone(i: int) -> bool:
        def edge(j: int) -> bool:
            return j < start or j >= len(lines) or j in blank or j in numbers

        return edge(i - 1) and edge(i + 1)

    # A bare number between blank lines is a page number; inside text it may be a value.
    drop = numbers | {i for i in range(start, len(lines)) if is_lone_number(lines[i]) and alone(i)}
    seen: dict[str, list[int]] = {}
    for i in range(start, len(lines)):
        text = lines[i].strip()
        if text and i not in drop and len(text) <= 40 and not text.startswith(("|", "#")) and alone(i):
            seen.setdefault(re.sub(r"\d+", "#", text), []).append(i)
    for where in seen.values():
        if len(where) >= RUNNING_HEADER_MIN:
            drop.update(where)
    return drop


def _wrap_width(lines: list[str], start: int, drop: set[int]) -> float | None:
    """The width prose was hard-wrapped at, or None when lines are not hard-wrapped."""
    widths = sorted(
        width(line)
        for i, line in enumerate(lines[start:], start)
        if line.strip() and i not in drop and not line.lstrip().startswith(("|", "#"))
    )
    if len(widths) < 8:
        return None
    top = widths[int(0.9 * (len(widths) - 1))]
    near = sum(1 for w in widths if w >= top - 2)
    return top if top >= 15 and near >= 0.3 * len(widths) else None


def _meta(blocks: list[Block], fields: dict[str, str], source: str) -> Meta:
    texts = [b.text for b in blocks if b.type != "table"]
    headings = [b.text for b in blocks if b.type == "heading" and b.level == 1 and looks_like_title(b.text)]
    title = fields.get("title") or (headings[0] if headings else None) or title_from_texts(texts)
    out = dict(fields)
    for text in reversed(texts[-3:]):
        if (date := date_line(text)) is not None:
            out["落款日期"] = date
            break
    return Meta(title=title, source=source, fields=out)
