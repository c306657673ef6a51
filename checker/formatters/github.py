"""GitHub Actions workflow commands (``::error file=…,line=…,title=…::message``) and a step summary.

Levels: error → ``::error``, warning → ``::warning``, info → ``::notice``. Escaping follows
actions/toolkit ``command.ts``: data ``%``→``%25``, ``\\r``→``%0D``, ``\\n``→``%0A``; property values
additionally ``:``→``%3A`` and ``,``→``%2C``. GitHub keeps only ~10 annotations per level per step, so at
most ``limit`` per level are emitted, followed by one notice pointing at the step summary; the CLI appends
``step_summary(...)`` (Markdown) to ``$GITHUB_STEP_SUMMARY`` so nothing is lost. Baseline-suppressed
findings are not annotated; not-assessable rules appear only in the summary.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from checker import __version__
from checker.findings import CheckResult, Finding, RuleInfo, Severity
from checker.formatters import _common as c
from checker.formatters import markdown

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
MORE = {"zh": "另有 {n} 条问题未标注，完整列表见本步骤摘要（step summary）",
        "en": "{n} more findings not annotated; the step summary lists them all"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: str | int | None) -> str:
    """One workflow command line; ``None`` properties are left out."""
    attrs = ",".join(f"{k}={escape_property(_shown(str(v)))}" for k, v in props.items() if v is not None)
    data = escape_data(_shown(message))
    return f"::{level} {attrs}::{data}" if attrs else f"::{level}::{data}"


def _shown(text: str) -> str:
    # The runner prints these lines to the log, which honours ANSI escapes: make them visible.
    return c.visible(text, keep="\r\n")


def _annotation(result: CheckResult, finding: Finding, catalog: Mapping[str, RuleInfo],
                lang: str) -> str:
    title = c.rule_title(finding.rule, catalog, lang, finding.title)
    where = c.location_label(finding.location, lang)
    text = c.message(finding, lang)
    return command(COMMANDS[finding.severity], f"{where}: {text}" if where else text,
                   file=c.forward_slashes(result.source), line=finding.location.line,
                   title=f"{finding.rule} {title}".strip())


def render(results: Sequence[CheckResult], catalog: Mapping[str, RuleInfo], *, lang: str = "zh",
           tool_version: str = __version__, limit: int = 10, **_options: Any) -> str:
    """Render workflow commands, at most ``limit`` per level, then one notice for the rest."""
    lines: list[str] = []
    used = dict.fromkeys(COMMANDS.values(), 0)
    dropped = 0
    for result in results:
        if result.error is not None:
            lines.append(command("error", f"{c.word('unreadable', lang)}: {result.error}",
                                 file=c.forward_slashes(result.source), title="reportlint"))
            used["error"] += 1
        for finding in result.active:
            level = COMMANDS[finding.severity]
            if used[level] >= limit:
                dropped += 1
                continue
            used[level] += 1
            lines.append(_annotation(result, finding, catalog, lang))
    if dropped:
        lines.append(command("notice", MORE.get(lang, MORE["en"]).format(n=dropped), title="reportlint"))
    return "".join(f"{line}\n" for line in lines)


def step_summary(results: Sequence[CheckResult], catalog: Mapping[str, RuleInfo],
                 lang: str = "zh", tool_version: str = __version__) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: the full findings, without the sign-off block."""
    return markdown.render(results, catalog, lang=lang, tool_version=tool_version, sign_off=False)
