"""The one sample every formatter renders, and byte-for-byte snapshot files.

The sample covers: CJK text, one finding of each severity with evidence, a part-only location, a line,
a page, a long message, hostile text (rich markup, ``%``, ``,``, ``:``, CR/LF, an ANSI escape), a
baseline-suppressed finding, two findings of one rule at one place, a not-assessable rule, an empty
result and an unreadable one. Snapshots live in ``snapshots/<name>.txt``; run with
``REPORTLINT_UPDATE_SNAPSHOTS=1`` to rewrite them, then review the diff like code.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from checker import formatters
from checker.findings import CheckResult, Finding, Location, NotAssessed, RuleInfo, Severity

SNAPSHOTS = Path(__file__).parent / "snapshots"
TOOL_VERSION = "0.0.0-test"
HOSTILE = "模板残留 [bold red]x[/]：完成率 100%, 见下:\r\n第二行 \x1b[31m红字\x1b[0m"
BASIS_T3 = "国办公开办函〔2021〕30号 表三"


def _rule(rid: str, sev: Severity, zh: str, en: str, basis: str, kind: str) -> RuleInfo:
    return RuleInfo(id=rid, severity=sev, title={"zh": zh, "en": en}, basis=basis, kind=kind,
                    rationale={"zh": f"{zh}的理由。", "en": f"Why {en.lower()} matters."})


def sample_catalog() -> dict[str, RuleInfo]:
    rules = [
        _rule("T3-BALANCE", Severity.ERROR, "表三勾稽关系", "Table 3 balance", BASIS_T3, "sum"),
        _rule("SEC-PRESENT", Severity.ERROR, "六个部分齐全", "All six parts present", "条例第五十条", "sections"),
        _rule("DEADLINE-DEPT", Severity.WARNING, "部门报告公布期限", "Department deadline", "条例第四十九条", "deadline"),
        _rule("TEXT-TEMPLATE", Severity.WARNING, "模板残留", "Template residue", "", "text"),
        _rule("T2-BLANK-ZERO", Severity.INFO, "空白与零", "Blank versus zero", "30号文 表二", "cell"),
        _rule("T3-NONNEG", Severity.WARNING, "表三非负", "Table 3 non-negative", BASIS_T3, "cell"),
        _rule("NARRATIVE-T3", Severity.WARNING, "正文与表三一致", "Narrative matches table 3", BASIS_T3, "narrative"),
    ]
    return {r.id: r for r in rules}


def _f(rule: str, sev: Severity, zh: str, en: str, loc: Location, **kw: object) -> Finding:
    return Finding(rule=rule, severity=sev, message=zh, messages={"zh": zh, "en": en}, location=loc,
                   **kw)  # type: ignore[arg-type]


def sample_results() -> list[CheckResult]:
    t3 = Location(part="applications", table="t3", row="new", column="natural",
                  row_label="一、本年新收政府信息公开申请数量", column_label="自然人", line=120)
    long_zh = ("缺少第五部分“存在的主要问题及改进情况”。" * 6).rstrip("。") + "。"
    findings = sorted((
        _f("DEADLINE-DEPT", Severity.WARNING, "公布日期 2024-02-05 晚于 2024-01-31（部门报告）",
           "Published 2024-02-05, after the 2024-01-31 deadline for departments",
           Location(part="overview", page=3), basis="条例第四十九条",
           evidence={"published": "2024-02-05", "deadline": "2024-01-31"}),
        _f("TEXT-TEMPLATE", Severity.WARNING, HOSTILE, "Template residue: " + HOSTILE,
           Location(part="other", line=45), evidence={"match": "[bold red]x[/]"}),
        _f("TEXT-TEMPLATE", Severity.WARNING, "占位符 XX 未替换", "Placeholder XX left in place",
           Location(part="other", line=47), evidence={"match": "XX"}),
        _f("T2-BLANK-ZERO", Severity.INFO, "表二“规章 / 本年制发件数”为空白，应填 0",
           "Table 2 cell is blank; write 0", Location(part="proactive", table="t2", row="regulations",
           column="new", row_label="规章", column_label="本年制发件数", line=88), basis="30号文 表二"),
        _f("T3-BALANCE", Severity.ERROR, "表三“一、本年新收”自然人：合计 12 ≠ 各项之和 10（差 2）",
           "Table 3 'new' (natural persons): total 12 ≠ sum of parts 10 (difference 2)", t3,
           basis=BASIS_T3, title="表三勾稽关系",
           evidence={"operands": {"t3.new.natural": 12, "t3.new.a": 6, "t3.new.b": 4},
                     "left": 12, "right": 10, "difference": 2, "tolerance": 0}),
        _f("T3-NONNEG", Severity.WARNING, "表三出现负数 -1", "Negative value -1 in table 3",
           Location(table="t3", row="carried_out", column="total", line=131),
           suppressed="2022 年已说明：数据口径调整"),
        _f("SEC-PRESENT", Severity.ERROR, long_zh, "Part five (problems and improvements) is missing. " * 4,
           Location(part="problems"), basis="条例第五十条"),
    ), key=Finding.sort_key)
    return [
        CheckResult(source="reports/2023/某区财政局 年报.html", findings=tuple(findings),
                    not_assessed=(NotAssessed("NARRATIVE-T3", "表三合计不平，无法比对正文数字", "T3-BALANCE"),),
                    meta={"title": "某区财政局2023年政府信息公开工作年度报告", "agency": "某区财政局",
                          "year": 2023}, edition="2021", rules_evaluated=6),
        CheckResult(source="reports/2023/某镇人民政府.txt", meta={"agency": "某镇人民政府", "year": 2023},
                    edition="2021", rules_evaluated=7),
        CheckResult(source="reports\\2023\\坏文件.docx", error="not a valid .docx (zip header missing)"),
    ]


@pytest.fixture
def results() -> list[CheckResult]:
    return sample_results()


@pytest.fixture
def catalog() -> dict[str, RuleInfo]:
    return sample_catalog()


@pytest.fixture
def render(results: list[CheckResult], catalog: dict[str, RuleInfo]) -> Callable[..., str]:
    """``render(format, **options)``: the sample rendered by one formatter, with a fixed tool version."""

    def _render(name: str, **options: object) -> str:
        module = formatters.get(name)
        return module.render(results, catalog, tool_version=TOOL_VERSION, **options)  # type: ignore[no-any-return]

    return _render


@pytest.fixture
def reference(request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """The top-level conftest's ``reference_path`` helper: a ../shared/reference file, or skip."""
    top = Path(__file__).resolve().parents[1] / "conftest.py"
    return request.config.pluginmanager.get_plugin(str(top)).reference_path


@pytest.fixture
def snapshot() -> Callable[[str, str], None]:
    """``snapshot(name, text)``: compare ``text`` with ``snapshots/<name>.txt`` byte for byte."""

    def check(name: str, text: str) -> None:
        path = SNAPSHOTS / f"{name}.txt"
        data = text.encode("utf-8")
        if os.environ.get("REPORTLINT_UPDATE_SNAPSHOTS") == "1":
            SNAPSHOTS.mkdir(exist_ok=True)
            path.write_bytes(data)
            return
        if not path.exists():
            pytest.fail(f"missing snapshot {path}; run with REPORTLINT_UPDATE_SNAPSHOTS=1 and review it")
        assert data.decode("utf-8") == path.read_bytes().decode("utf-8"), f"snapshot {name} differs"

    return check
