"""SARIF 2.1.0 output (GitHub code scanning and other SARIF viewers), built as plain dicts.

One run for all reports. ``tool.driver.rules`` lists every rule of the catalog so ``ruleIndex`` is stable;
each result has a physical location (the report as given, with ``region.startLine`` only when a line is
known) and, when a part/table/cell is known, a logical location such as ``表三/一、本年新收/自然人``.
``partialFingerprints`` hash the rule, source, canonical location keys and occurrence index, never the
message or line, so a reworded message or a shifted line does not create a "new" alert. Baseline-accepted findings carry an
external suppression. Not-assessable rules and unreadable reports become tool execution notifications.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from checker import __version__
from checker.findings import CheckResult, Finding, RuleInfo, Severity
from checker import fingerprint
from checker.formatters import _common as c

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://reportlint.dev"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "reportlint/v1"


def _text(value: str) -> dict[str, str]:
    return {"text": value}


def _rule(rule_id: str, info: RuleInfo | None, lang: str, fallback_title: str) -> dict[str, Any]:
    title = (info.text("title", lang) if info else "") or fallback_title or rule_id
    out: dict[str, Any] = {"id": rule_id, "name": rule_id, "shortDescription": _text(title)}
    if info is None:
        return out
    rationale = info.text("rationale", lang)
    if rationale:
        out["fullDescription"] = _text(rationale)
    help_lines = [line for line in (info.basis, rationale) if line]
    if help_lines:
        basis = f"**依据 / Basis:** {info.basis}" if info.basis else ""
        out["help"] = {"text": "\n\n".join(help_lines),
                       "markdown": "\n\n".join(p for p in (basis, rationale) if p)}
    out["defaultConfiguration"] = {"level": LEVELS[info.severity]}
    props = {k: v for k, v in (("kind", info.kind), ("basis", info.basis)) if v}
    if props:
        out["properties"] = props
    return out


def _location(result: CheckResult, finding: Finding, lang: str) -> dict[str, Any]:
    loc = finding.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": c.source_uri(result.source)}}
    if loc.line is not None:
        physical["region"] = {"startLine": loc.line}
    out: dict[str, Any] = {"physicalLocation": physical}
    name = "/".join(c.location_parts(loc, lang))
    if name:
        out["logicalLocations"] = [{"fullyQualifiedName": name, "kind": "member"}]
    return out


def _result(result: CheckResult, finding: Finding, index: int, lang: str, fingerprint: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": _text(c.message(finding, lang)),
        "locations": [_location(result, finding, lang)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    props: dict[str, Any] = {"location": finding.location.to_dict()}
    if finding.evidence:
        props["evidence"] = finding.evidence
    if finding.basis:
        props["basis"] = finding.basis
    out["properties"] = props
    if finding.suppressed is not None:
        out["suppressions"] = [{"kind": "external", "justification": finding.suppressed}]
    return out


def _notifications(results: Sequence[CheckResult], index: Mapping[str, int]) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = []
    for result in results:
        where = [{"physicalLocation": {"artifactLocation": {"uri": c.source_uri(result.source)}}}]
        if result.error is not None:
            notes.append({"level": "error", "message": _text(f"{result.source}: {result.error}"),
                          "locations": where})
        for item in result.not_assessed:
            notes.append({"level": "note", "message": _text(item.reason), "locations": where,
                          "associatedRule": {"id": item.rule, "index": index[item.rule]}})
    return notes


def document(results: Sequence[CheckResult], catalog: Mapping[str, RuleInfo], *, lang: str = "zh",
             tool_version: str = __version__) -> dict[str, Any]:
    """The SARIF log as plain data."""
    ids = c.rule_ids(results, catalog)
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    titles = {f.rule: f.title for r in results for f in r.findings if f.title}
    driver = {"name": "reportlint", "version": tool_version, "informationUri": INFORMATION_URI,
              "rules": [_rule(i, catalog.get(i), lang, titles.get(i, "")) for i in ids]}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [{
                "executionSuccessful": all(r.error is None for r in results),
                "toolExecutionNotifications": _notifications(results, index),
            }],
            "results": [_result(r, f, index[f.rule], lang, fp)
                        for r in results for f, fp in zip(r.findings, fingerprint.fingerprints(r))],
        }],
    }


def render(results: Sequence[CheckResult], catalog: Mapping[str, RuleInfo], *, lang: str = "zh",
           tool_version: str = __version__, **_options: Any) -> str:
    """Render ``results`` as a SARIF 2.1.0 log (JSON, ends with a newline)."""
    doc = document(results, catalog, lang=lang, tool_version=tool_version)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
