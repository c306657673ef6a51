"""Cross-year rules end to end: 平潭 2021 → 2022 from the corpus, and pairs built from the example base.

What the sources say (corpus 048/049, the full web pages; checked against 004/005 text):
- 2021 表三 四、结转下年度继续办理 = 1 自然人, 总计 1 ("1件结转下年度继续办理" in the text);
  2022 表三 二、上年结转 = 1 自然人, 总计 1; every other column 0 on both sides → carry-over holds.
- 表二 行政规范性文件: 2021 现行有效 665; 2022 制发 88, 废止 55, 现行有效 698 = 665 + 88 − 55 exactly;
  规章 0/0/0 both years. 废止 55 ≤ 665 + 88.
- Parts 一 and 五 were rewritten (masked similarity about 0.2); part 六 is one short sentence
  ("无收取信息处理费情况"), identical but below the 150-character floor, so not compared.
- Part 五 of 2022 lists "政策解读形式单一" again (2021: "政策解读形式不够丰富…") in other words; item
  similarity is about 0.29, under the 0.6 re-listing threshold, so PROB-PREV-RECTIFY is silent.
  A human reader would call it re-listed: the heuristic is deliberately conservative.
- The crawler text 004 → 005 (cells run together) gives the same carry-over once 表三 is recovered;
  005's 表二 cannot be split uniquely, so the 现行有效 rules are not assessed there.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker.api import bind_report, check, read_report
from checker.bind import bind
from checker.cli import main
from checker.engine import evaluate
from checker.examples import build, patch_cells, previous_given
from checker.ruleset import load_ruleset

RULESET = load_ruleset()
CROSS_YEAR = sorted(r.id for r in RULESET.rules if r.needs_previous)


def test_the_cross_year_rules_are_in_the_pack() -> None:
    assert {"ID-X-CARRYOVER", "ID-X-INFORCE", "ID-X-INFORCE-LARGE", "TBL2-REPEAL-BOUND", "COPY-PREV",
            "PROB-PREV-RECTIFY", "X-PREV-YEAR", "X-PREV-AGENCY"} <= set(CROSS_YEAR)


def test_without_previous_the_cross_year_rules_do_not_run(corpus) -> None:
    result = check(corpus("049_pingtan-shiyanqu_2022.html"), RULESET)
    assert not {f.rule for f in result.findings} & set(CROSS_YEAR)
    assert not {n.rule for n in result.not_assessed} & set(CROSS_YEAR)


def test_pingtan_2021_to_2022_is_consistent(corpus) -> None:
    this_path, last_path = corpus("049_pingtan-shiyanqu_2022.html"), corpus("048_pingtan-shiyanqu_2021.html")
    alone = check(this_path, RULESET)
    result = check(this_path, RULESET, previous=last_path)
    assert result.rules_evaluated == alone.rules_evaluated + len(CROSS_YEAR)
    assert not {f.rule for f in result.findings} & set(CROSS_YEAR)
    assert not {n.rule for n in result.not_assessed} & set(CROSS_YEAR)
    # the cells the rules compared, as the sources give them
    this, last = (bind_report(read_report(p), RULESET) for p in (this_path, last_path))
    t3, p3 = this.tables["t3"], last.tables["t3"]
    assert [p3.number("carried_over", c) for c in ("natural", "total")] == [1, 1]
    assert [t3.number("carried_in", c) for c in ("natural", "total")] == [1, 1]
    t2, p2 = this.tables["t2"], last.tables["t2"]
    assert p2.number("normative", "in_force") + t2.number("normative", "issued") \
        - t2.number("normative", "repealed") == t2.number("normative", "in_force") == 698


def test_the_cli_takes_previous(corpus) -> None:
    this_path, last_path = corpus("049_pingtan-shiyanqu_2022.html"), corpus("048_pingtan-shiyanqu_2021.html")
    out = CliRunner().invoke(main, ["check", str(this_path), "--previous", str(last_path), "--format", "json",
                                    "--lang", "en", "--isolated", "--fail-on", "error"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    rules = {f["rule"] for r in data["results"] for f in r["findings"]}
    assert rules == {"SEC-HEADING-TYPO"}  # the 行政法复议 typo; nothing cross-year


@pytest.mark.parametrize(("this_name", "last_name", "previous_year"), [
    ("049_pingtan-shiyanqu_2022.html", "049_pingtan-shiyanqu_2022.html", 2022),
    ("048_pingtan-shiyanqu_2021.html", "049_pingtan-shiyanqu_2022.html", 2022),
])
def test_a_previous_report_that_is_not_last_years_is_one_finding(corpus, this_name, last_name, previous_year) -> None:
    result = check(corpus(this_name), RULESET, previous=corpus(last_name), lang="en")
    [pair] = [f for f in result.findings if f.rule in CROSS_YEAR]
    assert pair.rule == "X-PREV-YEAR" and pair.evidence["previous_year"] == previous_year
    skipped = {n.rule: n for n in result.not_assessed}
    for rule_id in ("ID-X-CARRYOVER", "ID-X-INFORCE", "COPY-PREV", "PROB-PREV-RECTIFY"):
        assert skipped[rule_id].cause == "X-PREV-YEAR", rule_id


def _pair(given=None, previous=None):
    this = build(RULESET, given)
    return this, build(RULESET, previous_given(previous, this))


def _cross_year(this, last):
    result = evaluate(this, RULESET, previous=last, lang="en")
    return [f for f in result.findings if f.rule in CROSS_YEAR], result


def test_built_pair_with_a_deliberate_carry_over_mismatch() -> None:
    # last year carried over 3 applications of natural persons (total 3); this year carried in none
    this, last = _pair(None, {"cells": {"t3/carried_over/natural": 3, "t3/carried_over/total": 3,
                                        "t2/normative/in_force": 1},
                              "parts": {"overview": "上年度本机关推进政务公开，发布信息若干条。" * 12,
                                        "problems": "一是信息更新不够及时。二是解读形式单一。(二)改进情况 一是加强巡查。"}})
    findings, _ = _cross_year(this, last)
    assert [(f.rule, f.location.table, f.location.row, f.location.column) for f in findings] == [
        ("ID-X-CARRYOVER", "t3", "carried_in", "natural"),
        ("ID-X-CARRYOVER", "t3", "carried_in", "total"),
    ]
    assert all(f.evidence["difference"] == "-3" for f in findings)
    assert "2024" in findings[0].message and "natural" not in findings[0].message  # labels, not ids
    assert findings[0].location.column_label == "自然人"


def test_built_pair_with_a_copied_part_five() -> None:
    this, last = _pair(None, {"cells": {"t2/normative/in_force": 1},
                              "parts": {"overview": "上年度本机关推进政务公开，发布信息若干条。" * 12}})
    findings, _ = _cross_year(this, last)
    assert [(f.rule, f.location.part) for f in findings] == [
        ("COPY-PREV", "problems"),
        ("PROB-PREV-RECTIFY", "problems"),
    ]
    copy = findings[0]
    assert copy.evidence["similarity"] == 1.0 and copy.severity.label == "warning"
    # a word on rectification answers PROB-PREV-RECTIFY but the text is still copied
    this, last = _pair({"append": {"problems": "上年度所列问题已完成整改。"}},
                       {"cells": {"t2/normative/in_force": 1},
                        "parts": {"overview": "上年度本机关推进政务公开，发布信息若干条。" * 12}})
    findings, _ = _cross_year(this, last)
    assert [(f.rule, f.location.part) for f in findings] == [("COPY-PREV", "problems")]


def test_previous_report_in_the_2019_trial_format() -> None:
    # 2020 → 2021 pairs: table 2 of the trial format has no 现行有效件数; the carry-over still compares
    this, last = _pair(None, {"parts": {"overview": "二〇二四年工作。" * 30,
                                        "problems": "一是信息更新不够及时。二是解读形式单一。(二)改进情况 一是加强巡查。"}})
    trial = bind(last.report, RULESET.structures, edition="2019")
    patch_cells(trial, {"t3/carried_over/natural": 2})
    findings, result = _cross_year(this, trial)
    skipped = {n.rule: n.reasons["en"] for n in result.not_assessed}
    assert "2019" in skipped["ID-X-INFORCE"] and "2019" in skipped["TBL2-REPEAL-BOUND"]
    assert [(f.rule, f.location.column) for f in findings] == [("ID-X-CARRYOVER", "natural")]


def test_pingtan_txt_2021_to_2022(corpus) -> None:
    this_path, last_path = corpus("005_pingtan-shiyanqu_2022.txt"), corpus("004_pingtan-shiyanqu_2021.txt")
    last = bind_report(read_report(last_path), RULESET)
    if last.tables["t3"].number("carried_over", "total") is None:
        pytest.skip("the text reader cannot split 004's run-together table cells yet (issue #3)")
    result = check(this_path, RULESET, previous=last_path, lang="en")
    assert not {f.rule for f in result.findings} & set(CROSS_YEAR)
    skipped = {n.rule: n for n in result.not_assessed}
    assert "ID-X-CARRYOVER" not in skipped  # 表三 is recovered from the run-together text: 1 = 1
    # 表二 of 005 runs "88", "55", "698" together ("8855698"): several splits, so the 现行有效
    # continuity is honestly not assessed, caused by TBL-PRESENT, rather than guessed
    for rule_id in ("ID-X-INFORCE", "TBL2-REPEAL-BOUND"):
        if rule_id in skipped:
            assert skipped[rule_id].cause == "TBL-PRESENT" and "unreadable" in skipped[rule_id].reason
