"""GitLab Code Quality report: a JSON array of Code Climate issues (``artifacts:reports:codequality``).

Severities: error → ``critical``, warning → ``major``, info → ``info``. The fingerprint must be unique per
finding (GitLab drops later issues that reuse one): ``checker.fingerprint.fingerprints`` hashes rule, source,
canonical location keys and the occurrence index of that triple, not the message or line (the same value
as SARIF). ``lines.begin`` is 1 when the line is unknown. Baseline-suppressed findings and not-assessable
rules are left out; an unreadable report is one ``critical`` issue, check_name ``reportlint/unreadable``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from checker import __version__
from checker.findings import CheckResult, RuleInfo, Severity
from checker import fingerprint
from checker.formatters import _common as c

SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def _issue(description: str, check: str, fingerprint: str, severity: str, path: str,
           line: int | None) -> dict[str, Any]:
    return {
        "description": description,
        "check_name": check,
        "fingerprint": fingerprint,
        "severity": severity,
        "location": {"path": path, "lines": {"begin": line if line is not None else 1}},
    }


def issues(results: Sequence[CheckResult], lang: str = "zh") -> list[dict[str, Any]]:
    """The Code Quality issues as plain data."""
    out: list[dict[str, Any]] = []
    for result in results:
        path = c.forward_slashes(result.source)
        if result.error is not None:
            text = f"{c.word('unreadable', lang)}: {result.error}"
            out.append(_issue(text, "reportlint/unreadable", fingerprint.digest("unreadable", result.source),
                              "critical", path, None))
        for finding, key in zip(result.findings, fingerprint.fingerprints(result)):
            if finding.suppressed is not None:
                continue
            where = c.location_label(finding.location, lang)
            text = c.message(finding, lang)
            out.append(_issue(
                f"{finding.rule} {where}: {text}" if where else f"{finding.rule}: {text}",
                finding.rule, key,
                SEVERITIES[finding.severity], path, finding.location.line,
            ))
    return out


def render(results: Sequence[CheckResult], catalog: Mapping[str, RuleInfo], *, lang: str = "zh",
           tool_version: str = __version__, **_options: Any) -> str:
    """Render ``results`` as a GitLab Code Quality JSON array (ends with a newline)."""
    return json.dumps(issues(results, lang), ensure_ascii=False, indent=2) + "\n"
