"""Batch checking: many reports, a process pool, results in input order, memory flat in their number.

`iter_results` yields one `CheckResult` per path, in the order of `paths`, from up to `jobs` worker
processes (each loads nothing: it gets the ruleset once, via the pool initializer). At most
``2 × jobs`` chunks are in flight, so neither pending paths nor finished results pile up. An
unreadable (or crashing) file becomes a result with `error` set; it never stops the batch.

Cross-year rules need last year's report. `plan_previous` pairs each report of year Y with the
report of the same agency (normalised name; from the metadata, else the title) for year Y-1 among
the inputs. It costs one extra read of every input, so it runs only when the ruleset has an enabled
rule that needs the previous year.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

from checker.errors import InputError
from checker.findings import CheckResult
from checker.ruleset import Ruleset
from checker.run import Options

CHUNK = 8  # paths per task: amortises pickling/IPC (~0.3 ms) over reports that take a few ms each

_state: dict[str, object] = {}  # per worker process: the ruleset and options (set by _init)


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
        return CheckResult(source=path, error=str(exc))
    except RecursionError:
        return CheckResult(source=path, error=f"{path}: input nested too deeply")
    except Exception as exc:  # noqa: BLE001 - one broken file must not end a batch of thousands
        return CheckResult(source=path, error=f"{path}: internal error: {type(exc).__name__}: {exc}")


def pairing_key(path: str) -> tuple[str, int] | None:
    """(normalised agency, year) of a report, or None when it cannot be read or does not say."""
    from checker.api import read_report
    from checker.bind.meta import resolve_meta
    from checker.textnorm import norm

    try:
        report = read_report(path)
    except Exception:  # noqa: BLE001 - the check itself reports an unreadable file
        return None
    text = "\n".join(b.text.strip() for b in report.blocks if b.type != "table")
    meta = resolve_meta(report.meta, report.blocks, text)
    agency = norm(meta.agency or "").replace(" ", "")
    return (agency, meta.year) if agency and meta.year else None


def pair_by_key(paths: Sequence[str], keys: Sequence[tuple[str, int] | None]) -> dict[str, str]:
    """path → the first input of the same agency for the year before."""
    first: dict[tuple[str, int], str] = {}
    for path, key in zip(paths, keys):
        if key is not None:
            first.setdefault(key, path)
    return {path: first[(key[0], key[1] - 1)] for path, key in zip(paths, keys)
            if key is not None and (key[0], key[1] - 1) in first}


def needs_previous(ruleset: Ruleset) -> bool:
    return any(r.enabled and r.needs_previous for r in ruleset.rules)


def plan_previous(paths: Sequence[str], jobs: int = 1) -> dict[str, str]:
    """Pair every report with last year's report of the same agency among `paths`."""
    if jobs <= 1 or len(paths) < 2 * CHUNK:
        keys = [pairing_key(p) for p in paths]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            keys = list(pool.map(pairing_key, paths, chunksize=CHUNK))
    return pair_by_key(paths, keys)


def _init(ruleset: Ruleset, options: dict[str, object]) -> None:
    _state["ruleset"] = ruleset
    _state["options"] = options


def _check_chunk(tasks: list[tuple[str, str | None]]) -> list[CheckResult]:
    ruleset = _state["ruleset"]
    options = _state["options"]
    assert isinstance(ruleset, Ruleset) and isinstance(options, dict)
    return [check_path(path, ruleset, previous=prev, **options) for path, prev in tasks]


def _chunks(tasks: Sequence[tuple[str, str | None]], size: int) -> Iterator[list[tuple[str, str | None]]]:
    for start in range(0, len(tasks), size):
        yield list(tasks[start : start + size])


def iter_results(paths: Sequence[str], ruleset: Ruleset, *, jobs: int = 1, lang: str = "zh",
                 agency_kind: str | None = None, previous: dict[str, str] | None = None) -> Iterator[CheckResult]:
    """Check `paths` with `jobs` processes; results come in the order of `paths`, as they are ready."""
    options: dict[str, object] = {"lang": lang, "agency_kind": agency_kind}
    tasks = [(p, (previous or {}).get(p)) for p in paths]
    if jobs <= 1 or len(paths) <= 1:
        for path, prev in tasks:
            yield check_path(path, ruleset, previous=prev, **options)  # type: ignore[arg-type]
        return
    size = max(1, min(CHUNK, len(tasks) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(ruleset, options)) as pool:
        yield from _ordered(pool, _chunks(tasks, size), in_flight=2 * jobs)


def _ordered(pool: ProcessPoolExecutor, chunks: Iterable[list[tuple[str, str | None]]],
             in_flight: int) -> Iterator[CheckResult]:
    """Submit chunks keeping at most `in_flight` pending; yield their results oldest first."""
    pending: deque[Future[list[CheckResult]]] = deque()
    for chunk in chunks:
        pending.append(pool.submit(_check_chunk, chunk))
        if len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def show_progress(plan: Sequence[tuple[str, str | None]], environ: dict[str, str] | None = None) -> bool:
    """A bar on stderr only for a person at a terminal: never in pipes, CI logs, or over the table."""
    import sys

    env = os.environ if environ is None else environ
    prints = any(target is None for _, target in plan)
    return sys.stderr.isatty() and not env.get("CI") and not (prints and sys.stdout.isatty())


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Callable[[], None]]:
    if not enabled:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reportlint", total=total)
        yield lambda: bar.advance(task)


def run_batch(paths: Sequence[str], ruleset: Ruleset, options: Options, plan: Sequence[tuple[str, str | None]],
              *, jobs: int, color: bool = False, progress: bool = False) -> int:
    """Check `paths`, writing every planned format as results arrive; return the exit code."""
    import sys

    from checker.batch_output import AtomicFile, Sink, Summary

    catalog = ruleset.catalog()
    files: list[AtomicFile] = []
    sinks: list[Sink] = []
    try:
        for fmt, target in plan:
            if target is None:
                sinks.append(Sink(fmt, sys.stdout, catalog, options.lang, color))
            else:
                files.append(AtomicFile(target))
                sinks.append(Sink(fmt, files[-1].handle, catalog, options.lang, False))
        if options.previous is not None:
            pairs = {p: options.previous for p in paths}
        else:
            pairs = plan_previous(paths, jobs) if needs_previous(ruleset) else {}
        summary = Summary()
        results = iter_results(paths, ruleset, jobs=jobs, lang=options.lang, agency_kind=options.agency_kind,
                               previous=pairs)
        with _progress(len(paths), progress) as advance:
            for result in results:
                summary.add(result)
                for sink in sinks:
                    sink.add(result)
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
    _github_step_summary(sinks, catalog, options.lang)
    return summary.exit_code(options.fail_on, options.max_warnings)


def _github_step_summary(sinks: Sequence[object], catalog: dict, lang: str) -> None:
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    github = next((s for s in sinks if getattr(s, "fmt", None) == "github"), None)
    if summary_file and github is not None:
        from checker.formatters.github import step_summary

        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(step_summary(github.collected or [], catalog, lang))
