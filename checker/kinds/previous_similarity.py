"""previous_similarity — a part's text that is last year's text with the years changed.

What it checks: for each part in `parts`, the similarity (difflib ratio, deterministic) of
this year's and last year's text after masking years and numbers; at or above `threshold`
the part is reported. Parts shorter than `min_chars` (masked) on either side are skipped:
"本年度未收取信息处理费。" is the same every year and rightly so. The evidence also gives the
similarity with the numbers kept (only years masked): when that is as high, even the
figures were not updated. `tables` lists statistical tables that must not be last year's
table unchanged: every cell equal and at least `min_nonzero` non-zero cells (outside
`ignore_columns`, e.g. table 2's 现行有效件数, a stock that legitimately stays the same);
all-zero tables repeat every year and rightly so.
Why: 国办公开办函〔2021〕30号 holds the responsible officials accountable for reports
"内容雷同、敷衍塞责" (regulation.md §3.5, §7.3 X3).
Placeholders: similarity, threshold, similarity_with_numbers, previous_year, nonzero.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from decimal import Decimal

from checker.bound import BoundCell, BoundReport, BoundTable
from checker.findings import Location
from checker.kinds._base import Context, NotAssessable, Violation
from checker.kinds._previous import masked_norm, previous_report, previous_table
from checker.similarity import similarity_above
from checker.textnorm import norm

KIND = "previous_similarity"
PLACEHOLDERS = frozenset({"similarity", "threshold", "similarity_with_numbers", "previous_year", "nonzero"})
REFERENCES = {"parts[]": "part", "tables[].table": "table"}  # names checked by `reportlint rules lint`


def _percent(ratio: float) -> str:
    return f"{ratio * 100:.0f}%"


def _masked(bound: BoundReport, text: str, numbers: bool = True) -> str:
    """`mask(text, numbers)`, once per report; both masks of a part share its normalised text."""
    return bound.derived(("mask", text, numbers),
                         lambda: masked_norm(bound.derived(("norm", text), lambda: norm(text)), numbers=numbers))


def _content(cell: BoundCell) -> Decimal | str:
    """What a cell says: its number, else its normalised text ('' when blank)."""
    return cell.value.value if cell.value.value is not None else norm(cell.value.text)


def _same_cells(this: BoundTable, last: BoundTable) -> bool:
    """Whether the two tables have the same cells saying the same (`_content`), as equal dicts of contents
    would be; stops at the first difference, and a value shared by both (values.parse_cell memoises
    them) is equal without normalising its text."""
    cells, others = this.cells, last.cells
    if cells.keys() != others.keys():
        return False
    for key, cell in cells.items():
        other = others[key]
        if cell.value is other.value:
            continue
        mine, theirs = _content(cell), _content(other)
        if not (mine is theirs or mine == theirs):  # as dict equality compares values
            return False
    return True


def _same_tables(ctx: Context, previous: BoundReport, entries: list[dict[str, Any]]) -> Iterator[Violation]:
    for entry in entries:
        try:
            this, last = ctx.table(entry["table"]), previous_table(previous, entry["table"])
        except NotAssessable:
            continue  # TBL-PRESENT reports a missing table, in either report
        if not this.cells or not _same_cells(this, last):
            continue
        ignored = set(entry.get("ignore_columns", []))
        nonzero = sum(1 for (_, column), cell in this.cells.items()
                      if column not in ignored and cell.value.value is not None and cell.value.value)
        if nonzero < entry.get("min_nonzero", 1):
            continue
        yield Violation(
            Location(part=this.spec.part, table=this.spec.id, line=this.line, page=this.page),
            {"similarity": _percent(1.0), "threshold": _percent(1.0), "similarity_with_numbers": _percent(1.0),
             "previous_year": previous.meta.year if previous.meta.year is not None else "", "nonzero": nonzero},
            {"identical_cells": len(this.cells), "nonzero": nonzero, "previous_line": last.line,
             "previous_source": previous.source},
        )


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    previous = previous_report(ctx)
    yield from _same_tables(ctx, previous, params.get("tables", []))
    threshold = float(params.get("threshold", 0.9))
    min_chars = int(params.get("min_chars", 150))
    for part_id in params.get("parts", []):
        this_part, last_part = ctx.bound.parts.get(part_id), previous.parts.get(part_id)
        if this_part is None or last_part is None or not this_part.found or not last_part.found:
            continue  # SEC-PRESENT reports a missing part
        this_raw, last_raw = this_part.text, last_part.text  # joined once: both masks are keyed by them
        this_text, last_text = _masked(ctx.bound, this_raw), _masked(previous, last_raw)
        if min(len(this_text), len(last_text)) < min_chars:
            continue
        mine, theirs = ctx.bound.derived, previous.derived
        ratio = similarity_above(this_text, last_text, threshold, mine, theirs)
        if ratio is None or ratio < threshold:
            continue
        with_numbers = similarity_above(_masked(ctx.bound, this_raw, numbers=False),
                                        _masked(previous, last_raw, numbers=False), None, mine, theirs)
        yield Violation(
            Location(part=part_id, line=this_part.line, page=this_part.page),
            {
                "similarity": _percent(ratio),
                "threshold": _percent(threshold),
                "similarity_with_numbers": _percent(with_numbers),
                "previous_year": previous.meta.year if previous.meta.year is not None else "",
            },
            {
                "similarity": round(ratio, 3),
                "similarity_with_numbers": round(with_numbers, 3),
                "threshold": threshold,
                "chars": len(this_text),
                "previous_chars": len(last_text),
                "previous_line": last_part.line,
                "previous_source": previous.source,
            },
        )
