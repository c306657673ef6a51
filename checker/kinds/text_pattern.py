"""text_pattern — phrases the report must contain, or must not contain, in a given scope.

What it checks, in the rule's scope (`text`, `title`, `intro` or `parts`; see `_text`):
- `forbid`: every match of a phrase or regex is one finding at its paragraph (template
  residue, a misspelt citation, a 2007-era heading); `max_paragraph_chars` limits the search
  to short paragraphs, i.e. headings; `except_title` skips the title line (a rule on
  the title reports it);
- `require`: groups of alternatives (`any`), each with a bilingual `label`; one finding lists
  the groups with no match (the five aspects of 总体情况; 考核/评议/追究). `agency_name: true`
  in a group also accepts the reporting body's own name. `min_required` relaxes "all groups";
- `min_chars`: the scope holds fewer characters than this (an empty part 六).
`require` and `min_chars` judge what is absent, so they are not assessed on a part whose end
is unknown (no later part found: an excerpt or a page cut short).
The rule is silent unless `only_if` matches in the scope (when given), the reporting year is
in `years` (when given) and one of `when_nonzero` cells is above zero (when given).
Why: each rule cites its clause; the kind only finds words.
Placeholders: matched, missing, count, length, min_chars.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checker.kinds._base import Bilingual, Context, NotAssessable, Violation, per_rule
from checker.kinds._patterns import Entry, entries
from checker.kinds._text import Scope, in_years, located, scope
from checker.regexsafe import finditer
from checker.textnorm import norm

KIND = "text_pattern"
PLACEHOLDERS = frozenset({"matched", "missing", "count", "length", "min_chars"})
REGEX_PARAMS = ("forbid[].regex", "require[].any[].regex", "only_if[].regex")
REFERENCES = {"parts[]": "part", "when_nonzero[]": "cell"}


def _nonzero(ctx: Context, refs: list[str]) -> bool:
    for ref in refs:
        table_id, row, column = ref.split("/")
        try:
            value = ctx.table(table_id).number(row, column)
        except NotAssessable:
            continue
        if value is not None and value > 0:
            return True
    return False


class _Plan:
    """A rule's patterns compiled once per pack (`per_rule`): its forbidden entries, its required groups'
    alternatives and its `only_if` entries, each with its prefilter words."""

    __slots__ = ("forbid", "groups", "only_if")

    def __init__(self, params: dict[str, Any]) -> None:
        self.forbid = entries(params.get("forbid", []))
        self.groups = tuple((group, entries(group["any"])) for group in params.get("require", []))
        self.only_if = entries(params.get("only_if") or [])


def _matches(found_in: list[Entry], text: str) -> list[tuple[re.Match[str], Entry]]:
    """Every match in one paragraph; where two patterns hit the same words, the longer match wins."""
    found = [(m, entry) for entry in found_in if entry.may_match(text) for m in finditer(entry.regex, text)]
    found.sort(key=lambda item: (item[0].start() - item[0].end(), item[0].start()))
    kept: list[tuple[re.Match[str], Entry]] = []
    for match, entry in found:
        if all(match.end() <= k.start() or match.start() >= k.end() for k, _ in kept):
            kept.append((match, entry))
    return sorted(kept, key=lambda item: item[0].start())


def _forbidden(ctx: Context, forbid: tuple[Entry, ...], where: Scope, max_chars: int | None,
               except_title: bool) -> Iterator[Violation]:
    found_in = [entry for entry in forbid if where.may(entry)]
    if not found_in:
        return
    title = norm(ctx.bound.meta.title or "") if except_title else None
    for paragraph in where.candidates_of(found_in):  # the others match no entry
        text = where.normalize(paragraph.text)
        if (max_chars is not None and len(text) > max_chars) or text == title:
            continue
        for match, entry in _matches(found_in, text):
            yield Violation(
                located(ctx.bound, paragraph, where.location),
                {"matched": match.group(0), "count": 1},
                {"matched": match.group(0), "pattern": entry.label, "paragraph": paragraph.text[:120]},
            )


def _missing(ctx: Context, groups: tuple[tuple[dict[str, Any], tuple[Entry, ...]], ...], where: Scope,
             text: str) -> list[dict[str, Any]]:
    agency = norm(ctx.bound.meta.agency or "")
    out = []
    for group, alternatives in groups:
        if group.get("agency_name") and len(agency) >= 2 and agency in text:
            continue
        if not any(where.may(entry) and entry.regex.search(text) for entry in alternatives):
            out.append(group)
    return out


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    if not in_years(ctx, params):
        return
    if params.get("when_nonzero") and not _nonzero(ctx, params["when_nonzero"]):
        return
    plan: _Plan = per_rule(params, KIND, _Plan)
    where = scope(ctx, params)
    text = where.text
    anchor = where.location
    if params.get("only_if"):
        found_in = [entry for entry in plan.only_if if where.may(entry)]
        hit = next((p for p in where.candidates_of(found_in) for e in found_in
                    if e.may_match(norm_text := where.normalize(p.text)) and e.regex.search(norm_text)), None)
        if hit is None:
            return
        anchor = located(ctx.bound, hit, where.location)  # the paragraph that makes the rule apply
    yield from _forbidden(ctx, plan.forbid, where, params.get("max_paragraph_chars"),
                          params.get("except_title", False))
    groups = params.get("require", [])
    if (groups or "min_chars" in params) and not where.bounded:
        raise NotAssessable("no later part was found, so this part may be cut short", cause="parts_present",
                            zh="未找到其后的部分，本部分内容可能不完整")
    if groups:
        missing = _missing(ctx, plan.groups, where, text)
        needed = params.get("min_required", len(groups))
        if len(groups) - len(missing) < needed:
            missing_labels = Bilingual("、".join(g["label"]["zh"] for g in missing),
                                       "; ".join(g["label"]["en"] for g in missing))
            yield Violation(
                anchor,
                {"missing": missing_labels, "count": len(missing)},
                {"missing": [g["label"]["en"] for g in missing], "found": len(groups) - len(missing),
                 "required": needed},
            )
    min_chars = params.get("min_chars")
    if min_chars is not None and len(text.replace("\n", "")) < min_chars:
        length = len(text.replace("\n", ""))
        yield Violation(where.location, {"length": length, "min_chars": min_chars},
                        {"length": length, "min_chars": min_chars})
