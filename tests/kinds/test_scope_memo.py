"""A scope's joined text and word look-ups come from the report's memo, and stay right when it is patched."""

from __future__ import annotations

import re

from checker.bound import Paragraph
from checker.examples import build
from checker.kinds._base import Context
from checker.kinds._patterns import may_match
from checker.kinds._text import scope
from checker.textnorm import norm


def test_scope_text_and_may_match_agree_with_the_plain_computation(ruleset) -> None:
    bound = build(ruleset, None)
    for params in ({"scope": "text"}, {"parts": ["overview", "problems"]}, {"scope": "intro"}):
        where = scope(Context(bound=bound), params)
        plain = "\n".join(norm(p.text) for p in where.paragraphs)
        assert where.text == plain and where.text is where.text  # joined once per report
        for source in (r"政府信息公开", r"(?:予以公开|同意公开)[0-9]+件", r"[X×x]{2,}年", r"未(?:收到|受理)申请"):
            regex = re.compile(source)
            assert where.may_match(regex) == may_match(regex, plain)


def test_a_patched_paragraph_is_a_new_joined_text(ruleset) -> None:
    bound = build(ruleset, None)
    where = scope(Context(bound=bound), {"parts": ["other"]})
    regex = re.compile("XX年")
    assert not where.may_match(regex)
    bound.parts["other"].paragraphs.append(Paragraph("本机关XX年未收取费用。", 999))
    patched = scope(Context(bound=bound), {"parts": ["other"]})
    assert patched.text.endswith("本机关XX年未收取费用。") and patched.may_match(regex)
