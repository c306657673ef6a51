"""sentence_share finds a sentence holding any phrase with one alternation: the same answer as one search per phrase."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.kinds._patterns import pattern
from checker.kinds.sentence_share import _any_phrase

PIECES = st.sampled_from(["公开", "政务", "|", ".", "*", "(", ")", "[", "\\", "？", "?", "（", " ", "", "a", "Ａ", "^", "$"])
PHRASES = st.lists(st.lists(PIECES, max_size=3).map("".join), max_size=5)


@settings(max_examples=800, deadline=None)
@given(PHRASES, st.lists(PIECES, max_size=10).map("".join))
def test_any_phrase_is_any_search(phrases: list[str], sentence: str) -> None:
    combined = _any_phrase(tuple(phrases))
    expected = any(pattern(p).search(sentence) for p in phrases)
    assert bool(combined is not None and combined.search(sentence)) == expected


TERMS = st.lists(st.one_of(st.sampled_from(["公开", "政务", "", "开。政", "^公", "a"]),
                           st.sampled_from([{"regex": "^政务"}, {"regex": "公开$"}, {"regex": "(?<=政)务"}, {"regex": "申请\\d件"},
                                            {"regex": "公开(?:政务|申请)"}, {"regex": "x+"}])), min_size=1, max_size=6)
SCOPE_TEXT = st.lists(st.sampled_from(["公开", "政务", "申请", "3件", "a", "。", "；", "，", "一是", " ", "\n"]), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(TERMS, SCOPE_TEXT, SCOPE_TEXT)
def test_matched_terms_and_hits_are_one_search_per_term_and_sentence(terms: list, text: str, other: str) -> None:
    """The kind's evidence (matching sentences, terms matched) against searching every term in every sentence."""
    from types import SimpleNamespace

    from checker.bound import Paragraph
    from checker.findings import Location
    from checker.kinds import sentence_share
    from checker.kinds._base import Context
    from checker.kinds._text import Scope, entry_label
    from checker.textnorm import norm

    where = Scope([Paragraph(text, 1), Paragraph(other, 2)], Location(part="overview"))
    params = {"parts": ["overview"], "terms": terms, "max_chars": -1, "min_sentences": 1}
    real_scope = sentence_share.scope
    sentence_share.scope = lambda ctx, params: where
    try:
        [violation] = sentence_share.check(Context(bound=SimpleNamespace()), params)
    finally:
        sentence_share.scope = real_scope
    found = sentence_share.sentences([norm(text), norm(other)])
    compiled = [(e, pattern(e)) for e in terms]
    hits = [s for s in found if any(p.search(s) for _, p in compiled)]
    assert violation.evidence["matching"] == len(hits)
    assert violation.evidence["matched"] == [entry_label(e) for e, p in compiled if any(p.search(s) for s in hits)]
