"""Scope.candidates finds, from word positions in the joined text, exactly the paragraphs the per-paragraph
may_match test keeps (the kinds then search only those)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.bound import Paragraph
from checker.findings import Location
from checker.kinds._patterns import may_match
from checker.kinds._text import Scope
from checker.textnorm import norm

REGEXES = [r"[X×x]{2,}(?:年|月|件|街道)", r"(?:予以公开|同意公开)(?:答复)?(?P<n>[0-9]+)件", r"(?<![及和])部分公开[0-9]+件",
           r"^(?:第?[一二]+[、.])?概述$", r"国办(?!公开)[年件]{1,2}", r"未(?:收到|受理)[^。]{0,4}?申请(?![^。]{0,3}败诉)",
           r"x(?:ab|ac)y", r"(?:a|b?)c", r"[a-c]d[^x]", r"(?i:AB)c", r"(?i)ab", r"(年)\1", r"a*+b", r"(?>a+)b", r"\b件",
           r"年$", r"(?:申请){2,}", r"公开.申请", r"(?:收到|受理|接收|收)[^。]{0,3}申请", r"(?:予以公开|公开)[0-9]件",
           r"年\n件", r"a\nb|c"]
WORDS = st.sampled_from(["年", "件", "申请", "公开", "部分", "予以", "及", "未", "收到", "败诉", "概述", "一、", "国办",
                         "x", "X", "ab", "ac", "y", "c", "d", "A", "B", "b", "。", "1", "街道", "和", "收", "接收", "受理",
                         " ", "\n", "（一）", "ｘ", "", "\u3000"])
PARAGRAPHS = st.lists(st.lists(WORDS, max_size=8).map("".join), max_size=8)


def plain(paragraphs: list[Paragraph], regexes: list[re.Pattern[str]]) -> list[Paragraph]:
    return [p for p in paragraphs if any(may_match(r, norm(p.text)) for r in regexes)]


@settings(max_examples=800, deadline=None)
@given(PARAGRAPHS, st.lists(st.sampled_from(REGEXES), max_size=3))
def test_candidates_are_the_paragraphs_may_match_keeps(texts: list[str], sources: list[str]) -> None:
    paragraphs = [Paragraph(t, n) for n, t in enumerate(texts)]
    regexes = [re.compile(s) for s in sources]
    where = Scope(paragraphs, Location())
    assert where.candidates(regexes) == plain(paragraphs, regexes)


def test_candidates_on_the_rule_examples_reports(ruleset) -> None:
    from checker.examples import build
    from checker.kinds._base import Context
    from checker.kinds._patterns import pattern
    from checker.kinds._text import scope

    bound = build(ruleset, None)
    regexes = [pattern(s) for rule in ruleset.rules for key in ("forbid", "statements", "only_if")
               for s in rule.params.get(key, []) if isinstance(s, (str, dict))]
    assert regexes
    for params in ({"scope": "text"}, {"parts": ["overview", "problems"]}, {"scope": "intro"}):
        where = scope(Context(bound=bound), params)
        for regex in regexes:
            assert where.candidates([regex]) == plain(where.paragraphs, [regex])
        assert where.candidates(regexes) == plain(where.paragraphs, regexes)


def test_a_scope_is_made_once_per_run_and_a_not_assessable_one_raises_alike(ruleset) -> None:
    import pytest

    from checker.examples import build
    from checker.kinds._base import Context, NotAssessable
    from checker.kinds._text import scope

    bound = build(ruleset, None)
    shared: dict = {}
    first = scope(Context(bound=bound, shared=shared), {"parts": ["overview"]})
    assert scope(Context(bound=bound, shared=shared), {"parts": ["overview"]}) is first
    assert scope(Context(bound=bound, shared=shared), {"parts": ["overview", "other"]}) is not first
    bound.parts["problems"].found = False
    reasons = []
    for context in (Context(bound=bound), Context(bound=bound, shared=shared), Context(bound=bound, shared=shared)):
        with pytest.raises(NotAssessable) as raised:
            scope(context, {"parts": ["problems"]})
        reasons.append((raised.value.reason, raised.value.reasons, raised.value.cause))
    assert reasons[0] == reasons[1] == reasons[2] and reasons[0][2] == "parts_present"
