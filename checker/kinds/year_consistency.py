"""year_consistency — the reporting year is the same wherever the report states it, and possible.

What it checks:
- `compare`: the years the report gives for itself — `title` (the first year in the title),
  `period` (the start and end years of the statistical-period sentence matched by
  `period_pattern`, groups `start` and optional `end`) and `meta` (a year stated in the
  document's metadata) — are all the same; one finding lists them. Fewer than two known:
  not assessable.
- `statements`: each match of a regex (normalised text, see `_text`) in the rule's scope has a
  group `year` (a date the text states) and optionally `of` (the year of the report it
  talks about; default the reporting year); `relation` says how they must compare: `after`
  (e.g. a report published in the year after the one it covers) or `equal`.
Why: 条例 第四十九条 — the report covers the 上一年度 and is published in the following year;
a wrong-year template (title, period and narrative disagreeing) is a common copy error.
Placeholders: years, matched, stated, reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.findings import Location
from checker.kinds._base import Bilingual, Context, NotAssessable, Violation
from checker.kinds._patterns import may_match, pattern
from checker.kinds._text import located, scope
from checker.regexsafe import finditer, search
from checker.textnorm import norm

KIND = "year_consistency"
PLACEHOLDERS = frozenset({"years", "matched", "stated", "reference"})
REGEX_PARAMS = ("period_pattern", "title_pattern", "statements[].regex")
REFERENCES = {"parts[]": "part"}

_LABELS = {"title": ("标题", "title"), "period": ("统计期限", "statistical period"), "meta": ("元数据", "metadata")}


def _stated_years(ctx: Context, params: dict[str, Any]) -> tuple[dict[str, list[int]], Location]:
    bound = ctx.bound
    wanted = params["compare"]
    years: dict[str, list[int]] = {}
    location = Location(line=1)
    if "title" in wanted and bound.meta.title:
        match = search(pattern({"regex": params["title_pattern"]}), norm(bound.meta.title))
        if match:
            years["title"] = [int(match.group("year"))]
    if "period" in wanted:
        period = pattern({"regex": params["period_pattern"]})
        for paragraph in bound.paragraphs:
            text = bound.norm(paragraph.text)
            match = search(period, text) if may_match(period, text) else None  # most paragraphs lack "12月31日"
            if match:
                found = [int(match.group("start"))]
                if match.groupdict().get("end"):
                    found.append(int(match.group("end")))
                years["period"] = found
                location = located(bound, paragraph, Location(line=paragraph.line))
                break
    if "meta" in wanted and bound.meta.sources.get("year") == "meta" and bound.meta.year is not None:
        years["meta"] = [bound.meta.year]
    return years, location


def _compare(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    years, location = _stated_years(ctx, params)
    if len(years) < 2 and not any(len(set(v)) > 1 for v in years.values()):
        raise NotAssessable("the report states its year in fewer than two places", zh="报告年度只出现在一处或未出现")
    distinct = {y for values in years.values() for y in values}
    if len(distinct) <= 1:
        return
    zh = "；".join(f"{_LABELS[k][0]}{'、'.join(f'{y}年' for y in v)}" for k, v in years.items())
    en = "; ".join(f"{_LABELS[k][1]} {', '.join(str(y) for y in v)}" for k, v in years.items())
    yield Violation(location, {"years": Bilingual(zh, en)},
                    {"years": {k: v for k, v in years.items()}})


def _statements(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    where = scope(ctx, params)
    reporting_year = ctx.bound.meta.year
    statements = [(statement, regex) for statement in params["statements"] if where.may_match(regex := pattern(statement))]
    for paragraph in where.candidates([regex for _, regex in statements]):  # the others match no statement
        text = where.normalize(paragraph.text)
        for statement, regex in statements:
            if not may_match(regex, text):
                continue
            for match in finditer(regex, text):
                groups = match.groupdict()
                reference = int(groups["of"]) if groups.get("of") else reporting_year
                if reference is None:
                    continue
                stated = int(groups["year"])
                ok = stated > reference if statement["relation"] == "after" else stated == reference
                if ok:
                    continue
                yield Violation(
                    located(ctx.bound, paragraph, where.location),
                    {"matched": match.group(0), "stated": stated, "reference": reference},
                    {"matched": match.group(0), "stated": stated, "reference": reference,
                     "relation": statement["relation"]},
                )


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    if params.get("compare"):
        yield from _compare(ctx, params)
    if params.get("statements"):
        yield from _statements(ctx, params)
