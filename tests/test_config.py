"""Project config: discovery, validation with positions, precedence, and prefix selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import config
from checker.errors import InputError
from checker.findings import Severity
from checker.ruleset import load_ruleset


@pytest.fixture(scope="module")
def national():
    return load_ruleset()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository root (it has .git) with a nested working folder."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "reports" / "2025").mkdir(parents=True)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- discovery ---------------------------------------------------------------------------------

def test_discovery_walks_up_from_the_working_folder(project):
    found = write(project / ".reportlint.yaml", "lang: en\n")
    assert config.discover(project / "reports" / "2025", home=Path("/nonexistent")) == found


def test_discovery_takes_the_closest_file_and_never_merges(project):
    write(project / ".reportlint.yaml", "select: [SEC]\nfail_on: warning\n")
    closest = write(project / "reports" / ".reportlint.yaml", "lang: en\n")
    settings = config.resolve({}, cwd=project / "reports" / "2025", home=Path("/nonexistent"))
    assert settings.config_file == str(closest)
    assert settings.lang == "en"
    assert settings.select is None and settings.fail_on == "error"  # nothing from the parent file


def test_discovery_stops_at_the_repository_root(tmp_path):
    write(tmp_path / ".reportlint.yaml", "lang: en\n")  # above the repository: not ours
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert config.discover(repo, home=Path("/nonexistent")) is None


def test_discovery_stops_at_home(tmp_path):
    write(tmp_path / ".reportlint.yaml", "lang: en\n")
    home = tmp_path / "home"
    (home / "work").mkdir(parents=True)
    assert config.discover(home / "work", home=home) is None


def test_pyproject_tool_table_is_found_and_others_are_skipped(project):
    write(project / "reports" / "pyproject.toml", "[project]\nname = 'x'\n")
    found = write(project / "pyproject.toml", "[tool.reportlint]\nlang = 'en'\nignore = ['cell']\n"
                                              "[tool.reportlint.severity]\nSEC-ORDER = 'info'\n")
    settings = config.resolve({}, cwd=project / "reports", home=Path("/nonexistent"))
    assert settings.config_file == str(found)
    assert (settings.lang, settings.ignore, dict(settings.severity)) == ("en", ("CELL",), {"SEC-ORDER": "info"})


def test_isolated_ignores_files_and_excludes_config(project):
    write(project / ".reportlint.yaml", "lang: en\n")
    assert config.resolve({}, isolated=True, cwd=project).lang is None
    with pytest.raises(InputError, match="exclude each other"):
        config.resolve({}, config_file=str(project / ".reportlint.yaml"), isolated=True)


# --- validation: exit 2 with file:line ---------------------------------------------------------

@pytest.mark.parametrize("text, where, words", [
    ("lang: en\nfail_on: sometimes\n", ":2:10:", "fail_on"),
    ("lang: en\nselec: [ID]\n", ":2:", "unknown setting 'selec'"),
    ("select: ID\n", ":1:9:", "is not of type 'array'"),
    ("severity:\n  SEC-ORDER: fatal\n", ":2:14:", "fatal"),
    ("max_warnings: -1\n", ":1:15:", "minimum"),
    ("lang: en\nlang: zh\n", ":2:1:", "duplicate key 'lang'"),
    ("select: [ID\n", ":2:1:", "malformed YAML"),
    ("- lang\n", ":1:1:", "mapping"),
], ids=["bad-enum", "unknown-key", "wrong-type", "bad-severity", "negative", "duplicate", "malformed", "list"])
def test_bad_config_names_file_line_and_column(project, text, where, words):
    path = write(project / ".reportlint.yaml", text)
    with pytest.raises(InputError) as info:
        config.resolve({}, cwd=project)
    message = str(info.value)
    assert message.startswith(str(path) + where), message
    assert words in message and "\n" not in message


def test_bad_pyproject_points_at_the_key_line(project):
    path = write(project / "pyproject.toml", "[project]\nname = 'x'\n\n[tool.reportlint]\nlang = 'fr'\n")
    with pytest.raises(InputError, match=rf"^{path}:5:1: \$\.lang: 'fr' is not one of"):
        config.resolve({}, cwd=project)


def test_pattern_that_matches_no_rule_is_an_error_at_its_position(project, national):
    write(project / ".reportlint.yaml", "select: [SEC]\nignore:\n  - ID-T9\n")
    settings = config.resolve({}, cwd=project)
    with pytest.raises(InputError, match=r"\.reportlint\.yaml:3:5: ignore: 'ID-T9' matches no rule"):
        config.configure(national, settings)
    with pytest.raises(InputError, match=r"^--select: select: 'NOPE' matches no rule"):
        config.configure(national, config.resolve({"select": ("NOPE",)}, isolated=True))


# --- precedence: defaults < pack < project file < command line ---------------------------------

def test_defaults_when_nothing_is_configured(national):
    settings = config.resolve({"fail_on": None, "format": ()}, isolated=True)
    assert (settings.fail_on, settings.format, settings.select, settings.baseline) == ("error", (), None, None)
    assert config.configure(national, settings).rules == national.rules  # the pack decides


def test_file_overrides_pack_severity_and_cli_overrides_file(project, national):
    assert national.rule("CELL-BLANK").severity is Severity.WARNING  # the pack's level
    write(project / ".reportlint.yaml",
          "severity: {CELL: info, CELL-BLANK: error}\nfail_on: warning\nformat: [json]\nlang: en\nselect: [SEC]\n")
    from_file = config.resolve({}, cwd=project)
    rules = {r.id: r for r in config.configure(national, from_file).rules}
    assert rules["CELL-BLANK"].severity is Severity.ERROR  # the longer key wins
    assert rules["CELL-NUMERIC"].severity is Severity.INFO
    assert (from_file.fail_on, from_file.format, from_file.lang) == ("warning", ("json",), "en")
    from_cli = config.resolve({"fail_on": "never", "format": ("sarif",), "lang": None, "select": ("CELL",)},
                              cwd=project)
    assert (from_cli.fail_on, from_cli.format, from_cli.lang, from_cli.select) == ("never", ("sarif",), "en",
                                                                                 ("CELL",))
    enabled = {r.id for r in config.configure(national, from_cli).rules if r.enabled}
    assert {"CELL-BLANK", "CELL-NUMERIC"} <= enabled
    assert enabled == {r.id for r in national.rules if r.id.startswith("CELL-")}  # the CELL rules, nothing else


def test_paths_in_the_file_are_relative_to_it(project):
    write(project / ".reportlint.yaml", "baseline: accepted.yaml\nrules: national\noutput: [out/r.sarif]\n")
    settings = config.resolve({}, cwd=project / "reports")
    assert settings.baseline == str(project / "accepted.yaml")
    assert settings.output == (str(project / "out" / "r.sarif"),)
    assert settings.rules == "national"  # no such folder here: the bundled pack name


# --- selection ---------------------------------------------------------------------------------

@pytest.mark.parametrize("rule_id, enabled, select, ignore, expected", [
    ("ID-T3-BALANCE", True, None, (), True),
    ("ID-T3-BALANCE", True, None, ("ID",), False),
    ("ID-T3-BALANCE", True, ("ID-T3-BALANCE",), ("ID",), True),  # most specific wins
    ("ID-T3-ROWSUM", True, ("ID-T3-BALANCE",), ("ID",), False),
    ("ID-T3-BALANCE", True, ("ID",), ("ID-T3",), False),
    ("SEC-ORDER", True, ("ID",), (), False),  # select names what runs
    ("SEC-ORDER", True, ("SEC",), ("SEC",), False),  # a tie goes to ignore
    ("ID-T4-SUMS", False, ("ID",), (), False),  # a prefix never re-enables a rule the pack disabled
    ("ID-T4-SUMS", False, ("ID-T4-SUMS",), (), True),  # its exact id does
    ("TBL3-NO-SUBTOTALS", True, ("TBL",), (), True),  # prefixes are plain string prefixes
], ids=["default", "ignored", "select-beats-shorter-ignore", "sibling-stays-ignored", "ignore-beats-shorter-select",
        "not-selected", "tie", "pack-disabled-prefix", "pack-disabled-exact", "string-prefix"])
def test_selection_longest_pattern_wins(rule_id, enabled, select, ignore, expected):
    assert config.is_selected(rule_id, enabled, select, ignore) is expected


def test_ignore_area_but_select_one_rule_keeps_that_rule(national):
    settings = config.resolve({"ignore": ("ID",), "select": ("ID-T3-BALANCE,sec",)}, isolated=True)
    enabled = {r.id for r in config.configure(national, settings).rules if r.enabled}
    assert "ID-T3-BALANCE" in enabled
    assert not enabled & {"ID-T3-ROWSUM", "ID-T3-RESULTSUM", "ID-T4-SUMS", "CELL-BLANK"}
    assert {r.id for r in national.rules if r.id.startswith("SEC")} <= enabled
