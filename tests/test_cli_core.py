"""The Core contract of `reportlint check`: exit codes, the seed's findings, one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "000_2606f0613b160dcc.txt"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checker.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_seed_fails_on_warning_and_reports_the_lost_numeral_of_part_two() -> None:
    done = run("check", str(SEED), "--fail-on", "warning", "--format", "json", "--lang", "en")
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)["results"][0]["findings"]
    numbering = [f for f in findings if f["rule"] == "SEC-NUMBERING"]
    assert len(numbering) == 1
    assert numbering[0]["location"]["part"] == "proactive"
    assert numbering[0]["location"]["line"] == 20
    assert numbering[0]["evidence"]["found"] == "、主动公开政府信息情况"


def test_seed_has_no_false_error() -> None:
    result = json.loads(run("check", str(SEED), "--format", "json").stdout)["results"][0]
    errors = [f["rule"] for f in result["findings"] if f["severity"] == "error"]
    assert errors == ["SEC-NUMBERING"]
    website = [f for f in result["findings"] if f["rule"] == "META-WEBSITE-FIELDS"]
    assert all(f["severity"] == "info" for f in website)


def test_seed_json_output_validates_against_the_findings_schema() -> None:
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))
    document = json.loads(run("check", str(SEED), "--format", "json").stdout)
    jsonschema.validate(document, schema)


@pytest.mark.parametrize("fail_on,code", [("error", 1), ("never", 0)])
def test_fail_on_sets_the_exit_code(fail_on: str, code: int) -> None:
    result = CliRunner().invoke(main, ["check", str(SEED), "--fail-on", fail_on, "--format", "json"])
    assert result.exit_code == code


def test_a_clean_report_exits_zero() -> None:
    result = CliRunner().invoke(main, ["check", str(ROOT / "examples" / "seed-corrected.txt"), "--fail-on", "info"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "case", ["nonexistent", "directory", "binary", "invalid-utf8", "malformed-json", "schema-violation",
             "malformed-rules"]
)
def test_bad_input_is_one_line_and_exit_two(bad_inputs, case: str) -> None:
    done = run(*bad_inputs[case])
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("reportlint: error:")
    assert "Traceback" not in done.stderr


def test_schema_violation_names_the_json_path(bad_inputs) -> None:
    done = run(*bad_inputs["schema-violation"])
    assert "$.meta.year" in done.stderr or "$.blocks[0]" in done.stderr


def test_malformed_rules_name_file_line_and_column(bad_inputs) -> None:
    done = run(*bad_inputs["malformed-rules"])
    assert re.search(r"R\.yaml:\d+:\d+: malformed YAML", done.stderr), done.stderr


def test_extract_prints_the_report_model() -> None:
    result = CliRunner().invoke(main, ["extract", str(SEED)])
    document = json.loads(result.output)
    assert document["meta"]["agency"] == "乌恰县人民政府"
    assert [b["type"] for b in document["blocks"]].count("table") == 3


def test_extract_bound_shows_how_parts_and_tables_were_found() -> None:
    result = CliRunner().invoke(main, ["extract", str(SEED), "--bound"])
    bound = json.loads(result.output)
    assert bound["parts"]["proactive"]["deviations"] == [{"type": "numeral_missing", "expected": "二"}]
    assert bound["tables"]["t3"]["cells"]["new/natural"]["text"] == "2"
    assert bound["tables"]["t3"]["cells"]["result_total/total"]["line"] is not None
