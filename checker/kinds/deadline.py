"""deadline — the report was published by the statutory date for its kind of agency.

What it checks: the publication date against the first entry of `deadlines` whose
`agency_kinds` include the report's agency kind and whose `years` range includes the
reporting year; the deadline is `month`/`day` of the year after the reporting year.
"1月31日前" is read as inclusive of the 31st, as practice does (regulation.md §2.2).
Not assessable without a publication date, a reporting year or a known agency kind.
Why: 条例 第四十九条 (1月31日 for 部门, 3月31日 for the 本级政府 report); the 2007 条例
(3月31日 for all) for reports before 2019.
Placeholders: published, deadline, days_late, agency_kind_label, published_source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from checker.findings import Location
from checker.kinds._base import Bilingual, Context, NotAssessable, Violation

KIND = "deadline"
PLACEHOLDERS = frozenset({"published", "deadline", "days_late", "agency_kind_label", "published_source"})

KIND_LABELS = {
    "department": ("部门", "department"),
    "government_own": ("人民政府", "government"),
    "government_aggregate": ("人民政府（汇总）", "government (region-wide)"),
    "township": ("乡镇/街道", "township or street office"),
}


def _applies(entry: dict[str, Any], kind: str, year: int) -> bool:
    kinds = entry.get("agency_kinds")
    years = entry.get("years", {})
    return (not kinds or kind in kinds) and years.get("from", 0) <= year <= years.get("to", 9999)


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    meta = ctx.bound.meta
    if meta.year is None:
        raise NotAssessable("reporting year unknown", zh="无法确定报告年度")
    this_year = [e for e in params["deadlines"] if _applies(e, meta.agency_kind or "", meta.year) or
                 (not meta.agency_kind and _applies({**e, "agency_kinds": None}, "", meta.year))]
    if not this_year:
        return  # no deadline of this rule applies in this reporting year
    if not meta.agency_kind:
        raise NotAssessable("agency kind unknown (set meta.agency_kind or --agency-kind)",
                            zh="无法确定报告机关类型（可在 meta.agency_kind 或 --agency-kind 中指定）")
    entry = next((e for e in params["deadlines"] if _applies(e, meta.agency_kind, meta.year)), None)
    if entry is None:
        return  # no deadline of this rule applies to this kind of body in this year
    if not meta.published:
        raise NotAssessable("publication date unknown", zh="无法确定发布日期")
    try:
        published = dt.date.fromisoformat(meta.published)
        deadline = dt.date(meta.year + 1, entry["month"], entry["day"])
    except ValueError:
        raise NotAssessable(f"publication date {meta.published!r} is not a date",
                            zh=f"发布日期“{meta.published}”不是有效日期") from None
    if published <= deadline:
        return
    zh, en = KIND_LABELS.get(meta.agency_kind, (meta.agency_kind, meta.agency_kind))
    yield Violation(
        Location(),
        {
            "published": meta.published,
            "deadline": deadline.isoformat(),
            "days_late": (published - deadline).days,
            "agency_kind_label": Bilingual(zh, en),
            "published_source": meta.sources.get("published", ""),
        },
        {
            "published": meta.published,
            "deadline": deadline.isoformat(),
            "days_late": (published - deadline).days,
            "agency_kind": meta.agency_kind,
            "agency_kind_source": meta.sources.get("agency_kind", ""),
            "published_source": meta.sources.get("published", ""),
        },
    )
