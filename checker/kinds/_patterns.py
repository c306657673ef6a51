"""Patterns written by policy staff, compiled, and the substring prefilter derived from each.

A plain string in a rule is a literal phrase, searched as its normalised form escaped; `{regex: ...}`
is a regular expression the pack loader has vetted (`checker.regexsafe`). For each regex, what every
match must contain (`required_words`) lets a rule skip a text with a few substring tests instead of a
search (`may_match`); a cached rule pack brings those words along (`learn_requirements`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from checker.regexsafe import compile_known, compile_safe, sre_parse
from checker.textnorm import norm


def pattern(entry: str | dict[str, Any]) -> re.Pattern[str]:
    """A phrase or {regex: ...} entry, compiled (the loader has already vetted the regex)."""
    if isinstance(entry, str):
        return _phrase(entry)
    return compile_safe(entry["regex"])


@lru_cache(maxsize=1024)  # the phrases of a pack, compiled once per process instead of once per rule run
def _phrase(entry: str) -> re.Pattern[str]:
    return compile_known(phrase_pattern(entry))


def phrase_pattern(entry: str) -> str:
    """The regex a phrase entry is searched as: the normalised phrase, escaped."""
    return re.escape(norm(entry))


def _requirements(items: Any, out: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """What every match contains, as alternatives of which one at least is in the match: runs of
    literal characters, a class of listed characters ([X×x]), a choice of literal words (收到|受理).
    From the regex's own sequence and the groups and at-least-once repeats in it; optional parts
    add nothing."""
    run: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(arg))
            continue
        if run:
            out.append(("".join(run),))
            run = []
        if name == "SUBPATTERN" and not arg[1] & re.IGNORECASE:  # (?i:...) matches other cases too
            _requirements(arg[-1], out)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
            _requirements(arg[2], out)
        elif name == "ATOMIC_GROUP":
            _requirements(arg, out)
        elif name == "IN" and arg and all(str(o) == "LITERAL" for o, _ in arg):
            out.append(tuple(chr(c) for _, c in arg))
        elif name == "BRANCH":
            firsts = [_requirements(branch, [])[:1] for branch in arg[1]]
            if all(firsts):
                out.append(tuple(word for first in firsts for word in first[0]))
    if run:
        out.append(("".join(run),))
    return out


# Requirements a cached rule pack brought along (`checker.rulecache`), keyed like `required_words`: deriving
# them parses each regex with re's parser, ~40% of the first check in a cold process.
_known: dict[tuple[str, int], tuple[tuple[str, ...], ...]] = {}


def learn_requirements(table: dict[tuple[str, int], tuple[tuple[str, ...], ...]]) -> None:
    """Take `requirements_of` from a cached rule pack, as computed by the process that wrote it."""
    _known.update(table)


def requirements_of(regexes: list[re.Pattern[str]]) -> dict[tuple[str, int], tuple[tuple[str, ...], ...]]:
    """What `required_words` gives for each regex, to store with a cached rule pack."""
    return {(r.pattern, r.flags): required_words(r.pattern, r.flags) for r in regexes}


@lru_cache(maxsize=1024)
def required_words(source: str, flags: int) -> tuple[tuple[str, ...], ...]:
    known = _known.get((source, flags))
    if known is not None:
        return known
    try:
        parsed = sre_parse.parse(source, flags)
    except Exception:  # noqa: BLE001 - unknown syntax: claim nothing, so the regex is always tried
        return ()
    return () if flags & re.IGNORECASE else tuple(_fewest(words) for words in _requirements(parsed, []))


@lru_cache(maxsize=1024)
def selective_words(source: str, flags: int) -> tuple[str, ...] | None:
    """The requirement of `required_words` whose words occur in fewest places (the one whose shortest word is
    longest), to find the paragraphs a regex may match from; None when there is none or a word holds a line
    break (it may span paragraphs of a joined text). Once per regex instead of once per rule run."""
    groups = required_words(source, flags)
    if not groups or any("\n" in word for words in groups for word in words):
        return None
    return max(groups, key=lambda g: min(len(w) for w in g))


def _fewest(words: tuple[str, ...]) -> tuple[str, ...]:
    """The alternatives without those that contain another (收到, 接收 when 收 is one): a text holding
    收到 holds 收, so "any of them is in the text" is the same test with fewer scans of a long text."""
    return tuple(dict.fromkeys(w for w in words if not any(other != w and other in w for other in words)))


class Entry:
    """A rule's phrase or {regex: ...} entry, compiled once per rule pack (`_base.per_rule`) with what its
    prefilter reads: a run then neither compiles the entry again nor asks for its words per paragraph."""

    __slots__ = ("entry", "regex", "key", "words", "selective", "literal", "label")

    def __init__(self, entry: str | dict[str, Any]) -> None:
        self.entry = entry
        self.regex = regex = pattern(entry)
        self.key = (regex.pattern, regex.flags)  # what Scope's memo of prefilter answers is keyed by
        self.words = required_words(regex.pattern, regex.flags)
        self.selective = selective_words(regex.pattern, regex.flags)
        self.literal = isinstance(entry, str)
        self.label = entry_label(entry)

    def may_match(self, text: str) -> bool:
        """`may_match(self.regex, text)` from the words found once."""
        return holds_requirements(self.words, text)


def entries(items: list[Any]) -> tuple[Entry, ...]:
    return tuple(Entry(item) for item in items)


def entry_label(entry: str | dict[str, Any]) -> str:
    return entry if isinstance(entry, str) else entry.get("label", entry["regex"])


def may_match(regex: re.Pattern[str], text: str) -> bool:
    """False when `text` lacks something every match of the regex contains, so it has no match.

    A few substring tests instead of a search: a rule's patterns are mostly nowhere in a report,
    and `re` tries a pattern that starts with a class or a choice at every position. Exact for
    any regex (anchors and look-arounds too): the words are part of the match itself. Given a
    scope's joined text (`Scope.text`), False means no paragraph of the scope can match either.
    """
    return holds_requirements(required_words(regex.pattern, regex.flags), text)


def holds_requirements(requirements: tuple[tuple[str, ...], ...], text: str) -> bool:
    """Whether `text` holds a word of every requirement (`required_words`)."""
    for words in requirements:  # all(any(...)) as loops: called per paragraph and pattern
        for word in words:
            if word in text:
                break
        else:
            return False
    return True
