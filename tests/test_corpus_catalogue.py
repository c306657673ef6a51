"""The single-report rule catalogue on the real corpus: the defects ../shared/corpus/README.md lists
are found where they are, and the clean reports get no error from these rules.

Each case names the rule, the part and the line (and what was matched), so a rule that starts
finding something else — or the same thing elsewhere — fails here, not silently.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from checker.api import check
from checker.findings import CheckResult, Severity

# The rules of issue #4 part A (single-report catalogue); the older rules have their own tests.
CATALOGUE = {
    "META-TITLE", "META-REPORT-NAME", "META-YEAR", "META-PERIOD", "META-DATE-ORDER", "META-RESIDUE",
    "META-CITATION", "META-PART-LIST", "SEC-LEGACY-2007", "FMT-LEGACY-2019", "FMT-TRIAL-2019",
    "CELL-UNIT-WANYUAN", "TBL2-REGS-ELIGIBLE", "GEN-5ASPECTS", "GEN-KAOHE", "GEN-SPECIFIC", "PROB-PRESENT",
    "OTHER-FEE", "OTHER-FEE-CONSIST", "OTHER-ITEMS", "OTHER-NIL", "TXT-APPS", "TXT-REGS", "TXT-LITIG",
}


@lru_cache(maxsize=None)
def _checked(path: Path) -> CheckResult:
    return check(path, lang="en")


@pytest.fixture
def result(corpus):
    """result(name) → the check result of a corpus file (skips where ../shared is absent)."""
    return lambda name: _checked(corpus(name))


@pytest.fixture
def found(result):
    """found(name, rule) → that rule's findings on a corpus file."""
    return lambda name, rule: [f for f in result(name).findings if f.rule == rule]


def test_the_catalogue_rules_are_in_the_bundled_pack() -> None:
    from checker.ruleset import load_ruleset

    assert CATALOGUE <= {r.id for r in load_ruleset().rules}


def test_025_says_the_2024_report_was_published_in_2024(found) -> None:
    [finding] = found("025_changchun-nanguan-changtongjiedao_2024.txt", "META-DATE-ORDER")
    assert (finding.location.part, finding.location.line) == ("overview", 6)
    assert finding.evidence["stated"] == 2024 and finding.evidence["reference"] == 2024
    assert "于2024年1月15日之前" in finding.evidence["matched"]


def test_025_has_a_truncated_title(found) -> None:
    [finding] = found("025_changchun-nanguan-changtongjiedao_2024.txt", "META-TITLE")
    assert finding.location.line == 1


def test_026_misspells_the_format_citation(found) -> None:
    [finding] = found("026_yinchuan-xingqing-qianjinjiejiedao_2024.txt", "META-CITATION")
    assert finding.location.line == 3
    assert finding.evidence["matched"] == "国办公开办涵〔2021〕30号"


@pytest.mark.parametrize(("name", "line", "matched"), [
    ("027_xian-lianhu-xiguanjiedao_2024.txt", 1, "2024年度政府信息工作年度报告"),  # 公开 missing
    ("021_tongchuan-gonganju_2024.txt", 1, "2024年政府信息公开年度报告"),  # 工作 missing
])
def test_a_wrong_name_for_the_report_is_found(name: str, line: int, matched: str, found) -> None:
    [finding] = found(name, "META-REPORT-NAME")
    assert finding.location.line == line and finding.evidence["matched"] == matched


def test_023_title_says_work_report(found) -> None:
    [finding] = found("023_wuhan-gonganju_2024.txt", "META-TITLE")
    assert finding.location.line == 1
    assert found("023_wuhan-gonganju_2024.txt", "META-REPORT-NAME") == []  # one finding per root cause


def test_028_garbles_the_list_of_parts(found) -> None:
    [finding] = found("028_daye-dongfenglujiedao_2024.txt", "META-PART-LIST")
    assert finding.location.line == 9
    assert finding.evidence["missing"] == ["存在的主要问题及改进情况", "其他需要报告的事项"]


def test_001_text_contradicts_table_three(found) -> None:
    findings = found("001_shanghai-shizhengfu-bangongting_2019.html", "TXT-APPS")
    got = {(f.location.part, f.evidence["matched"], f.evidence["stated"], f.evidence["candidates"][-1]["value"])
           for f in findings}
    assert got == {
        ("overview", "予以公开及部分公开258件", "258", "275"),  # 258 is only the natural-person cell
        ("overview", "无法提供265件", "265", "337"),  # 265 is only row 1.不掌握
    }


def test_012_uses_the_old_normative_documents_label(found) -> None:
    findings = found("012_shanghai-kewei_2024.md", "TBL-LABELS")
    assert any((f.location.table, f.location.row) == ("t2", "normative") for f in findings)


@pytest.mark.parametrize("name", ["005_pingtan-shiyanqu_2022.txt", "049_pingtan-shiyanqu_2022.html"])
def test_received_75_is_new_plus_carried_in_and_not_a_defect(name: str, found) -> None:
    assert found(name, "TXT-APPS") == []


@pytest.mark.parametrize("name", [
    "001_shanghai-shizhengfu-bangongting_2019.html", "002_pingtan-shiyanqu_2019.txt", "003_pingtan-shiyanqu_2020.txt",
])
def test_2019_and_2020_reports_in_the_trial_format_pass_the_edition_rules(name: str, found, result) -> None:
    assert result(name).edition == "2019"
    assert found(name, "FMT-TRIAL-2019") == [] and found(name, "FMT-LEGACY-2019") == []


@pytest.mark.parametrize("name", [
    "000_2606f0613b160dcc.txt", "009_huaian-shizhengfu_2024.pdf", "044_synthetic-kirogov-ceshishi_2025.html",
    "048_pingtan-shiyanqu_2021.html", "049_pingtan-shiyanqu_2022.html", "050_pingtan-xingzhengshenpiju_2025.html",
])
def test_clean_reports_get_no_error_from_the_catalogue(name: str, result) -> None:
    errors = [f.rule for f in result(name).findings if f.rule in CATALOGUE and f.severity is Severity.ERROR]
    assert errors == []


def test_the_seed_gets_nothing_from_the_catalogue(result) -> None:
    assert [f.rule for f in result("000_2606f0613b160dcc.txt").findings if f.rule in CATALOGUE] == []


def test_excerpts_are_not_judged_on_what_they_cut_off(result) -> None:
    """014–030 stop inside part 一: absent content there is not assessed, not reported."""
    result = result("029_wenzhou-lucheng-qidujiedao_2024.txt")
    assert not [f for f in result.findings if f.rule in {"GEN-5ASPECTS", "GEN-KAOHE", "OTHER-FEE", "META-PERIOD"}]
    assert {"GEN-5ASPECTS", "GEN-KAOHE"} <= {n.rule for n in result.not_assessed}
