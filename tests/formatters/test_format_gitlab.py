"""GitLab Code Quality: shape, severities, unique fingerprints."""

from __future__ import annotations

import json


def test_shape_and_unique_fingerprints(render):
    issues = json.loads(render("gitlab"))
    assert isinstance(issues, list) and len(issues) == 7
    prints = [i["fingerprint"] for i in issues]
    assert len(set(prints)) == len(prints)
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int)


def test_severities_lines_and_paths(render):
    issues = json.loads(render("gitlab"))
    by_rule = {}
    for issue in issues:
        by_rule.setdefault(issue["check_name"], issue)
    assert by_rule["T3-BALANCE"]["severity"] == "critical"
    assert by_rule["DEADLINE-DEPT"]["severity"] == "major"
    assert by_rule["T2-BLANK-ZERO"]["severity"] == "info"
    assert by_rule["SEC-PRESENT"]["location"]["lines"]["begin"] == 1
    assert by_rule["T3-BALANCE"]["location"] == {"path": "reports/2023/某区财政局 年报.html", "lines": {"begin": 120}}
    assert by_rule["reportlint/unreadable"]["location"]["path"] == "reports/2023/坏文件.docx"
    assert "T3-NONNEG" not in by_rule
