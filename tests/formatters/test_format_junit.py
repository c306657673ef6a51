"""JUnit: well-formed XML, one testcase per rule per report, and counts that add up."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def test_structure_and_counts(render, catalog):
    root = ET.fromstring(render("junit").encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "reports/2023/某区财政局 年报.html", "reports/2023/某镇人民政府.txt", "reports\\2023\\坏文件.docx"]
    main, empty, broken = suites
    assert [c.get("name") for c in main.findall("testcase")] == list(catalog)
    assert (main.get("tests"), main.get("failures"), main.get("skipped"), main.get("errors")) == ("7", "4", "1", "0")
    assert (empty.get("tests"), empty.get("failures"), empty.get("skipped")) == ("7", "0", "0")
    assert (broken.get("tests"), broken.get("errors")) == ("1", "1")
    assert (root.get("tests"), root.get("failures"), root.get("skipped"), root.get("errors")) == ("15", "4", "1", "1")
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
        assert int(suite.get("skipped")) == sum(c.find("skipped") is not None for c in cases)


def test_severity_mapping(render):
    root = ET.fromstring(render("junit").encode("utf-8"))
    cases = {c.get("name"): c for c in root.find("testsuite").findall("testcase")}
    assert cases["T3-BALANCE"].find("failure").get("type") == "error"
    template = cases["TEXT-TEMPLATE"].find("failure")
    assert template.get("type") == "warning" and template.text.count("[warning]") == 2
    assert "\x1b" not in template.text and "␛[31m" in template.text
    assert cases["T2-BLANK-ZERO"].find("failure") is None  # infos pass, reported in system-out
    assert "应填 0" in cases["T2-BLANK-ZERO"].find("system-out").text
    assert cases["T3-NONNEG"].find("failure") is None  # baseline-suppressed
    assert cases["NARRATIVE-T3"].find("skipped").get("message") == "表三合计不平，无法比对正文数字"
