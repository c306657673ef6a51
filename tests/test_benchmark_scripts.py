"""The benchmark scripts still run against the code they measure (they are not part of the timed test
run, but a renamed function would otherwise only show when someone next needs the numbers)."""

from __future__ import annotations

import gc
import glob
import sys
import tempfile
from pathlib import Path

import pytest

from checker import batch, readers

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_batch  # noqa: E402
import bench_instructions  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gen")
    bench_batch.generate(3, folder)  # three years of one agency: the pairing pass pairs them
    return folder


def test_the_warm_instruction_driver_reads_each_report_once_and_leaves_nothing(generated, monkeypatch):
    reads: list[str] = []
    real = readers.read
    monkeypatch.setattr(readers, "read", lambda path, *a, **k: reads.append(str(path)) or real(path, *a, **k))
    before = set(glob.glob(str(Path(tempfile.gettempdir()) / "reportlint-*")))
    try:
        bench_instructions.passes(str(generated / "html"), 3, 2)
    finally:
        batch._state.clear()
        gc.unfreeze()  # the driver starts as a worker does, freezing what exists: not this test process
    # Two passes, each reading each report once (in the pairing pass; the checks load what it kept).
    assert sorted(reads) == sorted([str(p) for p in (generated / "html").iterdir()] * 2)
    assert set(glob.glob(str(Path(tempfile.gettempdir()) / "reportlint-*"))) == before
