"""The CLI on bad input: one line on stderr and exit 2, both in-process (CliRunner) and as a real
child process; odd paths; output files only where --output says, written whole; inputs untouched."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest



def _bad_inputs(tmp: Path, SEED: Path) -> dict[str, list[str]]:
    (tmp / "emptydir").mkdir()
    (tmp / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (tmp / "bad-utf8.txt").write_bytes(b"\xff\xfe\xfd not text \xff\xff\xc3\x28" * 10)
    (tmp / "malformed.json").write_text('{"meta": {}, "blocks": [', encoding="utf-8")
    (tmp / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp / "schema.json").write_text('{"meta": {"year": "2025"}, "blocks": [{"type": "chart"}]}', encoding="utf-8")
    pack = tmp / "badpack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("id: broken\ntitle: {zh: 坏, en: bad}\nextends: national\n", encoding="utf-8")
    (pack / "R.yaml").write_text("id: X-1\nkind: [unclosed\n", encoding="utf-8")
    bomb = tmp / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        # 20 MB of spaces compress 1000:1; the reader refuses the ratio before unpacking.
        archive.writestr("word/document.xml", b"<w:document>" + b" " * 20_000_000)
    slip = tmp / "slip.docx"
    with zipfile.ZipFile(slip, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("../../evil.txt", "owned")
    return {
        "nonexistent": ["check", str(tmp / "missing.txt")],
        "directory": ["check", str(tmp / "emptydir")],
        "binary": ["check", str(tmp / "junk.bin")],
        "invalid-utf8": ["check", str(tmp / "bad-utf8.txt")],
        "malformed-json": ["check", str(tmp / "malformed.json")],
        "deeply-nested-json": ["check", str(tmp / "deep.json")],
        "schema-violation": ["check", str(tmp / "schema.json")],
        "malformed-rules": ["check", str(SEED), "--rules", str(pack)],
        "docx-zip-bomb": ["check", str(bomb)],
        "docx-path-traversal": ["check", str(slip)],
        "output-in-missing-folder": ["check", str(SEED), "--format", "json", "--output", str(tmp / "no" / "out.json")],
        "extract-binary": ["extract", str(tmp / "junk.bin")],
    }


CASES = ["nonexistent", "directory", "binary", "invalid-utf8", "malformed-json", "deeply-nested-json",
         "schema-violation", "malformed-rules", "docx-zip-bomb", "docx-path-traversal",
         "output-in-missing-folder", "extract-binary"]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_in_process_is_one_line_and_exit_2(cli, tmp_path: Path, case: str) -> None:
    result = cli.invoke(*_bad_inputs(tmp_path, cli.seed)[case])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    cli.exit2(result.exit_code, result.stderr)


@pytest.mark.parametrize("case", ["deeply-nested-json", "docx-zip-bomb", "docx-path-traversal",
                                  "output-in-missing-folder", "extract-binary"])
def test_bad_input_in_a_child_process_is_one_line_and_exit_2(cli, tmp_path: Path, case: str) -> None:
    # The other Core cases run as child processes in tests/test_cli_core.py.
    done = cli.run(*_bad_inputs(tmp_path, cli.seed)[case])
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
