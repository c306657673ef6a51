"""The table format's uncoloured text laid out without rich's console: the same bytes, ~100 M fewer
instructions at start-up (rich.console, rich.table and fractions are not imported, nothing is measured
twice through renderables).

It mirrors, for exactly what ``formatters.table`` prints, rich's layout of an unstyled ``Text``
(``Text.wrap``: lines, word wrap, ``rstrip_end``, justify, ``truncate``) and of a ``Table`` with
``box.SIMPLE_HEAD``, ``show_edge=False``, ``pad_edge=False``, ``expand=False`` and padding (0, 1)
(``_calculate_column_widths``, ``_collapse_widths``, ``Padding``, top/bottom alignment). Character widths,
word breaks and folding come from rich itself (``rich.cells``, ``rich._wrap``), so they follow the
installed rich and the ``UNICODE_VERSION`` it reads. ``tests/formatters/test_plain_table.py`` holds the
output to rich's byte for byte (hypothesis: CJK, long words, line breaks, narrow and wide widths).
The caller keeps rich for colour, for widths below ``MIN_WIDTH`` and for text with a character that is
not one or two cells wide on its own (zero-width, combining, joiners, variation selectors): rich's
segments treat those in ways not mirrored here (``lays_out``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rich._wrap import divide_line
from rich.cells import cell_len, get_character_cell_size, set_cell_size

MIN_WIDTH = 40  # narrower consoles go through rich (columns of one or two cells have their own rules there)
_TRAILING_SPACE = re.compile(r"\s+$")  # rich.text._re_whitespace

# One column: (header, the keyword arguments of rich's Table.add_column). Rich's defaults: no_wrap False,
# overflow "ellipsis", no max_width; `ratio` only matters for an expanding table, which this is not.
Column = tuple[str, dict[str, Any]]


def lays_out(text: str) -> bool:
    """Whether every character of ``text`` but line breaks is one or two cells wide by itself (what this
    module handles)."""
    return all(get_character_cell_size(char) in (1, 2) and char not in "\u200d\ufe0f"
               for char in set(text) - {"\n"})


def _rstrip_end(line: str, size: int) -> str:
    """rich's Text.rstrip_end: drop trailing whitespace beyond ``size`` characters (not cells)."""
    excess = len(line) - size
    if excess > 0:
        match = _TRAILING_SPACE.search(line)
        if match is not None:
            return line[:len(line) - min(len(match[0]), excess)]
    return line


def _truncate(line: str, width: int, overflow: str, pad: bool = False) -> str:
    """rich's Text.truncate."""
    length = cell_len(line)
    if length > width:
        line = set_cell_size(line, width - 1) + "…" if overflow == "ellipsis" else set_cell_size(line, width)
    if pad and length < width:
        line += " " * (width - length)
    return line


def wrap(text: str, width: int, justify: str = "default", overflow: str = "fold", no_wrap: bool = False) -> list[str]:
    """rich's Text.wrap of a text without tabs or styles (``formatters.table`` turns tabs into spaces)."""
    out: list[str] = []
    for line in text.split("\n"):
        if no_wrap:
            pieces = [line]
        else:
            bounds = [0, *divide_line(line, width, fold=overflow == "fold"), len(line)]
            pieces = [_rstrip_end(line[a:b], width) for a, b in zip(bounds, bounds[1:])]
        if justify == "left":
            pieces = [_truncate(piece, width, overflow, pad=True) for piece in pieces]
        out += [_truncate(piece, width, overflow) for piece in pieces]
    return out


def _measure(text: str, width: int, pad: int) -> int:
    """The maximum of rich's Measurement.get of ``Padding(Text(text), pad)`` in ``width`` cells."""
    if width < 1:
        return 0
    if width - pad < 1:
        return width
    lines = text.splitlines()
    longest = max(cell_len(line) for line in lines) if lines else 0
    return min(min(longest, width) + pad, width)


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """rich._ratio.ratio_reduce (copied: importing rich._ratio imports fractions, ~5 M instructions)."""
    ratios = [ratio if maximum else 0 for ratio, maximum in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """rich's Table._collapse_widths."""
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, can in zip(widths, wrapable) if can)
            second = max(w if can and w != widest else 0 for w, can in zip(widths, wrapable))
            difference = widest - second
            ratios = [1 if (w == widest and can) else 0 for w, can in zip(widths, wrapable)]
            if not any(ratios) or not difference:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


class _Grid:
    """One table's columns (texts per column, header first) and paddings, as rich lays them out."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> None:
        last = len(columns) - 1
        self.options = [options for _, options in columns]
        self.texts = [[header, *(row[i] for row in rows)] for i, (header, _) in enumerate(columns)]
        self.pads = [(0 if i == 0 else 1, 0 if i == last else 1) for i in range(len(columns))]

    def _column_max(self, index: int, width: int) -> int:
        """rich's Table._measure_column(...).maximum."""
        if width < 1:
            return 0
        left, right = self.pads[index]
        longest = min(max(_measure(text, width, left + right) for text in self.texts[index]), width)
        limit = self.options[index].get("max_width")
        return longest if limit is None else min(longest, limit + left + right)

    def widths(self, max_width: int) -> list[int]:
        """rich's Table._calculate_column_widths for a table that does not expand."""
        count = len(self.texts)
        widths = [self._column_max(i, max_width) or 1 for i in range(count)]
        if sum(widths) > max_width:
            wrapable = [not options.get("no_wrap", False) for options in self.options]
            widths = _collapse(widths, wrapable, max_width)
            if sum(widths) > max_width:
                widths = _ratio_reduce(sum(widths) - max_width, [1] * count, widths, widths)
            widths = [self._column_max(i, width) or 0 for i, width in enumerate(widths)]
        return widths

    def lines(self, width: int) -> list[str]:
        """The table's lines: header row, the SIMPLE_HEAD rule, then the rows (cells divided by a space)."""
        widths = self.widths(width - (len(self.texts) - 1))
        out: list[str] = []
        for row in range(len(self.texts[0])):
            cells = [self._cell(i, row, w) for i, w in enumerate(widths)]
            height = max(len(cell) for cell in cells)
            for i, (cell, w) in enumerate(zip(cells, widths)):
                blank = [" " * w] * (height - len(cell))
                cells[i] = blank + cell if row == 0 else cell + blank  # the header row aligns to the bottom
            out += [" ".join(parts) for parts in zip(*cells)]
            if row == 0:
                out.append("─" * (sum(widths) + len(widths) - 1))
        return out

    def _cell(self, index: int, row: int, width: int) -> list[str]:
        """rich's Padding(Text) rendered into ``width`` cells: wrapped, justified left, padded."""
        left, right = self.pads[index]
        options = self.options[index]
        inner = width - left - right
        lines = wrap(self.texts[index][row], inner, "left", options.get("overflow", "ellipsis"),
                     options.get("no_wrap", False))
        return [" " * left + set_cell_size(line, inner) + " " * right for line in lines]


def render(items: Sequence[str | tuple[Sequence[Column], Sequence[Sequence[str]]]], width: int) -> str:
    """The text rich prints for these items: a str is a Text line (wrapped at ``width``), a pair
    (columns, rows of cell texts) a table."""
    out: list[str] = []
    for item in items:
        out += wrap(item, width) if isinstance(item, str) else _Grid(*item).lines(width)
    return "".join(line + "\n" for line in out)
