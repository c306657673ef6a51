"""The HTML block walk's fast paths agree with the walk they replace.

`html_blocks_reference` is the walk as it was (an event per node, a fresh cell memo per walk);
the fast one takes break-free subtrees whole, completes text-only blocks at their start, reads
Word cells (<td><p>…</p></td>) as one line and shares cells between walks. Held to the same
blocks (text, line, level, rows with spans and lines) on hypothesis-made pages, with and without
cells, on the corpus pages, and across walks that share the cell memo.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

import html_blocks_reference as reference
from checker.readers import _html_article, _html_blocks, _html_text
from checker.readers.decode import decode_text

PIECES = ["一、总体情况", "12", "0", "", " ", "\u3000", "\u00a0", "\n", "\t", "\u200b", "\x0c", "x  y", "年度报告",
          "<!-- c -->", "&amp;", "\n\n", "（一）"]
INLINE = ["span", "a", "b", "font", "o:p", "i"]
BLOCKS = ["p", "div", "li", "h2", "h3", "br", "td", "tr", "table", "tbody", "thead", "center", "pre", "hr"]
ATTRS = ["", ' rowspan="2"', ' colspan="3"', ' colspan="2;"', ' rowspan="0"', ' rowspan="x"', ' class="MsoNormal"',
         '\nstyle="width:12pt"', ' colspan="99999"']


@st.composite
def fragments(draw, depth: int = 0) -> str:
    text = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=3)))
    if depth > 4 or draw(st.integers(0, 3)) == 0:
        return text
    tag = draw(st.sampled_from(INLINE + BLOCKS))
    attrs = draw(st.sampled_from(ATTRS))
    kids = "".join(draw(st.lists(fragments(depth + 1), max_size=4)))
    tail = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=2)))
    if tag in ("br", "hr"):
        return f"{text}<{tag}{attrs}>{tail}"
    return f"<{tag}{attrs}>{text}{kids}</{tag}>{tail}"


@st.composite
def tables(draw) -> str:
    """A table as CMS and Word pages write them: rows of cells holding text, a <p>, spans."""
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        cells = []
        for _ in range(draw(st.integers(0, 4))):
            tag = draw(st.sampled_from(["td", "th", "td", "span"]))
            inner = draw(st.sampled_from(["0", "", "12", " 3 ", "<p>5</p>", "<p>\n<span>一、</span>x</p>", "\n<p>a</p>\n",
                                          "<p>a</p><p>b</p>", "a<br>b", "<p><b>c</b></p>t", fragments_text(draw)]))
            cells.append(f"<{tag}{draw(st.sampled_from(ATTRS))}>{inner}</{tag}>")
        sep = draw(st.sampled_from(["", "\n"]))
        rows.append(f"<tr>{sep.join(cells)}</tr>")
    body = draw(st.sampled_from(["{}", "<tbody>{}</tbody>", "<thead>{}</thead>"])).format("\n".join(rows))
    return f"<table>{body}</table>"


def fragments_text(draw) -> str:
    return draw(fragments(depth=2))


pages = st.lists(st.one_of(fragments(), tables()), min_size=1, max_size=6).map("".join)


def parse(body: str, remove_comments: bool = True) -> etree._Element:
    page = f"<html><head><title>t</title></head><body>\n{body}\n</body></html>"
    return etree.fromstring(page.encode("utf-8"), etree.HTMLParser(encoding="utf-8", remove_comments=remove_comments))


def assert_same_walk(root: etree._Element) -> None:
    for el in [root.find("body"), *root.find("body").iter("div", "td", "p", "table", "span")][:8]:
        if el is None:
            continue
        for cells in (True, False):
            assert _html_blocks.walk_blocks(el, cells=cells) == reference.walk_blocks(el, cells=cells)


@example("<p><span>\u3000</span><span>\n</span>a</p><div>b<br>c</div><h2>\u200b</h2><table><tr><td><p>1</p></td></tr></table>")
@example("<table><tr><td>x</td></tr></table><table><tr><td><p> a </p>\u200b</td><td>\n<p>b</p></td></tr></table>")
@example("<p>\u200b<span>a</span></p><p><!-- c -->x<b>\n</b></p><table><tr><td rowspan='2'><p><b>c</b></p></td></tr></table>")
@given(pages)
def test_the_walk_reads_the_blocks_of_the_reference_walk(body):
    assert_same_walk(parse(body))


def test_comments_and_their_tails_are_walked_as_the_reference_walks_them():
    """The reader's parser drops comments; lxml's iterwalk skips them, tail and all."""
    root = parse("<p><!-- c -->x<b>\n</b></p><p>a<!-- d -->b</p><div><span><!-- e -->t</span>u</div>", remove_comments=False)
    assert_same_walk(root)


@given(pages)
def test_long_inline_runs_walked_node_by_node_read_the_same(body):
    root = parse(body)
    for scan in (0, 1, 3):
        limit = _html_text.INLINE_SCAN_MAX
        try:
            _html_text.INLINE_SCAN_MAX = scan
            assert_same_walk(root)
        finally:
            _html_text.INLINE_SCAN_MAX = limit


@given(st.lists(pages, min_size=2, max_size=4), st.sampled_from([0, 3, 10_000]))
def test_cells_shared_between_walks_are_the_cells_of_each_walk(bodies, memo_max):
    """The cell memo lives for the process (bounded): later walks of other pages read their own cells."""
    limit = _html_blocks.CELL_MEMO_MAX
    try:
        _html_blocks.CELL_MEMO_MAX = memo_max
        largest = len(_html_blocks._CELL_MEMO)
        for body in bodies + bodies[:1]:
            body_el = parse(body).find("body")
            assert _html_blocks.walk_blocks(body_el) == reference.walk_blocks(body_el)
            largest = max(largest, *(len(t.findall(".//td")) + len(t.findall(".//th")) for t in body_el.iter("table")), 0)
            # Cleared before a table once past the bound: never more than the bound and one table.
            assert len(_html_blocks._CELL_MEMO) <= memo_max + largest
    finally:
        _html_blocks.CELL_MEMO_MAX = limit


@pytest.mark.parametrize("name", [
    "001_shanghai-shizhengfu-bangongting_2019.html", "044_synthetic-kirogov-ceshishi_2025.html",
    "048_pingtan-shiyanqu_2021.html", "049_pingtan-shiyanqu_2022.html", "050_pingtan-xingzhengshenpiju_2025.html",
])
def test_corpus_pages_walk_as_the_reference(corpus, name):
    data = corpus(name).read_bytes()
    root = etree.fromstring(decode_text(data, name).encode(), etree.HTMLParser(encoding="utf-8", remove_comments=True))
    _html_article.strip_chrome(root)
    article = _html_article.pick_article(root, _html_article.text_weights(root))
    for el in (root.find("body"), article):
        for cells in (True, False):
            fast = _html_blocks.walk_blocks(el, cells=cells)
            assert fast == reference.walk_blocks(el, cells=cells)


SPACES = [chr(c) for c in range(0x3100) if chr(c).isspace()] + ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\ufeff"]


@given(st.lists(st.sampled_from(SPACES + ["a", "中", "1", "\x07", "é"]), max_size=40).map("".join))
def test_squash_by_split_equals_the_regex(text):
    from checker.readers import _cells

    assert _cells.squash(text) == _cells._SPACE_RUN.sub(" ", text).strip()
