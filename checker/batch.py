"""Batch checking: many reports, a process pool, results in input order, memory flat in their number.

`iter_checked` yields one `CheckResult` per path, in the order of `paths`, from up to `jobs` worker
processes (each loads nothing: it gets the ruleset once, via the pool initializer). At most
``2 × jobs`` chunks are in flight, so neither pending paths nor finished results pile up. An
unreadable (or crashing) file becomes a result with `error` set; it never stops the batch. Workers
also render each result's text for the streaming output formats (`batch_output.Piece`), so the
parent only counts and writes.

Cross-year rules need last year's report. Each report of year Y is paired with the first input of
the same agency for Y-1 (`checker.pairing`: normalised agency and year from the metadata, else the
title, read without table cells where the format allows). That pass runs, in the same pool, before
the checks, and only when the ruleset has an enabled rule that needs the previous year.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any
from concurrent.futures import Future, ProcessPoolExecutor

from checker.errors import InputError, localize
from checker.findings import CheckResult
from checker.formatters._tally import Tally
from checker.pairing import pair_by_key, pairing_key
from checker.ruleset import Ruleset
from checker.run import Options

__all__ = ["check_path", "default_jobs", "iter_checked", "iter_results", "needs_previous", "pair_by_key",
           "pairing_key", "plan_previous", "run_batch", "show_progress"]

# Paths per task, guided self-scheduling: a quarter of each worker's share of what is left, at most 8
# (a pool round trip costs the parent ~1 ms of CPU: fewer, bigger chunks would save it ~0.1 ms a report,
# but chunks of 64 raised a worker's peak memory at 10k reports by ~4 MB, past the 10 % the batch keeps
# to), and shrinking to 2 at the end, so no worker idles while the other finishes a long last chunk.
MIN_CHUNK, MAX_CHUNK, SHARE = 2, 8, 4
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
               previous: str | None = None) -> CheckResult:
    """Check one file; in a batch every failure is a result (`error` set), never an exception."""
    from checker.api import check

    try:
        return check(path, ruleset, lang=lang, agency_kind=agency_kind, previous=previous)
    except InputError as exc:
        return CheckResult(source=path, error=localize(exc, lang))
    except RecursionError:
        return CheckResult(source=path, error=localize(InputError("input nested too deeply", path), lang))
    except Exception as exc:  # noqa: BLE001 - one broken file must not end a batch of thousands
        return CheckResult(source=path, error=f"{path}: internal error: {type(exc).__name__}: {exc}")


def needs_previous(ruleset: Ruleset) -> bool:
    return any(r.enabled and r.needs_previous for r in ruleset.rules)


def plan_previous(paths: Sequence[str], jobs: int = 1) -> dict[str, str]:
    """Pair every report with last year's report of the same agency among `paths`."""
    if jobs <= 1 or len(paths) < 2 * MIN_CHUNK * SHARE:
        return pair_by_key(paths, [pairing_key(p) for p in paths])
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return _plan_in(pool, paths, jobs)


def _plan_in(pool: ProcessPoolExecutor, paths: Sequence[str], jobs: int) -> dict[str, str]:
    # Chunks submitted as results come back, not all at once (pool.map): 10,000 paths queued as futures
    # and pickled arguments were a few MB of the parent's peak memory.
    keys: list[tuple[str, int] | None] = []
    for chunk_keys in _bounded(pool, _keys_of, _slices(paths, jobs), in_flight=2 * jobs):
        keys.extend(chunk_keys)
    return pair_by_key(paths, keys)


def _keys_of(chunk: list[str]) -> list[tuple[str, int] | None]:
    return [pairing_key(path) for path in chunk]


def _init(ruleset: Ruleset, options: dict[str, object], specs: Sequence[tuple[str, str, bool]],
          tallies: bool = False) -> None:
    from checker.batch_output import Piece

    _state["ruleset"] = ruleset
    _state["options"] = options
    _state["tallies"] = tallies
    _state["pieces"] = [Piece(fmt, ruleset.catalog(), lang, color) for fmt, lang, color in specs]
    _state["done"] = 0
    # The ruleset and the modules live as long as the worker: out of the collector's sight, its full
    # collections no longer walk them (in-process, 300 generated HTML reports: time in the collector ~0.55 -> ~0.44 ms a report).
    import gc

    gc.freeze()


def _check_chunk(tasks: list[tuple[str, str | None]]) -> list[Rendered]:
    ruleset, options, pieces = _state["ruleset"], _state["options"], _state["pieces"]
    assert isinstance(ruleset, Ruleset) and isinstance(options, dict) and isinstance(pieces, list)
    out: list[Rendered] = []
    for path, prev in tasks:
        result = check_path(path, ruleset, previous=prev, **options)
        rendered = tuple(piece(result) for piece in pieces) if pieces else None
        out.append((Tally.of(result) if _state["tallies"] else result, rendered))
    done = int(_state["done"])  # type: ignore[call-overload]
    _state["done"] = done + len(tasks)
    if (done + len(tasks)) // TRIM_EVERY > done // TRIM_EVERY:
        _release_free_memory()
    return out


def _release_free_memory() -> None:
    """glibc's malloc_trim(0); nothing elsewhere (macOS, musl)."""
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)  # the symbols already loaded: libc's included
    except (OSError, AttributeError):
        pass


def chunk_size(remaining: int, jobs: int) -> int:
    """How many of the `remaining` paths the next task takes (see MIN_CHUNK)."""
    return max(MIN_CHUNK, min(MAX_CHUNK, remaining // (jobs * SHARE)))


def _slices(paths: Sequence[str], jobs: int) -> Iterator[list[str]]:
    start = 0
    while start < len(paths):
        end = start + chunk_size(len(paths) - start, jobs)
        yield list(paths[start:end])
        start = end


def _chunks(paths: Sequence[str], pairs: dict[str, str], jobs: int) -> Iterator[list[tuple[str, str | None]]]:
    """(path, last year's path) in chunks of `chunk_size`, made as they are submitted: no list of
    every task at once.

    A chunk is not cut between a report and the next one when the next one's previous year is that
    report (an agency's years listed one after another): the worker that just bound it reuses it
    (`api._bind_path`) instead of the other worker reading and binding it again. So a chunk may run
    up to twice its size.
    """
    chunk: list[tuple[str, str | None]] = []
    size = chunk_size(len(paths), jobs)
    for done, path in enumerate(paths):
        previous = pairs.get(path)
        if len(chunk) >= size and (previous != chunk[-1][0] or len(chunk) >= 2 * size):
            yield chunk
            chunk = []
            size = chunk_size(len(paths) - done, jobs)
        chunk.append((path, previous))
    if chunk:
        yield chunk


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
    if jobs <= 1 or len(paths) <= 1:
        pairs = plan_previous(paths) if pair else previous or {}
        for path in paths:
            yield check_path(path, ruleset, previous=pairs.get(path), **options), None  # type: ignore[arg-type]
        return
    _preload(paths[0], ruleset, options)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(ruleset, options, tuple(specs), tallies and bool(specs))) as pool:
        pairs = _plan_in(pool, paths, jobs) if pair else previous or {}
        yield from _ordered(pool, _chunks(paths, pairs, jobs), in_flight=2 * jobs)


def _preload(path: str, ruleset: Ruleset, options: dict[str, object]) -> None:
    """Check the first report here before the workers fork: each of them would otherwise import the
    readers, binder, engine and kinds (~45 modules, lxml among them: ~0.1 s each, more from a source
    tree) and warm its label memos on its own; forked, they share the parent's."""
    check_path(path, ruleset, **options)  # type: ignore[arg-type]


def _ordered(pool: ProcessPoolExecutor, chunks: Iterable[list[tuple[str, str | None]]],
             in_flight: int) -> Iterator[Rendered]:
    """Check chunks keeping at most `in_flight` pending; yield their results oldest first."""
    for rendered in _bounded(pool, _check_chunk, chunks, in_flight):
        yield from rendered


def _bounded(pool: ProcessPoolExecutor, work: Callable[[Any], Any], chunks: Iterable[Any],
             in_flight: int) -> Iterator[Any]:
    """`work(chunk)` in the pool with at most `in_flight` chunks pending; results oldest first."""
    pending: deque[Future[Any]] = deque()
    for chunk in chunks:
        pending.append(pool.submit(work, chunk))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


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
