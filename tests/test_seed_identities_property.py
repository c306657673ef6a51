"""Property: any single changed number of 表三 or 表四 in the seed breaks an identity there.

The seed's tables are consistent, so a change of one cell must make at least one identity
rule fail, and the finding must point at the row or the column holding the changed cell.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import given, strategies as st

from checker.bind import bind
from checker.engine import evaluate
from checker.readers import read
from checker.ruleset import load_ruleset
from checker.values import parse_cell

SEED = Path(__file__).resolve().parent.parent / "examples" / "000_2606f0613b160dcc.txt"
RULESET = load_ruleset()
IDENTITY_RULES = [r for r in RULESET.rules if r.kind == "linear_identity"]
REPORT = read(SEED)
CELLS = sorted(
    (table_id, row, column)
    for table_id in ("t3", "t4")
    for (row, column) in bind(REPORT, RULESET.structures).tables[table_id].cells
)


def test_the_seed_tables_are_consistent() -> None:
    bound = bind(REPORT, RULESET.structures)
    assert evaluate(bound, RULESET, rules=IDENTITY_RULES).findings == ()
    assert len(CELLS) == 25 * 7 + 15


@given(cell=st.sampled_from(CELLS), delta=st.integers(min_value=-5, max_value=50).filter(bool))
def test_changing_one_number_breaks_an_identity_at_that_cell(cell: tuple[str, str, str], delta: int) -> None:
    table_id, row, column = cell
    bound = bind(REPORT, RULESET.structures)
    table = bound.tables[table_id]
    old = table.cells[(row, column)]
    new_value = int(old.value.value) + delta
    if new_value < 0:
        new_value = int(old.value.value) + abs(delta)
    table.cells[(row, column)] = dataclasses.replace(old, value=parse_cell(str(new_value)))
    findings = evaluate(bound, RULESET, rules=IDENTITY_RULES).findings
    assert findings, f"changing {cell} by {delta} broke no identity"
    assert all(f.location.table == table_id for f in findings)
    assert any(f.location.row == row or f.location.column == column for f in findings)
