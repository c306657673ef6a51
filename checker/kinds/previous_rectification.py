"""previous_rectification — last year's problems listed again, with no word on their rectification.

What it checks: the problems of `part` (the text before the first of `measures_markers`,
e.g. "改进情况") are split into items (一是…二是…, sentences); an item of this year that is
at least `item_threshold` similar (years and numbers masked) to an item of last year's list
is a re-listed problem. When at least `min_repeated` problems are re-listed and the part
contains none of `rectification_words` (nor names last year, "<previous year>年"), the part
is reported once, quoting the first re-listed problem. Every item is compared with every item
of last year, so only the first `MAX_ITEMS` of each list are compared (a real part 五 has a
handful; a hostile one with tens of thousands would be quadratic), and pairs that cannot reach
`item_threshold` by their shared characters are skipped before alignment.
Why: part 五 is 存在的主要问题及改进情况 (条例 第五十条); a problem that comes back unchanged
should come with what was done about it (regulation.md §7.3 X4; evaluator practice, not a
verbatim format clause — a heuristic, hence the wording "apparently").
Placeholders: count, problem, similarity, previous_year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checker.bound import BoundReport
from checker.findings import Location
from checker.kinds._base import Context, Violation
from checker.kinds._previous import mask, previous_report
from checker.similarity import similarity, similarity_ceiling
from checker.textnorm import norm

KIND = "previous_rectification"
PLACEHOLDERS = frozenset({"count", "problem", "similarity", "previous_year"})
REFERENCES = {"part": "part"}  # names checked by `reportlint rules lint`

_ITEM_BREAK = re.compile(r"[。；;！!？?\n]|[一二三四五六七八九十]是|\([一二三四五六七八九十0-9]{1,2}\)|(?<![0-9])[0-9]{1,2}[.、]")
_MIN_ITEM_CHARS = 8
MAX_ITEMS = 200  # items compared per year: at most 200 x 200 pairs


def problems_text(text: str, markers: list[str]) -> str:
    """The part's text before its improvement measures begin."""
    cut = min((i for i in (text.find(m) for m in markers) if i >= 0), default=len(text))
    return text[:cut]


def items(text: str) -> list[str]:
    """Problem items; pieces shorter than a problem (sub-headings such as "存在的主要问题") are dropped."""
    pieces = (p.strip(",:、") for line in text.splitlines() for p in _ITEM_BREAK.split(norm(line)))
    return [p for p in pieces if len(p) >= _MIN_ITEM_CHARS]


def _masked_items(bound: BoundReport, text: str, markers: list[str]) -> list[tuple[str, str, frozenset[str]]]:
    """A part's problem items (at most MAX_ITEMS), each masked and with the characters of its mask (what
    similarity_ceiling would collect per pair), once per report: next year's run reads this year's again."""
    def compute() -> list[tuple[str, str, frozenset[str]]]:
        masked = [(item, mask(item)) for item in items(problems_text(text, markers))[:MAX_ITEMS]]
        return [(item, m, frozenset(m)) for item, m in masked]
    return bound.derived(("rectification items", text, tuple(markers)), compute)  # type: ignore[no-any-return]


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    previous = previous_report(ctx)
    part_id = params.get("part", "problems")
    this_part, last_part = ctx.bound.parts.get(part_id), previous.parts.get(part_id)
    if this_part is None or last_part is None or not this_part.found or not last_part.found:
        return  # SEC-PRESENT reports a missing part
    markers = params.get("measures_markers", [])
    threshold = float(params.get("item_threshold", 0.6))
    last_items = _masked_items(previous, last_part.text, markers)
    repeated: list[dict[str, Any]] = []
    for item, masked, _ in _masked_items(ctx.bound, this_part.text, markers):
        best = max(((similarity(masked, m), old) for old, m, chars in last_items
                    if similarity_ceiling(masked, m, chars) >= threshold), default=(0.0, ""))
        if best[0] >= threshold:
            repeated.append({"problem": item, "previous_problem": best[1], "similarity": round(best[0], 3)})
    if len(repeated) < int(params.get("min_repeated", 1)):
        return
    text = ctx.bound.norm(this_part.text)
    words = list(params.get("rectification_words", []))
    if previous.meta.year is not None:
        words.append(f"{previous.meta.year}年")
    said = [w for w in words if norm(w) in text]
    if said:
        return
    first = repeated[0]
    yield Violation(
        Location(part=part_id, line=this_part.line, page=this_part.page),
        {
            "count": len(repeated),
            "problem": first["problem"],
            "similarity": f"{first['similarity'] * 100:.0f}%",
            "previous_year": previous.meta.year if previous.meta.year is not None else "",
        },
        {"repeated": repeated, "words_searched": words, "previous_source": previous.source},
    )
