"""narrative_numbers — numbers the narrative states agree with the tables.

What it checks: each match of a statement's `regex` (normalised text, see `_text`) in the
rule's scope states a number — its group `n`, or the statement's fixed `value` for claims
such as "未发生行政复议、行政诉讼" (0). That number must equal one of the statement's
`equals_any` candidates, each a sum of cells written `table/row/column`; a row or column may
be an `@group` of the structure ("t3/granted/@applicants" sums a row across the applicant
columns); blanks count as 0, but a candidate whose operands are all blank, or one holding text
or a dash, is skipped. Several candidates express a known ambiguity: "收到申请75件" is right if it is
本年新收 (74) or 本年新收 + 上年结转 (74 + 1). When every candidate is skipped the statement is not
judged. A statement with `multiple_of` instead checks the number itself: a 信息处理费 amount in
元 is a whole multiple of 10 (国办函〔2020〕109号 tariffs: 10元/页 steps, 100元/件). `years`
limits the rule to reporting years (109号 applies from 2021).
Why: 条例 第五十条 — the narrative and the tables report the same facts; a mismatch means one
of them is wrong (regulation.md §7.4 T1–T4).
Placeholders: stated, expected, matched, label, difference, multiple_of.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from checker.kinds._base import ZERO, Bilingual, Context, Violation, cell_key, fmt_number, per_rule, per_template
from checker.kinds._patterns import Entry
from checker.kinds._text import in_years, located, number, scope
from checker.regexsafe import finditer
from checker.structure import TableSpec

KIND = "narrative_numbers"
PLACEHOLDERS = frozenset({"stated", "expected", "matched", "label", "difference", "multiple_of"})
REGEX_PARAMS = ("statements[].regex",)
REFERENCES = {"parts[]": "part", "statements[].equals_any[].[]": "cell"}


def _operands(spec: TableSpec, row: str, column: str) -> tuple[tuple[str, str], ...]:
    """The (row, column) cells a reference names in a template (`@group`s expanded), once per template."""
    def expand(spec: TableSpec) -> tuple[tuple[str, str], ...]:
        rows = spec.expand([row]) if row.startswith("@") else (row,)
        columns = spec.expand([column]) if column.startswith("@") else (column,)
        return tuple(cell_key(spec, r, c) for r in rows for c in columns)
    return per_template(spec, f"narrative cells {row}/{column}", expand)


def _sum(ctx: Context, refs: list[str]) -> Decimal | None:
    """The candidate's value; blanks count as 0 (CELL-BLANK reports them) unless every operand is
    blank or missing; None also when an operand holds text or a dash. A reference's table is looked
    up once per reference, not once per cell."""
    total, seen = ZERO, False
    for ref in refs:
        table_id, row, column = ref.split("/")
        table = ctx.table(table_id)
        cell_at = table.cells.get  # table.cell(row, column), without a Python call per cell
        for key in _operands(table.spec, row, column):
            cell = cell_at(key)
            if cell is None or cell.value.state == "blank":
                continue
            if cell.value.state != "number":
                return None
            total, seen = total + cell.value.value, True  # type: ignore[operator]
    return total if seen else None


def _candidates(ctx: Context, statement: dict[str, Any]) -> list[tuple[list[str], Decimal]]:
    """Each computable candidate with its value; ctx.table raises NotAssessable for a missing table."""
    values = [(refs, _sum(ctx, refs)) for refs in statement["equals_any"]]
    return [(refs, value) for refs, value in values if value is not None]


def _not_a_multiple(stated: Decimal, statement: dict[str, Any], matched: str, label: Bilingual
                    ) -> dict[str, Any] | None:
    """Values of a finding when the stated number is not a whole multiple of `multiple_of`."""
    step = Decimal(str(statement["multiple_of"]))
    if stated % step == 0:
        return None
    return {"stated": fmt_number(stated), "matched": matched, "label": label, "multiple_of": fmt_number(step),
            "expected": fmt_number(step), "difference": fmt_number(stated % step)}


class _Statement:
    """One statement of a rule, compiled once per pack (`per_rule`): its pattern, whether the pattern
    captures the number, its fixed value and its label."""

    __slots__ = ("statement", "entry", "numbered", "value", "label")

    def __init__(self, statement: dict[str, Any]) -> None:
        self.statement = statement
        self.entry = Entry(statement)
        self.numbered = "n" in self.entry.regex.groupindex
        # The fixed value of a statement without group n (none given: a KeyError at its first match, as before).
        self.value = Decimal(statement["value"]) if not self.numbered and "value" in statement else None
        self.label = Bilingual.of(statement["label"])


def _plan(params: dict[str, Any]) -> tuple[_Statement, ...]:
    return tuple(_Statement(statement) for statement in params["statements"])


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    if not in_years(ctx, params):
        return
    where = scope(ctx, params)
    statements = [s for s in per_rule(params, KIND, _plan) if where.may(s.entry)]
    if not statements:
        return
    computed: dict[int, list[tuple[list[str], Decimal]]] = {}  # candidates by statement: the tables do not change
    for paragraph in where.candidates_of([s.entry for s in statements]):  # the others match no statement
        text = where.normalize(paragraph.text)
        for compiled in statements:
            entry, statement = compiled.entry, compiled.statement
            if not entry.may_match(text):
                continue
            for match in finditer(entry.regex, text):
                stated = (number(match.group("n")) if compiled.numbered
                          else compiled.value if compiled.value is not None else Decimal(statement["value"]))
                if stated is None:
                    continue
                if "multiple_of" in statement:
                    values = _not_a_multiple(stated, statement, match.group(0), compiled.label)
                    if values is not None:
                        yield Violation(located(ctx.bound, paragraph, where.location), values,
                                        {k: values[k] for k in ("stated", "matched", "multiple_of")})
                    continue
                if id(statement) not in computed:
                    computed[id(statement)] = _candidates(ctx, statement)
                candidates = computed[id(statement)]
                if not candidates or any(value == stated for _, value in candidates):
                    continue
                refs, nearest = min(candidates, key=lambda item: abs(item[1] - stated))
                yield Violation(
                    located(ctx.bound, paragraph, where.location),
                    {
                        "stated": fmt_number(stated),
                        "expected": " / ".join(fmt_number(v) for _, v in candidates),
                        "matched": match.group(0),
                        "label": compiled.label,
                        "difference": fmt_number(stated - nearest),
                    },
                    {
                        "stated": fmt_number(stated),
                        "matched": match.group(0),
                        "candidates": [{"cells": r, "value": fmt_number(v)} for r, v in candidates],
                        "difference": fmt_number(stated - nearest),
                    },
                )
