"""edition — the report uses the format edition in force for its reporting year.

What it checks: the edition the report's own labels show (`BoundReport.detected_edition`,
from each structure's `fingerprints`) against the edition in force for the reporting year
(`checker.bind.expected_edition`). `mismatch: older` reports a report in an older format
than its year requires (a 2021+ report in the 2019 trial layout); `mismatch: newer` the
converse (a 2019/2020 report in the 2021 layout). Only years in `years` are judged.
Not assessable without a reporting year or when no table carries an edition fingerprint.
Why: 国办公开办函〔2021〕30号 replaced the trial format of 国办公开办函〔2019〕60号 from the
2021 reports on (regulation.md §3.1, §4.5).
Placeholders: detected, expected (edition names such as "2019"), fingerprints.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.bind import expected_edition
from checker.findings import Location
from checker.kinds._base import Context, NotAssessable, Violation
from checker.kinds._text import in_years
from checker.textnorm import norm

KIND = "edition"
PLACEHOLDERS = frozenset({"detected", "expected", "fingerprints"})


def _fingerprints(ctx: Context, edition: str) -> list[str]:
    """The detected edition's fingerprint labels that the report contains, for the evidence."""
    blocks = ctx.bound.report.blocks
    blob = "\n".join([norm(c.text) for b in blocks if b.type == "table" for row in b.rows for c in row]
                     + [norm(b.text) for b in blocks if b.type != "table"])
    labels = ctx.bound.structure.fingerprints if ctx.bound.edition == edition else ()
    return [label for label in labels if norm(label) in blob]


def _location(ctx: Context) -> Location:
    for table in ctx.bound.tables.values():
        if table.found:
            return Location(part=table.spec.part, table=table.spec.id, line=table.line, page=table.page)
    return Location(line=1)


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    year = ctx.bound.meta.year
    if year is None:
        raise NotAssessable("reporting year unknown", zh="无法确定报告年度")
    if not in_years(ctx, params):
        return
    detected = ctx.bound.detected_edition
    if detected is None:
        raise NotAssessable("no table label shows which format edition the report uses", cause="table_present",
                            zh="统计表中没有能判断格式版本的栏目名称")
    expected = expected_edition(year)
    if expected is None or detected == expected:
        return
    if (detected < expected) != (params["mismatch"] == "older"):
        return
    found = _fingerprints(ctx, detected)
    yield Violation(
        _location(ctx),
        {"detected": detected, "expected": expected, "fingerprints": "、".join(found[:5])},
        {"detected": detected, "expected": expected, "year": year, "fingerprints": found},
    )
