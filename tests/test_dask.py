"""checker.dask on Dask's local schedulers: the same results as a plain batch, in order, errors kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker import batch
from checker.api import read_report
from checker.ruleset import load_ruleset

db = pytest.importorskip("dask.bag", reason="dask is in the [test] and [dask] extras")
import dask  # noqa: E402

from checker.dask import check_bag, check_pairs  # noqa: E402

SEED = Path(__file__).resolve().parent.parent / "examples" / "000_2606f0613b160dcc.txt"


@pytest.fixture(scope="module")
def paths(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("dask")
    out = []
    for i, year in enumerate((2023, 2024, 2024)):
        doc = read_report(SEED).to_dict()
        doc["meta"].update({"agency": f"乌恰县{'人民政府办公室' if i < 2 else '教育局'}", "year": year})
        path = folder / f"{i}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        out.append(str(path))
    (folder / "bad.json").write_text("{not json", encoding="utf-8")
    return [*out, str(folder / "bad.json")]


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_check_bag_matches_the_batch(paths, scheduler, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    bag = check_bag(db.from_sequence(paths, npartitions=2), lang="en")
    with dask.config.set(scheduler=scheduler, num_workers=2):
        got = bag.compute()
    expected = [r.to_dict() for r in batch.iter_results(paths, load_ruleset(), lang="en")]
    assert got == expected
    assert [r["source"] for r in got] == paths
    assert "malformed JSON at line 1" in got[-1]["error"] and not got[0].get("error")
    assert all(f["rule"] and "location" in f for f in got[1]["findings"])


def test_check_pairs_passes_last_years_report(paths, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    with dask.config.set(scheduler="synchronous"):
        got = check_pairs(paths, lang="en").compute()
    ruleset = load_ruleset()
    paired = next(batch.iter_results([paths[1]], ruleset, previous={paths[1]: paths[0]}, lang="en"))
    assert got[1] == paired.to_dict()
    assert got[2] == next(batch.iter_results([paths[2]], ruleset, lang="en")).to_dict()


def test_check_bag_rejects_unknown_options(paths):
    with pytest.raises(TypeError, match="colour"):
        check_bag(db.from_sequence(paths), colour=True)
