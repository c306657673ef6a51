"""Normalising labels and headings before they are compared.

Reports type the same label in many ways: full- or half-width brackets and digits, spaces
and line breaks inside labels ("商业\\n企业"), curly or straight quotes, and numbering
written as （一）, (一), 1., 1、 or １．. Comparisons use `norm()`; `split_numbering()`
separates the numbering so that a wrong or missing numeral is itself a finding.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"'})
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_CN_DIGITS = "一二三四五六七八九十"

# Level-1 numbering: 一、 / 一. / 第一部分 ; level-2: (一) ; level-3: 1. / 1、 / (1)
_NUMBERING = re.compile(
    r"^(?:"
    r"(?P<l1>第?[一二三四五六七八九十]{1,3})(?:部分)?\s*[、.,，:：]"
    r"|\((?P<l2>[一二三四五六七八九十]{1,3})\)[、.]?"
    r"|(?P<l3>[0-9]{1,2})\s*[.、,，)]"
    r"|\((?P<l3p>[0-9]{1,2})\)"
    r"|(?P<lost>[、.])"
    r")"
)


@lru_cache(maxsize=16384)  # pure, and labels recur in every cell scan and report of a batch
def norm(text: str) -> str:
    """Width-, space- and quote-insensitive form of a label (NFKC turns （一） into (一))."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _SPACE.sub("", text)
    return text.replace("．", ".").replace("，", ",")


def split_numbering(text: str) -> tuple[str | None, str | None, str]:
    """Return (level, numeral, rest) of a normalised label.

    level is "1" (一、), "2" ((一)), "3" (1. or (1)), "lost" (a separator with no numeral,
    as in the seed's "、主动公开政府信息情况") or None when the label is not numbered.
    """
    match = _NUMBERING.match(text)
    if not match:
        return None, None, text
    rest = text[match.end():]
    if match.group("l1"):
        return "1", match.group("l1").lstrip("第"), rest
    if match.group("l2"):
        return "2", match.group("l2"), rest
    if match.group("l3") or match.group("l3p"):
        return "3", match.group("l3") or match.group("l3p"), rest
    return "lost", None, rest


@lru_cache(maxsize=16384)
def core(text: str) -> str:
    """A label without its numbering, for comparing wording only."""
    return split_numbering(norm(text))[2]


# SequenceMatcher(autojunk=False) costs at least sum(count_a(c) * count_b(c)) steps, times the
# number of matching blocks: small for a heading or a 2,000-character part (~20k), minutes for a
# hostile one ("年" × 10,000 took 80 s; one sentence repeated 150 times, 7 s). Above the budget
# the ratio is estimated from shared 3-character shingles (Dice), which is linear and agrees
# with ratio() where it matters: near-identical texts score near 1, unrelated ones low.
_SIMILARITY_BUDGET = 60_000
_SHINGLE = 3


def _cost(a: str, b: str) -> int:
    counts = Counter(b)
    return sum(counts[x] for x in a)


def _shingle_similarity(a: str, b: str) -> float:
    def shingles(text: str) -> Counter[str]:
        return Counter(text[i : i + _SHINGLE] for i in range(max(1, len(text) - _SHINGLE + 1)))

    sa, sb = shingles(a), shingles(b)
    return 2 * sum((sa & sb).values()) / (sum(sa.values()) + sum(sb.values()))


def similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if _cost(a, b) > _SIMILARITY_BUDGET:
        return _shingle_similarity(a, b)
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def cn_numeral(n: int) -> str:
    """1..99 as a Chinese numeral (一 … 九十九)."""
    if n <= 10:
        return "十" if n == 10 else _CN_DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    return (_CN_DIGITS[tens - 1] if tens > 1 else "") + "十" + (_CN_DIGITS[ones - 1] if ones else "")
