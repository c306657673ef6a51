"""A scope answers may_match once per regex, and the words it looks for paragraphs by are chosen once per
regex; both are what the per-call derivations they replaced gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.bound import Paragraph
from checker.findings import Location
from checker.kinds._patterns import may_match, required_words, selective_words
from checker.kinds._text import Scope
from test_scope_candidates import PARAGRAPHS, REGEXES


def reference_words(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Scope._holding's choice before it was cached (commit 59c170b)."""
    groups = required_words(regex.pattern, regex.flags)
    if not groups or any("\n" in word for words in groups for word in words):
        return None
    return max(groups, key=lambda g: min(len(w) for w in g))


def test_selective_words_are_the_inline_choice(ruleset) -> None:
    from checker.kinds._patterns import pattern

    regexes = [re.compile(s) for s in REGEXES]
    regexes += [pattern(s) for rule in ruleset.rules for key in ("forbid", "statements", "only_if", "terms", "unless")
                for s in rule.params.get(key, []) if isinstance(s, (str, dict)) and (isinstance(s, str) or "regex" in s)]
    for regex in regexes:
        assert selective_words(regex.pattern, regex.flags) == reference_words(regex)


@settings(max_examples=400, deadline=None)
@given(PARAGRAPHS, st.lists(st.sampled_from(REGEXES), max_size=6))
def test_scope_may_match_is_the_plain_test_every_time(texts: list[str], sources: list[str]) -> None:
    where = Scope([Paragraph(t, n) for n, t in enumerate(texts)], Location())
    for source in sources:  # repeats included: the second answer comes from the scope's memo
        regex = re.compile(source)
        assert where.may_match(regex) == may_match(regex, where.text)
