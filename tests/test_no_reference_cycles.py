"""Checking a report leaves no reference cycles behind: everything it made is freed by reference
counting the moment the result is returned. An exception kept past its `except` (a rule not assessed, a
memoised scope) held the frames it passed through, and through them the bound report, in a cycle: ~500
objects a report that only the collector freed, and that every young collection walked in a batch."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from checker import api, batch, spill
from checker.errors import InputError
from checker.ruleset import load_ruleset
from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_file())
REPORTS = EXAMPLES + (sorted(p for p in CORPUS.iterdir() if p.is_file()) if CORPUS.is_dir() else [])


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


@contextmanager
def _collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _cycles_left(run: Callable[[], object]) -> int:
    """How many objects `run` leaves in unreachable cycles (after one warm-up run: a first run fills
    the process's memos, which live on)."""
    run()
    with _collector_off():
        run()
        return gc.collect()


def _check(path: Path, ruleset, **kwargs) -> Callable[[], object]:
    def run() -> object:
        try:
            return api.check(str(path), ruleset, **kwargs)
        except InputError:  # a PDF without the extra: the error path must not leak either
            return None
    return run


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_checking_a_report_leaves_no_cycles(path, ruleset):
    assert _cycles_left(_check(path, ruleset)) == 0
    assert _cycles_left(_check(path, ruleset, lang="en", previous=str(EXAMPLES[0]))) == 0


def test_the_examples_cover_rules_not_assessed(ruleset):
    # The cycles came from rules not assessed; the examples above must still have some.
    assert any(api.check(str(p), ruleset).not_assessed for p in EXAMPLES)


def test_a_batch_workers_chunk_leaves_no_cycles(ruleset):
    paths = [str(p) for p in EXAMPLES if p.suffix in {".txt", ".json", ".html", ".md"}]
    assert len(paths) >= 2
    with spill.folder(True) as kept:
        batch._init(ruleset, {"lang": "zh", "agency_kind": None}, (("csv", "zh", False),), True, kept)
        try:
            def run() -> object:
                tasks = list(batch.planned(paths, 1, None, True, kept, None))
                return batch._check_chunk(tasks)
            assert _cycles_left(run) == 0
        finally:
            batch._state.clear()
            gc.unfreeze()  # `_init` freezes what exists, as a worker starts: not this test process
            spill.close_all()
