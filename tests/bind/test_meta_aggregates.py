"""checker.bind.meta's `_aggregates` (the aggregation regex tried only where its words start) answers as
the regex searched over the first 3,000 characters did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.bind.meta import _AGGREGATE, AGGREGATE_SPAN, _aggregates

_PIECES = ["汇总", "综合", "各", "所属", "下属", "部门", "单位", "乡", "镇", "街道", "。", "本", "了全县", "汇", "总",
           "x" * 40, "字" * 2990]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_aggregates_equals_the_regex_over_the_first_characters(text: str) -> None:
    assert _aggregates(text) == bool(_AGGREGATE.search(text[:AGGREGATE_SPAN]))
