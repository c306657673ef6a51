"""table_labels — every row of the template is in the table, with the template's label.

What it checks, for each of `tables`: with `report: [missing]`, rows of the template that were not
found (one finding listing them); with `typo`/`alias`/`numbering`, rows found under a label
that differs from the template; with `unknown`, labelled rows that are not in the template
(inserted subtotals, invented rows). Why: the format prints every row; "严禁擅自删减报告事项".
Placeholders: rows, count, found, expected.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.findings import Location
from checker.bound import BoundTable
from checker.kinds._base import Context, Violation, cell_location, spec_row

KIND = "table_labels"
PLACEHOLDERS = frozenset({"rows", "count", "found", "expected"})
REFERENCES = {"tables[]": "table"}  # names checked by `reportlint rules lint`


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    for table in ctx.tables(params["tables"]):
        yield from _check_table(table, set(params["report"]))


def _check_table(table: BoundTable, wanted: set[str]) -> Iterator[Violation]:
    spec = table.spec
    missing = table.missing_rows if "missing" in wanted else None
    if missing:
        labels = [spec_row(spec, r).label or r for r in missing]
        yield Violation(
            Location(part=spec.part, table=spec.id, line=table.line, page=table.page),
            {"rows": "、".join(labels), "count": len(labels)},
            {"missing_rows": table.missing_rows},
        )
    for row_id, match in table.rows.items():
        if match.how in wanted:
            row = spec_row(spec, row_id)
            yield Violation(
                cell_location(table, None, row_id, None),
                {"found": match.label, "expected": row.label},
                {"found": match.label, "expected": row.label, "match": match.how},
            )
    if "unknown" in wanted:
        for extra in table.unknown_rows:
            yield Violation(
                Location(part=spec.part, table=spec.id, row_label=extra.text, line=extra.line, page=extra.page),
                {"found": extra.text, "expected": ""},
                {"found": extra.text},
            )
