"""Fourth-round shortcuts of the HTML read, held to the definitions they replace (kept verbatim here)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from checker.readers import _html_article
from tests.readers.test_html_fast_paths import parse

_OLD_IDS_AND_CLASSES = etree.XPath("descendant::*/@*[name() = 'id' or name() = 'class']")
_OLD_HINT_WORD = re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, sorted(_html_article.CONTENT_HINTS))) + r")(?!\S)")


def old_hinted_descendants(node: etree._Element) -> list[etree._Element]:
    """`_hinted_descendants` before the all-attribute prefilter (verbatim)."""
    values = _OLD_IDS_AND_CLASSES(node)
    if not values or not _OLD_HINT_WORD.search("\n".join(values).lower()):
        return []
    found: list[etree._Element] = []
    for value in values:
        el = value.getparent()
        if (not found or found[-1] is not el) and any(word in _html_article.CONTENT_HINTS for word in value.lower().split()):
            found.append(el)
    return found


ATTRIBUTES = ['id="zoom"', 'class="a Zoom"', 'ID="main"', 'o:class="zoom"', 'xml:id="x"', 'data-class="zoom"', 'class="nav"',
              'title="content"', 'style="text-align:center"', 'name="article"', 'class="con_text x"', 'id="TRS_Editor"',
              'class=" view "', 'href="main"', 'alt="text main"', 'class="articlecontent2"', "id='a&#122;oom'", 'class=""']


@given(st.lists(st.tuples(st.sampled_from(["div", "p", "span", "td", "table", "a"]),
                          st.lists(st.sampled_from(ATTRIBUTES), max_size=3, unique=True)), max_size=8),
       st.booleans())
def test_hinted_descendants_as_before_the_prefilter(elements_with_attributes, nested):
    body = "".join(f"<{tag} {' '.join(attrs)}>x</{tag}>" for tag, attrs in elements_with_attributes)
    if nested:
        body = f"<div class='wrap'>{body}<div><p {' '.join(a for _, attrs in elements_with_attributes[:1] for a in attrs)}>y</p></div></div>"
    root = parse(f"<div>{body}</div>")
    for el in root.iter():
        assert _html_article._hinted_descendants(el) == old_hinted_descendants(el)
