"""Small text and span helpers shared by the HTML and DOCX readers.

Only what both readers need to turn source cells into `Cell`s the same way: span
clamping and light whitespace normalisation. Nothing here knows about the regulation.
"""

from __future__ import annotations

import re

MAX_SPAN = 1000

# Any run of whitespace, including &nbsp; (U+00A0), the ideographic space (U+3000) and
# zero-width characters that Word/CMS exports scatter through text.
_SPACE_RUN = re.compile(r"[\s\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff]+")
_LEADING_INT = re.compile(r"\s*\+?(\d{1,9})")


def span_int(value: str | int | None) -> int:
    """A rowspan/colspan attribute as the source states it, clamped to 1..1000.

    Browsers read the leading digits ("2;" is 2). "0" (HTML: to the end of the section)
    and garbage become 1: the binder reads tables by labels, and an unclamped span is a
    cheap memory attack on anything that expands the grid.
    """
    if value is None:
        return 1
    if isinstance(value, int):
        number = value
    else:
        match = _LEADING_INT.match(value)
        if not match:
            return 1
        number = int(match.group(1))
    return min(max(number, 1), MAX_SPAN)


def squash(text: str) -> str:
    """Collapse every whitespace run to one space and trim."""
    # Fast path (most cells: "0", "12", a label): every character the pattern matches except
    # the plain space is unprintable (checked in tests), so such text has nothing to change.
    if " " not in text and text.isprintable():
        return text
    if "\u200b" in text or "\u200c" in text or "\u200d" in text or "\u2060" in text or "\ufeff" in text:
        return _SPACE_RUN.sub(" ", text).strip()
    # Without zero-width marks the pattern is `\s+`, the Unicode whitespace `str.split()` splits
    # on: split and join in C, several times faster than the regex on a long paragraph.
    return " ".join(text.split())


def collapse(text: str) -> str:
    """Collapse whitespace runs to one space without trimming (inline text pieces)."""
    return _SPACE_RUN.sub(" ", text)


def squash_lines(text: str) -> str:
    """Like `squash`, but keep explicit line breaks (one per break, no empty lines)."""
    if "\n" not in text:
        return squash(text)
    lines = (squash(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
