"""The page part of the HTML read: shortcuts held to the definitions they replace.

`walk_blocks(limit=N)` is the full walk's first N blocks; the metadata search's length tests
in C (character counts, UTF-8 byte bounds) take the same subtrees as the decoded texts did.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from checker.readers import _html_blocks
from tests.readers.test_html_fast_paths import fragments, parse


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
