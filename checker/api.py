"""The library API: `check(path_or_report, ...) -> CheckResult`, a pure function of its inputs.

Everything it takes and returns pickles, so a process pool or a Dask bag can map it.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

from checker.bound import BoundReport
from checker.findings import CheckResult
from checker.model import Report
from checker.ruleset import Ruleset, load_ruleset


def read_report(path: str | os.PathLike[str]) -> Report:
    from checker.readers import read

    return read(path)


def bind_report(report: Report, ruleset: Ruleset, source: str = "", agency_kind: str | None = None) -> BoundReport:
    from checker.bind import bind, identities_for

    return bind(report, ruleset.structures, source=source, agency_kind=agency_kind,
                identities=identities_for(ruleset))


_RECENT = 4  # bound reports kept per process: a batch lists an agency's years next to each other
_recent: dict[tuple[str, int, int, str | None], tuple[Ruleset, BoundReport]] = {}


Reader = Callable[[str | os.PathLike[str]], Report]


def _bind_path(path: str | os.PathLike[str], ruleset: Ruleset, agency_kind: str | None,
               read: Reader = read_report) -> BoundReport:
    """Read and bind a file, reusing one of the last few bound: in a batch a report checked just now is
    the next report's previous year, and reading and binding it again was a third of the time. Keyed
    by path, size and modification time, so a changed file is read again."""
    try:
        stat = os.stat(path)
    except OSError:
        stat = None
    key = (str(path), stat.st_mtime_ns, stat.st_size, agency_kind) if stat else None
    hit = _recent.get(key) if key else None
    if hit is not None and hit[0] is ruleset:
        return hit[1]
    bound = bind_report(read(path), ruleset, str(path), agency_kind)
    if key:
        _recent[key] = (ruleset, bound)
        while len(_recent) > _RECENT:
            del _recent[next(iter(_recent))]
    return bound


def check(
    target: str | os.PathLike[str] | Report,
    ruleset: Ruleset | None = None,
    *,
    lang: str = "zh",
    agency_kind: str | None = None,
    previous: str | os.PathLike[str] | Report | None = None,
    include_document: bool = False,
    read: Reader = read_report,
) -> CheckResult:
    """Read (if given a path), bind and evaluate one report. Raises InputError for bad input.

    ``include_document=True`` keeps the bound parts and tables on the result (``document``), for
    formatters that redraw the report (HTML); off by default to keep batch results small.
    ``read`` turns a path into its report (`read_report`, or a batch's loader of the reports its
    previous-year pass kept: `checker.spill`).
    """
    from checker.engine import evaluate

    ruleset = ruleset or load_ruleset()
    if isinstance(target, Report):
        bound = bind_report(target, ruleset, target.meta.source or "<report>", agency_kind)
    else:
        bound = _bind_path(target, ruleset, agency_kind, read)
    previous_bound = None
    if isinstance(previous, Report):
        previous_bound = bind_report(previous, ruleset, "<previous>")
    elif previous is not None:
        previous_bound = _bind_path(previous, ruleset, None, read)
    result = evaluate(bound, ruleset, lang=lang, previous=previous_bound)
    if include_document:
        from checker.describe import describe_document

        result = dataclasses.replace(result, document=describe_document(bound))
    return result


def source_name(path: str | os.PathLike[str]) -> str:
    return Path(path).as_posix()
