"""What the rules of one run share (Context.shared) gives what each rule derived on its own."""

from __future__ import annotations

import pytest

from checker.examples import build
from checker.kinds._base import Context, NotAssessable
from checker.kinds._previous import pair_problems, previous_report
from checker.kinds.previous_cells import _band, _bound


def test_the_pair_is_judged_once_per_run_with_the_same_verdict(ruleset) -> None:
    this, last = build(ruleset, None), build(ruleset, None)
    last.meta.year = this.meta.year - 3
    shared: dict = {}
    raised = []
    for _ in range(2):
        with pytest.raises(NotAssessable) as exc:
            previous_report(Context(bound=this, previous=last, shared=shared))
        raised.append((exc.value.reasons, exc.value.cause))
    assert raised[0] == raised[1] and raised[0][0]["en"] == pair_problems(this, last)[0][1]
    last.meta.year = this.meta.year - 1
    assert previous_report(Context(bound=this, previous=last)) is last  # a new run judges the pair afresh


@pytest.mark.parametrize("absolute,relative,right", [(None, None, "5"), (2, None, "-7"), (0, 0.1, "35"), (3, 0.05, "1000")])
def test_a_band_made_once_bounds_as_before(absolute, relative, right) -> None:
    from decimal import Decimal

    right = Decimal(right)
    assert _bound(_band(absolute, relative), right) == max(Decimal(str(absolute or 0)), Decimal(str(relative or 0)) * abs(right))
