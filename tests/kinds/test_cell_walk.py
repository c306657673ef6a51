"""cell_values walks only the slots of cells that are not whole numbers; it finds what the walk of every slot
(kept here verbatim, commit 59c170b) found, in the same order."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.examples import build
from checker.kinds._base import Context
from checker.kinds.cell_values import _layout, _problem, _walk
from checker.values import CellValue

CELLS = ["t3/new/total", "t3/new/natural", "t3/new/commercial", "t3/carried_in/total", "t3/granted/natural",
         "t3/partial/total", "t2/fees/amount", "t2/regs_made/count", "t4/counts/review_upheld", "t4/counts/after_total"]
TEXTS = st.sampled_from(["", "0", "3", "12", "1.5", "1.0", "0.25", "—", "/", "无", "+3", "-2", "5万元", "2件", "１２", "1,234"])


def reference_walk(table):
    problems, blanks = [], {}
    cells = table.cells
    for key_, row_id, column_id, decimals, signed in _layout(table.spec):
        cell = cells.get(key_)
        if cell is None:
            continue
        value = cell.value
        state = value.state
        if state == "blank":
            blanks.setdefault(column_id, []).append(row_id)
            continue
        if state == "number" and (decimals or value.value == value.value.to_integral_value()):
            continue
        problem = _problem(cell, decimals, signed)
        if problem:
            problems.append((cell, row_id, column_id, problem))
    return problems, blanks


def outcome(walk):
    try:
        return walk()
    except Exception as exc:  # noqa: BLE001 - a malformed cell fails both walks the same way
        return type(exc)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(CELLS), TEXTS, max_size=8), st.sets(st.sampled_from(CELLS)), st.booleans())
def test_walk_finds_what_the_walk_of_every_slot_found(ruleset, cells, dropped, odd) -> None:
    bound = build(ruleset, {"cells": cells})
    for ref in dropped:  # cells the binder did not read
        table_id, row, column = ref.split("/")
        bound.tables[table_id].cells.pop((row, column), None)
    if odd:  # a hand-made number cell without a Decimal takes the walk of every slot
        table = bound.tables["t3"]
        key = next(iter(table.cells))
        table.cells[key] = dataclasses.replace(table.cells[key], value=CellValue("7", "number", 7))  # type: ignore[arg-type]
    ctx = Context(bound=bound)
    for table in bound.tables.values():
        if table.found:
            assert outcome(lambda: _walk(ctx, table)) == outcome(lambda: reference_walk(table))
            if not odd:
                assert _walk(ctx, table) is _walk(ctx, table)  # once per run


def test_a_cell_key_twice_in_the_layout_is_walked_twice(ruleset) -> None:
    bound = build(ruleset, {"cells": {"t3/new/natural": ""}})
    table = bound.tables["t3"]
    spec = dataclasses.replace(table.spec, rows=(*table.spec.rows, table.spec.rows[0]))
    twice = dataclasses.replace(table, spec=spec)
    assert _walk(Context(bound=bound), twice) == reference_walk(twice)
    assert Decimal("1.0") == Decimal(1)  # a written decimal of a whole number is whole: not a fraction
