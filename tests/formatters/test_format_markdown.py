"""Markdown review sheet: metadata, findings table with escaped cells, not-assessed list, sign-off."""

from __future__ import annotations

from checker.formatters.markdown import cell


def test_cell_escaping():
    assert cell("a|b\nc") == "a\\|b<br>c"
    assert cell("<script>&") == "&lt;script&gt;&amp;"
    assert cell("\x1b[31m") == "␛[31m"


def test_review_sheet(render):
    text = render("markdown")
    assert text.startswith("# 政府信息公开工作年度报告审核单\n")
    assert "- 机关：某区财政局" in text
    assert "| 严重程度 | 规则 | 位置 | 问题说明 | 依据 |" in text
    assert "- `NARRATIVE-T3`: 表三合计不平，无法比对正文数字" in text
    assert text.count("审核人：") == 3
    for line in text.splitlines():
        if line.startswith("| "):
            assert line.replace("\\|", "").count("|") == 6, line


def test_english_sheet(render):
    text = render("markdown", lang="en")
    assert "| Severity | Rule | Location | Message | Basis |" in text and "Reviewed by:" in text
