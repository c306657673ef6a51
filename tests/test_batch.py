"""Batch mode: input order from a process pool, unreadable files skipped, streamed output identical to
the formatters' own, CSV escaping, previous-year pairing, input expansion (folders, globs, @lists)."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from click.testing import CliRunner

from checker import batch, batch_plan, run
from checker.api import read_report
from checker.batch_output import Sink, Summary
from checker.cli import main
from checker.findings import CheckResult, Finding, Location, Severity
from checker.formatters import get
from checker.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "000_2606f0613b160dcc.txt"


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


def _write_json(folder: Path, name: str, agency: str, year: int, new_natural: str | None = None) -> str:
    """The seed report as the JSON model, with its agency and year (and one cell) changed."""
    doc = read_report(SEED).to_dict()
    doc["meta"].update({"agency": agency, "year": year, "title": f"{agency}{year}年政府信息公开工作年度报告"})
    if new_natural is not None:  # 表三 一、本年新收 / 自然人 → a value that breaks the column sum
        for block in doc["blocks"]:
            for row in block.get("rows", []):
                if row and "本年新收" in row[0]["text"]:
                    row[1]["text"] = new_natural
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("batch")
    paths = [_write_json(folder, f"r{i:02d}.json", f"测试县{i % 3}局", 2020 + i % 4,
                         new_natural=str(900 + i) if i % 2 else None) for i in range(12)]
    (folder / "broken.docx").write_bytes(b"not a zip archive")
    paths.insert(5, str(folder / "broken.docx"))
    return paths


def test_results_come_in_input_order_with_two_jobs_and_match_one_job(reports, ruleset):
    serial = list(batch.iter_results(reports, ruleset, jobs=1, lang="en"))
    parallel = list(batch.iter_results(reports, ruleset, jobs=2, lang="en"))
    assert [r.source for r in parallel] == reports
    assert [r.to_dict() for r in parallel] == [r.to_dict() for r in serial]
    broken = [r for r in parallel if r.error]  # odd reports carry a broken 表三 column sum
    assert [r.source for r in broken] == [reports[5]]
    odd = parallel[1]
    assert any(f.rule.startswith("ID-T3") and f.location.table == "t3" for f in odd.findings)


def test_an_unreadable_file_is_reported_and_the_batch_goes_on(reports):
    result = CliRunner().invoke(main, ["check", *reports, "--format", "csv", "--lang", "en", "-j", "2",
                                       "--isolated", "--no-cache"])
    assert result.exit_code == 1, result.output
    rows = result.output.lstrip("\ufeff").splitlines()
    unreadable = [r for r in rows if r.startswith(reports[5])]
    assert len(unreadable) == 1 and "unreadable" in unreadable[0] and "not a DOCX file" in unreadable[0]
    assert any(r.startswith(reports[-1]) for r in rows)  # the files after it were checked


@pytest.mark.parametrize("fmt", ["json", "csv", "table", "sarif"])
def test_streamed_output_is_what_the_formatter_renders_for_the_whole_batch(fmt, reports, ruleset):
    results = list(batch.iter_results(reports, ruleset, jobs=1, lang="zh"))
    out = io.StringIO()
    summary = Summary()
    sink = Sink(fmt, out, ruleset.catalog(), "zh", False)
    for result in results:
        summary.add(result)
        sink.add(result)
    sink.close(summary)
    expected = get(fmt).render(results, ruleset.catalog(), lang="zh", color=False)
    assert out.getvalue() == expected
    assert summary.exit_code("error") == run.exit_code(results, "error") == 1


def _hostile(source: str, message: str) -> CheckResult:
    finding = Finding(rule="X-TEST", severity=Severity.ERROR, message=message,
                      location=Location(table="t3", row="new", column="natural", line=7))
    return CheckResult(source=source, findings=(finding,), meta={"agency": "@机关", "year": 2024})


def test_streamed_csv_has_a_bom_and_neutralises_formula_cells(ruleset):
    out = io.StringIO()
    sink = Sink("csv", out, ruleset.catalog(), "en", False)
    for result in (_hostile("=cmd|' /C calc'!A0.json", "+1+1"), _hostile("-2.json", "@SUM(A1)")):
        sink.add(result)
    sink.close(Summary())
    text = out.getvalue()
    assert text.startswith("\ufeffsource,agency,year,rule")
    lines = text[1:].split("\r\n")
    assert lines[1].startswith("'=cmd|' /C calc'!A0.json,'@机关,2024,X-TEST,error,,Table 3,new,natural,7,")
    assert ",'+1+1," in lines[1] and ",'@SUM(A1)," in lines[2] and lines[2].startswith("'-2.json,")


def test_pairing_matches_same_agency_previous_year():
    paths = ["a2023", "b2023", "a2024", "a2022", "b2025", "x", "a2024-copy"]
    keys = [("a", 2023), ("b", 2023), ("a", 2024), ("a", 2022), ("b", 2025), None, ("a", 2024)]
    assert batch.pair_by_key(paths, keys) == {"a2023": "a2022", "a2024": "a2023", "a2024-copy": "a2023"}


def test_a_batch_runs_cross_year_rules_with_the_paired_report(tmp_path, ruleset):
    this_year = _write_json(tmp_path, "2024.json", "测试县 教育局", 2024)
    last_year = _write_json(tmp_path, "2023.json", "测试县教育局", 2023)
    other = _write_json(tmp_path, "other.json", "别的县教育局", 2023)
    assert batch.pairing_key(this_year) == ("测试县教育局", 2024)
    assert batch.plan_previous([this_year, other, last_year]) == {this_year: last_year}
    # A rule that needs last year's report is evaluated only where a pair was found.
    target = ruleset.rules[0].id
    cross = dataclasses.replace(ruleset, rules=tuple(
        dataclasses.replace(r, needs_previous=True) if r.id == target else r for r in ruleset.rules))
    assert batch.needs_previous(cross) and not batch.needs_previous(dataclasses.replace(cross, rules=()))
    options = run.Options(lang="en")
    out = tmp_path / "out.json"
    code = batch.run_batch([this_year, other, last_year], cross, options, [("json", str(out))], jobs=1)
    results = json.loads(out.read_text(encoding="utf-8"))["results"]
    evaluated = {Path(r["source"]).name: r["stats"]["rules_evaluated"] for r in results}
    alone = next(batch.iter_results([this_year], cross, jobs=1)).rules_evaluated
    paired = next(batch.iter_results([this_year], cross, jobs=1, previous={this_year: last_year})).rules_evaluated
    assert evaluated["2024.json"] == paired > alone
    assert evaluated["2023.json"] == evaluated["other.json"] == alone
    assert code == run.exit_code([CheckResult.from_dict(r) for r in results], "error")


def test_inputs_expand_folders_globs_and_list_files(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    for name in ("b.json", "a.html", "sub/c.docx", "sub/notes.xyz"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run.expand_inputs(["."]) == ["a.html", "b.json", "sub/c.docx"]
    assert run.expand_inputs(["**/*.docx", "*.json"]) == ["sub/c.docx", "b.json"]
    (tmp_path / "list.txt").write_text("# reports\nb.json\n\nsub\nb.json\n", encoding="utf-8")
    assert run.expand_inputs(["@list.txt"]) == ["b.json", "sub/c.docx"]
    assert run.expand_inputs(["nothing-*.json"]) == ["nothing-*.json"]  # checked → "no such file"
    result = CliRunner().invoke(main, ["check", "@missing.txt", "--isolated"])
    assert result.exit_code == 2 and "cannot read the input list" in result.output


def test_progress_bar_never_in_ci_or_pipes(monkeypatch):
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    assert batch.show_progress([("csv", "out.csv")], environ={"CI": "true"}) is False
    monkeypatch.setattr("sys.stderr", io.StringIO())  # a pipe: not a terminal
    assert batch.show_progress([("csv", "out.csv")], environ={}) is False


def test_an_unreadable_file_is_reported_in_the_users_language(reports, ruleset):
    broken = reports[5]
    (zh,) = batch.iter_results([broken], ruleset, jobs=1, lang="zh")
    (en,) = batch.iter_results([broken], ruleset, jobs=1, lang="en")
    assert en.error.startswith(f"{broken}: ") and "not a DOCX file" in en.error
    assert zh.error.startswith(f"{broken}: ") and "DOCX" in zh.error and "not a DOCX file" not in zh.error


def test_a_folder_expands_in_path_order_part_by_part(tmp_path):
    from checker.run import expand_inputs

    for name in ["a/b.txt", "a-b/c.txt", "a/z/y.html", "a.b/x.md", "A/q.json", "a/skip.png", "中文/报告.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    expected = [str(p) for p in sorted(tmp_path.rglob("*")) if p.is_file() and p.suffix != ".png"]
    assert expand_inputs([str(tmp_path)]) == expected
    assert expected.index(str(tmp_path / "a" / "b.txt")) < expected.index(str(tmp_path / "a-b" / "c.txt"))


@given(st.lists(st.booleans(), max_size=700), st.integers(1, 4))
def test_chunks_keep_the_inputs_in_order_and_a_report_with_the_year_before_it(follows, jobs):
    """Every task once, in input order; a chunk is cut after its size (set by what is left when it
    starts) only where the next report's previous year is not the report just before it, and never
    runs past twice that size."""
    paths = [f"r{i}" for i in range(len(follows))]
    pairs = {p: paths[i - 1] for i, p in enumerate(paths) if i and follows[i]}
    chunks = list(batch_plan.chunks(batch_plan._tasks(paths, pairs), len(paths), jobs))
    assert [task[:2] for chunk in chunks for task in chunk] == [(p, pairs.get(p)) for p in paths]
    start = 0
    for before, after in zip(chunks, chunks[1:]):
        size = batch.chunk_size(len(paths) - start, jobs)
        assert size <= len(before) <= 2 * size
        assert after[0][1] != before[-1][0] or len(before) == 2 * size
        start += len(before)


@given(st.integers(0, 20_000), st.integers(1, 64))
def test_chunks_shrink_towards_the_end_of_a_batch(remaining, jobs):
    """Guided self-scheduling: never more than a quarter of a worker's share of what is left (so the
    last tasks are small and the workers finish together), within MIN_CHUNK..MAX_CHUNK."""
    size = batch.chunk_size(remaining, jobs)
    assert batch.MIN_CHUNK <= size <= batch.MAX_CHUNK
    assert size == batch.MIN_CHUNK or size <= remaining / (jobs * batch.SHARE)
    assert batch.chunk_size(remaining + 1, jobs) >= size
    assert sum(map(len, batch_plan._slices([str(i) for i in range(remaining % 3000)], jobs))) == remaining % 3000


_findings = st.lists(st.builds(
    Finding, rule=st.sampled_from(["A-1", "B-2", "C-3"]), severity=st.sampled_from(list(Severity)), message=st.just(""),
    location=st.just(Location()), suppressed=st.sampled_from([None, None, "accepted"])), max_size=6)
_results = st.builds(CheckResult, source=st.sampled_from(["a.html", "b.html", "c.html", "d.html"]),
                     findings=_findings.map(tuple), rules_evaluated=st.integers(0, 60),
                     error=st.sampled_from([None, None, None, "b.html: unreadable"]))


@given(st.lists(_results, max_size=12))
def test_a_summary_of_tallies_is_the_summary_of_the_results(results):
    """What a worker sends instead of a result (`Tally`) gives the parent the same summary, words and exit code."""
    from checker.findings import summarize
    from checker.formatters import _common as c
    from checker.formatters._tally import Tally

    whole, tallied = Summary(), Summary()
    for result in results:
        assert Tally.of(result).totals() == summarize([result])
        assert Tally.of(result).failing_rules == {f.rule for f in result.active if f.severity >= Severity.WARNING}
        whole.add(result)
        tallied.add(Tally.of(result))
    assert tallied.totals == whole.totals == summarize(results) | {}
    assert tallied.top_rules() == whole.top_rules() == c.top_rules(results)
    assert [t.source for t in tallied.worst] == [r.source for r in c.worst_reports(results)]
    assert [c.counts_line(t, "en") for t in tallied.worst] == [c.counts_line(r, "en") for r in c.worst_reports(results)]
    assert tallied.exit_code("warning") == whole.exit_code("warning") == run.exit_code(results, "warning")


def test_a_two_job_batch_writes_what_one_job_writes(reports):
    """Workers send tallies (every format here streams); the table with its summary and the CSV are the same."""
    def run_with(fmt: str, jobs: str) -> tuple[str, int]:
        out = CliRunner().invoke(main, ["check", *reports, "--format", fmt, "--lang", "en", "-j", jobs, "--isolated"])
        return out.output, out.exit_code

    table = run_with("table", "2")
    assert table == run_with("table", "1")
    assert table[1] == 1 and "13 reports checked · 12 failing · 1 unreadable" in table[0] and "Rules failing most" in table[0]
    assert run_with("csv", "2") == run_with("csv", "1")
