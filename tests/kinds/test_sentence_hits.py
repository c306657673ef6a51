"""sentence_share splits sentences in two steps: the same pieces as the one regex it replaced."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["一是", "二是", "十是", "是", "，", ",", "、", "。", "；", "?", "！", "公开", "一", "a", ""]),
                max_size=12).map("".join))
def test_split_is_the_one_regex_split(text: str) -> None:
    """sentence_share's split before it took two steps (commit 59c170b): one regex of both breaks."""
    from checker.kinds.sentence_share import _split

    split = re.compile(r"[。；;！!？?]|(?<=[,，、])(?=[一二三四五六七八九十]是)")
    assert _split(text) == split.split(text)
