"""`check --baseline` from a real baseline file: the table and Markdown outputs name expired and stale
entries (rule, place in the report, baseline line, reason) and say what to do, in zh and en."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from tests.test_cli_gate import LOST_NUMERAL, SEED_RULES, cli, project  # noqa: F401 - the fixture

BASELINE = ".reportlint-baseline.yaml"


@pytest.fixture
def aged(project):  # noqa: F811 - the imported fixture
    """The seed's two findings baselined; META-WEBSITE-FIELDS' entry has expired and the lost numeral
    behind SEC-NUMBERING is fixed, so that entry is stale."""
    made = cli("baseline", "reports/seed.txt", "--reason", "网页转存时丢失序号", *SEED_RULES)
    assert made.exit_code == 0, made.stderr
    data = yaml.safe_load((project / BASELINE).read_text(encoding="utf-8"))
    for entry in data["entries"]:
        if entry["rule"] == "META-WEBSITE-FIELDS":
            entry["expires"], entry["reason"] = "2020-12-31", "等待网站改版"
    (project / BASELINE).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = project / "reports" / "seed.txt"
    report.write_text(report.read_text(encoding="utf-8").replace(LOST_NUMERAL, "\n二、主动公开政府信息情况"),
                      encoding="utf-8")
    lines = (project / BASELINE).read_text(encoding="utf-8").splitlines()
    return {rule: lines.index(f"- fingerprint: {e['fingerprint']}") + 1
            for rule, e in ((e["rule"], e) for e in data["entries"])}


def rows(stdout: str) -> dict[str, str]:
    """Baseline table rows by rule: the row's lines joined (rich wraps long cells under each other)."""
    out: dict[str, str] = {}
    rule = None
    for line in stdout[stdout.index(BASELINE):].splitlines()[3:]:
        if not line.startswith(" " * 10):
            match = re.match(r"\S+\s+([A-Z-]+)\s", line)
            if match is None:
                break
            rule = match[1]
        out[rule] = out.get(rule, "") + " " + line
    return {k: " ".join(v.split()) for k, v in out.items()}


def test_table_in_both_languages_names_both_entries(aged):
    en = cli("check", "reports/seed.txt", "--baseline", BASELINE, "--lang", "en", "--fail-on", "info", *SEED_RULES)
    assert en.exit_code == 1  # the expired entry's finding fails the run again
    assert f"Baseline {BASELINE}: 1 expired, 1 stale" in en.stdout
    got = rows(en.stdout)
    # cells wrap into several lines, so each row's words are checked, not their order across columns
    expired, stale = got["META-WEBSITE-FIELDS"], got["SEC-NUMBERING"]
    assert expired.startswith("expired META-WEBSITE-FIELDS reports/seed.txt")
    assert str(aged["META-WEBSITE-FIELDS"]) in expired.split() and "baseline line" in expired
    assert "等待网站改版" in expired and "2020-12-31" in expired
    assert stale.startswith("stale SEC-NUMBERING reports/seed.txt ›") and "网页转存时丢失序号" in stale
    assert str(aged["SEC-NUMBERING"]) in stale.split() and "主动公开政府信息情况" in stale
    text = " ".join(en.stdout.split())
    assert "delete them from .reportlint-baseline.yaml" in text and "setting a later expires" in text
    zh = cli("check", "reports/seed.txt", "--baseline", BASELINE, "--lang", "zh", *SEED_RULES)
    assert f"基线 {BASELINE}：1 条已过期，1 条已失效" in zh.stdout
    got = rows(zh.stdout)
    assert got["SEC-NUMBERING"].startswith("已失效 SEC-NUMBERING reports/seed.txt ›")
    assert "网页转存时丢失序号" in got["SEC-NUMBERING"] and "基线第" in got["SEC-NUMBERING"]
    assert "等待网站改版" in got["META-WEBSITE-FIELDS"] and "2020-12-31" in got["META-WEBSITE-FIELDS"]
    text = " ".join(zh.stdout.split())
    assert "请从 .reportlint-baseline.yaml 中删除该条目" in text and "改为更晚的日期以续期" in text


def test_markdown_and_json_from_the_same_run(aged):
    done = cli("check", "reports/seed.txt", "--baseline", BASELINE, "--lang", "en", *SEED_RULES,
               "--format", "markdown", "--format", "json", "--output", "out.json")
    assert re.search(r"\| stale \| `SEC-NUMBERING` \| reports/seed.txt › .*主动公开政府信息情况 · baseline line "
                     rf"{aged['SEC-NUMBERING']} \| 网页转存时丢失序号 \|", done.stdout)
    assert (f"| expired | `META-WEBSITE-FIELDS` | reports/seed.txt · baseline line {aged['META-WEBSITE-FIELDS']}"
            " | 等待网站改版 (expired 2020-12-31) |") in done.stdout
    doc = json.loads(open("out.json", encoding="utf-8").read())
    assert set(doc["baseline"]["stale"][0]) == {"rule", "source", "fingerprint", "line"}  # JSON unchanged
