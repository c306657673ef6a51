"""table_present — the statutory tables are there and readable.

What it checks: each table in `tables` was found (by its labels) and its numbers could be
read. A missing table is reported once, here; every rule that needs it is then "not
assessable" instead of failing. Why: 条例 第五十条（一）至（三）; the format prints the tables.
Placeholders: table, reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.findings import Location
from checker.kinds._base import Bilingual, Context, Violation

KIND = "table_present"
PLACEHOLDERS = frozenset({"table", "reason"})
REFERENCES = {"tables[]": "table"}  # names checked by `reportlint rules lint`


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    for table_id in params["tables"]:
        table = ctx.bound.tables.get(table_id)
        if table is None:
            continue
        part = ctx.bound.parts.get(table.spec.part)
        line = part.line if part is not None and part.found else None
        if not table.found:
            yield Violation(
                Location(part=table.spec.part, table=table_id, line=line),
                {"reason": Bilingual("未找到", "not found")},
                {"state": "missing"},
            )
        elif table.unreadable:
            yield Violation(
                Location(part=table.spec.part, table=table_id, line=table.line, page=table.page),
                {"reason": table.unreadable},
                {"state": "unreadable", "reason": table.unreadable},
            )
