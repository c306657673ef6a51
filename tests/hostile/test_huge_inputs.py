"""Huge inputs end in bounded time (issue #8): a 50 MB HTML page is refused in seconds, or checked
when what makes it huge is chrome; large but plausible inputs (100k cells) are checked.

Pages are generated here, never stored. Limits: `checker.readers` (MAX_HTML_ELEMENTS, MAX_TEXT_LINES,
MAX_BLOCKS), documented in docs/security.md. No timed assertions (benchmarks time things); the child
process timeout only turns a hang into a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.api import check
from checker.readers import MAX_HTML_ELEMENTS, MAX_TEXT_LINES

MB50 = 50 * 1024 * 1024
HEAD, TAIL = "<html><head><meta charset='utf-8'><title>页</title></head><body>", "</body></html>"


def _fill(unit: str, size: int = MB50) -> str:
    """`unit` repeated to about `size` bytes of UTF-8."""
    return unit * (size // len(unit.encode("utf-8")) + 1)


def _page_of_paragraphs() -> str:
    return HEAD + _fill("<p>政府信息公开工作稳步推进，主动公开政府信息若干条。</p>\n") + TAIL


def _page_of_table_rows() -> str:
    row = "<tr><td>项目名称</td><td>12</td><td>34</td><td>56</td><td>公开</td></tr>\n"
    return HEAD + "<table>" + _fill(row) + "</table>" + TAIL


def _page_of_nested_divs() -> str:
    depth = 200  # under libxml2's 256 levels, so the parser keeps every element
    unit = "<div><span>政府信息公开文字内容</span>" * depth + "</div>" * depth + "\n"
    return HEAD + _fill(unit) + TAIL


@pytest.mark.parametrize("make", [_page_of_paragraphs, _page_of_table_rows, _page_of_nested_divs],
                         ids=["400k-paragraphs", "100k-row-table", "nested-divs"])
def test_a_50_mb_page_that_is_not_a_report_ends_in_one_line_exit_2(cli, tmp_path: Path, make) -> None:
    page = tmp_path / "huge.html"
    page.write_text(make(), encoding="utf-8")
    assert page.stat().st_size > MB50
    done = cli.run("check", str(page), timeout=120)
    line = cli.exit2(done.returncode, done.stderr)
    assert "huge.html" in line and "HTML elements" in line and f"limit of {MAX_HTML_ELEMENTS}" in line
    assert "not checked" in line and done.stdout == ""


def test_a_50_mb_inline_script_and_style_change_nothing(ruleset, corpus, tmp_path: Path) -> None:
    # Chrome is dropped whole: the report inside is checked exactly as without 50 MB of script.
    plain = corpus("048_pingtan-shiyanqu_2021.html")
    source = plain.read_bytes().decode("utf-8")
    script = "<script>" + _fill("var a='政府信息公开';", MB50 - 1024 * 1024) + "</script>"
    style = "<style>" + _fill("p{color:red}", 1024 * 1024) + "</style>"
    assert source.count("<body>") == 1
    huge = tmp_path / plain.name
    huge.write_text(source.replace("<body>", "<body>" + script + style), encoding="utf-8")  # same line: lines kept
    assert huge.stat().st_size > MB50

    def found(path: Path) -> list[tuple[str, dict, str]]:
        return [(f.rule, f.location.to_dict(), f.message) for f in check(path, ruleset, lang="en").findings]

    result = found(huge)
    assert result == found(plain)
    assert ("GEN-KAOHE", {"part": "overview", "part_label": "一、总体情况", "line": 349}) in [r[:2] for r in result]


def test_a_50_mb_paragraph_is_refused_not_read_in_part(cli, tmp_path: Path) -> None:
    # libxml2 stops at a 10 MB text and drops the rest of the page; that must not pass for a report
    page = tmp_path / "one-paragraph.html"
    page.write_text(HEAD + "<p>" + _fill("政府信息公开。") + "</p><h2>一、总体情况</h2>" + TAIL, encoding="utf-8")
    done = cli.run("check", str(page), timeout=120)
    line = cli.exit2(done.returncode, done.stderr)
    assert "one-paragraph.html" in line and "HTML parser's limit (10 MB)" in line and "not checked" in line


def test_a_50_mb_text_of_lines_is_refused_before_reading(cli, tmp_path: Path) -> None:
    text = tmp_path / "huge.txt"
    text.write_text(cli.seed.read_text(encoding="utf-8") + _fill("政府信息公开工作稳步推进。\n"), encoding="utf-8")
    done = cli.run("check", str(text), timeout=120)
    line = cli.exit2(done.returncode, done.stderr)
    assert "lines" in line and f"limit of {MAX_TEXT_LINES}" in line and "not checked" in line


def test_100k_cell_per_line_text_is_checked_like_the_seed(ruleset, cli, tmp_path: Path) -> None:
    # 100k lines of a junk table after the seed: bound and checked, and the junk changes no finding
    seed = cli.seed.read_text(encoding="utf-8")
    rows = "".join(f"|\n项目{i} |\n" + f"{i % 13} |\n" * 4 for i in range(100_000 // 6))
    big = tmp_path / "cells.txt"
    big.write_text(seed + "\n" + rows, encoding="utf-8")
    expected = [(f.rule, f.location.to_dict()) for f in check(cli.seed, ruleset).findings]
    assert ("SEC-NUMBERING", {"part": "proactive", "part_label": "二、主动公开政府信息情况", "line": 20}) in expected
    assert [(f.rule, f.location.to_dict()) for f in check(big, ruleset).findings] == expected


def test_a_100k_cell_html_table_is_checked(ruleset, tmp_path: Path) -> None:
    rows = "".join(f"<tr><td>项目{i}</td>" + f"<td>{i}</td>" * 4 + "</tr>\n" for i in range(20_000))
    page = tmp_path / "table.html"
    page.write_text(HEAD + "<h1>政府信息公开工作年度报告</h1><table>" + rows + "</table>" + TAIL, encoding="utf-8")
    found = {(f.rule, f.location.part, f.location.table) for f in check(page, ruleset).findings}
    parts = ("overview", "proactive", "applications", "review_litigation", "problems", "other")
    assert {("SEC-PRESENT", part, None) for part in parts} <= found
    assert {("TBL-PRESENT", part, table) for part, table in
            (("proactive", "t2"), ("applications", "t3"), ("review_litigation", "t4"))} <= found
