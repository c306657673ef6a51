"""The rich table: report text is shown literally, never as markup or raw escapes; CJK width holds."""

from __future__ import annotations

from rich.cells import cell_len


def test_markup_is_literal_and_escapes_visible(render):
    text = render("table")
    assert "[bold red]x[/]" in text
    assert "\x1b" not in text
    assert "␛[31m红字␛[0m" in text


def test_colour_output_styles_but_never_passes_report_escapes(render):
    text = render("table", color=True)
    assert "\x1b[1;31m" in text  # error severity is bold red
    assert "␛[31m红字" in text and "\x1b[31m红字" not in text
    assert "[bold red]x[/]" in text


def test_header_footer_and_not_assessed(render):
    text = render("table")
    assert "reports/2023/某区财政局 年报.html" in text and "某区财政局2023年政府信息公开工作年度报告" in text
    assert "2 个错误，3 个警告，1 条提示 · 已检查 6 条规则 · 1 条无法评估 · 1 条已按基线豁免" in text
    assert "NARRATIVE-T3 — 表三合计不平" in text
    assert "无法读取: not a valid .docx" in text
    assert "共检查 3 份报告 · 1 份有错误 · 1 份无法读取" in text
    assert "表三出现负数" not in text  # baseline-suppressed finding is counted, not listed


def test_lines_fit_the_width_in_terminal_cells(render):
    for width in (60, 100):
        for line in render("table", width=width).splitlines():
            assert cell_len(line) <= width, line


def test_long_output_is_cut_with_a_summary(render):
    text = render("table", max_findings=2)
    assert "另有 4 条问题未显示" in text
    assert "占位符 XX 未替换" in text and "合计 12" not in text
