"""The previous-year key read without table cells is exactly the key of the full read (corpus, generated
reports, hypothesis-made pages), as is the key of a batch's pairing pass, which keeps the full read for the
check; and a batch renders streamed output in its workers as the parent would."""

from __future__ import annotations

import io
import json
import sys
from html import escape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import batch, pairing, spill
from checker.api import read_report
from checker.batch_output import Sink, Summary
from checker.ruleset import load_ruleset
from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "000_2606f0613b160dcc.txt"
sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_batch  # noqa: E402 - the benchmark's own report generator


def _outside_tables(report):
    return [(b.type, b.text, b.level) if b.type != "table" else "table" for b in report.blocks]


def _key_from_the_whole_text(report):
    """The key as resolve_meta gives it from all of the report (what `key_of` shortcuts)."""
    from checker.bind.meta import resolve_meta
    from checker.textnorm import norm

    text = "\n".join(b.text.strip() for b in report.blocks if b.type != "table")
    meta = resolve_meta(report.meta, report.blocks, text)
    agency = norm(meta.agency or "").replace(" ", "")
    return (agency, meta.year) if agency and meta.year else None


def _agrees(path: Path) -> bool:
    """The fast read, when it answers, has the full read's meta and non-table blocks; keys are equal."""
    try:
        full = read_report(path)
    except Exception:  # noqa: BLE001 - an unreadable file has no key either way
        full = None
    head = pairing.head_report(path) if full is not None else None
    if full is not None:
        assert pairing.key_of(full) == _key_from_the_whole_text(full), path
    if head is not None:
        assert head.meta == full.meta, path
        assert _outside_tables(head) == _outside_tables(full), path
        if path.suffix == ".html":  # the pairing read's first try: the first blocks only
            start = pairing.read_head(path.read_bytes(), str(path), limit=pairing.KEY_BLOCKS)
            assert start.meta == full.meta and start.blocks == head.blocks[:pairing.KEY_BLOCKS], path
    assert pairing.pairing_key(str(path)) == (pairing.key_of(full) if full else None), path
    with spill.folder(True) as kept:  # a batch's pairing pass: a full read, kept for the check
        key, where = pairing.key_kept(str(path), kept)
        assert key == pairing.pairing_key(str(path)), path
        assert spill.load(kept, where, str(path)) == full if full is not None else where == spill.NOT_KEPT
    return head is not None


def test_fast_key_equals_full_key_on_the_corpus():
    files = sorted(p for p in CORPUS.glob("*.*") if p.suffix != ".pdf") if CORPUS.is_dir() else []
    if not files:
        pytest.skip("corpus not present")
    fast = [p.name for p in files if _agrees(p)]
    assert sum(name.endswith(".html") for name in fast) == sum(p.suffix == ".html" for p in files)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gen")
    bench_batch.generate(12, folder)
    return folder


def test_fast_key_equals_full_key_on_generated_reports(generated):
    for kind in ("html", "json", "docx"):
        for path in sorted((generated / kind).iterdir()):
            fast = _agrees(path)
            assert fast == (kind != "docx")  # DOCX numbering runs through tables: always the full read
    keys = [pairing.pairing_key(str(p)) for p in sorted((generated / "html").iterdir())]
    assert {key[0] for key in keys[:3]} == {"样例00000县人民政府办公室"} and keys[3][0] == "样例00001县人民政府办公室"


_TEXT = st.text(st.sampled_from(list("年度报告工作政府信息公开局县市区2019202012345：: 索引号发布机构时间来源")), max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_TEXT, heading=_TEXT, first=_TEXT, cells=st.lists(_TEXT, min_size=1, max_size=4),
       meta=st.sampled_from(["", '<meta name="ArticleTitle" content="{}">', '<meta name="ContentSource" content="{}">']),
       table_first=st.booleans(), byline=st.booleans())
def test_fast_key_equals_full_key_on_made_pages(tmp_path, title, heading, first, cells, meta, table_first, byline):
    row = "".join(f"<td>{escape(c)}</td>" for c in cells)
    table = f"<table><tr>{row}</tr><tr>{row}</tr></table>"
    lines = f"<div>发布机构：{escape(first)}</div>" if byline else ""
    body = f"<h1>{escape(heading)}</h1>{lines}<p>{escape(first)}</p>"
    body = table + body if table_first else body + table
    head = meta.format(escape(title)) + f"<title>{escape(title)}</title>"
    page = tmp_path / "page.html"
    page.write_text(f"<html><head>{head}</head><body><div>{body}<p>2020年1月1日至12月31日</p></div></body></html>",
                    encoding="utf-8")
    assert _agrees(page)


def test_unreadable_and_oversized_pages_fall_back_to_the_full_read(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert pairing.pairing_key(str(broken)) is None
    big = tmp_path / "big.html"
    cells = "<td>1</td>" * (pairing.HEAD_MAX_ELEMENTS + 10)
    big.write_text(f"<html><head><title>某县2024年政府信息公开工作年度报告</title></head><body><table><tr>{cells}"
                   "</tr></table></body></html>", encoding="utf-8")
    assert pairing.head_report(big) is None
    assert pairing.pairing_key(str(big)) == ("某县", 2024)


def test_a_two_job_batch_writes_what_one_job_writes(generated, tmp_path):
    """Workers render the streamed formats; the files are the parent's rendering byte for byte."""
    ruleset = load_ruleset()
    paths = sorted(str(p) for p in (generated / "html").iterdir())
    outputs = {}
    for jobs in (1, 2):
        plan = [(fmt, str(tmp_path / f"{jobs}.{fmt}")) for fmt in ("csv", "table", "json", "sarif")]
        batch.run_batch(paths, ruleset, batch.Options(lang="en"), plan, jobs=jobs)
        outputs[jobs] = {fmt: Path(target).read_text(encoding="utf-8") for fmt, target in plan}
    assert outputs[1] == outputs[2]
    results = json.loads(outputs[2]["json"])["results"]
    assert [r["source"] for r in results] == paths
    out, summary = io.StringIO(), Summary()
    sink = Sink("table", out, ruleset.catalog(), "en", False)
    for result in batch.iter_results(paths, ruleset, lang="en", previous=batch.plan_previous(paths)):
        summary.add(result)
        sink.add(result)
    sink.close(summary)
    assert out.getvalue() == outputs[2]["table"] and "Table 3" in out.getvalue()
