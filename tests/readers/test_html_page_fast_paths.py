"""The page part of the HTML read: shortcuts held to the definitions they replace.

`walk_blocks(limit=N)` is the full walk's first N blocks; the metadata search's length tests
in C (character counts, UTF-8 byte bounds) take the same subtrees as the decoded texts did.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from checker.readers import _html_article, _html_blocks, _html_meta
from tests.readers.test_html_fast_paths import elements, fragments, parse


@given(st.lists(fragments(), min_size=1, max_size=6).map("".join), st.integers(min_value=0, max_value=12),
       st.booleans())
def test_limited_walk_is_the_full_walks_prefix(body, limit, cells):
    root = parse(body)
    full = _html_blocks.walk_blocks(root, cells=cells)
    assert _html_blocks.walk_blocks(root, cells=cells, limit=limit) == full[:limit]


def test_limited_walk_on_a_page_of_many_blocks():
    root = parse("".join(f"<p>段落{i}</p><table><tr><td>{i}</td><td>2</td></tr></table><h2>标题{i}</h2>" for i in range(40)))
    full = _html_blocks.walk_blocks(root)
    for limit in (0, 1, 2, 3, 8, 119, 120, 200):
        assert _html_blocks.walk_blocks(root, limit=limit) == full[:limit]


CHARACTERS = ["一、总体情况", "12", "索引号：", "发布机构：某局", " ", "\n", "\t", "\r", "\u3000", "\u00a0", "\U0001f600", "é", "x"]


@st.composite
def pages(draw, depth: int = 0) -> str:
    """Fragments with characters of every UTF-8 length, whitespace `_visible_len` does and does not count."""
    text = "".join(draw(st.lists(st.sampled_from(CHARACTERS), max_size=4)))
    if depth > 3 or draw(st.booleans()):
        return text
    tag = draw(st.sampled_from(["div", "p", "a", "span", "table", "tr", "td", "br", "b"]))
    kids = "".join(draw(st.lists(pages(depth + 1), max_size=3)))
    return f"<{tag}>{text}{kids}</{tag}>" + "".join(draw(st.lists(st.sampled_from(CHARACTERS), max_size=2)))


@given(st.lists(pages(), min_size=1, max_size=4).map("".join))
def test_visible_length_from_utf8_bytes_is_the_texts(body):
    root = parse(body)
    for el in root.iter():
        text = _html_blocks.subtree_text(el)
        assert _html_article._subtree_visible_len(el) == _html_article._visible_len(text)


@given(st.lists(fragments(), min_size=1, max_size=5).map("".join), st.integers(min_value=0, max_value=40),
       st.integers(min_value=0, max_value=8), st.booleans())
def test_key_search_with_texts_measured_in_c_reads_the_same_fields(body, whole_max, small, primed):
    """With low limits every subtree is "long" and every paragraph over SMALL, so the length
    tests in C (character count, UTF-8 byte bounds) and the weights the descent already knows
    (`primed`, as the reader does) decide: the same fields and metadata elements as looking at
    every element."""
    root = parse(body)
    weights = _html_article.text_weights(root)
    if primed:
        weights.with_children(_html_article.descent_start(root))
    saved = _html_meta._key_candidates, _html_meta._WHOLE_MAX, _html_meta.SMALL
    try:
        _html_meta._WHOLE_MAX, _html_meta.SMALL = whole_max, small
        fast = _html_meta.visible_fields(root, weights)
        _html_meta._key_candidates = lambda r, known=None: iter(elements(r))
        slow = _html_meta.visible_fields(root, weights)
    finally:
        _html_meta._key_candidates, _html_meta._WHOLE_MAX, _html_meta.SMALL = saved
    assert fast == slow


@given(st.lists(pages(), min_size=1, max_size=4).map("".join))
def test_short_texts_are_the_texts_or_too_long(body):
    root = parse(body)
    for el in root.iter():
        text = _html_blocks.subtree_text(el)
        for long in (False, True):
            short = _html_meta._short_subtree_text(el, long)
            assert short == (text if len(text) <= _html_meta._WHOLE_MAX else None)
        if len(el) == 0:
            leaf = _html_meta._short_leaf_text(el)
            assert leaf == (el.text or "") or (leaf is None and len(el.text) > _html_meta.SMALL)


@given(st.lists(st.tuples(st.sampled_from(["div", "p", "span", "td"]),
                          st.lists(st.sampled_from(['id="zoom"', 'class="a zoom"', 'ID="main"', 'o:class="zoom"',
                                                    'xml:id="x"', 'data-class="zoom"', 'class="nav"', 'title="id"']),
                                   max_size=3, unique=True)), max_size=8))
def test_ids_and_classes_in_one_path_are_the_union(elements_with_attributes):
    body = "".join(f"<{tag} {' '.join(attrs)}>x</{tag}>" for tag, attrs in elements_with_attributes)
    root = parse(f"<div>{body}<div class='zoom'><p id='text'>y</p></div></div>")
    union = etree.XPath("descendant::*/@id | descendant::*/@class")
    for el in root.iter():
        one = _html_article._IDS_AND_CLASSES(el)
        assert [(v, v.getparent()) for v in one] == [(v, v.getparent()) for v in union(el)]


@given(st.text(st.sampled_from([" ", "\n", "\u3000", "\u00a0", "\x1c", "\x85", "\u200b", "x", "中"]), max_size=6))
def test_blank_page_test_is_strip(text):
    assert (not text or text.isspace()) == (not text.strip())


@given(st.lists(st.sampled_from([b"\xef\xbb\xbf", b"\x00", "中".encode(), b"a", b"\n", b"\xff\xfe", b"\xd6\xd0"]),
                max_size=8).map(b"".join), st.sampled_from([None, "utf-8", "gbk"]))
def test_nul_found_in_the_bytes_as_in_the_text(data, declared):
    from checker.errors import InputError
    from checker.readers.decode import decode_with_utf8

    try:
        text, utf8 = decode_with_utf8(data, "x.html", declared, sniff=False)
    except InputError:
        return
    assert "\x00" not in text
    if utf8 is not None:
        assert utf8.decode("utf-8") == text


@given(st.lists(st.sampled_from(["<body>b</body>", "<head><title>t</title></head>", "<p>x</p>", "<!-- c -->", "<body><p>y</p></body>",
                                 "<frameset></frameset>", "text"]), max_size=5).map("".join))
def test_descent_starts_where_find_body_says(page):
    root = etree.fromstring(f"<html>{page}</html>".encode(), etree.HTMLParser(encoding="utf-8"))
    if root is None:
        return
    body = root.find("body")
    assert _html_article.descent_start(root) is (body if body is not None else root)
    for el in root.iter():
        found = el.find("body")
        assert _html_article.descent_start(el) is (found if found is not None else el)
