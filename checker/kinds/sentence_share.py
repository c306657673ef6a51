"""sentence_share — how much of a part is about what it should be, or is stock phrasing.

What it checks, in the rule's scope (`parts`, see `_text`): the sentences (split at 。；！？
and before a listed item "，二是"; headings — short paragraphs without sentence punctuation — are not counted) and the share
that match at least one of `terms`. One finding for the scope when
- `min_share` is given and fewer sentences than that share match (an overview that is a
  general 工作总结 rarely mentions 公开、政务、申请、平台、解读 …), or
- `max_share` is given and at least that share match (a part 五 made of stock phrases such as
  "公开内容不够丰富"), or
- `max_chars` is given and the scope is longer (a local length cap).
`unless` patterns (concrete specifics: counts, named columns) silence the share checks; a
scope with fewer than `min_sentences` sentences is too short to judge a share. Like every
check of what a part holds, it is not assessed on a part whose end is unknown.
Why: 国办公开办函〔2021〕30号 asks the overview not to be 泛化 and the report not to be
敷衍塞责; the rules cite their clauses.
Placeholders: share, threshold, length, max_chars, matched, count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from checker.kinds._base import Context, NotAssessable, Violation, per_rule
from checker.kinds._patterns import Entry, entries, pattern
from checker.kinds._text import scope

KIND = "sentence_share"
PLACEHOLDERS = frozenset({"share", "threshold", "length", "max_chars", "matched", "count"})
REGEX_PARAMS = ("terms[].regex", "unless[].regex")
REFERENCES = {"parts[]": "part"}

_SENTENCE_END = re.compile(r"[。；;！!？?]")
# Items listed in one sentence ("一是…，二是…") are sentences of their own: each is one problem.
_LISTED = re.compile(r"(?<=[,，、])(?=[一二三四五六七八九十]是)")
_HEADING_CHARS = 20  # a paragraph this short without sentence punctuation is a heading


def sentences(paragraphs: list[str]) -> list[str]:
    """The sentences of normalised paragraphs, headings left out."""
    out: list[str] = []
    for text in paragraphs:
        if len(text) <= _HEADING_CHARS and not _SENTENCE_END.search(text):
            continue
        out.extend(s for s in _split(text) if len(s) >= 4)
    return out


def _split(text: str) -> list[str]:
    """The text split at sentence ends and before listed items, in two steps: at the sentence ends (a class re
    scans for quickly), then, in the pieces holding 是, before the items. One regex of both (kept in
    tests/kinds/test_sentence_hits.py) tried its look-behind at every position (4x the time); the item
    breaks lie inside the pieces (their characters are no sentence ends), so the same pieces."""
    pieces = _SENTENCE_END.split(text)
    if "是" not in text:
        return pieces
    return [s for piece in pieces for s in (_LISTED.split(piece) if "是" in piece else (piece,))]


@lru_cache(maxsize=64)
def _any_phrase(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex that finds a sentence holding any of the phrases: a phrase is a literal (`_patterns.pattern`),
    so this alternation of the same literals matches where one of them does, in one search instead of
    one per phrase and sentence."""
    return re.compile("|".join(pattern(p).pattern for p in phrases)) if phrases else None


class _Plan:
    """A rule's terms and `unless` patterns compiled once per pack (`per_rule`), with the alternation of its
    phrases and which terms are phrases without line breaks (found in the joined hit sentences)."""

    __slots__ = ("terms", "phrases", "unless")

    def __init__(self, params: dict[str, Any]) -> None:
        self.terms = tuple((entry, entry.literal and "\n" not in entry.regex.pattern)
                           for entry in entries(params["terms"]))
        self.phrases = _any_phrase(tuple(e for e in params["terms"] if isinstance(e, str)))
        self.unless = tuple(pattern(e) for e in params.get("unless", []))


def _matched(terms: tuple[tuple[Entry, bool], ...], hits: list[str], regexes: list[Entry]) -> list[str]:
    """The labels of the terms found in some hit sentence. A phrase is a literal without line breaks
    (normalised text has none), so it is in some sentence exactly when it is in the sentences joined by
    line breaks: one search instead of one per sentence. A regex (anchors, look-arounds) is tried per
    sentence, and only if it may match the scope at all (`regexes`)."""
    joined = "\n".join(hits)
    out = []
    for entry, in_joined in terms:
        regex = entry.regex
        if in_joined:
            found = bool(hits) and regex.search(joined) is not None
        elif entry.literal or any(entry is r for r in regexes):
            found = any(regex.search(s) for s in hits)
        else:
            found = False  # a regex that cannot match the scope's text
        if found:
            out.append(entry.label)
    return out


def _percent(ratio: float) -> str:
    return f"{ratio * 100:.0f}%"


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    where = scope(ctx, params)
    if not where.bounded:
        raise NotAssessable("no later part was found, so this part may be cut short", cause="parts_present",
                            zh="未找到其后的部分，本部分内容可能不完整")
    texts = [where.normalize(p.text) for p in where.paragraphs]
    length = sum(len(t) for t in texts)
    found = sentences(texts)
    plan: _Plan = per_rule(params, KIND, _Plan)
    phrases = plan.phrases
    # A regex that cannot match the scope's text matches none of its sentences (Scope.may_match is exact).
    possible = [entry for entry, _ in plan.terms if not entry.literal and where.may(entry)]
    regexes = [entry.regex for entry in possible]
    hits = [s for s in found if (phrases is not None and phrases.search(s)) or any(p.search(s) for p in regexes)]
    matched = _matched(plan.terms, hits, possible)
    share = len(hits) / len(found) if found else 0.0
    specific = any(regex.search(t) for regex in plan.unless for t in texts)
    judged = len(found) >= params.get("min_sentences", 3) and not specific
    low = judged and "min_share" in params and share < params["min_share"]
    high = judged and "max_share" in params and share >= params["max_share"]
    long = "max_chars" in params and length > params["max_chars"]
    if not (low or high or long):
        return
    threshold = params.get("min_share", params.get("max_share", 0))
    yield Violation(
        where.location,
        {"share": _percent(share), "threshold": _percent(threshold), "length": length,
         "max_chars": params.get("max_chars", ""), "matched": "、".join(matched[:3]), "count": len(found)},
        {"share": round(share, 2), "sentences": len(found), "matching": len(hits), "length": length,
         "too_long": long, "share_off": low or high, "matched": matched},
    )
