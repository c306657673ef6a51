"""The descent to the article weighs a node's children only until those left could not reach the
share it needs (`TextWeights.heaviest_child`), and weighs the tables only when a hinted container is
in play: it picks the article the descent over every child's weight picked (kept below verbatim,
on the eager weights), also after metadata elements were dropped, on made pages and real ones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from checker.readers import _html_article
from checker.readers._html_article import DESCEND_SHARE, HINT_SHARE, _hinted_descendants, _is_data_table
from checker.readers.decode import decode_text
from tests.readers.test_html_fast_paths import elements, fragments, parse


# The descent and pick as they were (59c170b), on a dict of weights.
def reference_descend(node, weights):
    scored = [(weights[child], child) for child in node if isinstance(child.tag, str)]
    total = weights.get(node, 0)
    while total > 0 and not _is_data_table(node):
        best_weight, best = max(scored, key=lambda pair: pair[0], default=(0, None))
        if best is None or _is_data_table(best) or best_weight < DESCEND_SHARE * total:
            break
        node, total = best, best_weight
        scored = [(weights[child], child) for child in node if isinstance(child.tag, str)]
    return node


def reference_pick(root, weights):
    node = reference_descend(_html_article.descent_start(root), weights)
    total = weights.get(node, 0)
    tables = [t for t in node.iter("table") if _is_data_table(t) and weights.get(t, 0) > 0]
    hinted = [el for el in _hinted_descendants(node) if weights.get(el, 0) >= HINT_SHARE * total]
    for el in sorted(hinted, key=lambda e: -weights.get(e, 0)):
        inside = set(el.iter("table"))
        if all(t in inside for t in tables):
            return reference_descend(el, weights)
    return node


def _picks_agree(root, victim_index: int | None, primed: bool) -> None:
    eager = _html_article.text_weights_eager(root)
    lazy = _html_article.text_weights(root)
    if primed:  # the reader weighs the first step before the metadata search drops anything
        _html_article.weigh_descent_start(root, lazy)
    candidates = [el for el in elements(root) if el.getparent() is not None]
    if victim_index is not None and candidates:
        victim = candidates[victim_index % len(candidates)]
        for ancestor in victim.iterancestors():  # what drop() does to the weights
            if ancestor.tag != "a":
                eager[ancestor] -= eager[victim]
        _html_article.drop(victim, lazy)
        eager = {el: eager[el] for el in elements(root)}
    assert _html_article.pick_article(root, lazy) is reference_pick(root, eager)


@given(st.lists(fragments(), min_size=1, max_size=6).map("".join), st.none() | st.integers(min_value=0),
       st.booleans())
def test_the_early_stopping_descent_picks_what_weighing_every_child_picked(body, victim, primed):
    _picks_agree(parse(body), victim, primed)


# Pages where one child holds most of the text, or none does, among many light ones: the case the
# early stop is for, on both sides of the share.
_PARAGRAPH = st.builds(lambda n, link: f"<p>{'字' * n}{'<a>链接</a>' if link else ''}</p>",
                       st.integers(min_value=0, max_value=60), st.booleans())


@given(st.lists(_PARAGRAPH, max_size=12).map("".join), st.integers(min_value=0, max_value=400),
       st.lists(_PARAGRAPH, max_size=12).map("".join), st.sampled_from(["div", "table", "a", "div class=\"zoom\""]),
       st.none() | st.integers(min_value=0), st.booleans())
def test_heavy_and_light_children(before, heavy, after, tag, victim, primed):
    name = tag.split()[0]
    inner = f"<tr><td>{'重' * heavy}</td><td>x</td></tr>" if name == "table" else "重" * heavy
    body = f"<div>{before}<{tag}>{inner}</{name}>{after}</div><p>尾</p>"
    _picks_agree(parse(body), victim, primed)


@pytest.mark.parametrize("name", [
    "001_shanghai-shizhengfu-bangongting_2019.html", "044_synthetic-kirogov-ceshishi_2025.html",
    "048_pingtan-shiyanqu_2021.html", "049_pingtan-shiyanqu_2022.html", "050_pingtan-xingzhengshenpiju_2025.html",
])
def test_corpus_pages_pick_the_same_article(corpus, name):
    data = corpus(name).read_bytes()
    for primed in (False, True):
        root = etree.fromstring(decode_text(data, name).encode(),
                                etree.HTMLParser(encoding="utf-8", remove_comments=True))
        _html_article.strip_chrome(root)
        _picks_agree(root, None, primed)


@given(st.lists(fragments(), min_size=1, max_size=5).map("".join), st.none() | st.integers(min_value=0))
def test_texts_at_hand_are_the_subtree_texts(body, victim):
    """`TextWeights.text_of` (the metadata search's shortcut) is `subtree_text` of the tree as it is now."""
    from checker.readers._html_text import subtree_text

    root = parse(body)
    weights = _html_article.text_weights(root)
    for el in elements(root):
        weights.get(el)
    candidates = [el for el in elements(root) if el.getparent() is not None]
    if victim is not None and candidates:
        _html_article.drop(candidates[victim % len(candidates)], weights)
    for el in elements(root):
        text = weights.text_of(el)
        assert text is None or text == subtree_text(el)
