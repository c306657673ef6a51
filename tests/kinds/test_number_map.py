"""The run's number map and the sums that read it give what the per-cell walks they replaced gave."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.bound import BoundCell, BoundTable, RowMatch
from checker.kinds._base import Context, number_map, numbers_of
from checker.kinds.linear_identity import _side
from checker.values import CellValue, parse_cell

ROWS = ["a", "b", "c", "d"]
KEYS = st.tuples(st.sampled_from(ROWS), st.sampled_from(["x", "y", "z"]))
TEXTS = st.sampled_from(["", "0", "0.0", "-0", "3", "12", "1.50", "1E+2", "—", "无", "/", "2件", "+3", "１２"])


def reference_side(cells, found_rows, keys):
    """linear_identity._side before the number map (commit 59c170b), verbatim."""
    total = Decimal(0)
    all_blank, any_blank = True, False
    for key in keys:
        cell = cells.get(key)
        if cell is None:
            if key[0] not in found_rows:
                return None
            continue
        value = cell.value
        if value.state == "blank":
            any_blank = True
        elif value.state == "number":
            all_blank = False
            total += value.value  # type: ignore[operator]
        else:
            return None
    return total, all_blank, any_blank


def _table(cells: dict[tuple[str, str], str], found: list[str], odd: bool) -> BoundTable:
    def value(text: str) -> CellValue:
        parsed = parse_cell(text)
        if odd and parsed.state == "invalid":  # a value a hand-made cell may carry: not a number all the same
            return CellValue(parsed.text, "invalid", Decimal(7), parsed.reason)
        return parsed
    return BoundTable(spec=None, found=True, cells={k: BoundCell(*k, value(t)) for k, t in cells.items()},  # type: ignore[arg-type]
                      rows={r: RowMatch(r, "exact") for r in found})


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(KEYS, TEXTS, max_size=12), st.lists(st.sampled_from(ROWS), unique=True),
       st.lists(KEYS, max_size=6), st.booleans())
def test_side_is_the_per_cell_walk(cells, found, keys, odd) -> None:
    table = _table(cells, found, odd)
    ctx = Context(bound=None)  # type: ignore[arg-type]
    numbers = number_map(ctx, table)
    assert numbers is number_map(ctx, table)  # once per run
    assert numbers == {k: c.value.value for k, c in table.cells.items() if c.value.state == "number"}
    got, want = _side(table.cells, table.rows, keys, numbers), reference_side(table.cells, table.rows, keys)
    assert got == want and repr(got) == repr(want)  # the same digits and exponent, not only an equal number
    listed = numbers_of(numbers, keys)
    assert listed == (None if any(k not in numbers for k in keys) else [numbers[k] for k in keys])


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(KEYS, TEXTS, max_size=12), st.dictionaries(KEYS, TEXTS, max_size=12),
       st.lists(st.tuples(st.sampled_from(["this", "prev"]), st.sampled_from(ROWS), st.sampled_from(["x", "y", "z"])),
                max_size=5), st.booleans())
def test_cross_year_sum_is_sum_cells(this, last, cells, odd) -> None:
    """previous_cells._sum reads the run's number maps; it is sum_cells of the cells, as it was."""
    from checker.kinds._base import sum_cells
    from checker.kinds.previous_cells import _sum

    tables = {"this": _table(this, ROWS, odd), "prev": _table(last, ROWS, odd)}
    ctx = Context(bound=None)  # type: ignore[arg-type]
    numbers = {who: number_map(ctx, table) for who, table in tables.items()}
    got = _sum(tables, cells, numbers)
    want = sum_cells([tables[who].cell(row, column) for who, row, column in cells])
    assert got == want and repr(got) == repr(want)
