"""Binding's fast paths make exactly the decisions of the plain algorithms they replace.

Each reference below is the straightforward version (the code as it was before the fast path);
hypothesis feeds both texts built from the template's own labels, perturbed the ways reports
perturb them (numbering, width, spaces, a typo, digits glued on), plus arbitrary text.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from checker.bind.recover import _label_forms, is_run_together
from checker.model import Cell
from checker.ruleset import load_ruleset
from checker.textnorm import norm

RULESET = load_ruleset()
TABLES = [t for s in RULESET.structures.values() for t in s.tables]
LABELS = sorted({x for t in TABLES for r in t.rows for x in (r.label or "", *r.aliases, r.group or "") if x}
                | {x for t in TABLES for c in t.columns for x in (c.label, *c.aliases)}
                | {h for t in TABLES for h in t.headers})
_NOISE = list("0123456789 　\n（）()、.一二三四五六七八九十其他情况总计申请公开０１２３“”") + ["\u200b", "(一)", "1.", "十二、"]


def _perturb(label: str, data: st.DataObject) -> str:
    """One of the ways a label is mistyped: a character dropped, doubled or replaced, or left intact."""
    if not label or data.draw(st.booleans()):
        return label
    at = data.draw(st.integers(0, len(label) - 1))
    how = data.draw(st.sampled_from(["drop", "double", "replace"]))
    if how == "drop":
        return label[:at] + label[at + 1:]
    if how == "double":
        return label[:at] + label[at] + label[at:]
    return label[:at] + data.draw(st.sampled_from(_NOISE)) + label[at + 1:]


@st.composite
def cell_texts(draw: st.DrawFn) -> str:
    """A cell: pieces of labels (possibly mistyped) and noise such as numbering, digits and spaces."""
    data = draw(st.data())
    label = st.sampled_from(LABELS).map(lambda x: _perturb(x, data))
    glued = st.tuples(label, st.sampled_from(["0", "12", "3", "０", " 5", "\n7", "①"])).map("".join)
    pieces = draw(st.lists(st.one_of(label, glued, st.sampled_from(_NOISE), st.text(max_size=4)), max_size=4))
    return "".join(pieces)


_DIGIT_AFTER = re.compile(r"[0-9]")


def _run_together_reference(cells: list[Cell], spec) -> bool:  # noqa: ANN001
    forms = _label_forms(spec)
    for cell in cells:
        text = norm(cell.text)
        for form in forms:
            start = text.find(form)
            while start >= 0:
                after = start + len(form)
                if after < len(text) and _DIGIT_AFTER.match(text[after]):
                    return True
                start = text.find(form, start + 1)
    return False


@given(st.lists(cell_texts(), min_size=1, max_size=4), st.sampled_from(TABLES))
def test_run_together_scan_from_the_digits_agrees_with_the_label_scan(texts: list[str], spec) -> None:  # noqa: ANN001
    cells = [Cell(t) for t in texts]
    assert is_run_together(cells, spec) == _run_together_reference(cells, spec)
