"""Reading one table cell into a value, telling a number from a blank, a dash and garbage.

The 2021 format has no signed numbers and no units inside cells (regulation.md §3.4.4):
"+3", "--253", "103.3879万元" and "无" are all kept as `invalid` with the reason, so a
rule can say exactly what is wrong; a blank is not a zero and a "/" is neither.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from checker.regexsafe import compile_known  # module regexes from a cached pack's forms: see rulecache

_DASHES = {"/", "-", "—", "——", "－", "–", "\\", "／", "－－", "--", "─"}
_NUMBER = compile_known(r"^[0-9]+(?:\.[0-9]+)?$")
_GROUPED = compile_known(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_UNIT = compile_known(r"^([+-]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(万元|元|件|个|条|项|次|万)$")


@dataclass(frozen=True, slots=True)
class CellValue:
    """A table cell read as a value: its text, what state it is in and its number if any."""

    text: str
    state: str  # "number" | "blank" | "dash" | "invalid"
    value: Decimal | None = None
    reason: str | None = None  # for invalid: "signed", "unit", "text"

    @property
    def is_number(self) -> bool:
        return self.state == "number"


@lru_cache(maxsize=4096)  # pure and immutable; the same numbers recur in every table of a batch
def parse_cell(text: str) -> CellValue:
    raw = text
    cleaned = unicodedata.normalize("NFKC", text).replace("\u00a0", " ").strip()
    cleaned = re.sub(r"\s+", "", cleaned)
    if not cleaned:
        return CellValue(raw, "blank")
    if cleaned in _DASHES:
        return CellValue(raw, "dash")
    if _NUMBER.match(cleaned) or _GROUPED.match(cleaned):
        try:
            return CellValue(raw, "number", Decimal(cleaned.replace(",", "")))
        except InvalidOperation:  # pragma: no cover - the regexes admit only valid decimals
            return CellValue(raw, "invalid", reason="text")
    if re.match(r"^[+\-−－]+[0-9]", cleaned):
        return CellValue(raw, "invalid", reason="signed")
    unit = _UNIT.match(cleaned)
    if unit:
        return CellValue(raw, "invalid", reason="unit")
    return CellValue(raw, "invalid", reason="text")


@lru_cache(maxsize=4096)  # asked of every cell of every table, and of the same labels and numbers
def looks_like_value(text: str) -> bool:
    """True for cells that belong in a value column: numbers, blanks, dashes, signed or unit numbers."""
    cell = parse_cell(text)
    return cell.state != "invalid" or cell.reason in ("signed", "unit")


class BoundedMemo(dict):
    """`function` of each key, remembered in a plain dictionary: `map(memo.__getitem__, keys)` looks
    every key up in C, half the cost of an lru_cache wrapper call, for callers that ask per table
    cell. Emptied when full (`limit` keys), so a worker's memory stays flat."""

    __slots__ = ("function", "limit")

    def __init__(self, function: Callable[[Any], Any], limit: int) -> None:
        super().__init__()
        self.function, self.limit = function, limit

    def __missing__(self, key: Any) -> Any:  # noqa: ANN401 - whatever function answers
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.function(key)
        return value


parsed = BoundedMemo(parse_cell, 4096).__getitem__  # parse_cell of a table cell's text, per cell
value_kind = BoundedMemo(looks_like_value, 4096).__getitem__  # looks_like_value of a cell's text
