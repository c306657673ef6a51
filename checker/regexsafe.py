"""Regexes written by policy staff: compiled once, refused when they can backtrack badly.

Python's `re` has no timeout. A rule file comes from another office and runs unattended in
CI, so a pattern such as `(a+)+$` must be refused when the rules load, not discovered as a
hung job. The check is structural (nested or adjacent unbounded quantifiers over
overlapping content); input text is also capped in length before any search.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Any

import _sre

try:  # Python 3.11+
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

MAX_PATTERN_LENGTH = 500
MAX_TEXT_LENGTH = 200_000  # characters searched per call; a report is ~10-50k
_UNBOUNDED = 4096


class UnsafePattern(ValueError):
    """The pattern does not compile or could backtrack catastrophically."""


# Patterns compile_safe has accepted, in this process or (through `trust`) in the one that wrote the
# rules cache entry this process loaded: the cache key covers every regex source of the pack, so
# re-parsing them for safety on every cold check (~7 ms for the national pack) would only repeat
# the verdict. Only ever holds accepted patterns; an unsafe one is never added.
_accepted: set[str] = set()


# What re.compile hands to the regex engine for an accepted pattern, from the same cache entry: building
# a pattern from it skips parsing and compiling (~15 ms for the national pack's ~70 regexes, most of
# them Chinese character classes). Forms are tagged with the interpreter and engine version and only
# ever used under the same tag; the engine validates the code, and any failure compiles normally.
_FORM_TAG = (sys.implementation.cache_tag, tuple(sys.version_info[:3]), _sre.MAGIC, _sre.CODESIZE)
_forms: dict[str, tuple[Any, ...]] = {}


def accepted() -> frozenset[str]:
    """The patterns accepted so far (stored with a cached rule pack)."""
    return frozenset(_accepted)


def trust(patterns: frozenset[str], forms: tuple[Any, dict[str, tuple[Any, ...]]] | None = None,
          known: frozenset[str] = frozenset()) -> None:
    """Take patterns a cached rule pack vouches for as accepted, so they skip the safety parse, and
    their compiled forms (`compiled_forms`) when made by this very interpreter; `known` patterns
    (`compile_known`) get their forms but are not accepted: no rule's regex skips the vetting through them."""
    _accepted.update(patterns)
    if forms is not None and forms[0] == _FORM_TAG:
        _forms.update((p, form) for p, form in forms[1].items() if p in patterns or p in known)


def compiled_forms(patterns: frozenset[str]) -> tuple[Any, dict[str, tuple[Any, ...]]]:
    """(tag, {pattern: the arguments re.compile passes to the engine}), as re's own compiler builds them."""
    try:  # Python 3.11+
        import re._compiler as sre_compile  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_compile  # type: ignore[no-redef]

    forms = {}
    for pattern in patterns:
        try:
            parsed = sre_parse.parse(pattern)
            state = parsed.state
            indexgroup: list[str | None] = [None] * state.groups
            for name, index in state.groupdict.items():
                indexgroup[index] = name
            code = [int(op) for op in sre_compile._code(parsed, 0)]  # plain ints: opcodes are named int constants
        except Exception:  # noqa: BLE001 - re internals of another Python: that pattern compiles as usual
            continue
        forms[pattern] = (state.flags, code, state.groups - 1, dict(state.groupdict), tuple(indexgroup))
    return _FORM_TAG, forms


# Patterns our own code compiled through `compile_known` (module regexes, escaped phrases): not written by
# policy staff, so not vetted, but a cached rule pack may bring their compiled forms too.
_known: set[str] = set()


def compile_known(pattern: str) -> re.Pattern[str]:
    """`re.compile(pattern)`, built from the compiled form a cached rule pack brought for it when there
    is one (`trust`): for patterns made, not written, by policy staff, such as an escaped phrase."""
    _known.add(pattern)
    return _compile_accepted(pattern)


def known() -> frozenset[str]:
    """The patterns compiled through `compile_known` so far (their forms are stored with a cached pack)."""
    return frozenset(_known)


def _compile_accepted(pattern: str) -> re.Pattern[str]:
    form = _forms.get(pattern)
    if form is not None:
        try:
            return _sre.compile(pattern, *form)
        except Exception:  # noqa: BLE001 - a form this engine refuses: compile as usual
            pass
    return re.compile(pattern)


def _repeats(pattern: sre_parse.SubPattern) -> list[tuple[int, int, sre_parse.SubPattern]]:
    return [(lo, hi, sub) for op, arg in pattern if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT)
            for lo, hi, sub in [arg]]


def _has_unbounded(pattern: sre_parse.SubPattern) -> bool:
    for op, arg in pattern:
        if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
            lo, hi, sub = arg
            if hi == sre_parse.MAXREPEAT or hi > _UNBOUNDED or _has_unbounded(sub):
                return True
        elif op == sre_parse.SUBPATTERN:
            if _has_unbounded(arg[-1]):
                return True
        elif op == sre_parse.BRANCH:
            if any(_has_unbounded(b) for b in arg[1]):
                return True
    return False


def _nested(pattern: sre_parse.SubPattern) -> bool:
    """An unbounded repeat whose body itself repeats without bound: (a+)+, (a|aa)*, (.*)*."""
    for op, arg in pattern:
        if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
            lo, hi, sub = arg
            if (hi == sre_parse.MAXREPEAT or hi > _UNBOUNDED) and (_has_unbounded(sub) or _branches(sub)):
                return True
            if _nested(sub):
                return True
        elif op == sre_parse.SUBPATTERN and _nested(arg[-1]):
            return True
        elif op == sre_parse.BRANCH and any(_nested(b) for b in arg[1]):
            return True
    return False


def _branches(pattern: sre_parse.SubPattern) -> bool:
    """A body with alternation can match the same text two ways under repetition."""
    for op, arg in pattern:
        if op == sre_parse.BRANCH:
            return True
        if op == sre_parse.SUBPATTERN and _branches(arg[-1]):
            return True
    return False


def _is_wildcard(body: sre_parse.SubPattern) -> bool:
    """`.` or a negated class: a repeat of it can swallow whatever the pattern needs next."""
    items = list(body)
    if len(items) != 1:
        return False
    op, arg = items[0]
    if op in (sre_parse.ANY, sre_parse.NOT_LITERAL):
        return True
    return op == sre_parse.IN and any(o == sre_parse.NEGATE for o, _ in arg)


def _adjacent_wildcards(pattern: sre_parse.SubPattern) -> bool:
    """Three or more unbounded `.*`-like repeats: polynomial backtracking on a long text with no match.

    Repeats of narrow classes (`\\d+年\\d+月\\d+日`) are fine: the literals between them bound the search.
    """
    wildcards = 0
    for op, arg in pattern:
        if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and arg[1] == sre_parse.MAXREPEAT and _is_wildcard(arg[2]):
            wildcards += 1
    return wildcards >= 3


@lru_cache(maxsize=1024)
def compile_safe(pattern: str) -> re.Pattern[str]:
    """Compile a rule's regex, or raise UnsafePattern saying why."""
    if pattern in _accepted:
        return _compile_accepted(pattern)
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise UnsafePattern(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
    try:
        parsed = sre_parse.parse(pattern)
        compiled = re.compile(pattern)
    except (re.error, OverflowError, RecursionError) as exc:
        raise UnsafePattern(f"does not compile: {exc}") from None
    if _nested(parsed):
        raise UnsafePattern("nested unbounded repetition (like (a+)+) can backtrack catastrophically")
    if _adjacent_wildcards(parsed):
        raise UnsafePattern("three or more unbounded wildcard repeats (.* or [^x]*) can backtrack badly; bound them")
    _accepted.add(pattern)
    return compiled


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return pattern.search(text[:MAX_TEXT_LENGTH])


def finditer(pattern: re.Pattern[str], text: str):
    return pattern.finditer(text[:MAX_TEXT_LENGTH])
