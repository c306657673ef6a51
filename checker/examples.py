"""Rule examples: build a report from the pack's clean base plus a few changes, run one rule.

Examples are documentation that runs. A `given` describes changes to the pack's clean
example report (a real report, corrected): metadata, cell texts, headings as written, row
labels, part bodies, removed parts or tables. `expect` lists the findings the rule must
produce, matched on the location and evidence keys the example names.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker.bind import bind
from checker.bound import BoundReport
from checker.engine import evaluate
from checker.findings import CheckResult
from checker.model import Block, Meta, Report
from checker.ruleset import Rule, Ruleset
from checker.values import parse_cell


@lru_cache(maxsize=8)
def _base(path: Path) -> Report:
    from checker.readers import read

    return read(path)


def _replace_block(blocks: list[Block | None], index: int, **changes: Any) -> None:
    block = blocks[index]
    if block is not None:
        blocks[index] = dataclasses.replace(block, **changes)


def _relabel_row(blocks: list[Block | None], line: int | None, old: str, new: str) -> None:
    for i, block in enumerate(blocks):
        if block is None or block.type != "table":
            continue
        rows = []
        changed = False
        for row in block.rows:
            hit = next((c for c in row if c.line == line and c.text.strip() == old.strip()), None)
            if hit is None:
                rows.append(row)
            elif new:
                rows.append(tuple(dataclasses.replace(c, text=new) if c is hit else c for c in row))
                changed = True
            else:
                changed = True  # an empty label deletes the row
        if changed:
            blocks[i] = dataclasses.replace(block, rows=tuple(rows))
            return


def _meta(meta: Meta, changes: dict[str, Any]) -> Meta:
    fields = dict(meta.fields)
    fields.update(changes.get("fields", {}))
    plain = {k: v for k, v in changes.items() if k != "fields"}
    if "published" in plain:
        fields.pop("发布日期", None)
    return dataclasses.replace(meta, fields=fields, **plain)


def patch_report(report: Report, given: dict[str, Any], first: BoundReport) -> Report:
    """Apply the text-level changes of `given`, using a first binding to find things."""
    blocks: list[Block | None] = list(report.blocks)
    for table_id in given.get("remove_tables", []):
        for index in first.tables[table_id].blocks:
            blocks[index] = None
    for key, label in given.get("rows", {}).items():
        table_id, row_id = key.split("/")
        match = first.tables[table_id].rows.get(row_id)
        if match is not None:
            _relabel_row(blocks, match.line, match.label, label)
    order = sorted((p.block, p) for p in first.parts.values() if p.block is not None)
    for n, (start, part) in enumerate(order):
        end = order[n + 1][0] if n + 1 < len(order) else len(blocks)
        pid = part.spec.id
        if pid in given.get("headings", {}):
            _replace_block(blocks, start, text=given["headings"][pid])
        if pid in given.get("parts", {}) or pid in given.get("remove_parts", []):
            for i in range(start + 1, end):
                if blocks[i] is not None and blocks[i].type != "table":  # type: ignore[union-attr]
                    blocks[i] = None
        if pid in given.get("remove_parts", []):
            blocks[start] = None
        extra = []
        if pid in given.get("parts", {}):
            extra.append(Block("paragraph", text=given["parts"][pid]))
        if pid in given.get("append", {}):
            extra.append(Block("paragraph", text=given["append"][pid]))
        if extra:
            blocks[end - 1] = _with_after(blocks[end - 1], extra)  # type: ignore[assignment]
    flat: list[Block] = []
    for item in blocks:
        if isinstance(item, list):
            flat.extend(item)
        elif item is not None:
            flat.append(item)
    meta = _meta(report.meta, given.get("meta", {}))
    return dataclasses.replace(report, blocks=tuple(flat), meta=meta)


def _with_after(block: Block | None, extra: list[Block]) -> list[Block]:
    return ([block] if block is not None else []) + extra


def patch_cells(bound: BoundReport, cells: dict[str, Any]) -> None:
    for key, text in cells.items():
        table_id, row_id, column_id = key.split("/")
        table = bound.tables[table_id]
        old = table.cell(row_id, column_id)
        value = parse_cell(str(text))
        if old is not None:
            table.cells[(row_id, column_id)] = dataclasses.replace(old, value=value)
        else:
            from checker.bound import BoundCell

            table.cells[(row_id, column_id)] = BoundCell(row_id, column_id, value, table.line)


def build(ruleset: Ruleset, given: dict[str, Any] | None, text: str | None = None) -> BoundReport:
    given = given or {}
    if text is not None:
        from checker.readers.text import read_bytes

        report = read_bytes(text.encode("utf-8"), "<example>")
    else:
        edition = given.get("edition", "2021")
        if edition not in ruleset.example_base:
            raise KeyError(f"the pack has no example base report for edition {edition}")
        report = _base(ruleset.example_base[edition])
    first = bind(report, ruleset.structures, source="<example>")
    report = patch_report(report, given, first)
    bound = bind(report, ruleset.structures, source="<example>")
    patch_cells(bound, given.get("cells", {}))
    return bound


def previous_given(given: dict[str, Any] | None, this: BoundReport) -> dict[str, Any]:
    """The previous report is for the year before this one unless the example says otherwise."""
    given = dict(given or {})
    meta = dict(given.get("meta", {}))
    if "year" not in meta and this.meta.year is not None:
        meta["year"] = this.meta.year - 1
    given["meta"] = meta
    return given


def _matches(finding: Any, expected: dict[str, Any]) -> bool:
    location = finding.location.to_dict()
    for key, value in expected.get("location", {}).items():
        if location.get(key) != value:
            return False
    for key, value in expected.get("evidence", {}).items():
        if finding.evidence.get(key) != value:
            return False
    return True


def run_example(ruleset: Ruleset, rule: Rule, example: dict[str, Any]) -> tuple[bool, str, CheckResult]:
    """Run one example of one rule; return (passed, explanation, result)."""
    bound = build(ruleset, example.get("given"), example.get("text"))
    previous = build(ruleset, previous_given(example["previous"], bound)) if "previous" in example else None
    result = evaluate(bound, ruleset, previous=previous, rules=[rule])
    findings = [f for f in result.findings if f.rule == rule.id]
    internal = [f for f in result.findings if f.rule == "INTERNAL"]
    if internal:
        return False, internal[0].message, result
    expected = example["expect"]
    if len(findings) != len(expected):
        got = "; ".join(f"{f.location.to_dict()} {f.message}" for f in findings) or "no finding"
        na = "; ".join(n.reason for n in result.not_assessed)
        return False, f"expected {len(expected)} finding(s), got {len(findings)}: {got}" + (f" (not assessed: {na})" if na else ""), result
    unmatched = [e for e in expected if not any(_matches(f, e) for f in findings)]
    if unmatched:
        got = "; ".join(f"{f.location.to_dict()} {f.evidence}" for f in findings)
        return False, f"no finding matches {unmatched[0]}; got {got}", result
    return True, "ok", result
