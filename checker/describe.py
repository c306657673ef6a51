"""Plain-text and JSON descriptions for `extract --bound`, `explain` and `rules list|test`."""

from __future__ import annotations

from typing import Any

from checker.bound import BoundReport
from checker.ruleset import Rule, Ruleset


def describe_bound(bound: BoundReport) -> dict[str, Any]:
    """How each part and table was found, and the keyed cells."""
    parts = {
        pid: {
            "found": p.found,
            "heading": p.heading,
            "line": p.line,
            "page": p.page,
            "deviations": p.deviations,
            "paragraphs": len(p.paragraphs),
        }
        for pid, p in bound.parts.items()
    }
    tables: dict[str, Any] = {}
    for tid, t in bound.tables.items():
        tables[tid] = {
            "found": t.found,
            "line": t.line,
            "page": t.page,
            "unreadable": t.unreadable,
            "unassessable": sorted(t.unassessable),  # rules a recovery of run-together cells relied on
            "notes": t.notes,
            "missing_rows": t.missing_rows if t.found else [],
            "unknown_rows": [u.text for u in t.unknown_rows],
            "rows": {
                rid: {"label": m.label, "match": m.how, "line": m.line, "page": m.page}
                for rid, m in t.rows.items()
            },
            "cells": {
                f"{row}/{col}": {"text": c.value.text, "state": c.value.state, "line": c.line, "page": c.page,
                                 **({"recovered": True} if c.recovered else {})}
                for (row, col), c in t.cells.items()
            },
        }
    return {
        "source": bound.source,
        "meta": bound.meta.to_dict(),
        "edition": bound.edition,
        "detected_edition": bound.detected_edition,
        "reader": bound.report.reader,
        "notes": list(bound.report.notes),
        "parts": parts,
        "tables": tables,
    }


def describe_document(bound: BoundReport) -> dict[str, Any]:
    """``describe_bound`` plus the layout the edition prescribes, in template order.

    What the HTML review page rebuilds the published tables from: each part's number and heading,
    each table's title, columns (label and the upper header it sits under) and rows (canonical label,
    group, the columns the row has).
    """
    out = describe_bound(bound)
    structure = bound.structure
    out["layout"] = {
        "parts": [{"id": p.id, "number": p.number, "heading": p.heading} for p in structure.parts],
        "tables": [
            {
                "id": t.id,
                "part": t.part,
                "title": dict(t.title),
                "headers": list(t.headers),
                "columns": [{"id": c.id, "label": c.label, "group": c.group} for c in t.columns],
                "rows": [{"id": r.id, "label": r.label, "group": r.group, "columns": list(r.columns)}
                         for r in t.rows],
            }
            for t in structure.tables
        ],
    }
    return out


def _pick(text: dict[str, str], lang: str) -> str:
    return text.get(lang) or text.get("en") or ""


def explain_rule(rule: Rule, lang: str) -> str:
    heading = {"zh": ("严重程度", "依据", "理由", "适用格式", "适用机关", "推定规则", "示例", "通过", "不通过", "全部"),
               "en": ("Severity", "Basis", "Why", "Editions", "Agency kinds", "Inferred rule", "Examples", "passes",
                      "fails", "all")}[lang]
    lines = [f"{rule.id} — {_pick(rule.title, lang)}", ""]
    lines.append(f"{heading[0]}: {rule.severity.label}    kind: {rule.kind}")
    lines.append(f"{heading[3]}: {', '.join(rule.editions) or heading[9]}    "
                 f"{heading[4]}: {', '.join(rule.agency_kinds) or heading[9]}")
    if rule.inferred:
        lines.append(f"{heading[5]}: yes")
    if rule.needs_previous:
        lines.append("需要上年报告：是（--previous）" if lang == "zh" else "Needs last year's report: yes (--previous)")
    lines += ["", f"{heading[1]}: {_pick(rule.basis, lang)}", "", f"{heading[2]}: {_pick(rule.rationale, lang)}", ""]
    lines.append(f"{heading[6]}:")
    for example in rule.examples:
        verdict = heading[7] if not example["expect"] else heading[8]
        lines.append(f"  - {example['name']} ({verdict})")
        for key, value in (example.get("given") or {}).items():
            lines.append(f"      {key}: {value}")
        for key, value in (example.get("previous") or {}).items():
            lines.append(f"      {'上年' if lang == 'zh' else 'previous'} {key}: {value}")
    lines.append("")
    lines.append(f"source: {rule.source}:{rule.line}")
    return "\n".join(lines)


def list_rules(ruleset: Ruleset, lang: str) -> str:
    rows = [("id", "severity", "title", "editions", "agency kinds")]
    for rule in ruleset.rules:
        # A disabled rule is still listed (a provincial pack may enable it with overrides).
        kinds = (",".join(rule.agency_kinds) or "all") + ("" if rule.enabled else "; disabled")
        rows.append((rule.id, rule.severity.label, _pick(rule.title, lang), ",".join(rule.editions) or "all", kinds))
    width = [max(len(r[i]) for r in rows) for i in (0, 1)]
    return "\n".join(f"{r[0]:<{width[0]}}  {r[1]:<{width[1]}}  {r[2]}  [{r[3]}; {r[4]}]" for r in rows)


def test_rules(ruleset: Ruleset, inherited: bool = True) -> tuple[bool, str]:
    """Run the examples (inline and cases/) of every rule; without `inherited`, only of the rules the
    pack itself defines, overrides or adds cases to — its parent's unchanged rules are its parent's tests."""
    from checker.examples import run_example

    lines, failures = [], 0
    selected = [r for r in ruleset.rules if inherited or r.id in ruleset.own]
    for rule in selected:
        kinds = {"passes" if not e["expect"] else "fails" for e in rule.examples}
        for example in rule.examples:
            try:
                ok, why, _ = run_example(ruleset, rule, example)
            except (KeyError, ValueError) as exc:
                ok, why = False, f"cannot build the example: {exc}"
            failures += not ok
            lines.append(f"{'PASS' if ok else 'FAIL'}  {rule.id}::{example['name']}" + ("" if ok else f"  — {why}"))
        for missing in sorted({"passes", "fails"} - kinds):
            failures += 1
            lines.append(f"FAIL  {rule.id}: no example that {missing}")
    total = sum(len(r.examples) for r in selected)
    skipped = len(ruleset.rules) - len(selected)
    lines.append(f"{total - failures} passed, {failures} failed"
                 + (f" ({skipped} unchanged inherited rules not run; --all runs them)" if skipped else ""))
    return failures == 0, "\n".join(lines)
