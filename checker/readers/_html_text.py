"""Text of HTML elements as the reader sees it: block elements and `<br>` end a line, inline
markup (`<span>`, `<font>`) merges, whitespace collapses. Shared by the block walk (`_html_blocks`)
and the metadata search (`_html_meta`).

Speed: a subtree with nothing inside that ends a line is read whole, its string value in one
C call (`subtree_text`), instead of a Python step per node.
"""

from __future__ import annotations

from lxml import etree

from checker.readers._cells import collapse, squash, squash_lines

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd div dl dt fieldset figcaption figure form "
    "h1 h2 h3 h4 h5 h6 hr html li main ol p pre section table tbody td tfoot th thead tr ul "
    "caption option".split()
)


def _tag(el: etree._Element) -> str:
    # libxml2's HTML parser lowercases element names; comments and PIs have no str tag.
    tag = el.tag
    return tag if isinstance(tag, str) else ""


def subtree_text(el: etree._Element) -> str:
    """All text inside `el` (not its tail) concatenated in C: the XPath string value, so no
    comment or PI text. One call instead of a Python step per node (`itertext()`)."""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


BREAKS = BLOCK_TAGS | {"br"}
# How far `inline_only` looks: a longer run of inline markup is walked node by node, so that
# nested containers never rescan one long run (the walk stays linear in the page).
INLINE_SCAN_MAX = 64


def inline_only(el: etree._Element) -> bool:
    """`el` has children but none (at any depth) that ends a line or paragraph (a block element
    or `<br>`), and not too many to tell cheaply. (lxml's C tag filter would be slower here:
    it prepares its 46 names on every call.)"""
    for seen, node in enumerate(el.iterdescendants()):
        tag = node.tag
        if seen == INLINE_SCAN_MAX or tag in BREAKS or not isinstance(tag, str):
            return False  # (a comment's tail is no text to the walk: lxml's iterwalk skips comments)
    return True


def element_text(root: etree._Element, keep_lines: bool = True) -> str:
    """Text of an element: `<br>` and block boundaries become line breaks (nested
    tables are flattened this way too), source whitespace collapses to single spaces."""
    if len(root) == 0:  # fast path: most cells are a bare text node
        return squash(root.text or "")
    if len(root) == 1:
        # A Word cell, <td><p>…</p></td>: one block child holding only text, nothing around it
        # but space, is one line, the child's string value squashed.
        child = root[0]
        if child.tag in BLOCK_TAGS and not _has_text(root.text) and not _has_text(child.tail):
            if len(child) == 0:
                return squash(child.text or "")
            if inline_only(child):
                return squash(subtree_text(child))
    breaks = [el for el in root.iterdescendants() if el.tag in BREAKS]
    if not breaks:
        # Inline markup only (<span>, <font>): no line breaks, so the text is the subtree's
        # string value squashed (comments and PIs carry no string value, as in the walk).
        return squash(subtree_text(root))
    if any(el.getparent() is not root for el in breaks):
        return _walked_text(root, keep_lines)
    # Breaks only among the children (a Word cell: <td><p><span>…</span></p></td>): each
    # child's text in one C call; the same pieces and line breaks as the walk.
    parts = [collapse(root.text or "")]
    for child in root:
        tag = child.tag
        if isinstance(tag, str):
            if tag in BREAKS:
                parts.append("\n")
            parts.append(collapse(subtree_text(child)))
            if tag in BLOCK_TAGS:
                parts.append("\n")
        if child.tail:
            parts.append(collapse(child.tail))
    text = squash_lines("".join(parts))
    return text if keep_lines else squash(text)


def _has_text(text: str | None) -> bool:
    """`text` keeps something after squashing (it is not only space, or zero-width marks)."""
    return bool(text) and bool(squash(text))  # type: ignore[arg-type]


def _walked_text(root: etree._Element, keep_lines: bool = True) -> str:
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = _tag(el)
        if event == "start":
            if tag == "br" or tag in BLOCK_TAGS:
                parts.append("\n")
            if tag and el.text:
                parts.append(collapse(el.text))
        else:
            if tag in BLOCK_TAGS:
                parts.append("\n")
            if el is not root and el.tail:
                parts.append(collapse(el.tail))
    text = squash_lines("".join(parts))
    return text if keep_lines else squash(text)
