"""parts_present — every required part of the report is there.

What it checks: each part named in `parts` (default: all parts of the edition) was found by
its heading. Why: 条例 第五十条 lists the content and 国办公开办函〔2021〕30号 says it "不能遗漏".
Placeholders: number, heading.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.findings import Location
from checker.kinds._base import Context, Violation

KIND = "parts_present"
PLACEHOLDERS = frozenset({"number", "heading"})
REFERENCES = {"parts[]": "part"}  # names checked by `reportlint rules lint`


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    wanted = params.get("parts") or [p.id for p in ctx.bound.structure.parts]
    for part_id in wanted:
        part = ctx.bound.parts.get(part_id)
        if part is None or part.found:
            continue
        yield Violation(
            Location(part=part_id),
            {"number": part.spec.number, "heading": part.spec.heading},
            {"expected_heading": f"{part.spec.number}、{part.spec.heading}"},
        )
