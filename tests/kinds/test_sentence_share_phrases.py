"""sentence_share finds a sentence holding any phrase with one alternation: the same answer as one search per phrase."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.kinds._text import pattern
from checker.kinds.sentence_share import _any_phrase

PIECES = st.sampled_from(["公开", "政务", "|", ".", "*", "(", ")", "[", "\\", "？", "?", "（", " ", "", "a", "Ａ", "^", "$"])
PHRASES = st.lists(st.lists(PIECES, max_size=3).map("".join), max_size=5)


@settings(max_examples=800, deadline=None)
@given(PHRASES, st.lists(PIECES, max_size=10).map("".join))
def test_any_phrase_is_any_search(phrases: list[str], sentence: str) -> None:
    combined = _any_phrase(tuple(phrases))
    expected = any(pattern(p).search(sentence) for p in phrases)
    assert bool(combined is not None and combined.search(sentence)) == expected
