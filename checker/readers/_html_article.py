"""Find the report inside a government web page: drop site chrome, pick the article.

Government pages wrap the report in navigation, breadcrumbs, share buttons, footers and
tens of kilobytes of script. The article is found by *non-link text weight*: navigation
is made of links, the report is not. Starting at `<body>`, we descend into the child
that holds almost all of the weight until no child does; that element is the article.
This keeps the title line and metadata above the article out, and keeps every report
table in (a table in a sibling element would carry enough weight to stop the descent).
"""

from __future__ import annotations

import re

from lxml import etree


CHROME_TAGS = (
    "script", "style", "noscript", "nav", "header", "footer", "iframe", "frame", "frameset",
    "object", "embed", "svg", "template", "select", "button", "textarea", "input", "map",
)
# An element holding this share of its parent's weight is "the rest of the page minus
# chrome". 048 needs > 0.99 here; a short report on a heavy portal still passes 0.85
# because portal navigation is link text, which weighs nothing.
DESCEND_SHARE = 0.85
# Class/id words of known content containers (TRS, UEditor, Hanweb, UCAP CMSs). A hinted
# element is taken when it holds at least HINT_SHARE of the page and every report table:
# on a short report the title, byline and footer can outweigh the 15% margin above.
CONTENT_HINTS = frozenset(
    "zoom trs_editor trs_ueditor article_content article-content custom_unionstyle ucap-content "
    "view content article text main articlecontent newscontent con_text".split()
)
HINT_SHARE = 0.5


_NESTED_LINKS = etree.XPath("//a[ancestor::a]")


def _visible_len(text: str | None) -> int:
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") if text else 0


# UTF-8 continuation bytes (one character is its first byte and these) and the three ASCII
# characters `_visible_len` leaves out: what is left of the UTF-8 bytes is one byte per
# visible character.
_NOT_COUNTED = bytes(range(0x80, 0xC0)) + b" \n\t"


def _subtree_visible_len(el: etree._Element) -> int:
    """`_visible_len` of the subtree's text without making a Python str of it: decoding
    CJK UTF-8 is the cost (a long paragraph's `.text` costs ~10x its UTF-8 bytes). libxml2
    gives the text as UTF-8 bytes; deleting every byte that is not a visible character
    (one C call) leaves one byte per character counted."""
    return _visible_in_utf8(_subtree_utf8(el))


def _subtree_utf8(el: etree._Element) -> bytes:
    return etree.tostring(el, method="text", encoding="utf-8", with_tail=False)


def _visible_in_utf8(data: bytes) -> int:
    return len(data.translate(None, _NOT_COUNTED))


class TextWeights:
    """Non-link text length of an element (navigation is links, reports are not), computed
    when asked and remembered. Only a few dozen elements are ever asked about (the tables,
    the children along the descent to the article), so this is one C `string()` call each
    instead of a Python step for every element of the page. Equal to `text_weights_eager`."""

    def __init__(self, root: etree._Element) -> None:
        self._memo: dict[etree._Element, int] = {}
        # Visible characters of a subtree, links included: an upper bound of its weight. Only for
        # the tree as it is: forgotten whenever an element is dropped.
        self._raw: dict[etree._Element, int] = {}
        # The UTF-8 text of the subtrees weighed whole, for the metadata search (`text_of`).
        self._utf8: dict[etree._Element, bytes] = {}
        self._links: dict[etree._Element, int] = {}
        # Elements with a link inside: only their weights need the links' text taken out.
        self._holders: set[etree._Element] = set()
        links = 0
        for link in root.iter("a"):
            links += 1
            for ancestor in link.iterancestors():
                if ancestor in self._holders:
                    break  # and so are all further ancestors
                self._holders.add(ancestor)
        # A link inside a link needs two links; most pages with one (a "home" link) skip the query.
        self._nested = set(_NESTED_LINKS(root)) if links > 1 else set()

    def get(self, el: etree._Element, default: int = 0) -> int:
        weight = self._memo.get(el)
        if weight is None:
            weight = self._memo[el] = self._compute(el)
        return weight

    def known(self, el: etree._Element) -> int | None:
        """The weight of `el` if it has been computed, else None (nothing is computed)."""
        return self._memo.get(el)

    def text_of(self, el: etree._Element) -> str | None:
        """`subtree_text(el)` if `el` was weighed whole since the tree last changed, else None
        (nothing is computed): its UTF-8 text is at hand, so libxml2 need not make it again."""
        data = self._utf8.get(el)
        return None if data is None else data.decode("utf-8")

    def with_children(self, node: etree._Element) -> list[tuple[int, etree._Element]]:
        """(weight, child) for every element child of `node` (each weighed)."""
        return [(self.get(child), child) for child in node if isinstance(child.tag, str)]

    def subtract(self, el: etree._Element, amount: int) -> None:
        self._memo[el] = self.get(el) - amount
        self._raw.clear()  # the tree is about to change
        self._utf8.clear()

    def heaviest_child(self, node: etree._Element, bar: float) -> tuple[int, etree._Element | None]:
        """(weight, child) of the first heaviest element child of `node` (`max` over the
        children's weights), or None for the child when none can weigh `bar` or more: the
        children are weighed in order only until those left could not reach `bar` together
        (a child weighs at most its visible characters, and the children left at most what
        `node` has beyond those weighed). A report's article has dozens of paragraphs; the
        descent needs to know that none of them is the rest of the page, not each weight."""
        left = self._raw.get(node)
        if left is None:
            left = self._raw[node] = _subtree_visible_len(node)
        best_weight, best = 0, None
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if left < bar and (best is None or best_weight < bar):
                return best_weight, None
            weight = self.get(child)
            left -= self._raw.get(child, 0)  # unknown (an earlier weight, a link): the bound stays loose
            if best is None or weight > best_weight:
                best_weight, best = weight, child
        return best_weight, best

    def _compute(self, el: etree._Element) -> int:
        if el.tag == "a":
            return 0
        data = self._utf8[el] = _subtree_utf8(el)
        weight = self._raw[el] = _visible_in_utf8(data)
        if el not in self._holders:
            return weight
        for link in el.iterdescendants("a"):
            if link in self._nested and self._inside_link(link, el):
                continue  # already left out with the outer link
            weight -= self._link_len(link)
        return weight

    def _link_len(self, link: etree._Element) -> int:
        length = self._links.get(link)
        if length is None:
            length = self._links[link] = _subtree_visible_len(link)
        return length

    @staticmethod
    def _inside_link(link: etree._Element, top: etree._Element) -> bool:
        """`link` sits in another link below `top`."""
        for ancestor in link.iterancestors():
            if ancestor is top:
                return False
            if ancestor.tag == "a":
                return True
        return False


def drop(el: etree._Element, weights: TextWeights | None = None) -> None:
    """Remove `el` but keep its tail text where it was; keep ancestor weights right."""
    parent = el.getparent()
    if parent is None:
        return
    if weights is not None:
        # Every ancestor's weight is fixed before the tree changes, then lowered, link or
        # not above: exactly what the eager table did.
        removed = weights.get(el, 0)
        for ancestor in el.iterancestors():
            if ancestor.tag != "a":
                weights.subtract(ancestor, removed)
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def strip_chrome(root: etree._Element) -> None:
    """Remove elements that are never report content (keeping their tails)."""
    doomed = list(root.iter(*CHROME_TAGS, etree.Comment, etree.ProcessingInstruction))
    for el in doomed:
        drop(el)


def text_weights(root: etree._Element) -> TextWeights:
    """The page's text weights, computed as they are asked for (`checker.pairing` calls this)."""
    return TextWeights(root)


def text_weights_eager(root: etree._Element) -> dict[etree._Element, int]:
    """Every element's non-link text length, in one bottom-up pass: the reference the lazy
    `TextWeights` is tested against (reversed preorder visits children before parents)."""
    order = [el for el in root.iter() if isinstance(el.tag, str)]
    weights: TextWeights = {}
    for el in reversed(order):
        if el.tag == "a":
            weights[el] = 0
            continue
        w = _visible_len(el.text)
        for child in el:
            w += weights.get(child, 0) + _visible_len(child.tail)
        weights[el] = w
    return weights


def _is_data_table(el: etree._Element) -> bool:
    """A table that is report content rather than page layout (no nested tables)."""
    return el.tag == "table" and next(el.iterdescendants("table"), None) is None


def _descend(node: etree._Element, weights: TextWeights) -> etree._Element:
    total = weights.get(node, 0)
    while total > 0 and not _is_data_table(node):
        best_weight, best = weights.heaviest_child(node, DESCEND_SHARE * total)
        if best is None or _is_data_table(best) or best_weight < DESCEND_SHARE * total:
            break
        node, total = best, best_weight
    return node


# Attribute nodes, not elements with an attribute test: ~6x cheaper in libxml2; one path, not
# the union of two (`descendant::*/@id | descendant::*/@class`), which walks the subtree twice and
# sorts: the same attributes in the same order (document order, an element's in attribute order).
_IDS_AND_CLASSES = etree.XPath("descendant::*/@*[name() = 'id' or name() = 'class']")
# A hint as a whole whitespace-separated word (what `str.split` yields), for a one-regex
# test of all the values at once: most pages have no hinted element below the article.
_HINT_WORD = re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, sorted(CONTENT_HINTS))) + r")(?!\S)")


# Every attribute value below a node as plain strings (no smart strings, no name test per
# attribute): ~half the cost of `_IDS_AND_CLASSES`, and a superset of its values.
_ATTRIBUTE_VALUES = etree.XPath("descendant::*/@*", smart_strings=False)


def _hinted_descendants(node: etree._Element) -> list[etree._Element]:
    """Descendants of `node` whose id or class names a known content container, in document order."""
    # No attribute value at all names a hint (most pages): then no id or class does either.
    if not _may_hold_hint(_ATTRIBUTE_VALUES(node)):
        return []
    values = _IDS_AND_CLASSES(node)
    if not _may_hold_hint(values):
        return []
    found: list[etree._Element] = []
    for value in values:
        el = value.getparent()
        if (not found or found[-1] is not el) and any(word in CONTENT_HINTS for word in value.lower().split()):
            found.append(el)
    return found


def _may_hold_hint(values: list[str]) -> bool:
    """Some value has a hint as a whole word (a superset test: one regex over all of them)."""
    return bool(values) and _HINT_WORD.search("\n".join(values).lower()) is not None


def weigh_descent_start(root: etree._Element, weights: TextWeights) -> None:
    """The descent's first step, taken early: the metadata search (`_html_meta`) then knows the
    long subtrees under `<body>` by their weights, without making a str of their text only to
    measure it."""
    start = descent_start(root)
    weights.heaviest_child(start, DESCEND_SHARE * weights.get(start))


def descent_start(root: etree._Element) -> etree._Element:
    """Where the descent to the article starts: `<body>`, else the root. (`root.find("body")`,
    the first child named body, without ElementPath's Python-level path handling.)"""
    return next(root.iterchildren("body"), root)


def pick_article(root: etree._Element, weights: TextWeights) -> etree._Element:
    node = _descend(descent_start(root), weights)
    total = weights.get(node, 0)
    hinted = [el for el in _hinted_descendants(node) if weights.get(el, 0) >= HINT_SHARE * total]
    if not hinted:
        return node  # (most pages: the tables need not be weighed)
    tables = [t for t in node.iter("table") if _is_data_table(t) and weights.get(t, 0) > 0]
    for el in sorted(hinted, key=lambda e: -weights.get(e, 0)):
        inside = set(el.iter("table"))
        if all(t in inside for t in tables):
            return _descend(el, weights)
    return node
