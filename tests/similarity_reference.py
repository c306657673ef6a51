"""`checker.similarity.similarity` as it was before its fast paths, for tests to hold them to: the
alignment's step cost counted per character, shingles cut by a generator, Dice from `Counter &`."""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher

from checker.similarity import _SHINGLE, _SIMILARITY_BUDGET


def cost(a: str, b: str) -> int:
    counts = Counter(b)
    return sum(counts[x] for x in a)


def shingles(text: str) -> Counter[str]:
    return Counter(text[i : i + _SHINGLE] for i in range(max(1, len(text) - _SHINGLE + 1)))


def shingle_similarity(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return 2 * sum((sa & sb).values()) / (sum(sa.values()) + sum(sb.values()))


def similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if cost(a, b) > _SIMILARITY_BUDGET:
        return shingle_similarity(a, b)
    return SequenceMatcher(None, a, b, autojunk=False).ratio()
