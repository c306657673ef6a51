"""The rules' cheap paths held to what they replace.

- cell_values takes a number written in decimal digits alone as whole (str.isdecimal) without rounding its
  Decimal: every such cell parse_cell reads as a number is whole;
- identity sides and cell sums start from one shared Decimal zero instead of a new Decimal(0) per sum: same
  sums, and the shared zero is never changed.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, strategies as st

from checker.bound import BoundCell
from checker.kinds import _base, linear_identity
from checker.values import parse_cell

_DIGITS = "0123456789０１２３４５６７８９٣𝟏⒈①²"
_OTHER = ".,，． -+万元/—"


@given(st.text(alphabet=_DIGITS + _OTHER, min_size=1, max_size=8))
def test_a_number_in_decimal_digits_alone_is_whole(text: str) -> None:
    value = parse_cell(text)
    if value.state == "number" and text.isdecimal():
        assert value.value == value.value.to_integral_value()


def _old_side(cells, found_rows, keys):
    """linear_identity._side as it was (a new Decimal(0) per side), kept verbatim as the reference."""
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
            total += value.value
        else:
            return None
    return total, all_blank, any_blank


_CELL_TEXTS = st.sampled_from(["", " ", "0", "12", "1,234", "3.50", "-", "/", "abc", "+3", "1.5万元", "０"])


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(["x", "y"]), _CELL_TEXTS | st.none()),
                max_size=8),
       st.sets(st.sampled_from(["a", "b", "c"])))
def test_sides_and_sums_equal_the_per_sum_zero(operands, found_rows) -> None:
    cells = {(r, c): BoundCell(r, c, parse_cell(t)) for r, c, t in operands if t is not None}
    keys = [(r, c) for r, c, _ in operands]
    new, old = linear_identity._side(cells, found_rows, keys), _old_side(cells, found_rows, keys)
    assert new == old
    assert (new is None) == (old is None)
    if new is not None:
        assert str(new[0]) == str(old[0])  # the same digits and exponent, not only the same number
    listed = [cells.get(k) for k in keys]
    total, blank = _base.sum_cells(listed)
    assert blank == all(c is None or c.value.state == "blank" for c in listed)
    assert _base.ZERO == 0 and str(_base.ZERO) == "0"
