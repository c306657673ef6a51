"""Batch checking: many reports, a process pool, results in input order, memory flat in their number.

`iter_checked` yields one `CheckResult` per path, in the order of `paths`, from up to `jobs` worker
processes (each loads nothing: it gets the ruleset once, via the pool initializer). At most
``2 × jobs`` chunks are in flight, so neither pending paths nor finished results pile up. An
unreadable (or crashing) file becomes a result with `error` set; it never stops the batch. Workers
also render each result's text for the streaming output formats (`batch_output.Piece`), so the
parent only counts and writes.

Cross-year rules need last year's report: when the ruleset has an enabled rule that does, a pairing
pass runs in the same pool before the checks (`checker.batch_plan`), and keeps each report it reads
for its check to load (`checker.spill`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from typing import TYPE_CHECKING, Any

from checker import spill
from checker.errors import InputError, localize
from checker.findings import CheckResult
from checker.formatters._tally import Tally
from checker.batch_plan import (MAX_CHUNK, MIN_CHUNK, SHARE, Task, bounded, chunk_size, chunks,  # noqa: F401 - re-exported
                                plan_previous, planned)
from checker.pairing import pair_by_key, pairing_key  # noqa: F401 - re-exported
from checker.ruleset import Ruleset
from checker.run import Options

if TYPE_CHECKING:
    from checker.api import Reader

__all__ = ["check_path", "default_jobs", "iter_checked", "iter_results", "needs_previous", "pair_by_key",
           "pairing_key", "plan_previous", "run_batch", "show_progress"]

# Freed lxml trees and strings stay in glibc's heap; handing free pages back every so many reports
# (malloc_trim, ~0.1 ms) keeps a worker ~1 MB lower and flat (in-process, 1000 HTML reports: 33.2 ->
# 33.8 MB with it, 34.3 -> 34.6 MB without; its Python objects, memos included, stay near 2 MB).
TRIM_EVERY = 64

_state: dict[str, object] = {}  # per worker process: the ruleset, options and renderers (set by _init)

Rendered = tuple["CheckResult | Tally", "tuple[str, ...] | None"]


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def check_path(path: str, ruleset: Ruleset, *, lang: str = "zh", agency_kind: str | None = None,
               previous: str | None = None, read: Reader | None = None) -> CheckResult:
    """Check one file; in a batch every failure is a result (`error` set), never an exception.
    ``read``: how a path becomes its report (default: read the file; `spill.reader`)."""
    from checker.api import check, read_report

    try:
        return check(path, ruleset, lang=lang, agency_kind=agency_kind, previous=previous,
                     read=read or read_report)
    except InputError as exc:
        return CheckResult(source=path, error=localize(exc, lang))
    except RecursionError:
        return CheckResult(source=path, error=localize(InputError("input nested too deeply", path), lang))
    except Exception as exc:  # noqa: BLE001 - one broken file must not end a batch of thousands
        return CheckResult(source=path, error=f"{path}: internal error: {type(exc).__name__}: {exc}")


def needs_previous(ruleset: Ruleset) -> bool:
    return any(r.enabled and r.needs_previous for r in ruleset.rules)


def _init(ruleset: Ruleset, options: dict[str, object], specs: Sequence[tuple[str, str, bool]],
          tallies: bool = False, kept: str | None = None) -> None:
    from checker.batch_output import Piece

    _state["ruleset"] = ruleset
    _state["options"] = options
    _state["tallies"] = tallies
    _state["pieces"] = [Piece(fmt, ruleset.catalog(), lang, color) for fmt, lang, color in specs]
    _state["done"] = 0
    _state["kept"] = kept
    # The ruleset and the modules live as long as the worker: out of the collector's sight, its full
    # collections no longer walk them (in-process, 300 generated HTML reports: time in the collector ~0.55 -> ~0.44 ms a report).
    import gc

    gc.freeze()


def _check_chunk(tasks: list[Task]) -> list[Rendered]:
    ruleset, options, pieces, kept = _state["ruleset"], _state["options"], _state["pieces"], _state.get("kept")
    assert isinstance(ruleset, Ruleset) and isinstance(options, dict) and isinstance(pieces, list)
    out: list[Rendered] = []
    for task in tasks:
        result = _check_task(task, ruleset, options, kept)  # type: ignore[arg-type]
        rendered = tuple(piece(result) for piece in pieces) if pieces else None
        out.append((Tally.of(result) if _state["tallies"] else result, rendered))
    done = int(_state["done"])  # type: ignore[call-overload]
    _state["done"] = done + len(tasks)
    if (done + len(tasks)) // TRIM_EVERY > done // TRIM_EVERY:
        _release_free_memory()
    return out


def _release_free_memory() -> None:
    """glibc's malloc_trim(0); nothing elsewhere (macOS, musl)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """libc's malloc_trim among the symbols already loaded, looked up once (a CDLL is a small reference cycle)."""
    import ctypes

    try:
        return ctypes.CDLL(None).malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


def _check_task(task: Task, ruleset: Ruleset, options: dict[str, Any], kept: str | None) -> CheckResult:
    path, previous, where, where_previous = task
    read = spill.reader(kept, {path: where, previous: where_previous}) if kept else None
    return check_path(path, ruleset, previous=previous, read=read, **options)


def iter_results(paths: Sequence[str], ruleset: Ruleset, *, jobs: int = 1, lang: str = "zh",
                 agency_kind: str | None = None, previous: dict[str, str] | None = None) -> Iterator[CheckResult]:
    """Check `paths` with `jobs` processes; results come in the order of `paths`, as they are ready."""
    for result, _pieces in iter_checked(paths, ruleset, jobs=jobs, lang=lang, agency_kind=agency_kind,
                                        previous=previous):
        assert isinstance(result, CheckResult)  # tallies only when asked for
        yield result


def iter_checked(paths: Sequence[str], ruleset: Ruleset, *, jobs: int = 1, lang: str = "zh",
                 agency_kind: str | None = None, previous: dict[str, str] | None = None, pair: bool = False,
                 specs: Sequence[tuple[str, str, bool]] = (), tallies: bool = False) -> Iterator[Rendered]:
    """(result, its text per `specs` format, or None when checked in this process), in input order.

    ``pair=True``: first pair each report with last year's (`plan_previous`), in the same pool.
    ``tallies=True`` (the caller needs nothing but the pieces and the summary): a worker sends each
    result's `Tally` instead of the result; in this process results are whole (no pieces are made).
    """
    options: dict[str, object] = {"lang": lang, "agency_kind": agency_kind}
    pair = pair and len(paths) > 1  # one report has no other to pair with
    if jobs <= 1 or len(paths) <= 1:
        with spill.folder(pair) as kept:
            for task in planned(paths, jobs, previous, pair, kept, None):
                yield _check_task(task, ruleset, options, kept), None
        return
    _preload(paths[0], ruleset, options)
    with spill.folder(pair) as kept, ProcessPoolExecutor(
            max_workers=jobs, initializer=_init,
            initargs=(ruleset, options, tuple(specs), tallies and bool(specs), kept)) as pool:
        tasks = planned(paths, jobs, previous, pair, kept, pool)
        yield from _ordered(pool, chunks(tasks, len(paths), jobs), in_flight=2 * jobs)


def _preload(path: str, ruleset: Ruleset, options: dict[str, object]) -> None:
    """Check the first report here before the workers fork: each of them would otherwise import the
    readers, binder, engine and kinds (~45 modules, lxml among them: ~0.1 s each, more from a source
    tree) and warm its label memos on its own; forked, they share the parent's."""
    check_path(path, ruleset, **options)  # type: ignore[arg-type]


def _ordered(pool: ProcessPoolExecutor, tasks: Iterable[list[Task]], in_flight: int) -> Iterator[Rendered]:
    """Check chunks of tasks keeping at most `in_flight` pending; yield their results oldest first."""
    for rendered in bounded(pool, _check_chunk, tasks, in_flight):
        yield from rendered


def show_progress(plan: Sequence[tuple[str, str | None]], environ: dict[str, str] | None = None) -> bool:
    """A bar on stderr only for a person at a terminal: never in pipes, CI logs, or over the table."""
    import sys

    env = os.environ if environ is None else environ
    prints = any(target is None for _, target in plan)
    return sys.stderr.isatty() and not env.get("CI") and not (prints and sys.stdout.isatty())


def run_batch(paths: Sequence[str], ruleset: Ruleset, options: Options, plan: Sequence[tuple[str, str | None]],
              *, jobs: int, color: bool = False, progress: bool = False) -> int:
    """Check `paths`, writing every planned format as results arrive; return the exit code."""
    import sys

    from checker.batch_output import Sink, Summary, github_step_summary, progress_bar
    from checker.output import AtomicFile

    catalog = ruleset.catalog()
    files: list[AtomicFile] = []
    sinks: list[Sink] = []
    try:
        for fmt, target in plan:
            if target is None:
                sinks.append(Sink(fmt, sys.stdout, catalog, options.lang, color))
            else:
                files.append(AtomicFile(target))
                sinks.append(Sink(fmt, files[-1].handle, catalog, options.lang, False, flush_each=False))
        fixed = {p: options.previous for p in paths} if options.previous is not None else None
        specs = list(dict.fromkeys(sink.spec for sink in sinks if sink.spec is not None))
        slots = [specs.index(sink.spec) if sink.spec is not None else None for sink in sinks]  # piece per sink
        summary = Summary()
        results = iter_checked(paths, ruleset, jobs=jobs, lang=options.lang, agency_kind=options.agency_kind,
                               previous=fixed, pair=fixed is None and needs_previous(ruleset),
                               specs=specs, tallies=all(sink.spec is not None for sink in sinks))
        with progress_bar(len(paths), progress) as advance:
            for result, pieces in results:
                summary.add(result)
                for sink, slot in zip(sinks, slots):
                    sink.add(result, pieces[slot] if pieces and slot is not None else None)
                advance()
        for sink in sinks:
            sink.close(summary)
        for file in files:
            file.commit()
    except BrokenPipeError:  # `reportlint check DIR | head`: the reader has seen enough
        for file in files:
            file.discard()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush stays quiet
        return 1
    except BaseException:
        for file in files:
            file.discard()
        raise
    github_step_summary(sinks, catalog, options.lang)
    return summary.exit_code(options.fail_on, options.max_warnings)
