"""Reports for the HTML review page tests: the pack's clean 2021 base report with known defects.

``write_defective(folder)`` writes a text report (through the real reader) whose 表三 自然人 cell of
一、本年新收 says 5 instead of 2, and whose part 二 heading lost its numeral; ``HOSTILE`` is report text
that must never become markup or drive a terminal.
"""

from __future__ import annotations

from pathlib import Path

from checker.ruleset import load_ruleset

HOSTILE = '<script>alert("x")</script></td>"[bold red]\x1b[31m'
NEW_NATURAL_LINE = 95  # the 自然人 cell of 一、本年新收政府信息公开申请数量 in base-2021.txt
PROACTIVE_HEADING_LINE = 20


def base_lines() -> list[str]:
    return load_ruleset().example_base["2021"].read_text(encoding="utf-8").split("\n")


def write_defective(folder: Path, name: str = "defective.txt") -> Path:
    lines = base_lines()
    assert lines[NEW_NATURAL_LINE - 1] == "2 |", "base-2021.txt changed; update the sample"
    assert lines[PROACTIVE_HEADING_LINE - 1] == "二、主动公开政府信息情况"
    lines[NEW_NATURAL_LINE - 1] = "5 |"
    lines[PROACTIVE_HEADING_LINE - 1] = "、主动公开政府信息情况"
    path = folder / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
