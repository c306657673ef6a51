"""A batch keeps the reports its pairing pass reads (checker.spill) and its checks load them: the loaded
report is the read one field for field (corpus, generated reports, hypothesis-made reports), a changed or
broken record is never used, each file is read once, and the output is what reading twice gave."""

from __future__ import annotations

import marshal
import os
import stat
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker import api, batch, spill
from checker.model import Block, Cell, Meta, Report
from checker.ruleset import load_ruleset
from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_batch  # noqa: E402 - the benchmark's own report generator


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gen")
    bench_batch.generate(9, folder)
    return folder


def _kept_and_loaded(path: str, folder: str) -> tuple[Report, Report | None]:
    report = api.read_report(path)
    return report, spill.load(folder, spill.keep(folder, report, os.stat(path)), path)


def test_a_kept_report_loads_as_read_on_the_corpus_and_generated_reports(generated):
    files = [str(p) for p in sorted(CORPUS.glob("*.*")) if p.suffix != ".pdf"] if CORPUS.is_dir() else []
    files += [str(p) for kind in ("html", "json", "docx") for p in sorted((generated / kind).iterdir())]
    with spill.folder(True) as folder:
        assert folder is not None
        for path in files:
            try:
                report, loaded = _kept_and_loaded(path, folder)
            except Exception:  # noqa: BLE001 - an unreadable corpus file is never kept
                continue
            assert loaded == report, path
            assert [type(b) for b in loaded.blocks] == [Block] * len(report.blocks)


_cells = st.builds(Cell, st.text(max_size=4), st.integers(1, 3), st.integers(1, 3),
                   st.none() | st.integers(1, 900), st.none() | st.integers(1, 40))
_blocks = st.builds(Block, st.sampled_from(["heading", "paragraph", "table"]), st.text(max_size=8),
                    st.lists(st.lists(_cells, max_size=4).map(tuple), max_size=3).map(tuple),
                    st.none() | st.integers(1, 6), st.none() | st.integers(1, 900), st.none() | st.integers(1, 40))
_metas = st.builds(Meta, st.none() | st.text(max_size=6), st.none() | st.text(max_size=6), st.none() | st.integers(2000, 2030),
                   st.none() | st.just("2024-01-31"), st.none() | st.sampled_from(["department", "township"]),
                   st.none() | st.text(max_size=6), st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2))


@given(_metas, st.lists(_blocks, max_size=6), st.sampled_from(["html", "docx", "json"]),
       st.lists(st.text(max_size=5), max_size=2).map(tuple), st.lists(st.integers(0, 5), max_size=3))
def test_tuples_give_back_the_report_and_which_blocks_are_one_object(meta, blocks, reader, notes, repeats):
    blocks += [blocks[i] for i in repeats if i < len(blocks)]  # the same block object listed again
    report = Report(meta, tuple(blocks), reader, notes)
    loaded = spill.from_tuples(marshal.loads(marshal.dumps(spill.to_tuples(report))))
    assert loaded == report
    same = [[a is b for b in report.blocks] for a in report.blocks]
    assert [[a is b for b in loaded.blocks] for a in loaded.blocks] == same


@given(st.lists(st.lists(_cells, max_size=4).map(tuple), max_size=4), st.lists(st.integers(0, 15), max_size=6))
def test_equal_cells_load_as_one_object_and_each_cell_is_kept_once(rows, repeats):
    """The cells go to disk once each (a table of distinct cells, rows of positions in it), and the load
    gives every equal cell as one object, whichever object (or equal copy) the report held."""
    cells = [c for row in rows for c in row]
    rows.append(tuple(cells[i] for i in repeats if i < len(cells)))  # the same cell objects again
    rows.append(tuple(Cell(c.text, c.rowspan, c.colspan, c.line, c.page) for c in cells[:3]))  # equal copies
    report = Report(Meta(), (Block("table", rows=tuple(rows)), Block("table", rows=tuple(rows[:2]))))
    flat = spill.to_tuples(report)
    assert len(flat[2]) == len(set(cells))
    loaded = spill.from_tuples(marshal.loads(marshal.dumps(flat)))
    assert loaded == report
    by_value: dict[Cell, Cell] = {}
    for cell in (c for block in loaded.blocks for row in block.rows for c in row):
        assert by_value.setdefault(cell, cell) is cell


def test_a_record_is_not_used_once_its_file_changed_or_when_it_is_broken(tmp_path):
    page = tmp_path / "r.txt"
    page.write_text("某县2024年政府信息公开工作年度报告\n一、总体情况\n正文。\n", encoding="utf-8")
    with spill.folder(True) as folder:
        report, loaded = _kept_and_loaded(str(page), folder)
        assert loaded == report
        where = spill.keep(folder, report, os.stat(page))
        assert spill.load(folder, spill.NOT_KEPT, str(page)) is None
        assert spill.load(folder, where + 1, str(page)) is None  # not where a record starts
        assert spill.load(folder, (1 << spill.OFFSET_BITS) | 0, str(page)) is None  # no such process's file
        os.utime(page, ns=(1, 1))
        assert spill.load(folder, where, str(page)) is None
    assert not Path(folder).exists()


def _refuse(**_):
    raise OSError("read-only file system")


def test_no_folder_means_nothing_is_kept(monkeypatch):
    monkeypatch.setattr(tempfile, "mkdtemp", _refuse)
    with spill.folder(True) as folder:
        assert folder is None
    with spill.folder(False) as folder:
        assert folder is None


def _paths(generated: Path) -> list[str]:
    return sorted(str(p) for p in (generated / "html").iterdir())


def test_a_batch_reads_each_file_once_and_checks_as_reading_twice_did(generated, monkeypatch):
    from checker import readers

    ruleset = load_ruleset()
    paths = _paths(generated)
    assert batch.plan_previous(paths)  # some reports have last year's among the inputs
    expected = list(batch.iter_results(paths, ruleset, lang="en", previous=batch.plan_previous(paths)))
    reads = []
    real_read = readers.read

    def counted(path, data=None):
        reads.append(str(path))
        return real_read(path, data)

    monkeypatch.setattr(readers, "read", counted)
    got = [result for result, _ in batch.iter_checked(paths, ruleset, lang="en", pair=True)]
    assert got == expected
    assert sorted(reads) == paths


def test_a_batch_without_a_folder_pairs_as_before(generated, monkeypatch, tmp_path):
    ruleset = load_ruleset()
    paths = _paths(generated)
    outputs = {}
    for label in ("kept", "not kept"):
        if label == "not kept":
            monkeypatch.setattr(tempfile, "mkdtemp", _refuse)
        plan = [("csv", str(tmp_path / f"{label}.csv"))]
        for jobs in (1, 2):
            batch.run_batch(paths, ruleset, batch.Options(lang="en"), plan, jobs=jobs)
            outputs[label, jobs] = Path(plan[0][1]).read_text(encoding="utf-8")
    assert len(set(outputs.values())) == 1 and outputs["kept", 1].count("\n") > len(paths)


def test_the_folder_goes_when_a_batch_is_abandoned(generated, monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    results = batch.iter_checked(_paths(generated), load_ruleset(), lang="en", pair=True)
    next(results)
    made = [name for name in os.listdir(tmp_path) if name.startswith("reportlint-")]
    assert len(made) == 1 and os.listdir(tmp_path / made[0])  # the process's file of kept reports
    assert stat.S_IMODE(os.stat(tmp_path / made[0]).st_mode) == 0o700  # only its owner may look in
    assert all(stat.S_IMODE(os.stat(tmp_path / made[0] / name).st_mode) & 0o077 == 0
               for name in os.listdir(tmp_path / made[0]))
    results.close()
    assert not os.listdir(tmp_path)
