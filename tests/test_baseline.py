"""Baselines: record with a reason, suppress by fingerprint, warn about expired and stale entries."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from checker import baseline
from checker.errors import InputError
from checker.findings import CheckResult, Finding, Location, Severity, summarize
from checker.formatters import json as json_format

TODAY = dt.date(2026, 11, 26)
SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "findings.schema.json"


def finding(rule: str, line: int, message: str = "msg", **where: str) -> Finding:
    return Finding(rule=rule, severity=Severity.ERROR, message=message, messages={"zh": message, "en": message},
                   location=Location(line=line, **where))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "reports").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report(source: str = "reports/a.txt", shift: int = 0, message: str = "msg") -> CheckResult:
    return CheckResult(source=source, findings=(
        finding("ID-T3-BALANCE", 40 + shift, message, table="t3", row="carried_over", column="natural"),
        finding("SEC-NUMBERING", 20 + shift, message, part="proactive"),
    ))


def recorded(folder: Path, results, **kwargs) -> Path:
    path = folder / ".reportlint-baseline.yaml"
    reason = kwargs.pop("reason", "口径调整，已在说明中解释")
    baseline.record(results, str(path), reason, today=TODAY, **kwargs)
    return path


def test_recorded_findings_are_suppressed_with_their_reason_and_counted(folder):
    path = recorded(folder, [report()])
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [(e["rule"], e["source"], e["reason"]) for e in data["entries"]] == [
        ("ID-T3-BALANCE", "reports/a.txt", "口径调整，已在说明中解释"),
        ("SEC-NUMBERING", "reports/a.txt", "口径调整，已在说明中解释")]
    assert data["entries"][0]["location"] == {"table": "t3", "row": "carried_over", "column": "natural"}
    results, outcome = baseline.apply_file([report()], str(path), today=TODAY)
    assert [f.suppressed for f in results[0].findings] == ["口径调整，已在说明中解释"] * 2
    assert results[0].active == () and summarize(results)["suppressed"] == 2
    assert (outcome.suppressed, outcome.stale, outcome.expired, outcome.warnings("en")) == (2, (), (), [])


def test_match_survives_shifted_lines_reworded_messages_and_another_spelling_of_the_path(folder):
    path = recorded(folder, [report("reports/a.txt")])
    (folder / "reports" / "sub").mkdir()
    moved = report("./reports/sub/../a.txt", shift=7, message="reworded")
    results, outcome = baseline.apply_file([moved], str(path), today=TODAY)
    assert all(f.suppressed for f in results[0].findings) and outcome.stale == ()


def test_a_new_finding_at_another_cell_is_not_suppressed(folder):
    path = recorded(folder, [report()])
    extra = finding("ID-T3-BALANCE", 41, table="t3", row="carried_over", column="commercial")
    results, _ = baseline.apply_file([dataclasses.replace(report(), findings=(*report().findings, extra))],
                                     str(path), today=TODAY)
    assert [(f.rule, f.location.column) for f in results[0].active] == [("ID-T3-BALANCE", "commercial")]


def test_expired_entry_stops_suppressing_and_is_reported(folder):
    path = recorded(folder, [report()], expires="2026-11-25")
    results, outcome = baseline.apply_file([report()], str(path), today=TODAY)
    assert [f.rule for f in results[0].active] == ["ID-T3-BALANCE", "SEC-NUMBERING"]
    assert [e.rule for e in outcome.expired] == ["ID-T3-BALANCE", "SEC-NUMBERING"]
    warnings = outcome.warnings("en")
    assert warnings[0] == (f"{path}:5: baseline entry ID-T3-BALANCE for reports/a.txt expired on 2026-11-25; "
                           "the finding is reported again")
    assert "已于 2026-11-25 到期" in outcome.warnings("zh")[0]
    assert outcome.to_dict()["expired"][0] == {"rule": "ID-T3-BALANCE", "source": "reports/a.txt", "line": 5,
                                               "expires": "2026-11-25",
                                               "fingerprint": outcome.expired[0].fingerprint}


def test_entry_suppresses_through_its_expiry_day(folder):
    path = recorded(folder, [report()], expires="2026-11-26")
    results, outcome = baseline.apply_file([report()], str(path), today=TODAY)
    assert results[0].active == () and outcome.expired == ()


def test_stale_entry_is_reported_for_a_checked_report_only(folder):
    path = recorded(folder, [report("reports/a.txt"), report("reports/b.txt")])
    fixed = CheckResult(source="reports/a.txt", findings=report().findings[1:])  # the table was corrected
    results, outcome = baseline.apply_file([fixed], str(path), today=TODAY)
    assert [(e.rule, e.source) for e in outcome.stale] == [("ID-T3-BALANCE", "reports/a.txt")]  # b.txt not checked
    assert outcome.suppressed == 1 and results[0].active == ()
    assert outcome.warnings("en") == [f"{path}:5: baseline entry ID-T3-BALANCE for reports/a.txt no longer matches "
                                      "a finding; remove it"]


def test_rerecording_keeps_the_reasons_of_entries_already_there(folder):
    path = recorded(folder, [report()], reason="first reason")
    extra = finding("CELL-BLANK", 50, table="t2", row="fees", column="count")
    recorded(folder, [dataclasses.replace(report(), findings=(*report().findings[1:], extra))], reason="second")
    entries = baseline.load(path)
    assert [(e.rule, e.reason) for e in entries] == [("SEC-NUMBERING", "first reason"), ("CELL-BLANK", "second")]


@pytest.mark.parametrize("kwargs, words", [
    ({"reason": "  "}, "needs a reason"),
    ({"expires": "2026-02-30"}, "--expires must be a day"),
])
def test_record_refuses_a_missing_reason_or_a_bad_day(folder, kwargs, words):
    with pytest.raises(InputError, match=words):
        recorded(folder, [report()], **kwargs)


def test_record_refuses_unreadable_reports(folder):
    with pytest.raises(InputError, match="cannot baseline an unreadable report"):
        recorded(folder, [CheckResult(source="reports/x.pdf", error="encrypted")])


def test_bad_baseline_file_is_an_error_with_file_and_line(folder):
    path = folder / "b.yaml"
    path.write_text("version: 1\nentries:\n  - fingerprint: abc\n    rule: X\n    source: a\n    reason: r\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{path}:3:18: \$\.entries\[0\]\.fingerprint: 'abc' does not match"):
        baseline.load(path)
    with pytest.raises(InputError, match="no such baseline file"):
        baseline.load(folder / "missing.yaml")


def test_hand_written_unquoted_expiry_is_read_as_a_day(folder):
    path = recorded(folder, [report()])
    text = path.read_text(encoding="utf-8").replace("created: '2026-11-26'", "expires: 2026-01-01")
    path.write_text(text, encoding="utf-8")
    assert {e.expires for e in baseline.load(path)} == {dt.date(2026, 1, 1)}


def test_json_output_carries_the_baseline_section_and_validates(folder):
    path = recorded(folder, [report("reports/a.txt"), report("reports/b.txt")], expires="2026-01-01")
    results, outcome = baseline.apply_file([report("reports/a.txt")], str(path), today=TODAY)
    doc = json.loads(json_format.render(results, {}, baseline=outcome.to_dict()))
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(doc)
    assert doc["baseline"]["suppressed"] == 0 and len(doc["baseline"]["expired"]) == 2
    assert "baseline" not in json.loads(json_format.render(results, {}))
