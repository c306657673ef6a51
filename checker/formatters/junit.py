"""JUnit XML output (GitLab ``artifacts:reports:junit``, Jenkins, GitHub JUnit actions).

One ``<testsuite>`` per report and one ``<testcase classname=SOURCE name=RULE>`` per rule, so passing rules
show as passing tests. Mapping, documented here because JUnit has no severities:

- active **error or warning** findings → one ``<failure type="error|warning">`` (the worse severity) whose
  body lists every finding of the rule;
- **info** findings and baseline-suppressed findings → ``<system-out>`` of a passing testcase;
- a not-assessable rule → ``<skipped message=REASON/>``;
- an unreadable report → a single testcase ``read`` with an ``<error>``.
Control characters are made visible (ESC → ␛) and those XML 1.0 cannot carry are dropped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import Any

from checker import __version__
from checker.findings import CheckResult, Finding, RuleInfo, Severity
from checker.formatters import _common as c


def _line(finding: Finding, lang: str) -> str:
    where = c.location_label(finding.location, lang)
    text = f"[{finding.severity.label}] {where}: {c.message(finding, lang)}" if where else \
        f"[{finding.severity.label}] {c.message(finding, lang)}"
    if finding.suppressed is not None:
        text += f" (suppressed: {finding.suppressed})"
    return _safe(text)


def _safe(text: str) -> str:
    return c.xml_safe(c.visible(text))


def _testcase(suite: ET.Element, result: CheckResult, rule_id: str, lang: str,
              skipped: Mapping[str, str]) -> str:
    """Add one testcase; return its outcome: "failure", "skipped" or "passed"."""
    case = ET.SubElement(suite, "testcase", classname=_safe(result.source), name=rule_id, time="0")
    mine = [f for f in result.findings if f.rule == rule_id]
    failing = [f for f in mine if f.suppressed is None and f.severity >= Severity.WARNING]
    quiet = [f for f in mine if f not in failing]
    outcome = "passed"
    if failing:
        worst = max(f.severity for f in failing)
        first = c.message(failing[0], lang)
        summary = first if len(failing) == 1 else f"{len(failing)} findings: {first}"
        failure = ET.SubElement(case, "failure", type=worst.label, message=_safe(summary))
        failure.text = "\n".join(_line(f, lang) for f in failing)
        outcome = "failure"
    elif rule_id in skipped:
        ET.SubElement(case, "skipped", message=_safe(skipped[rule_id]))
        outcome = "skipped"
    if quiet:
        ET.SubElement(case, "system-out").text = "\n".join(_line(f, lang) for f in quiet)
    return outcome


def _suite(parent: ET.Element, result: CheckResult, ids: Sequence[str], lang: str) -> dict[str, int]:
    suite = ET.SubElement(parent, "testsuite", name=_safe(result.source))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if result.error is not None:
        case = ET.SubElement(suite, "testcase", classname=_safe(result.source), name="read", time="0")
        ET.SubElement(case, "error", type="unreadable", message=_safe(result.error))
        counts.update(tests=1, errors=1)
    else:
        skipped = {n.rule: n.reason for n in result.not_assessed}
        for rule_id in ids:
            outcome = _testcase(suite, result, rule_id, lang, skipped)
            counts["tests"] += 1
            counts["failures"] += outcome == "failure"
            counts["skipped"] += outcome == "skipped"
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", "0")
    return counts


def render(results: Sequence[CheckResult], catalog: Mapping[str, RuleInfo], *, lang: str = "zh",
           tool_version: str = __version__, **_options: Any) -> str:
    """Render ``results`` as a JUnit XML document (UTF-8 declaration, ends with a newline)."""
    root = ET.Element("testsuites", name=f"reportlint {tool_version}")
    ids = c.rule_ids(results, catalog)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in results:
        for key, value in _suite(root, result, ids, lang).items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f"<?xml version='1.0' encoding='utf-8'?>\n{body}\n"
