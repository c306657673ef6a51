"""Running checks for the CLI: many inputs, one ruleset, results in a stable order.

The CLI parses options and calls these; this module knows nothing about click.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.findings import CheckResult, Severity
from checker.ruleset import Ruleset


@dataclass
class Options:
    """What the CLI passes on to every check and render of one run."""

    lang: str = "zh"
    agency_kind: str | None = None
    previous: str | None = None
    fail_on: str = "error"
    max_warnings: int | None = None
    formats: list[str] = field(default_factory=lambda: ["table"])
    outputs: list[str] = field(default_factory=list)


def default_lang(environ: dict[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    for key in ("REPORTLINT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def check_one(path: str, ruleset: Ruleset, options: Options) -> CheckResult:
    from checker.api import check

    return check(path, ruleset, lang=options.lang, agency_kind=options.agency_kind, previous=options.previous,
                 include_document="html" in options.formats)  # the review page redraws the tables


def check_all(paths: Sequence[str], ruleset: Ruleset, options: Options) -> list[CheckResult]:
    """Check every path; in a batch an unreadable file becomes a result with `error` set."""
    if len(paths) == 1:
        return [check_one(paths[0], ruleset, options)]
    results = []
    for path in paths:
        try:
            results.append(check_one(path, ruleset, options))
        except InputError as exc:
            results.append(CheckResult(source=path, error=str(exc)))
    return results


def exit_code(results: Sequence[CheckResult], fail_on: str, max_warnings: int | None = None) -> int:
    """0: nothing at or above the fail level; 1: something is. Unreadable batch inputs fail."""
    if any(r.error for r in results):
        return 1
    if max_warnings is not None and sum(r.count(Severity.WARNING) for r in results) > max_warnings:
        return 1
    if fail_on == "never":
        return 0
    threshold = Severity.parse(fail_on)
    worst = max((r.max_severity() or 0 for r in results), default=0)
    return 1 if worst and worst >= threshold else 0


def plan_outputs(formats: Sequence[str], outputs: Sequence[str]) -> list[tuple[str, str | None]]:
    """Pair formats with output files: files go to the last formats, the rest print."""
    if len(outputs) > len(formats):
        raise InputError("more --output files than --format options")
    first_file = len(formats) - len(outputs)
    return [(fmt, outputs[i - first_file] if i >= first_file else None) for i, fmt in enumerate(formats)]


def render(fmt: str, results: Sequence[CheckResult], ruleset: Ruleset, lang: str, color: bool = False,
           **options: Any) -> str:
    """Render with one formatter; ``options`` (e.g. ``baseline``) go to formatters that use them."""
    from checker import __version__
    from checker.formatters import get

    return get(fmt).render(results, ruleset.catalog(), lang=lang, tool_version=__version__, color=color, **options)


def is_folder(target: str) -> bool:
    """An --output that names a folder: ends with a slash or already is one."""
    return target.endswith(("/", os.sep)) or Path(target).is_dir()


def write_pages(folder: str, results: Sequence[CheckResult], ruleset: Ruleset, lang: str) -> None:
    """HTML for a batch: one page per report plus index.html, in ``folder`` (created if missing)."""
    from checker import __version__
    from checker.formatters import html
    from checker.output import write_atomic

    path = Path(folder)
    try:
        path.mkdir(exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create folder {folder}: {exc.strerror or exc}") from None
    for name, text in html.pages(results, ruleset.catalog(), lang=lang, tool_version=__version__).items():
        write_atomic(path / name, text)


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Files as given; folders walked and globs (``**`` too) matched for supported report files, in
    sorted order; ``@list.txt`` names one input a line (blank lines and ``#`` comments skipped)."""
    out: list[list[str]] = []
    for item in inputs:
        if item.startswith("@") and not Path(item).exists():
            out.extend(_expand_one(line) for line in _list_file(item[1:]))
        else:
            out.append(_expand_one(item))
    flat = [p for group in out for p in group]
    return list(dict.fromkeys(flat))  # a file named twice is checked once, where first named


def _expand_one(item: str) -> list[str]:
    from checker.readers import READERS

    path = Path(item)
    if path.is_dir():
        # os.walk and strings, not rglob and Paths: those peaked at ~5 MB in the parent for 10,000 reports
        files = [os.path.join(top, name) for top, _, names in os.walk(str(path)) for name in names
                 if os.path.splitext(name)[1].lower() in READERS and os.path.isfile(os.path.join(top, name))]
        if str(path) == ".":  # as Path(".") / name reads: "a.html", not "./a.html"
            files = [f[2:] for f in files]
        # the order Path sorting gives (part by part): a NUL separator sorts before any character
        return sorted(files, key=lambda f: f.replace(os.sep, "\0"))
    if not path.exists() and any(ch in item for ch in "*?["):
        import glob  # only for a pattern: a single file path (the cold check) does not need it

        matches = sorted(glob.glob(item, recursive=True))
        files = [m for m in matches if Path(m).is_file() and Path(m).suffix.lower() in READERS]
        return files or [item]  # nothing matched: the check says "no such file"
    return [item]


def _list_file(name: str) -> list[str]:
    try:
        lines = Path(name).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the input list: {getattr(exc, 'strerror', None) or exc}", name) from None
    return [s for s in (line.strip() for line in lines) if s and not s.startswith("#")]
