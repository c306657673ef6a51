"""Word styles and automatic numbering: heading levels and the rendered list prefixes.

Word drafts of the annual report often type "总体情况" and let a numbered heading style
render "一、". Without this the part headings lose their numerals, which is exactly what
the checker would then (wrongly) report. Counting follows Word: one counter per numId and
level, deeper levels restart when a shallower one advances.
"""

from __future__ import annotations

import re

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_HEADING_ID = re.compile(r"^(?:heading)?([1-9])$", re.I)
_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def wval(el: etree._Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    return el.get(W + "val", default)


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n >= 10000:
        return str(n)
    units = ((1000, "千"), (100, "百"), (10, "十"))
    out, zero = "", False
    for value, unit in units:
        digit, n = divmod(n, value)
        if digit:
            if zero:
                out += "零"
            out += ("" if (value == 10 and digit == 1 and not out) else _DIGITS[digit]) + unit
            zero = False
        elif out:
            zero = True
    if n:
        out += ("零" if zero else "") + _DIGITS[n]
    return out


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital"):
        return chinese_number(n)
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10]
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal and anything exotic


class Styles:
    """styleId → heading level and numbering (followed through basedOn)."""

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, etree._Element] = {}
        if root is not None:
            for style in root.iter(W + "style"):
                sid = style.get(W + "styleId")
                if sid and style.get(W + "type", "paragraph") == "paragraph":
                    self._styles[sid] = style
        # Both answers depend on the style id alone (the styles part is read once): asked for
        # every paragraph, a report's few hundred table cells included, they are remembered.
        self._levels: dict[str | None, int | None] = {}
        self._numbers: dict[str | None, tuple[str, int] | None] = {}

    def _chain(self, style_id: str | None):
        seen: set[str] = set()
        while style_id and style_id in self._styles and style_id not in seen and len(seen) < 20:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style_id, style
            style_id = wval(style.find(W + "basedOn"))

    def heading_level(self, style_id: str | None) -> int | None:
        try:
            return self._levels[style_id]
        except KeyError:
            level = self._levels[style_id] = self.heading_level_of(style_id)
            return level

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        try:
            return self._numbers[style_id]
        except KeyError:
            number = self._numbers[style_id] = self.numbering_of(style_id)
            return number

    def heading_level_of(self, style_id: str | None) -> int | None:
        """`heading_level`, worked out from the styles."""
        for sid, style in self._chain(style_id):
            name = wval(style.find(W + "name"), "") or ""
            match = _HEADING_NAME.match(name.strip()) or _HEADING_ID.match(sid)
            if match:
                return int(match.group(1))
            outline = wval(style.find(f"{W}pPr/{W}outlineLvl"))
            if outline is not None and outline.isdigit() and int(outline) < 9:
                return int(outline) + 1
        if style_id and style_id not in self._styles:
            match = _HEADING_ID.match(style_id)  # a style id used without a styles part
            if match:
                return int(match.group(1))
        return None

    def numbering_of(self, style_id: str | None) -> tuple[str, int] | None:
        """`numbering`, worked out from the styles."""
        for _sid, style in self._chain(style_id):
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                num_id = wval(num_pr.find(W + "numId"))
                ilvl = wval(num_pr.find(W + "ilvl"), "0") or "0"
                if num_id:
                    return num_id, int(ilvl) if ilvl.isdigit() else 0
        return None


class Numbering:
    """Renders "一、" / "（一）" / "1." prefixes of auto-numbered paragraphs in order."""

    def __init__(self, root: etree._Element | None) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int, str]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int, str]]] = {}
        for an in root.iter(W + "abstractNum"):
            abstract[an.get(W + "abstractNumId", "")] = self._read_levels(an)
        for num in root.iter(W + "num"):
            levels = dict(abstract.get(wval(num.find(W + "abstractNumId"), "") or "", {}))
            for override in num.iter(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl", "0") or 0)
                start = wval(override.find(W + "startOverride"))
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels.update(self._read_levels(override))
                if start and start.isdigit() and ilvl in levels:
                    fmt, text, _start, suff = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start), suff)
            self._levels[num.get(W + "numId", "")] = levels

    @staticmethod
    def _read_levels(parent: etree._Element) -> dict[int, tuple[str, str, int, str]]:
        levels = {}
        for lvl in parent.iter(W + "lvl"):
            ilvl = lvl.get(W + "ilvl", "0")
            if not ilvl.isdigit() or int(ilvl) > 8:
                continue
            start = wval(lvl.find(W + "start"), "1") or "1"
            levels[int(ilvl)] = (
                wval(lvl.find(W + "numFmt"), "decimal") or "decimal",
                wval(lvl.find(W + "lvlText"), "") or "",
                int(start) if start.isdigit() else 1,
                wval(lvl.find(W + "suff"), "tab") or "tab",
            )
        return levels

    def next_prefix(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of (numId, level) and return the rendered prefix."""
        levels = self._levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, [None] * 9)
        fmt, text, start, suff = levels[ilvl]
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None

        def render(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            if level not in levels:
                return ""
            value = counters[level] if counters[level] is not None else levels[level][2]
            return format_number(value, levels[level][0])

        if fmt == "bullet":
            return ""
        prefix = re.sub(r"%([1-9])", render, text).strip()
        if prefix and suff == "space" and not prefix.endswith(("、", "）", ")", ".", "．")):
            prefix += " "
        return prefix
