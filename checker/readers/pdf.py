"""PDF reader (optional extra ``reportlint[pdf]`` = pdfplumber): text-layer PDFs → `Report`.

Per page, in reading order: text lines outside tables become paragraphs (wrapped lines
re-joined, 一、 lines as headings) and ruled tables become table blocks with spans rebuilt
from cell bboxes (`_pdf_tables`). Tables broken across a page are stitched back into one
block; page numbers and running headers/footers are dropped. Scanned, encrypted and broken
files end in `InputError`.
"""

from __future__ import annotations

import io
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from checker.errors import InputError
from checker.model import Block, Meta, Report
from checker.readers import _pdf_tables as tables_
from checker.readers._prose import (
    date_line,
    heading_level,
    is_lone_number,
    is_page_number,
    is_repeated,
    join_wrapped,
    looks_like_title,
    repeated_lines,
    starts_numbered,
    title_from_texts,
    width,
)

MAX_PAGES = 300
MISSING_EXTRA = "reading PDF needs the optional extra: pip install 'reportlint[pdf]'"
MARGIN = 0.09  # top/bottom share of the page where headers, footers and page numbers live


@dataclass
class _Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    page: int
    in_margin: bool


@dataclass
class _Para:
    lines: list[str]
    page: int
    last: _Line
    short: bool = False


@dataclass
class _Pages:
    items: list[list[_Line | tables_.RawTable]] = field(default_factory=list)
    fragments: int = 0
    chars: int = 0


def read_bytes(data: bytes, source: str) -> Report:
    try:
        import pdfplumber
    except ImportError:
        raise InputError(MISSING_EXTRA, source) from None
    if b"%PDF" not in data[:1024]:
        raise InputError("not a PDF file (no %PDF header)", source)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise InputError(f"PDF has {len(pdf.pages)} pages; the limit is {MAX_PAGES}", source)
            pages = _collect(pdf)
            meta_title = _info_title(pdf)
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise InputError(_describe(exc), source) from None
    if pages.chars == 0:
        raise InputError("no text layer (a scanned or image-only PDF); OCR it first", source)
    blocks, notes = _blocks(pages)
    if pages.fragments:
        notes.append(f"{pages.fragments} one-column frame(s) read as text, not tables")
    texts = [b.text for b in blocks if b.type != "table"]
    fields: dict[str, str] = {}
    for text in reversed(texts[-3:]):
        if (date := date_line(text)) is not None:
            fields["落款日期"] = date
            break
    title = title_from_texts(texts) or meta_title
    meta = Meta(title=title, source=source, fields=fields)
    return Report(meta=meta, blocks=tuple(blocks), reader="pdf", notes=tuple(notes))


def _describe(exc: BaseException) -> str:
    names = {type(e).__name__ for e in (exc, exc.__cause__, exc.__context__) if e is not None}
    text = " ".join(str(a) for a in getattr(exc, "args", ()))
    if any("Password" in n or "Encrypt" in n for n in names) or "password" in text.lower():
        return "encrypted PDF: it cannot be read without its password"
    if any("Syntax" in n or "TypeError" in n for n in names):
        return "not a readable PDF (damaged or not a PDF)"
    return f"cannot read this PDF ({type(exc).__name__})"


def _info_title(pdf: Any) -> str | None:
    """The Info dictionary's Title, decoded (UTF-16 with BOM is common in WPS files)."""
    try:
        from pdfminer.pdftypes import resolve1

        raw = resolve1(pdf.doc.info[0].get("Title")) if pdf.doc.info else None
    except Exception:  # metadata is optional; a broken Info dict is no reason to fail
        return None
    if isinstance(raw, bytes):
        for bom, enc in ((b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le")):
            if raw.startswith(bom):
                raw = raw[2:].decode(enc, errors="replace")
                break
        else:
            raw = raw.decode("utf-8", errors="replace")
    if isinstance(raw, str) and looks_like_title(raw):
        return raw.strip()
    return None


def _collect(pdf: Any) -> _Pages:
    """Lines outside tables, and tables, per page in top-to-bottom order."""
    out = _Pages()
    for page_no, page in enumerate(pdf.pages, 1):
        out.chars += len(page.chars)
        found, fragments = tables_.extract(page, page_no)
        out.fragments += len(fragments)
        boxes = [t.bbox for t in found]

        def outside(obj: dict[str, Any], boxes: list[tuple[float, ...]] = boxes) -> bool:
            if obj.get("object_type") != "char":
                return True
            cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
            return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

        height = float(page.height)
        items: list[_Line | tables_.RawTable] = []
        for ln in page.filter(outside).extract_text_lines(return_chars=False):
            text = ln["text"].strip()
            if text:
                margin = ln["top"] < height * MARGIN or ln["bottom"] > height * (1 - MARGIN)
                items.append(_Line(text, ln["x0"], ln["top"], ln["x1"], ln["bottom"], page_no, margin))
        items.extend(found)
        items.sort(key=lambda it: it.top if isinstance(it, _Line) else it.bbox[1])
        out.items.append(items)
        page.close()  # drop the page's parsed objects: memory stays flat up to MAX_PAGES
    return out


def _drop_furniture(pages: _Pages) -> list[list[_Line | tables_.RawTable]]:
    margin_texts = [[it.text for it in items if isinstance(it, _Line) and it.in_margin] for items in pages.items]
    repeated = repeated_lines(margin_texts)
    kept = []
    for items in pages.items:
        keep = []
        for it in items:
            if isinstance(it, _Line) and (
                is_page_number(it.text)
                or (it.in_margin and (is_lone_number(it.text) or is_repeated(it.text, repeated)))
            ):
                continue
            keep.append(it)
        kept.append(keep)
    return kept


def _blocks(pages: _Pages) -> tuple[list[Block], list[str]]:
    kept = _drop_furniture(pages)
    lines = [it for items in kept for it in items if isinstance(it, _Line)]
    left, right, char_w = _layout(lines)
    out: list[Block | tables_.RawTable] = []
    notes: list[str] = []
    para: _Para | None = None

    def flush() -> None:
        nonlocal para
        if para is not None:
            text = join_wrapped(para.lines)
            level = heading_level(text) if len(para.lines) == 1 else None
            kind = "heading" if level else "paragraph"
            out.append(Block(type=kind, text=text, level=level, page=para.page))
            para = None

    tail: tables_.RawTable | None = None  # the table that closed the previous page, if any
    for items in kept:
        for position, it in enumerate(items):
            if isinstance(it, tables_.RawTable):
                flush()
                # Stitch only a table that opens this page onto one that closed the last
                # page: any text between (a title, a paragraph) means a new table.
                if position == 0 and tail is not None and tables_.continues(tail, it):
                    tables_.append(tail, it)
                    notes.append(f"table on page {tail.page} continues on page {it.page}; joined")
                    continue
                out.append(it)
                continue
            gap = para is not None and para.last.page == it.page and (
                it.top - para.last.bottom > 1.5 * max(it.bottom - it.top, 1.0)
            )
            indented = it.x0 > left + 0.8 * char_w
            if para is None or para.short or gap or indented or starts_numbered(it.text):
                flush()
                para = _Para([it.text], it.page, it)
            else:
                para.lines.append(it.text)
                para.last = it
            para.short = it.x1 < right - 1.5 * char_w
        last = out[-1] if out and para is None else None
        tail = last if isinstance(last, tables_.RawTable) and items and not isinstance(items[-1], _Line) else None
    flush()
    blocks = [
        Block(type="table", rows=tables_.to_rows(b), page=b.page) if isinstance(b, tables_.RawTable) else b
        for b in out
    ]
    return blocks, notes


def _layout(lines: list[_Line]) -> tuple[float, float, float]:
    """Left text edge, right text edge and the body character width, from all lines."""
    if not lines:
        return 0.0, 0.0, 10.0
    starts = Counter(round(ln.x0) for ln in lines)
    common = [x for x, n in starts.items() if n >= 2]  # ignore one-off centred lines
    left = float(min(common or starts))
    xs1 = sorted(ln.x1 for ln in lines)
    right = xs1[int(0.9 * (len(xs1) - 1))]
    widths = [(ln.x1 - ln.x0) / width(ln.text) for ln in lines if width(ln.text) >= 5]
    char_w = statistics.median(widths) if widths else 10.0
    return left, right, char_w
