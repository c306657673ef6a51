"""Prose helpers shared by the PDF and Markdown readers: page furniture, wrapped lines, headings.

Both inputs come from a page layout: lines are hard-wrapped mid-sentence, page numbers and
running headers sit between paragraphs. These helpers only recognise *layout*; they know
nothing about the regulation beyond the shape of Chinese heading numerals.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# "— 1 —", "- 12 -", "－3－", "第 1 页", "第1页 共6页", "1/6", "- 1 / 6 -"
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－―~～]+\s*\d{1,4}\s*(?:/\s*\d{1,4}\s*)?[-—–－―~～]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$"
)
_LONE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")

# 一、 / （一） / (一) / 1. / 1、 / 1．— a line starting like this starts a new paragraph.
_CN_NUM = "一二三四五六七八九十"
_PART_HEADING = re.compile(rf"^\s*[{_CN_NUM}]{{1,3}}\s*[、.．]")
_SUB_HEADING = re.compile(rf"^\s*[（(]\s*[{_CN_NUM}]{{1,3}}\s*[）)]")
_ITEM = re.compile(r"^\s*\d{1,2}\s*[、.．](?!\d)")
_SENTENCE_END = re.compile(r"[。；;！!？?]")
HEADING_MAX_CHARS = 40
_EMBEDDED_ITEM = re.compile(r"\d[.、．]\D")

_ASCII_WORD = re.compile(r"[A-Za-z0-9%]")


def is_page_number(text: str) -> bool:
    """A page-number footer in any of the usual shapes (a bare number is handled by the caller)."""
    return bool(_PAGE_NUMBER.match(text))


def is_lone_number(text: str) -> bool:
    return bool(_LONE_NUMBER.match(text))


def starts_numbered(text: str) -> bool:
    """True when the line starts with a heading or list numeral (一、 （一） 1.)."""
    return bool(_PART_HEADING.match(text) or _SUB_HEADING.match(text) or _ITEM.match(text))


def heading_level(text: str) -> int | None:
    """Level of a short numbered title line: 一、… → 1, （一）… → 2; sentences are not headings."""
    stripped = text.strip()
    if not stripped or len(stripped) > HEADING_MAX_CHARS or _SENTENCE_END.search(stripped):
        return None
    match = _PART_HEADING.match(stripped) or _SUB_HEADING.match(stripped)
    if match is None:
        return None
    # Shreds of a table's label column ("（三）不", "（二）部分公开（区分处理的，只",
    # "（四）无2.没有…") look numbered but are not titles.
    body = stripped[match.end():]
    if len(body.strip()) < 2 or body.count("（") + body.count("(") != body.count("）") + body.count(")"):
        return None
    if _EMBEDDED_ITEM.search(body):
        return None
    return 1 if _PART_HEADING.match(stripped) else 2


def join_wrapped(parts: Iterable[str]) -> str:
    """Join hard-wrapped lines: Chinese runs on without a space, two ASCII words keep one."""
    out = ""
    for part in parts:
        piece = part.strip()
        if not piece:
            continue
        if out and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(piece[0]):
            out += " "
        out += piece
    return out


def width(text: str) -> float:
    """Display width in full-width characters (ASCII counts half), for 'short line' tests."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text.strip())


def repeated_lines(pages: list[list[str]], min_pages: int = 3) -> set[str]:
    """Texts that recur at the top or bottom of many pages: running headers and footers.

    Digits are blanked before counting so "第3页" on every page counts as one text.
    """
    if len(pages) < min_pages:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_digits_blank(t) for t in lines[:2] + lines[-2:] if t.strip()}
        counts.update(edge)
    need = max(min_pages, (len(pages) + 1) // 2)
    return {text for text, n in counts.items() if n >= need}


def is_repeated(text: str, repeated: set[str]) -> bool:
    return bool(repeated) and _digits_blank(text) in repeated


def _digits_blank(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


_DATE_LINE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")


def date_line(text: str) -> str | None:
    """'2025年1月20日' as written (a 落款 date), or None."""
    match = _DATE_LINE.match(text)
    return re.sub(r"\s+", "", text) if match else None


def looks_like_title(text: str) -> bool:
    compact = re.sub(r"\s+", "", text)
    return "年度报告" in compact and len(compact) <= 80 and not _SENTENCE_END.search(compact)


_YEAR = re.compile(r"(?:19|20)\d{2}")
_AGENCY_END = re.compile(r"(?:政府|办公室|办公厅|局|委员会|委|厅|部|院|署|街道|镇|乡|办事处|中心|管委会)$")


def title_from_texts(texts: list[str], lookahead: int = 6) -> str | None:
    """The report title from the opening paragraphs, re-joining a title wrapped over two lines.

    "淮安市人民政府" + "2024 年…年度报告" and "2024 年…工作" + "年度报告" are one title on the
    page; anything else before the title line ("正文", a notice) is left out.
    """
    for i, text in enumerate(texts[:lookahead]):
        if not looks_like_title(text):
            continue
        title = text.strip()
        if i > 0:
            prev = texts[i - 1].strip()
            short = 0 < len(prev) <= 30 and not _SENTENCE_END.search(prev) and not starts_numbered(prev)
            if short and (not _YEAR.search(title) or _AGENCY_END.search(prev)):
                title = join_wrapped([prev, title])
        return title
    return None
