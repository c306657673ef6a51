"""The CLI on bad input: one line on stderr and exit 2, both in-process (CliRunner) and as a real
child process; odd paths; output files only where --output says, written whole; inputs untouched."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest



CASES = ["nonexistent", "directory", "binary", "invalid-utf8", "malformed-json", "deeply-nested-json",
         "schema-violation", "malformed-rules", "docx-zip-bomb", "docx-path-traversal",
         "output-in-missing-folder", "extract-binary"]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_in_process_is_one_line_and_exit_2(cli, bad_inputs, case: str) -> None:
    result = cli.invoke(*bad_inputs[case])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    cli.exit2(result.exit_code, result.stderr)


@pytest.mark.parametrize("case", ["deeply-nested-json", "docx-zip-bomb", "docx-path-traversal",
                                  "output-in-missing-folder", "extract-binary"])
def test_bad_input_in_a_child_process_is_one_line_and_exit_2(cli, bad_inputs, tmp_path: Path, case: str) -> None:
    # The other Core cases run as child processes in tests/test_cli_core.py.
    done = cli.run(*bad_inputs[case])
    line = cli.exit2(done.returncode, done.stderr)
    if case == "docx-path-traversal":
        assert not (tmp_path.parent / "evil.txt").exists()
        assert "evil" in line or ".." in line


def test_missing_output_folder_is_not_created_and_nothing_is_written(cli, tmp_path: Path) -> None:
    target = tmp_path / "no" / "out.json"
    cli.invoke("check", str(cli.seed), "--format", "json", "--output", str(target))
    assert not target.parent.exists()
    assert list(tmp_path.iterdir()) == []


def test_chinese_and_spaces_in_paths(cli, tmp_path: Path) -> None:
    folder = tmp_path / "年度 报告　2025"
    folder.mkdir()
    report = folder / "乌恰县 政府信息公开.txt"
    report.write_bytes(cli.seed.read_bytes())
    out = folder / "结果 文件.json"
    done = cli.run("check", str(report), "--format", "json", "--output", str(out), "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))["results"][0]
    assert result["source"].endswith("乌恰县 政府信息公开.txt")
    assert any(f["rule"] == "SEC-NUMBERING" and f["location"]["part"] == "proactive" for f in result["findings"])


def test_output_written_only_where_asked_and_input_untouched(cli, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(cli.seed.read_bytes())
    before = (hashlib.sha256(report.read_bytes()).hexdigest(), report.stat().st_mtime_ns)
    out = tmp_path / "out.sarif"
    done = cli.run("check", str(report), "--format", "table", "--format", "sarif", "--output", str(out),
                   "--lang", "en")
    assert done.returncode == 1, done.stderr
    assert (hashlib.sha256(report.read_bytes()).hexdigest(), report.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.sarif", "report.txt"]  # no temp file left
    assert json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert "SEC-NUMBERING" in done.stdout  # the table still printed


def test_output_replaces_an_existing_file_whole(cli, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("x" * 1_000_000, encoding="utf-8")
    done = cli.run("check", str(cli.seed), "--format", "json", "--output", str(out), "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["results"][0]["findings"]


def _json_of(cli, path: Path, seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    done = cli.run("check", str(path), "--format", "json", "--lang", "en", "--fail-on", "never", env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_json_is_byte_identical_across_runs_and_hash_seeds(cli, corpus) -> None:
    for path in (cli.seed, corpus("048_pingtan-shiyanqu_2021.html")):
        outputs = {_json_of(cli, path, seed) for seed in ("0", "1", "12345")}
        assert len(outputs) == 1
        findings = json.loads(outputs.pop())["results"][0]["findings"]
        assert findings, path
