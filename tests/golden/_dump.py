"""The keyed cells of 表二/表三/表四 as a golden compares them (also: `python tests/golden/_dump.py FILE`)."""

from __future__ import annotations

import json
import sys
from typing import Any

from checker.bound import BoundReport


def cell_text(cell: Any) -> str:
    value = cell.value
    if value.state == "number":
        return format(value.value, "f")
    return "" if value.state == "blank" else value.text.strip()


def keyed(bound: BoundReport) -> dict[str, Any]:
    """Per table: found, unreadable (yes/no), rules the recovery relied on, and every keyed cell by row."""
    out: dict[str, Any] = {"edition": bound.edition, "tables": {}}
    for tid, table in bound.tables.items():
        rows: dict[str, list[str | None]] = {}
        for row in table.spec.rows:
            values = [table.cells.get((row.id, c)) for c in row.columns]
            if any(v is not None for v in values):
                rows[row.id] = [cell_text(v) if v is not None else None for v in values]
        out["tables"][tid] = {
            "found": table.found,
            "unreadable": bool(table.unreadable),
            "unassessable": sorted(table.unassessable),
            "rows": rows,
        }
    return out


if __name__ == "__main__":  # pragma: no cover - a helper for deriving a golden, which is then checked by hand
    from checker.api import bind_report, read_report
    from checker.ruleset import load_ruleset

    print(json.dumps(keyed(bind_report(read_report(sys.argv[1]), load_ruleset(), sys.argv[1])),
                     ensure_ascii=False, indent=1))
