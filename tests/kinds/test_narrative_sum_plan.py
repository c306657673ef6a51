"""narrative_numbers._sum with its references expanded once per template is the per-cell definition it replaced."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.examples import build
from checker.kinds._base import Context, NotAssessable
from checker.kinds.narrative_numbers import _sum

CELLS = ["t3/new/total", "t3/new/natural", "t3/new/commercial", "t3/carried_in/total", "t3/granted/natural",
         "t3/partial/total"]
REFS = ["t3/new/total", "t3/new/@applicants", "t3/carried_in/@applicants", "t3/granted/total", "t3/partial/@applicants",
        "t9/new/total", "t3/no_such_row/total"]
TEXTS = st.sampled_from(["", "0", "3", "12", "1.5", "—", "无", "/", "2件"])


def reference(ctx: Context, refs: list[str]) -> Decimal | None:
    """The definition before the plan: each reference's cells, each cell's table looked up afresh."""
    total, seen = Decimal(0), False
    for ref in refs:
        table_id, row, column = ref.split("/")
        spec = ctx.table(table_id).spec
        rows = spec.expand([row]) if row.startswith("@") else (row,)
        columns = spec.expand([column]) if column.startswith("@") else (column,)
        for table_id, row, column in [(table_id, r, c) for r in rows for c in columns]:
            cell = ctx.table(table_id).cell(row, column)
            if cell is None or cell.value.state == "blank":
                continue
            if cell.value.state != "number":
                return None
            total, seen = total + cell.value.value, True
    return total if seen else None


def outcome(compute, ctx: Context, refs: list[str]):
    try:
        value = compute(ctx, refs)
    except NotAssessable as exc:
        return "not assessable", exc.reason
    return value, str(value)  # the same digits and exponent, not only an equal number


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(CELLS), TEXTS, max_size=6), st.lists(st.sampled_from(REFS), min_size=1, max_size=4))
def test_sum_is_the_per_cell_definition(ruleset, cells: dict[str, str], refs: list[str]) -> None:
    ctx = Context(bound=build(ruleset, {"cells": cells}))
    for _ in range(2):  # the template's plan cold, then warm
        assert outcome(_sum, ctx, refs) == outcome(reference, ctx, refs)
