"""SARIF: valid against the official 2.1.0 schema; indexes, locations, fingerprints, suppressions."""

from __future__ import annotations

import dataclasses
import json

import jsonschema

from checker.findings import Location
from checker.formatters import sarif


def test_validates_against_official_schema(render, reference):
    schema = json.loads(reference("sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("http://json-schema.org/draft-04/")
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(json.loads(render("sarif"))))
    assert not errors, [e.message for e in errors]


def test_rule_index_levels_and_locations(render):
    run = json.loads(render("sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert by_rule["T2-BLANK-ZERO"]["level"] == "note"
    balance = by_rule["T3-BALANCE"]
    loc = balance["locations"][0]
    assert loc["physicalLocation"]["region"] == {"startLine": 120}
    assert loc["physicalLocation"]["artifactLocation"]["uri"].startswith("reports/2023/%E6%9F%90")
    assert "%20" in loc["physicalLocation"]["artifactLocation"]["uri"]
    assert loc["logicalLocations"] == [{"fullyQualifiedName": "applications/表三/一、本年新收政府信息公开申请数量/自然人",
                                        "kind": "member"}]
    assert balance["properties"]["evidence"]["difference"] == 2
    part_only = by_rule["SEC-PRESENT"]["locations"][0]
    assert "region" not in part_only["physicalLocation"]
    assert part_only["logicalLocations"][0]["fullyQualifiedName"] == "problems"


def test_suppressions_and_notifications(render):
    run = json.loads(render("sarif"))["runs"][0]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["T3-NONNEG"]
    assert suppressed[0]["suppressions"] == [{"kind": "external", "justification": "2022 年已说明：数据口径调整"}]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [(n["level"], n.get("associatedRule", {}).get("id")) for n in notes] == [
        ("note", "NARRATIVE-T3"), ("error", None)]
    assert notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "reports/2023/%E5%9D%8F%E6%96%87%E4%BB%B6.docx"
    assert run["invocations"][0]["executionSuccessful"] is False


def test_fingerprints_ignore_message_and_line_but_stay_unique(results, catalog):
    def prints(res):
        run = sarif.document(res, catalog)["runs"][0]
        return [r["partialFingerprints"]["reportlint/v1"] for r in run["results"]]

    before = prints(results)
    assert len(set(before)) == len(before)
    first = results[0]
    moved = tuple(dataclasses.replace(f, message="reworded", messages={},
                                      location=dataclasses.replace(f.location, line=(f.location.line or 0) + 7))
                  for f in first.findings)
    assert prints([dataclasses.replace(first, findings=moved), *results[1:]]) == before
    i = next(n for n, f in enumerate(first.findings) if f.rule == "T3-BALANCE")
    findings = list(first.findings)
    findings[i] = dataclasses.replace(findings[i], location=Location(table="t3", row="new", column="legal"))
    changed = prints([dataclasses.replace(first, findings=tuple(findings)), *results[1:]])
    assert [n for n, (a, b) in enumerate(zip(before, changed)) if a != b] == [i]
