"""A policy officer follows docs/rules-guide.zh.md: writes the city pack, lints it, tests it, uses it.

Done means (issue #6): the new rule fires on a real report and the override changes the
severity of a national rule on a real report.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from checker.api import check
from checker.cli import main
from checker.ruleset import load_ruleset
from test_guide import guide_packs, write_pack


def _pack(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "example-city", guide_packs()["city"])


def test_the_officer_lints_tests_and_uses_the_guide_pack(tmp_path, corpus):
    pack = _pack(tmp_path)
    runner = CliRunner()

    linted = runner.invoke(main, ["rules", "lint", str(pack), "--lang", "zh"])
    assert linted.exit_code == 0, linted.output
    assert linted.output.strip() == "共 0 个问题"

    tested = runner.invoke(main, ["rules", "test", str(pack)])
    assert tested.exit_code == 0, tested.output
    assert "PASS  CITY-ZHUANQU::fails_when_the_overview_is_silent" in tested.output
    assert "PASS  CITY-T4-REVIEW::passes_when_the_total_adds_up" in tested.output
    assert " 0 failed" in tested.output

    city = load_ruleset(pack)
    seed = check(corpus("000_2606f0613b160dcc.txt"), city, lang="zh")
    fired = [f for f in seed.findings if f.rule == "CITY-ZHUANQU"]
    assert len(fired) == 1
    assert fired[0].location.part == "overview"
    assert fired[0].severity.label == "warning"
    assert "政务公开专区建设情况" in fired[0].message
    # the province switched the national OTHER-ITEMS on as a warning; the city inherits that
    province = [f for f in seed.findings if f.rule == "OTHER-ITEMS"]
    assert [(f.location.part, f.severity.label) for f in province] == [("other", "warning")]
    assert not [f for f in check(corpus("000_2606f0613b160dcc.txt"), load_ruleset()).findings if f.rule == "OTHER-ITEMS"]

    kewei = corpus("012_shanghai-kewei_2024.md")
    national = [f for f in check(kewei, load_ruleset()).findings if f.rule == "TBL-LABELS"]
    local = [f for f in check(kewei, city).findings if f.rule == "TBL-LABELS"]
    assert [(f.location.table, f.location.line) for f in local] == [(f.location.table, f.location.line) for f in national]
    assert local and local[0].location.table == "t2"
    assert {f.severity.label for f in national} == {"warning"}
    assert {f.severity.label for f in local} == {"error"}


def test_the_officer_sees_a_typo_with_its_line_and_column(tmp_path):
    files = dict(guide_packs()["city"])
    files["pack.yaml"] = files["pack.yaml"].replace("TBL-LABELS:", "TBL-LABEL:")
    pack = write_pack(tmp_path / "example-city", files)
    result = CliRunner().invoke(main, ["rules", "lint", str(pack), "--lang", "en"])
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first == f"{pack / 'pack.yaml'}:8:3: [unknown-override] override of unknown rule 'TBL-LABEL'"
    # the loader refuses the same pack with the same position, as one line
    checked = CliRunner().invoke(main, ["rules", "list", "--rules", str(pack)])
    assert checked.exit_code == 2
    assert f"{pack / 'pack.yaml'}:8:3: override of unknown rule 'TBL-LABEL'" in checked.output
