"""Find the report inside a government web page: drop site chrome, pick the article.

Government pages wrap the report in navigation, breadcrumbs, share buttons, footers and
tens of kilobytes of script. The article is found by *non-link text weight*: navigation
is made of links, the report is not. Starting at `<body>`, we descend into the child
that holds almost all of the weight until no child does; that element is the article.
This keeps the title line and metadata above the article out, and keeps every report
table in (a table in a sibling element would carry enough weight to stop the descent).
"""

from __future__ import annotations

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


def drop(el: etree._Element, weights: dict[etree._Element, int] | None = None) -> None:
    """Remove `el` but keep its tail text where it was; keep ancestor weights right."""
    parent = el.getparent()
    if parent is None:
        return
    if weights is not None:
        removed = weights.get(el, 0)
        for ancestor in el.iterancestors():
            if ancestor.tag != "a":
                weights[ancestor] = weights.get(ancestor, 0) - removed
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


def _visible_len(text: str | None) -> int:
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") if text else 0


def text_weights(root: etree._Element) -> dict[etree._Element, int]:
    """Non-link text length of every element (navigation is links, reports are not).

    One bottom-up pass: reversed preorder visits every descendant before its ancestor,
    so there is no recursion and no subtree is read twice.
    """
    order = [el for el in root.iter() if isinstance(el.tag, str)]
    weights: dict[etree._Element, int] = {}
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


def _descend(node: etree._Element, weights: dict[etree._Element, int]) -> etree._Element:
    total = weights.get(node, 0)
    while total > 0 and not _is_data_table(node):
        scored = [(weights.get(c, 0), c) for c in node if isinstance(c.tag, str)]
        best_weight, best = max(scored, key=lambda pair: pair[0], default=(0, None))
        if best is None or _is_data_table(best) or best_weight < DESCEND_SHARE * total:
            break
        node, total = best, best_weight
    return node


def _hinted(el: etree._Element) -> bool:
    words = f"{el.get('id') or ''} {el.get('class') or ''}".lower().split()
    return any(word in CONTENT_HINTS for word in words)


def pick_article(root: etree._Element, weights: dict[etree._Element, int]) -> etree._Element:
    body = root.find("body")
    node = _descend(body if body is not None else root, weights)
    total = weights.get(node, 0)
    tables = [t for t in node.iter("table") if _is_data_table(t) and weights.get(t, 0) > 0]
    hinted = [
        el for el in node.iterdescendants()
        if isinstance(el.tag, str) and weights.get(el, 0) >= HINT_SHARE * total and _hinted(el)
    ]
    for el in sorted(hinted, key=lambda e: -weights.get(e, 0)):
        inside = set(el.iter("table"))
        if all(t in inside for t in tables):
            return _descend(el, weights)
    return node
