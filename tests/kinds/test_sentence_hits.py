"""sentence_share finds its hit sentences from the sentences joined (one scan for the phrases, a regex tried only
where its words are): the same sentences as testing every sentence with every phrase and regex."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.kinds.sentence_share import _any_phrase, _hits

PHRASES = ["公开", "政务", "信息", "申请", "公开信息", "ab", "b", "a"]
REGEXES = [r"公开(?:的)?内容(?:还|仍)?(?:不够|不)", r"(?:业务|专业)(?:能力|水平)", r"^公开", r"信息$", r"(?<!政)务",
           r"加强(?:业务)?(?:学习|培训)", r"a[^x]b", r"[0-9]+(?:个|件)", r"\"[^\"]{2,20}\"", r"ab|ba", r"(?:a|b?)c"]
WORDS = st.sampled_from(["公开", "政务", "信息", "申请", "内容", "不够", "业务", "能力", "加强", "学习", "a", "b", "c", "x",
                         "\"", "3", "个", "还", "\n", ""])
SENTENCES = st.lists(st.lists(WORDS, max_size=7).map("".join), max_size=8)


def reference(found, phrases, regexes):
    return [s for s in found if (phrases is not None and phrases.search(s)) or any(p.search(s) for p in regexes)]


@settings(max_examples=800, deadline=None)
@given(SENTENCES, st.lists(st.sampled_from(PHRASES), max_size=4, unique=True), st.lists(st.sampled_from(REGEXES), max_size=4))
def test_hits_are_the_sentences_some_term_finds(found, phrases, sources) -> None:
    phrase_regex = _any_phrase(tuple(phrases))
    regexes = [re.compile(s) for s in sources]
    assert _hits(found, phrase_regex, regexes) == reference(found, phrase_regex, regexes)


def test_hits_with_phrases_that_match_empty_or_span_lines() -> None:
    found = ["公开信息", "无关", "a\nb"]
    for phrases in (re.compile("|公开"), re.compile("a\nb"), re.compile("")):
        assert _hits(found, phrases, []) == reference(found, phrases, [])
    assert _hits([], re.compile(""), [re.compile("")]) == []


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["一是", "二是", "十是", "是", "，", ",", "、", "。", "；", "?", "！", "公开", "一", "a", ""]),
                max_size=12).map("".join))
def test_split_is_the_one_regex_split(text: str) -> None:
    """sentence_share's split before it took two steps (commit 59c170b): one regex of both breaks."""
    from checker.kinds.sentence_share import _split

    split = re.compile(r"[。；;！!？?]|(?<=[,，、])(?=[一二三四五六七八九十]是)")
    assert _split(text) == split.split(text)
