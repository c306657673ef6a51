"""previous_pair — the report given as last year's is the year before, by the same body.

What it checks: the previous report's year is this year minus one, and the reporting body
(as the titles name it) is the same. When either fails, this kind reports it once and the
other cross-year kinds are not assessed with this rule as the cause, instead of comparing
two unrelated reports cell by cell. A year missing on either side is not assessable.
Why: every cross-year identity (regulation.md §7.3 X1–X4) relates a report to the one for
the preceding year of the same body; 条例 第五十条 reports are per body and per year.
Placeholders: previous_year, expected_previous_year, agency, previous_agency.
`checks` picks the problems a rule reports (one rule per problem keeps each message plain).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.findings import Location
from checker.kinds._base import Context, NotAssessable, Violation
from checker.kinds._previous import pair_problems

KIND = "previous_pair"
PLACEHOLDERS = frozenset({"previous_year", "expected_previous_year", "agency", "previous_agency"})


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    previous = ctx.previous
    if previous is None:
        raise NotAssessable("no previous-year report given (--previous)", zh="未提供上年度报告（--previous）")
    if ctx.bound.meta.year is None or previous.meta.year is None:
        raise NotAssessable("the year of one of the two reports is unknown",
                            zh="本年或上年报告的年度无法确定")
    wanted = set(params.get("checks", ["years", "agency"]))
    for code, _en, _zh, evidence in pair_problems(ctx.bound, previous):
        if code not in wanted:
            continue
        values: dict[str, Any] = {"previous_year": previous.meta.year, "expected_previous_year": ctx.bound.meta.year - 1,
                                  "agency": "", "previous_agency": ""}
        values.update({k: v for k, v in evidence.items() if k in PLACEHOLDERS})
        yield Violation(Location(line=1), values, {"problem": code, "previous_source": previous.source, **evidence})
