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
from checker.kinds._base import Bilingual, Context, NotAssessable, Violation, per_rule
from checker.kinds._patterns import Entry, pattern
from checker.kinds._text import located, scope
from checker.regexsafe import finditer, search
from checker.textnorm import norm

KIND = "year_consistency"
PLACEHOLDERS = frozenset({"years", "matched", "stated", "reference"})
REGEX_PARAMS = ("period_pattern", "title_pattern", "statements[].regex")
REFERENCES = {"parts[]": "part"}

_LABELS = {"title": ("标题", "title"), "period": ("统计期限", "statistical period"), "meta": ("元数据", "metadata")}


class _Plan:
    """A rule's patterns compiled once per pack (`per_rule`)."""

    __slots__ = ("title", "period", "statements")

    def __init__(self, params: dict[str, Any]) -> None:
        # None when not given: the check then fails where it always did, at params["..."] (a KeyError)
        self.title = pattern({"regex": params["title_pattern"]}) if "title_pattern" in params else None
        self.period = Entry({"regex": params["period_pattern"]}) if "period_pattern" in params else None
        self.statements = tuple((statement, Entry(statement))
                                for statement in params.get("statements") or ())


_WHOLE_TEXT = {"scope": "text"}  # the scope of every paragraph, shared with the text rules of a run


def _stated_years(ctx: Context, params: dict[str, Any]) -> tuple[dict[str, list[int]], Location]:
    bound = ctx.bound
    wanted = params["compare"]
    plan: _Plan = per_rule(params, KIND, _Plan)
    years: dict[str, list[int]] = {}
    location = Location(line=1)
    if "title" in wanted and bound.meta.title:
        title = plan.title if plan.title is not None else pattern({"regex": params["title_pattern"]})
        match = search(title, norm(bound.meta.title))
        if match:
            years["title"] = [int(match.group("year"))]
    if "period" in wanted:
        period = plan.period if plan.period is not None else Entry({"regex": params["period_pattern"]})
        # The paragraphs that may match, in order (the others cannot: most lack "12月31日"); the first match counts.
        for paragraph in scope(ctx, _WHOLE_TEXT).candidates_of((period,)):
            text = bound.norm(paragraph.text)
            match = search(period.regex, text)
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
    statements = [(statement, entry) for statement, entry in per_rule(params, KIND, _Plan).statements
                  if where.may(entry)]
    for paragraph in where.candidates_of([entry for _, entry in statements]):  # the others match no statement
        text = where.normalize(paragraph.text)
        for statement, entry in statements:
            if not entry.may_match(text):
                continue
            regex = entry.regex
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
