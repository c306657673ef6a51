"""The HTML reader's fast paths agree with the slow definitions they replace.

Lazy text weights vs the eager bottom-up pass (also after `drop`), cell text in one C call
vs the node walk, the key-line search over a pruned tree vs every element (also with long
blocks skipped by one search), `squash`'s no-whitespace shortcut vs the regex, the UTF-8 bytes
handed to the parser, and the binary-data test's shortcut vs its counts.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from checker.readers import _cells, _html_article, _html_blocks, _html_meta, _html_text
from checker.readers import decode
from checker.readers.decode import decode_text, decode_with_utf8

PIECES = ["一、总体情况", "12", "索引号：", "发 布 机 构：某局", "时间：2024-01-02", "来源：", " ", "\u3000",
          "\u00a0", "\n", "\t", "\u200b", "x  y", "年度报告", "|", "索引号", "发布日期"]
TAGS = ["div", "p", "span", "a", "b", "td", "tr", "table", "br", "li", "h2", "font", "o:p", "tbody"]


@st.composite
def fragments(draw, depth: int = 0) -> str:
    text = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=3)))
    if depth > 3 or draw(st.booleans()):
        return text
    tag = draw(st.sampled_from(TAGS))
    attrs = draw(st.sampled_from(["", ' class="zoom"', ' id="Main x"', ' rowspan="2"', ' class="nav"']))
    kids = "".join(draw(st.lists(fragments(depth + 1), max_size=4)))
    tail = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=2)))
    return f"<{tag}{attrs}>{text}{kids}</{tag}>{tail}"


def parse(body: str) -> etree._Element:
    page = f"<html><head><title>t</title></head><body>{body}</body></html>"
    root = etree.fromstring(page.encode("utf-8"), etree.HTMLParser(encoding="utf-8", remove_comments=True))
    _html_article.strip_chrome(root)
    return root


def elements(root: etree._Element) -> list[etree._Element]:
    return [el for el in root.iter() if isinstance(el.tag, str)]


@given(st.lists(fragments(), min_size=1, max_size=5).map("".join))
def test_lazy_weights_equal_the_eager_pass(body):
    root = parse(body)
    eager = _html_article.text_weights_eager(root)
    lazy = _html_article.text_weights(root)
    for el in elements(root):
        lazy.with_children(el)  # the descent's way of asking
    assert {el: lazy.get(el) for el in elements(root)} == eager
    assert {el: _html_article.text_weights(root).get(el) for el in elements(root)} == eager


@given(st.lists(fragments(), min_size=1, max_size=5).map("".join), st.integers(min_value=0))
def test_drop_keeps_lazy_weights_as_the_eager_table_did(body, pick):
    root = parse(body)
    candidates = [el for el in elements(root) if el.getparent() is not None]
    if not candidates:
        return
    victim = candidates[pick % len(candidates)]
    eager = _html_article.text_weights_eager(root)
    for ancestor in victim.iterancestors():  # what drop() did to the eager dict
        if ancestor.tag != "a":
            eager[ancestor] -= eager[victim]
    lazy = _html_article.text_weights(root)
    _html_article.drop(victim, lazy)
    assert {el: lazy.get(el) for el in elements(root)} == {el: eager[el] for el in elements(root)}


@given(fragments(depth=1))
def test_cell_text_fast_paths_equal_the_walk(fragment):
    root = parse(f"<table><tr><td>{fragment}</td></tr></table>")
    for el in elements(root.find("body")):
        for keep_lines in (True, False):
            assert _html_text.element_text(el, keep_lines) == _html_text._walked_text(el, keep_lines)


@given(st.lists(fragments(), min_size=1, max_size=5).map("".join))
def test_pruned_key_search_reads_the_same_fields(body):
    root = parse(body)
    weights = _html_article.text_weights(root)
    fast = _html_meta.visible_fields(root, weights)
    every = _html_meta._key_candidates
    try:
        _html_meta._key_candidates = lambda r, known=None: iter(elements(r))
        slow = _html_meta.visible_fields(root, weights)
    finally:
        _html_meta._key_candidates = every
    assert fast == slow


@example("<div><p>统计时间从2024年1月1日</p><table><tr><td>索引号</td><td>1</td><td>发布日期</td><td>2024-01-02</td>"
          "</tr></table></div>")
@example("<div><p>时间<span>：2024</span></p></div><div>来源<b>某局</b>：<i>x</i></div>")
@given(st.lists(fragments(), min_size=1, max_size=5).map("".join))
def test_long_blocks_skipped_by_one_search_read_the_same_fields(body):
    """With every subtree taken as long, blocks without key and colon (and table key) are
    skipped whole: still the fields and metadata elements of looking at every element."""
    root = parse(body)
    weights = _html_article.text_weights(root)
    every, scan_max = _html_meta._key_candidates, _html_meta._SCAN_MAX
    try:
        _html_meta._SCAN_MAX = -1
        fast = _html_meta.visible_fields(root, weights)
        _html_meta._key_candidates = lambda r, known=None: iter(elements(r))
        slow = _html_meta.visible_fields(root, weights)
    finally:
        _html_meta._key_candidates, _html_meta._SCAN_MAX = every, scan_max
    assert fast == slow
    if "<td>索引号</td><td>1</td>" in body:  # the example: a metadata table without a colon
        assert fast[0] == {"索引号": "1", "发布日期": "2024-01-02"}


@given(st.lists(st.sampled_from(["索引号", "发 布\u3000机 构", ":", "：", "来源", " ", "\n", "时间", "x", "主题分类", "名",
                                 "称", "：：", "号", "索引", "成文日", "期", "发文机", "关", "构"]), max_size=12).map("".join))
def test_keys_found_backwards_as_forwards(text):
    assert _html_meta._has_key_colon(text) == (_html_meta._KEY_ANYWHERE.search(text) is not None)
    assert _html_meta._has_table_key(text) == (_html_meta._TABLE_KEYS.search(text) is not None)


@given(st.text(st.sampled_from(["a", "中", "\x00", "\x07", "\x0c", "\x7f", "\n", "\ud7ff", "\U0001f600", "é"]), max_size=80))
def test_binary_shortcut_equals_the_counts(text):
    sample = text[:8192]
    slow = bool(sample) and (len(decode._CONTROL.findall(sample)) > max(8, len(sample) // 50)
                             or sum(map(len, decode.plausible().findall(sample))) < 0.85 * len(sample))
    assert decode.looks_binary(text) == slow


@given(st.text(alphabet=st.sampled_from(["a", "中", " ", "\u3000", "\u00a0", "\n", "\u200b", "\ufeff", "\x85", "1"])))
def test_squash_shortcut_equals_the_regex(text):
    assert _cells.squash(text) == _cells._SPACE_RUN.sub(" ", text).strip()


def test_every_character_the_space_pattern_matches_is_unprintable_but_the_space():
    printable = [chr(c) for c in range(0x110000) if _cells._SPACE_RUN.fullmatch(chr(c)) and chr(c).isprintable()]
    assert printable == [" "]


@pytest.mark.parametrize("data, declared", [
    ("报告 一、总体情况".encode(), None),
    (b"\xef\xbb\xbf" + "报告".encode(), "gbk"),
    ("报告".encode("gb18030"), "gb2312"),
    (("报告内容完整。" * 20 + "\x00").encode(), None),
])
def test_utf8_bytes_are_the_text_or_absent(data, declared):
    text, utf8 = decode_with_utf8(data, "x.html", declared)
    assert text == decode_text(data, "x.html", declared)
    if utf8 is not None:
        assert utf8 == text.encode("utf-8")
    assert (utf8 is None) == (b"\x00" in data or declared == "gb2312")


def test_corpus_pages_lazy_weights_equal_the_eager_pass(corpus):
    for name in ("001_shanghai-shizhengfu-bangongting_2019.html", "048_pingtan-shiyanqu_2021.html"):
        data = corpus(name).read_bytes()
        root = etree.fromstring(decode_text(data, name).encode(), etree.HTMLParser(encoding="utf-8", remove_comments=True))
        _html_article.strip_chrome(root)
        eager = _html_article.text_weights_eager(root)
        lazy = _html_article.text_weights(root)
        assert {el: lazy.get(el) for el in elements(root)} == eager
