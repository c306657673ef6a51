"""Bytes → text for every text-like input (plain text, Markdown, HTML, JSON).

Order (dependencies.md §1): BOM; the charset the document declares (gb2312/gbk read as
gb18030, its superset, so 镕 and 堃 survive); strict UTF-8; UTF-16 without a BOM (NUL
pattern); a detector restricted to Chinese encodings; then refuse. Binary junk is refused
rather than decoded into a silently wrong answer.
"""

from __future__ import annotations

import codecs
import re
from functools import cache

from checker.errors import InputError
from checker.regexsafe import compile_known  # module regexes from a cached pack's forms: see rulecache

_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "gb18030": "gb18030",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "big5": "big5",
    "big5-hkscs": "big5hkscs",
    "utf-16": "utf-16",
    "utf-16le": "utf-16-le",
    "utf-16be": "utf-16-be",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_CONTROL = compile_known(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def normalize_charset(name: str | None) -> str | None:
    if not name:
        return None
    return _ALIASES.get(name.strip().strip("\"'").lower())


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    # Chinese text has NULs only in its ASCII (digits, pipes, line breaks), so a few percent of
    # NULs mostly on one side (一 is U+4E00, so some fall on the other) is already UTF-16;
    # UTF-8 and GB18030 text has none at all.
    if odd_nuls > max(4, half * 0.02) and even_nuls * 4 <= odd_nuls:
        encoding = "utf-16-le"
    elif even_nuls > max(4, half * 0.02) and odd_nuls * 4 <= even_nuls:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is a core dependency
        return None
    best = from_bytes(data[:200_000], cp_isolation=["utf_8", "gb18030", "big5"]).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


# Characters a Chinese report is made of: ASCII, CJK ideographs, CJK and full-width punctuation,
# general punctuation, Latin-1 letters. A wrong decoding (random bytes read as UTF-16, say)
# yields mostly other code points. Runs of them are counted (not single characters): same count,
# one match object per run instead of one string per character, and the pattern compiles faster.
# Compiled on first use: re fills a 65,536-entry map in Python for these ranges (~8 ms a process),
# which a JSON report that parses never needs.
_PLAUSIBLE_CLASS = (r"\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u2100-\u23ff\u2460-\u27bf"
                    r"\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef")


@cache
def plausible() -> re.Pattern[str]:
    return re.compile(f"[{_PLAUSIBLE_CLASS}]+")


@cache
def implausible() -> re.Pattern[str]:
    """Any character outside those: a report sample without one (most are) is plausible text, found
    by one scan that builds no match objects."""
    return re.compile(f"[^{_PLAUSIBLE_CLASS}]")


def refuse_binary(text: str, source: str) -> None:
    if looks_binary(text):
        raise InputError("looks like binary data, not a report", source)


def looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample or implausible().search(sample) is None:
        return False  # every control character is implausible too
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 50):
        return True
    return sum(map(len, plausible().findall(sample))) < 0.85 * len(sample)


def decode_text(data: bytes, source: str, declared: str | None = None, *, sniff: bool = True) -> str:
    """Decode a text document or raise `InputError` saying why it is not text. ``sniff=False`` leaves out
    the binary-data check, for a caller whose parser is the better judge (JSON: see `json_report`)."""
    return decode_with_utf8(data, source, declared, sniff=sniff)[0]


def decode_with_utf8(data: bytes, source: str, declared: str | None = None, *, sniff: bool = True
                     ) -> tuple[str, bytes | None]:
    """`decode_text`, and the text's UTF-8 bytes when they are a slice of `data` (valid UTF-8,
    no NULs): a parser that wants UTF-8 is then given those, not a re-encoded copy."""
    text: str | None = None
    start: int | None = None  # where the UTF-8 text starts in `data`, when it was UTF-8
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"invalid {encoding} after its byte-order mark", source) from None
            start = len(bom) if encoding == "utf-8" else None
            break
    if text is None and declared:
        encoding = normalize_charset(declared)
        if encoding:
            try:
                text = data.decode(encoding)
                start = 0 if encoding == "utf-8" else None
            except UnicodeDecodeError:
                text = None
    if text is None:
        try:
            text = data.decode("utf-8")
            start = 0
        except UnicodeDecodeError:
            text = _utf16_without_bom(data) or _detect(data)
    if text is None:
        raise InputError("not valid UTF-8, GB18030, Big5 or UTF-16 text", source)
    if sniff:
        refuse_binary(text, source)
    # A NUL in UTF-8 text is a 0 byte of its bytes: looked for there (memchr), not in the str.
    if (b"\x00" in data) if start is not None else ("\x00" in text):
        return text.replace("\x00", ""), None
    return text, (data if start == 0 else data[start:]) if start is not None else None
