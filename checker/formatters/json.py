"""JSON output: the machine-readable contract described by ``schemas/findings.schema.json``.

``{"schema_version", "tool": {"name", "version"}, "results": [CheckResult.to_dict()...], "summary"}``,
pretty-printed with sorted keys and real CJK characters so diffs of two runs are meaningful. Keys are
stable: add, never rename. ``lang`` does not change the output (every finding carries both languages).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from checker import __version__
from checker.findings import CheckResult, RuleInfo, summarize

SCHEMA_VERSION = "1.0"


def document(results: Sequence[CheckResult], *, tool_version: str = __version__,
             baseline: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The JSON document as plain data (for callers that embed it); ``baseline``: `baseline.Outcome.to_dict()`."""
    doc = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "reportlint", "version": tool_version},
        "results": [r.to_dict() for r in results],
        "summary": summarize(list(results)),
    }
    if baseline is not None:
        doc["baseline"] = dict(baseline)
    return doc


def render(
    results: Sequence[CheckResult],
    catalog: Mapping[str, RuleInfo],
    *,
    lang: str = "zh",
    tool_version: str = __version__,
    **_options: Any,
) -> str:
    """Render ``results`` as the findings JSON document (ends with a newline)."""
    doc = document(results, tool_version=tool_version, baseline=_options.get("baseline"))
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
