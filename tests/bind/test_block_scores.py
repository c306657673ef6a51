"""A table block's scores are remembered by its label texts when its value cells say nothing
(checker.bind.scoring.block_scores); they must equal scoring every text (`score_texts`), and a
template's `digits_say_nothing` must hold for any text of ASCII digits."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.bind.labels import label_index
from checker.bind.rows import row_kinds
from checker.bind.scoring import _signal, block_scores, score_texts
from checker.model import Block, Cell
from checker.ruleset import load_ruleset

RULESET = load_ruleset()
EDITIONS = [{t.id: label_index(t) for t in s.tables} for s in RULESET.structures.values()]
LABELS = sorted({x for s in RULESET.structures.values() for t in s.tables
                 for x in (*(r.label or "" for r in t.rows), *(a for r in t.rows for a in r.aliases),
                           *(c.label for c in t.columns), *t.headers) if x})
_VALUES = ["0", "12", "", " ", "-", "/", "+3", "5件", "1,200", "无", "0.5", "１２", "2024", "3 ", "007"]


@settings(max_examples=300)
@given(st.data())
def test_block_scores_equal_scoring_every_text(data: st.DataObject) -> None:
    indexes = data.draw(st.sampled_from(EDITIONS))
    text = st.one_of(st.sampled_from(LABELS), st.sampled_from(_VALUES), st.text(max_size=5),
                     st.integers(0, 99999).map(str))
    rows = data.draw(st.lists(st.lists(text, min_size=1, max_size=8), min_size=1, max_size=10))
    block = Block("table", rows=tuple(tuple(Cell(t) for t in row) for row in rows))
    texts, kinds = row_kinds(block)
    counts = Counter(texts)
    expected = {table_id: score_texts(counts, index) for table_id, index in indexes.items()}
    for _ in range(2):  # the second time from the memo
        assert block_scores(texts, kinds, indexes) == expected


@given(st.one_of(st.integers(0, 10**12).map(str), st.text(alphabet="0123456789", min_size=1, max_size=30)))
def test_digits_say_nothing_to_a_template_that_claims_it(text: str) -> None:
    for indexes in EDITIONS:
        for index in indexes.values():
            if index.digits_say_nothing:
                assert _signal(text, index) == (None, False)
                assert index.match_row(text) is None
