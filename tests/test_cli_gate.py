"""The CI gate end to end through the CLI: config files, precedence, baselines, SARIF, pre-commit, docs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "000_2606f0613b160dcc.txt"
LOST_NUMERAL = "\n、主动公开政府信息情况"
# The seed's two findings; naming them keeps these tests about the gate when new rules are added
SEED_RULES = ("--select", "SEC-NUMBERING,META-WEBSITE-FIELDS")


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A repository (it has .git) holding the seed report, as the working folder."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "reports").mkdir()
    text = SEED.read_text(encoding="utf-8")
    assert LOST_NUMERAL in text
    (tmp_path / "reports" / "seed.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "REPORTLINT_LANG"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def rules_of(stdout: str) -> list[tuple[str, str | None]]:
    findings = json.loads(stdout)["results"][0]["findings"]
    return [(f["rule"], f["location"].get("part")) for f in findings if "suppressed" not in f]


def config(project: Path, text: str) -> None:
    (project / ".reportlint.yaml").write_text(text, encoding="utf-8")


def test_without_config_the_seed_fails_on_its_lost_numeral(project):
    done = cli("check", "reports/seed.txt", "--format", "json")
    assert done.exit_code == 1
    assert ("SEC-NUMBERING", "proactive") in rules_of(done.stdout)


def test_config_found_from_a_subfolder_sets_format_and_selection(project, monkeypatch):
    config(project, "format: [json]\nselect: [SEC-NUMBERING, META-WEBSITE-FIELDS]\nignore: [SEC-NUMBERING]\n")
    monkeypatch.chdir(project / "reports")
    done = cli("check", "seed.txt")
    assert done.exit_code == 0, done.stderr
    assert rules_of(done.stdout) == [("META-WEBSITE-FIELDS", None)]


def test_command_line_beats_config_and_isolated_ignores_it(project):
    config(project, "format: [json]\nfail_on: never\nselect: [META]\n")
    assert cli("check", "reports/seed.txt").exit_code == 0
    assert cli("check", "reports/seed.txt", "--fail-on", "info").exit_code == 1  # CLI fail_on wins
    done = cli("check", "reports/seed.txt", *SEED_RULES)
    assert [r for r, _ in rules_of(done.stdout)] == ["META-WEBSITE-FIELDS", "SEC-NUMBERING"]
    isolated = cli("check", "reports/seed.txt", "--isolated", "--format", "json")
    assert isolated.exit_code == 1 and ("SEC-NUMBERING", "proactive") in rules_of(isolated.stdout)


def test_explicit_config_file_and_pyproject(project):
    other = project / "ci.yaml"
    other.write_text("format: [json]\nseverity: {SEC-NUMBERING: warning}\n", encoding="utf-8")
    done = cli("check", "reports/seed.txt", "--config", str(other))
    assert done.exit_code == 0
    severity = {f["rule"]: f["severity"] for f in json.loads(done.stdout)["results"][0]["findings"]}
    assert severity["SEC-NUMBERING"] == "warning"
    (project / "pyproject.toml").write_text("[tool.reportlint]\nfail_on = 'warning'\n", encoding="utf-8")
    assert cli("check", "reports/seed.txt", "--config", str(other)).exit_code == 0  # --config: pyproject unused


@pytest.mark.parametrize("text, where", [
    ("format: [json]\nfail_on: sometimes\n", ".reportlint.yaml:2:10: $.fail_on"),
    ("select: [SEC]\nignore: [NOPE]\n", ".reportlint.yaml:2:10: ignore: 'NOPE' matches no rule"),
])
def test_bad_config_exits_2_with_one_line_naming_file_and_line(project, text, where):
    config(project, text)
    done = cli("check", "reports/seed.txt")
    assert done.exit_code == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and where in done.stderr
    assert done.stderr.startswith(f"reportlint: error: {project / '.reportlint.yaml'}:")


def test_baseline_then_check_suppresses_and_counts(project):
    made = cli("baseline", "reports/seed.txt", "--reason", "网页转存时丢失序号，原件无误", *SEED_RULES)
    assert made.exit_code == 0 and "wrote 2 baseline entries" in made.stderr
    entries = yaml.safe_load((project / ".reportlint-baseline.yaml").read_text(encoding="utf-8"))["entries"]
    assert {(e["rule"], e["source"]) for e in entries} == {("SEC-NUMBERING", "reports/seed.txt"),
                                                          ("META-WEBSITE-FIELDS", "reports/seed.txt")}
    done = cli("check", "./reports/seed.txt", "--baseline", ".reportlint-baseline.yaml", "--format", "json",
               "--fail-on", "info", *SEED_RULES)
    assert done.exit_code == 0 and done.stderr == ""
    doc = json.loads(done.stdout)
    assert doc["summary"]["suppressed"] == 2 and rules_of(done.stdout) == []
    assert doc["baseline"] == {"file": ".reportlint-baseline.yaml", "suppressed": 2, "stale": [], "expired": []}
    config(project, "baseline: .reportlint-baseline.yaml\nselect: [SEC-NUMBERING, META-WEBSITE-FIELDS]\n")
    table = cli("check", "reports/seed.txt", "--lang", "en")
    assert table.exit_code == 0 and "2 suppressed by baseline" in table.stdout


def test_baseline_without_reason_is_a_usage_error(project):
    done = cli("baseline", "reports/seed.txt")
    assert done.exit_code == 2 and "--reason" in done.stderr
    assert not (project / ".reportlint-baseline.yaml").exists()


def test_stale_entry_warns_after_the_report_is_fixed(project):
    cli("baseline", "reports/seed.txt", "--reason", "known", *SEED_RULES)
    report = project / "reports" / "seed.txt"
    fixed = report.read_text(encoding="utf-8").replace(LOST_NUMERAL, "\n二、主动公开政府信息情况")
    report.write_text(fixed, encoding="utf-8")
    done = cli("check", "reports/seed.txt", "--baseline", ".reportlint-baseline.yaml", "--format", "json",
               "--lang", "en", *SEED_RULES)
    assert done.exit_code == 0
    stale = json.loads(done.stdout)["baseline"]["stale"]
    assert [(s["rule"], s["source"]) for s in stale] == [("SEC-NUMBERING", "reports/seed.txt")]
    assert done.stderr == (f"reportlint: warning: .reportlint-baseline.yaml:{stale[0]['line']}: baseline entry "
                           "SEC-NUMBERING for reports/seed.txt no longer matches a finding; remove it\n")


def test_expired_entries_stop_suppressing_and_warn(project):
    cli("baseline", "reports/seed.txt", "--reason", "until the republication", "--expires", "2020-12-31", *SEED_RULES)
    done = cli("check", "reports/seed.txt", "--baseline", ".reportlint-baseline.yaml", "--format", "json",
               "--lang", "en", *SEED_RULES)
    assert done.exit_code == 1  # the error counts again
    assert ("SEC-NUMBERING", "proactive") in rules_of(done.stdout)
    assert "SEC-NUMBERING for reports/seed.txt expired on 2020-12-31; the finding is reported again" in done.stderr
    assert {e["rule"] for e in json.loads(done.stdout)["baseline"]["expired"]} == {"SEC-NUMBERING",
                                                                                  "META-WEBSITE-FIELDS"}


def test_sarif_file_from_a_real_run_validates_and_carries_suppressions(project, reference):
    schema = json.loads(reference("sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cli("baseline", "reports/seed.txt", "--reason", "已知", "--select", "META-WEBSITE-FIELDS")
    done = cli("check", "reports/seed.txt", "--baseline", ".reportlint-baseline.yaml", *SEED_RULES,
               "--format", "table", "--format", "sarif", "--output", "reportlint.sarif")
    assert done.exit_code == 1 and "SEC-NUMBERING" in done.stdout
    log = json.loads((project / "reportlint.sarif").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
    assert not errors, [e.message for e in errors]
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    assert results["META-WEBSITE-FIELDS"]["suppressions"] == [{"kind": "external", "justification": "已知"}]
    assert "suppressions" not in results["SEC-NUMBERING"]
    assert results["SEC-NUMBERING"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 20}


def test_github_actions_default_yields_to_the_config_format(project, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert "::error file=reports/seed.txt,line=20," in cli("check", "reports/seed.txt").stdout
    config(project, "format: [json]\n")
    assert json.loads(cli("check", "reports/seed.txt").stdout)["summary"]["errors"] == 1


def test_pre_commit_hook_runs_reportlint_check_on_report_files():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "reportlint")
    assert hook["entry"] == "reportlint check" and hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert all(pattern.search(f"reports/a{ext}") for ext in (".txt", ".md", ".html", ".htm", ".docx", ".pdf"))
    assert not pattern.search(".reportlint.yaml") and not pattern.search("pyproject.toml")


def test_ci_doc_uploads_sarif_and_is_linked_from_the_readme():
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "--format sarif --output reportlint.sarif" in text
    assert "github/codeql-action/upload-sarif" in text and "sarif_file: reportlint.sarif" in text
    assert "codequality: gl-code-quality-report.json" in text
    assert "docs/ci.md" in (ROOT / "README.md").read_text(encoding="utf-8")
