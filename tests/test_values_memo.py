"""checker.values.BoundedMemo answers what its function answers, and stays within its limit; `parsed` and
`value_kind` (the per-cell memos binding uses) are parse_cell and looks_like_value."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from checker.values import BoundedMemo, looks_like_value, parse_cell, parsed, value_kind

_TEXTS = st.one_of(st.sampled_from(["0", "12", "", " ", "-", "/", "+3", "5件", "1,200", "无", "0.5", "１２"]),
                   st.text(max_size=6))


@given(st.lists(_TEXTS, max_size=30))
def test_cell_memos_answer_as_their_functions(texts: list[str]) -> None:
    for _ in range(2):
        assert list(map(parsed, texts)) == list(map(parse_cell, texts))
        assert list(map(value_kind, texts)) == list(map(looks_like_value, texts))


def test_bounded_memo_stays_within_its_limit() -> None:
    calls: list[int] = []
    memo = BoundedMemo(lambda n: calls.append(n) or n * 2, 8)
    assert [memo[n] for n in range(20)] == [n * 2 for n in range(20)]
    assert len(memo) <= 8 and memo[19] == 38 and calls.count(19) == 1
