"""How alike two texts are: difflib's ratio, made affordable for long texts.

Used to match labels and headings with typos (`checker.bind`) and to find a part copied from last
year's report (COPY-PREV, `checker.kinds.previous_similarity`), which compares long parts of two
reports and hands in what each report derives once (character counts, shingles).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from operator import mul
from typing import Any

# SequenceMatcher(autojunk=False) costs at least sum(count_a(c) * count_b(c)) steps, times the
# number of matching blocks: small for a heading or a 2,000-character part (~20k), minutes for a
# hostile one ("年" × 10,000 took 80 s; one sentence repeated 150 times, 7 s). Above the budget
# the ratio is estimated from shared 3-character shingles (Dice), which is linear and agrees
# with ratio() where it matters: near-identical texts score near 1, unrelated ones low.
_SIMILARITY_BUDGET = 60_000
_SHINGLE = 3


Derive = Callable[[tuple[Any, ...], Callable[[], Any]], Any]


def _fresh(key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """A `Derive` that keeps nothing (`checker.bound.BoundReport.derived` keeps a report's derivations)."""
    return compute()


def _shingles(derive: Derive, text: str) -> Counter[str]:
    """A text's 3-character shingles, once per report (next year's rules reuse them),
    cut by slices mapped in C instead of a generator."""
    def compute() -> Counter[str]:
        k = max(1, len(text) - _SHINGLE + 1)
        return Counter(map(text.__getitem__, map(slice, range(k), range(_SHINGLE, k + _SHINGLE))))
    return derive(("shingles", text), compute)


def _shingle_similarity(this: Counter[str], last: Counter[str], common_shingles: int = 0) -> float:
    """Dice of the two texts' 3-character shingles (counted): the shared count is summed over the
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
    """The shingles of `text` but the first `skip_start` and the last `skip_end` (in text order)."""
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


def similarity_above(a: str, b: str, threshold: float | None = None, derive_a: Derive = _fresh,
                     derive_b: Derive = _fresh) -> float | None:
    """`similarity(a, b)` from what each text's report derives once (`derive_a`, `derive_b`: character
    counts, shingles); with a `threshold`, None when the ratio is surely below it (COPY-PREV: the
    part is not reported).

    Aligning two long parts is most of the cost of the rules, and most pairs are far apart. The
    characters the texts share regardless of order (SequenceMatcher.quick_ratio(), counted here
    without building the matcher) bound ratio() from above with the same denominator, so below
    the threshold they decide alone. Pairs that `similarity` estimates from shingles (above its
    step budget: for each character of a, its count in b) get no shortcut.
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    count_a, count_b = derive_a(("char counts", a), lambda: Counter(a)), derive_b(("char counts", b), lambda: Counter(b))
    common = count_a.keys() & count_b.keys()
    # the alignment's step cost (for each character of a, its count in b) and the characters shared in any order
    cost = sum(map(mul, map(count_a.__getitem__, common), map(count_b.__getitem__, common)))
    shared = sum(map(min, map(count_a.__getitem__, common), map(count_b.__getitem__, common)))
    if cost > _SIMILARITY_BUDGET:
        edited = _edited_similarity(a, b)
        return edited if edited is not None else _shingle_similarity(_shingles(derive_a, a), _shingles(derive_b, b))
    if threshold is not None and 2.0 * shared / (len(a) + len(b)) < threshold:
        return None
    from difflib import SequenceMatcher  # only previous-year checks align texts: a cold check skips difflib

    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def similarity_ceiling(a: str, b: str, b_chars: frozenset[str] | None = None) -> float:
    """An upper bound of `similarity(a, b)` in linear time, for rejecting pairs before aligning them.

    SequenceMatcher matches only characters that occur in both texts, and no more than the shorter
    one has, so ratio() <= 2 * min(shared, len(b)) / (len(a) + len(b)). Pairs that may take the
    shingle estimate (len(a) * len(b) above the step budget) are not bounded: 1.0.
    """
    if not a or not b:
        return 0.0
    if len(a) * len(b) > _SIMILARITY_BUDGET:  # the alignment cost is at most len(a) * len(b)
        return 1.0
    chars = b_chars if b_chars is not None else frozenset(b)
    if chars.isdisjoint(a):  # most pairs: a number or unrelated words against a label
        return 0.0
    shared = sum(map(chars.__contains__, a))  # the same count, the loop in C
    return 2 * min(shared, len(a), len(b)) / (len(a) + len(b))


def similarity(a: str, b: str) -> float:
    """difflib's ratio of the two texts; above the step budget the shingle estimate (see above)."""
    ratio = similarity_above(a, b)
    assert ratio is not None  # None only below a threshold
    return ratio
