"""The library API: `check(path_or_report, ...) -> CheckResult`, a pure function of its inputs.

Everything it takes and returns pickles, so a process pool or a Dask bag can map it.
"""

from __future__ import annotations

import dataclasses
import os
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


def check(
    target: str | os.PathLike[str] | Report,
    ruleset: Ruleset | None = None,
    *,
    lang: str = "zh",
    agency_kind: str | None = None,
    previous: str | os.PathLike[str] | Report | None = None,
    include_document: bool = False,
) -> CheckResult:
    """Read (if given a path), bind and evaluate one report. Raises InputError for bad input.

    ``include_document=True`` keeps the bound parts and tables on the result (``document``), for
    formatters that redraw the report (HTML); off by default to keep batch results small.
    """
    from checker.engine import evaluate

    ruleset = ruleset or load_ruleset()
    report = target if isinstance(target, Report) else read_report(target)
    source = str(target) if not isinstance(target, Report) else (report.meta.source or "<report>")
    bound = bind_report(report, ruleset, source, agency_kind)
    previous_bound = None
    if previous is not None:
        previous_report = previous if isinstance(previous, Report) else read_report(previous)
        previous_source = str(previous) if not isinstance(previous, Report) else "<previous>"
        previous_bound = bind_report(previous_report, ruleset, previous_source)
    result = evaluate(bound, ruleset, lang=lang, previous=previous_bound)
    if include_document:
        from checker.describe import describe_document

        result = dataclasses.replace(result, document=describe_document(bound))
    return result


def source_name(path: str | os.PathLike[str]) -> str:
    return Path(path).as_posix()
