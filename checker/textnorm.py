"""Normalising labels and headings before they are compared.

Reports type the same label in many ways: full- or half-width brackets and digits, spaces
and line breaks inside labels ("商业\\n企业"), curly or straight quotes, and numbering
written as （一）, (一), 1., 1、 or １．. Comparisons use `norm()`; `split_numbering()`
separates the numbering so that a wrong or missing numeral is itself a finding.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"'})
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")  # what norm() removes (_norm does it faster)
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


MEMO_MAX_CHARS = 64  # labels; paragraphs are long, unique per report, and would fill the memo


def norm(text: str) -> str:
    """Width-, space- and quote-insensitive form of a label (NFKC turns （一） into (一))."""
    return _norm_memo(text) if len(text) <= MEMO_MAX_CHARS else _norm(text)


# Labels recur in every cell scan and report of a batch; the other short texts (dates, names, short
# lines) are a report's own and only churn through. 512 keeps every label warm (1000 reports: 2,630
# misses against 2,196 at 4096, of ~58,000 calls), and a full memo is ~0.15 MB instead of ~1.2 MB: at
# 4096 it filled up over a batch worker's first ~2,000 reports, most of its growth from 1k to 10k.
@lru_cache(maxsize=512)
def _norm_memo(text: str) -> str:
    return _norm(text)


# Full-width ASCII and the ideographic space mapped to their NFKC forms up front: Chinese commas and
# brackets otherwise fail NFKC's quick check and send every paragraph down the slow path, and the
# result is the same (NFKC(s) depends only on NFKD(s), which a char's own NFKC form preserves).
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_FULL_WIDTH_NFKC = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in (*range(0xFF01, 0xFF5F), 0x3000)}
_FULL_WIDTH_SEARCH = _FULL_WIDTH.search
# Quotes and zero-width spaces are replaced one character at a time: `str.translate` looks every
# character of a long non-ASCII paragraph up in a dict (~1.5 µs per 100 characters), and `in` is a
# fast scan. The targets are plain ASCII, never a source again, so the order does not matter.
_QUOTE_PAIRS = tuple((chr(source), target) for source, target in _QUOTES.items())
_INVISIBLE = ("\u200b", "\ufeff")  # removed like spaces, but not whitespace to str.isspace()


# The full-width punctuation of Chinese prose, replaced by `str.replace` before any regex: a scan for one
# character is several times faster than the regex's scan for the class. What is left is rare, and a
# text in NFKC already (quick check, ~0.5 ns a character) holds no full-width character at all: each
# has a compatibility form, so it is never NFKC itself.
_PROSE_FULL_WIDTH = tuple((char, _FULL_WIDTH_NFKC[char]) for char in "，（）；：！？")
_IS_NFKC = unicodedata.is_normalized


def _norm(text: str) -> str:
    for char, form in _PROSE_FULL_WIDTH:
        if char in text:
            text = text.replace(char, form)
    if not _IS_NFKC("NFKC", text):
        text = _nfkc(text)
    for quote, plain in _QUOTE_PAIRS:
        if quote in text:
            text = text.replace(quote, plain)
    # str.split() cuts at exactly the characters _SPACE's \s matches (str.isspace), several times
    # faster than the regular expression; \u3000 and \u00a0 are whitespace too (and NFKC spaces).
    text = "".join(text.split())
    for invisible in _INVISIBLE:
        if invisible in text:
            text = text.replace(invisible, "")
    return text  # NFKC leaves no full-width "．" or "，" (they have compatibility forms)


def _nfkc(text: str) -> str:
    # One regex pass for the distinct full-width characters: each is replaced everywhere when first
    # seen and the search goes on from there (its form is one character, so positions hold); findall
    # made a string of every Chinese comma of a long paragraph.
    found = _FULL_WIDTH_SEARCH(text)
    while found is not None:
        char = found.group()
        text = text.replace(char, _FULL_WIDTH_NFKC[char])
        found = _FULL_WIDTH_SEARCH(text, found.start())
    return unicodedata.normalize("NFKC", text)


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


def core(text: str) -> str:
    """A label without its numbering, for comparing wording only."""
    return _core_memo(text) if len(text) <= MEMO_MAX_CHARS else split_numbering(norm(text))[2]


@lru_cache(maxsize=4096)
def _core_memo(text: str) -> str:
    return split_numbering(norm(text))[2]


def cn_numeral(n: int) -> str:
    """1..99 as a Chinese numeral (一 … 九十九)."""
    if n <= 10:
        return "十" if n == 10 else _CN_DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    return (_CN_DIGITS[tens - 1] if tens > 1 else "") + "十" + (_CN_DIGITS[ones - 1] if ones else "")


# Chinese numerals as reports write counts: 一百二十三, 两, 十二, 一千零五, 三万, 〇 (TXT-APPS reads
# "受理申请一百二十三件"). Positional strings such as 二〇二五 are years, not counts: not parsed.
_CN_VALUES = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMBER_CHARS = "".join(_CN_VALUES) + "十百千万"


def cn_number(text: str) -> int | None:
    """The value of a Chinese numeral up to 99,999,999 (一百二十三 → 123), None when it is not one."""
    if not text or any(ch not in CN_NUMBER_CHARS for ch in text):
        return None
    if all(ch in _CN_VALUES for ch in text):  # a single digit (零 … 九); "二〇" is a year fragment
        return _CN_VALUES[text] if len(text) == 1 else None
    total, section, digit, last_unit = 0, 0, None, 10_000
    for ch in text:
        if ch in _CN_VALUES:
            if digit is not None and _CN_VALUES[ch] != 0:
                return None  # two digits in a row ("二三"): not a counting numeral
            digit = _CN_VALUES[ch] or None
        elif ch == "万":
            if total or section + (digit or 0) == 0:
                return None  # a second 万, or 万 with nothing before it
            total, section, digit, last_unit = (section + (digit or 0)) * 10_000, 0, None, 10_000
        else:
            unit = _CN_UNITS[ch]
            if digit is None and unit > 10:
                return None  # "百" or "千" needs its digit: "数百件" is an estimate, not a count
            if unit >= last_unit and section:
                return None  # units must fall: 一百二十, not 一十百
            section += (digit if digit is not None else 1) * unit
            digit, last_unit = None, unit
    return total + section + (digit or 0)
