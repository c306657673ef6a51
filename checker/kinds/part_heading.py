"""part_heading — a part was found, but its heading deviates from the format.

What it checks: the deviations the binder recorded for each part heading, limited to the
types listed in `deviations`: numeral_missing, numeral_wrong, variant, typo, out_of_order.
Why: the format fixes the six headings and their numbering (一 … 六); a lost numeral or a
reordered part breaks the printed structure, a wording variant is tolerated but noted.
Placeholders: number, heading, found, expected_number, found_number.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.findings import Location
from checker.kinds._base import Context, Violation

KIND = "part_heading"
PLACEHOLDERS = frozenset({"number", "heading", "found", "expected_number", "found_number", "similarity"})
REFERENCES = {"parts[]": "part"}  # names checked by `reportlint rules lint`


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    wanted = set(params["deviations"])
    parts = params.get("parts")
    for part in ctx.bound.parts.values():
        if not part.found or (parts and part.spec.id not in parts):
            continue
        for deviation in part.deviations:
            if deviation["type"] not in wanted:
                continue
            yield Violation(
                Location(part=part.spec.id, line=part.line, page=part.page),
                {
                    "number": part.spec.number,
                    "heading": part.spec.heading,
                    "found": part.heading,
                    "expected_number": deviation.get("expected", part.spec.number),
                    "found_number": deviation.get("found", ""),
                    "similarity": deviation.get("similarity", ""),
                },
                {"deviation": deviation["type"], "found": part.heading,
                 "expected": f"{part.spec.number}、{part.spec.heading}"},
            )
