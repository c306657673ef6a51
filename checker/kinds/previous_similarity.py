"""previous_similarity — a part's text that is last year's text with the years changed.

What it checks: for each part in `parts`, the similarity (difflib ratio, deterministic) of
this year's and last year's text after masking years and numbers; at or above `threshold`
the part is reported. Parts shorter than `min_chars` (masked) on either side are skipped:
"本年度未收取信息处理费。" is the same every year and rightly so. The evidence also gives the
similarity with the numbers kept (only years masked): when that is as high, even the
figures were not updated. `tables` lists statistical tables that must not be last year's
table unchanged: every cell equal and at least `min_nonzero` non-zero cells (outside
`ignore_columns`, e.g. table 2's 现行有效件数, a stock that legitimately stays the same);
all-zero tables repeat every year and rightly so.
Why: 国办公开办函〔2021〕30号 holds the responsible officials accountable for reports
"内容雷同、敷衍塞责" (regulation.md §3.5, §7.3 X3).
Placeholders: similarity, threshold, similarity_with_numbers, previous_year, nonzero.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from decimal import Decimal
from difflib import SequenceMatcher
from operator import mul

from checker.bound import BoundCell, BoundReport, BoundTable
from checker.findings import Location
from checker.kinds._base import Context, NotAssessable, Violation
from checker.kinds._previous import masked_norm, previous_report, previous_table
from checker.textnorm import _SHINGLE, _SIMILARITY_BUDGET, norm

KIND = "previous_similarity"
PLACEHOLDERS = frozenset({"similarity", "threshold", "similarity_with_numbers", "previous_year", "nonzero"})
REFERENCES = {"parts[]": "part", "tables[].table": "table"}  # names checked by `reportlint rules lint`


def _percent(ratio: float) -> str:
    return f"{ratio * 100:.0f}%"


Derive = Callable[[tuple[Any, ...], Callable[[], Any]], Any]


def _fresh(key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """A `Derive` that keeps nothing (BoundReport.derived keeps a report's derivations)."""
    return compute()


def _shingles(derive: Derive, text: str) -> Counter[str]:
    """textnorm's 3-character shingles of a text, once per report (next year's rules reuse them),
    cut by slices mapped in C instead of a generator."""
    def compute() -> Counter[str]:
        k = max(1, len(text) - _SHINGLE + 1)
        return Counter(map(text.__getitem__, map(slice, range(k), range(_SHINGLE, k + _SHINGLE))))
    return derive(("shingles", text), compute)


def _shingle_similarity(this: Counter[str], last: Counter[str], common_shingles: int = 0) -> float:
    """`textnorm._shingle_similarity` from the two texts' shingles: the shared count is summed over the
    common shingles (a set intersection and maps in C) instead of building `this & last`; integers
    until the one division, so the same float. `common_shingles`: shingles left out of both counters
    because both texts have them at the same place (`_edges`), shared as they are."""
    common = this.keys() & last.keys()
    shared = common_shingles + sum(map(min, map(this.__getitem__, common), map(last.__getitem__, common)))
    return 2 * shared / (sum(this.values()) + sum(last.values()) + 2 * common_shingles)


def _common_prefix(a: str, b: str, limit: int) -> int:
    """How many leading characters a and b share (at most `limit`), by halving with slice comparisons in C."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle:] == b[len(b) - middle:]:
            low = middle
        else:
            high = middle - 1
    return low


def _middle_shingles(text: str, skip_start: int, skip_end: int) -> Counter[str]:
    """The shingles of `text` but the first `skip_start` and the last `skip_end` (in textnorm's order)."""
    k = max(1, len(text) - _SHINGLE + 1)
    return Counter(map(text.__getitem__, map(slice, range(skip_start, k - skip_end),
                                             range(skip_start + _SHINGLE, k - skip_end + _SHINGLE))))


def _edited_similarity(a: str, b: str) -> float | None:
    """The shingle estimate of a text and an edited copy (this year's part as last year's with a few
    words changed): a shingle inside the common beginning or the common end is at the same place in
    both, so it is shared and need not be cut or counted; min(x + c, y + c) is c + min(x, y), so the
    same integers as counting every shingle. None when the texts share too little at their edges."""
    shorter = min(len(a), len(b))
    prefix = _common_prefix(a, b, shorter)
    suffix = _common_suffix(a, b, shorter - prefix)  # the two ends never overlap in either text
    head, tail = max(0, prefix - _SHINGLE + 1), max(0, suffix - _SHINGLE + 1)
    if 2 * (head + tail) < shorter:
        return None
    return _shingle_similarity(_middle_shingles(a, head, tail), _middle_shingles(b, head, tail), head + tail)


def _similarity(a: str, b: str, threshold: float | None = None, derive_a: Derive = _fresh, derive_b: Derive = _fresh
                ) -> float | None:
    """`textnorm.similarity(a, b)` from what each text's report derives once (`derive_a`, `derive_b`:
    character counts, shingles); with a `threshold`, None when the ratio is surely below it (the
    part is not reported).

    Aligning two long parts is most of the cost of the rules, and most pairs are far apart. The
    characters the texts share regardless of order (SequenceMatcher.quick_ratio(), counted here
    without building the matcher) bound ratio() from above with the same denominator, so below
    the threshold they decide alone. Pairs that `similarity` estimates from shingles (above its
    step budget, `textnorm._cost`, computed here from the same character counts) get no shortcut.
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    count_a, count_b = derive_a(("char counts", a), lambda: Counter(a)), derive_b(("char counts", b), lambda: Counter(b))
    common = count_a.keys() & count_b.keys()
    # textnorm._cost (for each character of a, its count in b) and the characters shared regardless of order
    cost = sum(map(mul, map(count_a.__getitem__, common), map(count_b.__getitem__, common)))
    shared = sum(map(min, map(count_a.__getitem__, common), map(count_b.__getitem__, common)))
    if cost > _SIMILARITY_BUDGET:
        edited = _edited_similarity(a, b)
        return edited if edited is not None else _shingle_similarity(_shingles(derive_a, a), _shingles(derive_b, b))
    if threshold is not None and 2.0 * shared / (len(a) + len(b)) < threshold:
        return None
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _masked(bound: BoundReport, text: str, numbers: bool = True) -> str:
    """`mask(text, numbers)`, once per report; both masks of a part share its normalised text."""
    return bound.derived(("mask", text, numbers),
                         lambda: masked_norm(bound.derived(("norm", text), lambda: norm(text)), numbers=numbers))


def _content(cell: BoundCell) -> Decimal | str:
    """What a cell says: its number, else its normalised text ('' when blank)."""
    return cell.value.value if cell.value.value is not None else norm(cell.value.text)


def _same_cells(this: BoundTable, last: BoundTable) -> bool:
    """Whether the two tables have the same cells saying the same (`_content`), as equal dicts of contents
    would be; stops at the first difference, and a value shared by both (values.parse_cell memoises
    them) is equal without normalising its text."""
    cells, others = this.cells, last.cells
    if cells.keys() != others.keys():
        return False
    for key, cell in cells.items():
        other = others[key]
        if cell.value is other.value:
            continue
        mine, theirs = _content(cell), _content(other)
        if not (mine is theirs or mine == theirs):  # as dict equality compares values
            return False
    return True


def _same_tables(ctx: Context, previous: BoundReport, entries: list[dict[str, Any]]) -> Iterator[Violation]:
    for entry in entries:
        try:
            this, last = ctx.table(entry["table"]), previous_table(previous, entry["table"])
        except NotAssessable:
            continue  # TBL-PRESENT reports a missing table, in either report
        if not this.cells or not _same_cells(this, last):
            continue
        ignored = set(entry.get("ignore_columns", []))
        nonzero = sum(1 for (_, column), cell in this.cells.items()
                      if column not in ignored and cell.value.value is not None and cell.value.value)
        if nonzero < entry.get("min_nonzero", 1):
            continue
        yield Violation(
            Location(part=this.spec.part, table=this.spec.id, line=this.line, page=this.page),
            {"similarity": _percent(1.0), "threshold": _percent(1.0), "similarity_with_numbers": _percent(1.0),
             "previous_year": previous.meta.year if previous.meta.year is not None else "", "nonzero": nonzero},
            {"identical_cells": len(this.cells), "nonzero": nonzero, "previous_line": last.line,
             "previous_source": previous.source},
        )


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    previous = previous_report(ctx)
    yield from _same_tables(ctx, previous, params.get("tables", []))
    threshold = float(params.get("threshold", 0.9))
    min_chars = int(params.get("min_chars", 150))
    for part_id in params.get("parts", []):
        this_part, last_part = ctx.bound.parts.get(part_id), previous.parts.get(part_id)
        if this_part is None or last_part is None or not this_part.found or not last_part.found:
            continue  # SEC-PRESENT reports a missing part
        this_text, last_text = _masked(ctx.bound, this_part.text), _masked(previous, last_part.text)
        if min(len(this_text), len(last_text)) < min_chars:
            continue
        mine, theirs = ctx.bound.derived, previous.derived
        ratio = _similarity(this_text, last_text, threshold, mine, theirs)
        if ratio is None or ratio < threshold:
            continue
        with_numbers = _similarity(_masked(ctx.bound, this_part.text, numbers=False),
                                   _masked(previous, last_part.text, numbers=False), None, mine, theirs)
        yield Violation(
            Location(part=part_id, line=this_part.line, page=this_part.page),
            {
                "similarity": _percent(ratio),
                "threshold": _percent(threshold),
                "similarity_with_numbers": _percent(with_numbers),
                "previous_year": previous.meta.year if previous.meta.year is not None else "",
            },
            {
                "similarity": round(ratio, 3),
                "similarity_with_numbers": round(with_numbers, 3),
                "threshold": threshold,
                "chars": len(this_text),
                "previous_chars": len(last_text),
                "previous_line": last_part.line,
                "previous_source": previous.source,
            },
        )
