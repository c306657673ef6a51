"""The default terminal output: one rich table per report, a footer, and a batch summary.

The only module that imports rich. Report and rule text is untrusted: it goes into ``rich.text.Text``
(never markup, so ``[bold red]`` or ``[/]`` show literally) after ``_common.visible`` turns ESC and other
control characters into visible symbols, and the console has ``highlight=False`` so numbers are not
recoloured. ``render`` builds its own console (deterministic: ``_environ={}``); the CLI may instead print
``renderable(...)`` to its console. Past ``max_findings`` findings in total, the rest are summarised.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from checker import __version__
from checker.findings import CheckResult, RuleInfo, Severity, summarize
from checker.formatters import _baseline_notes as notes
from checker.formatters import _common as c

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_HEAD = {"zh": ("级别", "规则", "位置", "问题"), "en": ("Severity", "Rule", "Location", "Message")}


def _t(text: object, style: str = "") -> Text:
    return Text(c.visible(str(text)), style=style)


def _findings_table(result: CheckResult, catalog: Mapping[str, RuleInfo], lang: str,
                    budget: int) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    severity, rule, location, message = _HEAD.get(lang, _HEAD["en"])
    table.add_column(severity, no_wrap=True)
    table.add_column(rule, overflow="fold", max_width=24)
    table.add_column(location, overflow="fold", max_width=32)
    table.add_column(message, overflow="fold", ratio=1)
    for finding in result.active[:budget]:
        rule = _t(finding.rule)
        title = c.rule_title(finding.rule, catalog, lang, finding.title)
        if title:
            rule.append_text(_t(f"\n{title}", "dim"))
        table.add_row(_t(c.word(finding.severity.label, lang), STYLES[finding.severity]), rule,
                      _t(c.location_label(finding.location, lang)), _t(c.message(finding, lang)))
    return table


def _report(result: CheckResult, catalog: Mapping[str, RuleInfo], lang: str,
            budget: int) -> tuple[list[RenderableType], int]:
    """The renderables for one report and how many findings they show."""
    header = _t(result.source, "bold")
    if result.error is not None:
        header.append_text(_t(f"  {c.word('unreadable', lang)}: {result.error}", "bold red"))
        return [header, Text("")], 0
    parts: list[RenderableType] = [header]
    meta = c.meta_line(result)
    if meta:
        parts.append(_t(meta, "dim"))
    shown = min(budget, len(result.active))
    if shown:
        parts.append(_findings_table(result, catalog, lang, shown))
    elif not result.active:
        parts.append(_t(c.word("no_problems", lang), "green"))
    parts.append(_t(c.counts_line(result, lang), "bold"))
    for item in result.not_assessed:
        parts.append(_t(f"  {c.word('not_assessed', lang)}: {item.rule} — {item.reason}", "dim"))
    parts.append(Text(""))
    return parts, shown


def _batch(results: Sequence[CheckResult], lang: str) -> list[RenderableType]:
    return summary_renderables(summarize(list(results)), c.top_rules(results), c.worst_reports(results), lang)


def summary_renderables(s: Mapping[str, int], top: Sequence[tuple[str, int]], worst: Sequence[CheckResult],
                        lang: str) -> list[RenderableType]:
    """The batch summary from its parts (a streaming batch keeps only these, not every result)."""
    out: list[RenderableType] = [_t(c.word("batch", lang, n=s["reports"], f=s["failing"],
                                             u=s["unreadable"]), "bold")]
    if top:
        out.append(_t(f"{c.word('top_rules', lang)}: " + ", ".join(f"{r} ×{n}" for r, n in top)))
    for result in worst:
        out.append(_t(f"  {result.source}: {c.counts_line(result, lang)}"))
    return out


def baseline_renderables(review: Mapping[str, Any] | None, lang: str) -> list[RenderableType]:
    """Expired and stale baseline entries with their rule, place and reason, and what to do about them."""
    heading = notes.title(review, lang) if review else ""
    if not review or not heading:
        return []
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    status, rule, location, reason = notes.columns(lang)
    table.add_column(status, no_wrap=True)
    table.add_column(rule, overflow="fold", max_width=24)
    table.add_column(location, overflow="fold", max_width=40)
    table.add_column(reason, overflow="fold", ratio=1)
    for row in notes.rows(review, lang):
        table.add_row(_t(row.status, "yellow"), _t(row.rule), _t(row.location), _t(row.reason))
    return [_t(heading, "bold yellow"), table, *(_t(f"  {text}") for text in notes.actions(review, lang)),
            Text("")]


def renderable(results: Sequence[CheckResult], catalog: Mapping[str, RuleInfo], *, lang: str = "zh",
               max_findings: int = 200, baseline_review: Mapping[str, Any] | None = None) -> RenderableType:
    """Everything the table format prints, as one rich renderable."""
    parts: list[RenderableType] = []
    budget = max_findings
    for result in results:
        items, shown = _report(result, catalog, lang, budget)
        parts += items
        budget -= shown
    hidden = sum(len(r.active) for r in results) - (max_findings - budget)
    if hidden:
        parts += [_t(c.word("more", lang, n=hidden), "bold yellow"), Text("")]
    parts += baseline_renderables(baseline_review, lang)
    if len(results) > 1:
        parts += _batch(results, lang)
    return Group(*parts)


def render(results: Sequence[CheckResult], catalog: Mapping[str, RuleInfo], *, lang: str = "zh",
           tool_version: str = __version__, color: bool = False, width: int = 100,
           max_findings: int = 200, **_options: Any) -> str:
    """Render the table as text; with ``color`` it carries ANSI styles (standard 16 colours)."""
    review = _options.get("baseline_review")  # `baseline.Outcome.review()`, when a baseline was applied
    return _print(renderable(results, catalog, lang=lang, max_findings=max_findings, baseline_review=review),
                  color, width)


def _print(item: RenderableType, color: bool, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, force_terminal=color,
                      color_system="standard" if color else None, highlight=False, markup=False,
                      emoji=False, legacy_windows=False, _environ={})
    console.print(item)
    file = console.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


def render_summary(s: Mapping[str, int], top: Sequence[tuple[str, int]], worst: Sequence[CheckResult], *,
                   lang: str = "zh", color: bool = False, width: int = 100) -> str:
    """Only the batch summary, as `render` prints it after the reports."""
    return _print(Group(*summary_renderables(s, top, worst, lang)), color, width)
