"""Planning a batch: which report goes with last year's, and the chunks of work a process pool gets.

Cross-year rules need last year's report. Each report of year Y is paired with the first input of the
same agency for Y-1 (`checker.pairing`), so every input's key is needed before the first check. That
pass runs in the batch's pool before the checks. It reads each report in full and keeps it in a
temporary folder (`checker.spill`), so the check loads it instead of reading the file again; without a
folder it reads only the keys (without table cells where the format allows) and each check reads its
file. A task is (path, last year's path or None, where each was kept, NOT_KEPT when it was not).
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from typing import Any

from checker.pairing import Key, key_kept, pair_by_key, pairing_key, previous_indexes
from checker.spill import NOT_KEPT

Task = tuple[str, "str | None", int, int]

# Paths per task, guided self-scheduling: a quarter of each worker's share of what is left, at most 8
# (a pool round trip costs the parent ~1 ms of CPU: fewer, bigger chunks would save it ~0.1 ms a report,
# but chunks of 64 raised a worker's peak memory at 10k reports by ~4 MB, past the 10 % the batch keeps
# to), and shrinking to 2 at the end, so no worker idles while the other finishes a long last chunk.
MIN_CHUNK, MAX_CHUNK, SHARE = 2, 8, 4


def planned(paths: Sequence[str], jobs: int, previous: dict[str, str] | None, pair: bool, kept: str | None,
            pool: ProcessPoolExecutor | None) -> Iterator[Task]:
    """The checks' tasks: last year's report of each from `previous`, or, with `pair`, found by the
    pairing pass (in `pool`, or in this process), which keeps what it reads in `kept` when a folder."""
    if not pair:
        return _tasks(paths, previous or {})
    if kept is not None:
        return _plan_kept(paths, kept, pool, jobs)
    return _tasks(paths, plan_previous(paths) if pool is None else _plan_in(pool, paths, jobs))


def plan_previous(paths: Sequence[str], jobs: int = 1) -> dict[str, str]:
    """Pair every report with last year's report of the same agency among `paths`."""
    if jobs <= 1 or len(paths) < 2 * MIN_CHUNK * SHARE:
        return pair_by_key(paths, [pairing_key(p) for p in paths])
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return _plan_in(pool, paths, jobs)


def _plan_in(pool: ProcessPoolExecutor, paths: Sequence[str], jobs: int) -> dict[str, str]:
    # Chunks submitted as results come back, not all at once (pool.map): 10,000 paths queued as futures
    # and pickled arguments were a few MB of the parent's peak memory.
    keys: list[Key | None] = []
    for chunk_keys in bounded(pool, _keys_of, _slices(paths, jobs), in_flight=2 * jobs):
        keys.extend(chunk_keys)
    return pair_by_key(paths, keys)


def _keys_of(chunk: list[str]) -> list[Key | None]:
    return [pairing_key(path) for path in chunk]


def _keys_kept(kept: str, chunk: Sequence[str]) -> list[tuple[Key | None, int]]:
    """The chunk's keys, each report read in full and kept in `kept` for its check."""
    return [key_kept(path, kept) for path in chunk]


def _plan_kept(paths: Sequence[str], kept: str, pool: ProcessPoolExecutor | None, jobs: int) -> Iterator[Task]:
    """The checks' tasks after a pairing pass that keeps every report it reads (in `pool`, or here)."""
    keys: list[Key | None] = []
    where = array("q")
    if pool is None:
        done: Iterable[list[tuple[Key | None, int]]] = [_keys_kept(kept, paths)]
    else:
        done = bounded(pool, partial(_keys_kept, kept), _slices(paths, jobs), in_flight=2 * jobs)
    # Each key arrives as a new tuple, string and int; the parent holds them all until the pairs are
    # made, so an agency's name and a year are kept once (10,000 reports: the parent's peak ~0.6 MB lower).
    shared: dict[Any, Any] = {}
    for chunk in done:
        for key, location in chunk:
            if key is not None:
                key = (shared.setdefault(key[0], key[0]), shared.setdefault(key[1], key[1]))
            keys.append(key)
            where.append(location)
    del shared
    previous = previous_indexes(keys)
    del keys
    for i, path in enumerate(paths):
        j = previous[i]
        yield (path, paths[j], where[i], where[j]) if j >= 0 else (path, None, where[i], NOT_KEPT)


def _tasks(paths: Sequence[str], pairs: dict[str, str]) -> Iterator[Task]:
    for path in paths:
        yield path, pairs.get(path), NOT_KEPT, NOT_KEPT


def chunk_size(remaining: int, jobs: int) -> int:
    """How many of the `remaining` paths the next task takes (see MIN_CHUNK)."""
    return max(MIN_CHUNK, min(MAX_CHUNK, remaining // (jobs * SHARE)))


def _slices(paths: Sequence[str], jobs: int) -> Iterator[list[str]]:
    start = 0
    while start < len(paths):
        end = start + chunk_size(len(paths) - start, jobs)
        yield list(paths[start:end])
        start = end


def chunks(tasks: Iterable[Task], total: int, jobs: int) -> Iterator[list[Task]]:
    """The `total` tasks (path, last year's path, where each was kept) in chunks of `chunk_size`, made
    as they are submitted: no list of every task at once.

    A chunk is not cut between a report and the next one when the next one's previous year is that
    report (an agency's years listed one after another): the worker that just bound it reuses it
    (`api._bind_path`) instead of the other worker reading and binding it again. So a chunk may run
    up to twice its size.
    """
    chunk: list[Task] = []
    size = chunk_size(total, jobs)
    for done, task in enumerate(tasks):
        if len(chunk) >= size and (task[1] != chunk[-1][0] or len(chunk) >= 2 * size):
            yield chunk
            chunk = []
            size = chunk_size(total - done, jobs)
        chunk.append(task)
    if chunk:
        yield chunk


def bounded(pool: ProcessPoolExecutor, work: Callable[[Any], Any], pieces: Iterable[Any],
            in_flight: int) -> Iterator[Any]:
    """`work(piece)` in the pool with at most `in_flight` pieces pending; results oldest first."""
    pending: deque[Future[Any]] = deque()
    for chunk in pieces:
        pending.append(pool.submit(work, chunk))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
