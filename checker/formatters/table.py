"""The default terminal output: one table per report, a footer, and a batch summary.

Report and rule text is untrusted: it is shown as plain text (never rich markup, so ``[bold red]`` or
``[/]`` show literally) after ``_common.visible`` turns ESC and other control characters into visible
symbols, and numbers are not highlighted. What is printed is first described as plain data (lines of
styled pieces and grids of them); uncoloured output is laid out by ``_plain_table`` (rich's layout, byte
for byte, without importing rich's console), coloured output and very narrow widths by rich, with a
console of its own (deterministic: ``_environ={}``). Past ``max_findings`` findings in total, the rest are
summarised.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

from checker import __version__
from checker.findings import CheckResult, RuleInfo, Severity, summarize
from checker.formatters import _common as c

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_HEAD = {"zh": ("级别", "规则", "位置", "问题"), "en": ("Severity", "Rule", "Location", "Message")}

Styled = tuple[tuple[str, str], ...]  # a text as (piece, rich style) pairs
_BLANK: Styled = (("", ""),)


class Grid:
    """A table: columns as (header, rich ``add_column`` options) and rows of styled cells."""

    __slots__ = ("columns", "rows")

    def __init__(self, columns: list[tuple[str, dict[str, Any]]], rows: list[list[Styled]]) -> None:
        self.columns = columns
        self.rows = rows


Item = Union[Styled, Grid]


def _t(text: object, style: str = "") -> Styled:
    return ((c.visible(str(text)), style),)


def _findings_table(result: CheckResult, catalog: Mapping[str, RuleInfo], lang: str, budget: int) -> Grid:
    severity, rule, location, message = _HEAD.get(lang, _HEAD["en"])
    columns = [(severity, {"no_wrap": True}), (rule, {"overflow": "fold", "max_width": 24}),
               (location, {"overflow": "fold", "max_width": 32}), (message, {"overflow": "fold", "ratio": 1})]
    rows = []
    for finding in result.active[:budget]:
        rule_cell = _t(finding.rule)
        title = c.rule_title(finding.rule, catalog, lang, finding.title)
        if title:
            rule_cell += _t(f"\n{title}", "dim")
        rows.append([_t(c.word(finding.severity.label, lang), STYLES[finding.severity]), rule_cell,
                     _t(c.location_label(finding.location, lang)), _t(c.message(finding, lang))])
    return Grid(columns, rows)


def _report(result: CheckResult, catalog: Mapping[str, RuleInfo], lang: str, budget: int) -> tuple[list[Item], int]:
    """The items for one report and how many findings they show."""
    header = _t(result.source, "bold")
    if result.error is not None:
        return [header + _t(f"  {c.word('unreadable', lang)}: {result.error}", "bold red"), _BLANK], 0
    parts: list[Item] = [header]
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
    parts.append(_BLANK)
    return parts, shown


def summary_items(s: Mapping[str, int], top: Sequence[tuple[str, int]], worst: Sequence[CheckResult],
                  lang: str) -> list[Item]:
    """The batch summary from its parts (a streaming batch keeps only these, not every result)."""
    out: list[Item] = [_t(c.word("batch", lang, n=s["reports"], f=s["failing"], u=s["unreadable"]), "bold")]
    if top:
        out.append(_t(f"{c.word('top_rules', lang)}: " + ", ".join(f"{r} ×{n}" for r, n in top)))
    for result in worst:
        out.append(_t(f"  {result.source}: {c.counts_line(result, lang)}"))
    return out


def baseline_items(review: Mapping[str, Any] | None, lang: str) -> list[Item]:
    """Expired and stale baseline entries with their rule, place and reason, and what to do about them."""
    from checker.formatters import _baseline_notes as notes  # only with a baseline: its Row is a dataclass

    heading = notes.title(review, lang) if review else ""
    if not review or not heading:
        return []
    status, rule, location, reason = notes.columns(lang)
    columns = [(status, {"no_wrap": True}), (rule, {"overflow": "fold", "max_width": 24}),
               (location, {"overflow": "fold", "max_width": 40}), (reason, {"overflow": "fold", "ratio": 1})]
    rows = [[_t(row.status, "yellow"), _t(row.rule), _t(row.location), _t(row.reason)]
            for row in notes.rows(review, lang)]
    return [_t(heading, "bold yellow"), Grid(columns, rows), *(_t(f"  {text}") for text in notes.actions(review, lang)),
            _BLANK]


def items(results: Sequence[CheckResult], catalog: Mapping[str, RuleInfo], *, lang: str = "zh",
          max_findings: int = 200, baseline_review: Mapping[str, Any] | None = None) -> list[Item]:
    """Everything the table format prints, in order."""
    parts: list[Item] = []
    budget = max_findings
    for result in results:
        report, shown = _report(result, catalog, lang, budget)
        parts += report
        budget -= shown
    hidden = sum(len(r.active) for r in results) - (max_findings - budget)
    if hidden:
        parts += [_t(c.word("more", lang, n=hidden), "bold yellow"), _BLANK]
    parts += baseline_items(baseline_review, lang)
    if len(results) > 1:
        parts += summary_items(summarize(list(results)), c.top_rules(results), c.worst_reports(results), lang)
    return parts


def renderable(results: Sequence[CheckResult], catalog: Mapping[str, RuleInfo], *, lang: str = "zh",
               max_findings: int = 200, baseline_review: Mapping[str, Any] | None = None) -> RenderableType:
    """Everything the table format prints, as one rich renderable (for a rich console of the caller's)."""
    return _group(items(results, catalog, lang=lang, max_findings=max_findings, baseline_review=baseline_review))


def render(results: Sequence[CheckResult], catalog: Mapping[str, RuleInfo], *, lang: str = "zh",
           tool_version: str = __version__, color: bool = False, width: int = 100,
           max_findings: int = 200, **_options: Any) -> str:
    """Render the table as text; with ``color`` it carries ANSI styles (standard 16 colours)."""
    review = _options.get("baseline_review")  # `baseline.Outcome.review()`, when a baseline was applied
    return _print(items(results, catalog, lang=lang, max_findings=max_findings, baseline_review=review),
                  color, width)


def render_summary(s: Mapping[str, int], top: Sequence[tuple[str, int]], worst: Sequence[CheckResult], *,
                   lang: str = "zh", color: bool = False, width: int = 100) -> str:
    """Only the batch summary, as `render` prints it after the reports."""
    return _print(summary_items(s, top, worst, lang), color, width)


def _print(parts: list[Item], color: bool, width: int) -> str:
    try:
        from checker.formatters import _plain_table as plain
    except ImportError:  # it borrows rich's private helpers (rich._wrap): a rich that moved them gets rich's path
        return print_rich(_group(parts), color, width)
    if not color and width >= plain.MIN_WIDTH:
        texts = [_plain(item) for item in parts]
        if plain.lays_out("".join(_joined(texts))):
            return plain.render(texts, width)
    return print_rich(_group(parts), color, width)


def _plain(item: Item) -> Any:
    if isinstance(item, Grid):
        return item.columns, [["".join(text for text, _ in cell) for cell in row] for row in item.rows]
    return "".join(text for text, _ in item)


def _joined(texts: list[Any]) -> list[str]:
    """Every text of ``_plain``'s items, headers included."""
    out = []
    for item in texts:
        if isinstance(item, str):
            out.append(item)
        else:
            columns, rows = item
            out += [header for header, _ in columns] + [cell for row in rows for cell in row]
    return out


def _group(parts: list[Item]) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table

    def text(styled: Styled) -> Text:
        from rich.text import Text

        (first, style), *rest = styled
        out = Text(first, style=style)
        for piece, piece_style in rest:
            out.append_text(Text(piece, style=piece_style))
        return out

    out: list[RenderableType] = []
    for item in parts:
        if isinstance(item, Grid):
            table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
            for header, options in item.columns:
                table.add_column(header, **options)
            for row in item.rows:
                table.add_row(*map(text, row))
            out.append(table)
        else:
            out.append(text(item))
    return Group(*out)


def print_rich(item: RenderableType, color: bool, width: int) -> str:
    """What rich prints for ``item`` on a console of ``width`` cells (ANSI styles with ``color``)."""
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, force_terminal=color,
                      color_system="standard" if color else None, highlight=False, markup=False,
                      emoji=False, legacy_windows=False, _environ={})
    console.print(item)
    file = console.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()
