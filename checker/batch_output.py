"""Writing a batch as it runs: each format gets a sink fed one result at a time.

`table`, `csv` and `json` stream: a report is written when it is checked and only the summary's
counters, the rule tally and the five worst reports are kept, so memory stays flat for 10k reports.
The output is byte-for-byte what the formatter renders for the whole list (tests/test_batch.py).
Document formats (SARIF, JUnit, GitLab, Markdown, GitHub, HTML) need every result at the end; their
sinks collect the results and render once. Files are written through `checker.output.AtomicFile`
(a temporary file moved into place when the batch ends), so a reader never sees half a report.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import IO, Any

from checker import __version__
from checker.findings import CheckResult, RuleInfo, Severity, summarize
from checker.formatters import _common as c
from checker.formatters import get
from checker.formatters._tally import Tally

STREAMING = ("table", "csv", "json")
_SENTINEL = "\x00results\x00"


class Summary:
    """What the batch summary and the exit code need, in constant memory."""

    def __init__(self, keep: int = 5) -> None:
        self.totals: Counter[str] = Counter(summarize([]))
        self.rules: Counter[str] = Counter()
        self.worst: list[Tally] = []
        self.max_severity: Severity | None = None
        self.keep = keep

    def add(self, result: CheckResult | Tally) -> None:
        tally = Tally.of(result)
        self.totals.update(tally.totals())
        self.rules.update(tally.failing_rules)
        if tally.is_bad:
            self.worst = c.worst_reports([*self.worst, tally], n=self.keep)
        severity = tally.max_severity
        if severity is not None and (self.max_severity is None or severity > self.max_severity):
            self.max_severity = severity

    def top_rules(self, n: int = 5) -> list[tuple[str, int]]:
        return sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

    def exit_code(self, fail_on: str, max_warnings: int | None = None) -> int:
        """As `checker.run.exit_code` over every result: unreadable inputs fail a batch."""
        if self.totals["unreadable"]:
            return 1
        if max_warnings is not None and self.totals["warnings"] > max_warnings:
            return 1
        if fail_on == "never" or self.max_severity is None:
            return 0
        return 1 if self.max_severity >= Severity.parse(fail_on) else 0


class Piece:
    """What one result adds to a streaming format (`table`, `csv`, `json`): a pure function of the
    result, so a batch worker can render it and the parent only writes it (rich tables cost ~13 ms
    a report: rendered in the parent they capped a batch at ~75 reports/s whatever `--jobs`)."""

    def __init__(self, fmt: str, catalog: Mapping[str, RuleInfo], lang: str, color: bool) -> None:
        self.fmt, self.catalog, self.lang, self.color = fmt, catalog, lang, color
        self.module = get(fmt)
        self.header = self.render([]) if fmt == "csv" else ""

    def render(self, results: list[CheckResult]) -> str:
        return self.module.render(results, self.catalog, lang=self.lang, tool_version=__version__,
                                  color=self.color)

    def __call__(self, result: CheckResult) -> str:
        if self.fmt == "csv":
            return self.module.rows_text(result, self.lang)
        if self.fmt == "table":
            return self.render([result])
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)
        return "\n".join("    " + line for line in text.split("\n"))


class Sink:
    """One format written to `out`; `add` each result, then `close` with the summary."""

    def __init__(self, fmt: str, out: IO[str], catalog: Mapping[str, RuleInfo], lang: str, color: bool,
                 flush_each: bool = True) -> None:
        self.fmt, self.out = fmt, out
        self.flush_each = flush_each  # a reader may be watching; a file in the making has none
        self.piece = Piece(fmt, catalog, lang, color)
        self.module = self.piece.module
        self.collected: list[CheckResult] | None = None if fmt in STREAMING else []
        self.count = 0
        if fmt == "csv":
            out.write(self.piece.header)

    @property
    def spec(self) -> tuple[str, str, bool] | None:
        """(format, language, colour) for a worker to render this sink's pieces; None: it collects."""
        return None if self.collected is not None else (self.fmt, self.piece.lang, self.piece.color)

    def add(self, result: CheckResult | Tally, piece: str | None = None) -> None:
        """Write `result` (`piece`: its text, when a worker rendered it already, and then `result` may
        be just its tally)."""
        if self.collected is not None:
            assert isinstance(result, CheckResult)  # a collecting sink is never given pieces
            self.collected.append(result)
        else:
            if self.fmt == "json":
                self.out.write(self._json_frame(summarize([]))[0] if self.count == 0 else ",\n")
            if piece is None:
                assert isinstance(result, CheckResult)
                piece = self.piece(result)
            self.out.write(piece)
        self.count += 1
        if self.flush_each:
            self.out.flush()

    def _json_frame(self, summary: Mapping[str, int]) -> tuple[str, str]:
        """The document around its results, as `formatters.json.render` lays it out."""
        doc: dict[str, Any] = self.module.document([], tool_version=__version__)
        doc["results"], doc["summary"] = [_SENTINEL], dict(summary)
        text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        marker = f'    "{json.dumps(_SENTINEL)[1:-1]}"'
        head, tail = text.split(marker)
        return head, tail

    def close(self, summary: Summary) -> None:
        if self.collected is not None:
            self.out.write(self.piece.render(self.collected))
        elif self.fmt == "json":
            if self.count == 0:
                self.out.write(self.piece.render([]))
            else:
                self.out.write(self._json_frame(dict(summary.totals))[1])
        elif self.fmt == "table" and summary.totals["reports"] > 1:
            self.out.write(self.module.render_summary(dict(summary.totals), summary.top_rules(), summary.worst,
                                                      lang=self.piece.lang, color=self.piece.color))
        self.out.flush()


@contextmanager
def progress_bar(total: int, enabled: bool) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr when `enabled`; yields the function that advances it."""
    if not enabled:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reportlint", total=total)
        yield lambda: bar.advance(task)


def github_step_summary(sinks: Sequence[object], catalog: dict, lang: str) -> None:
    """The `github` sink's step summary, appended to $GITHUB_STEP_SUMMARY when GitHub Actions sets it."""
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    github = next((s for s in sinks if getattr(s, "fmt", None) == "github"), None)
    if summary_file and github is not None:
        from checker.formatters.github import step_summary

        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(step_summary(github.collected or [], catalog, lang))
