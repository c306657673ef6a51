"""Markdown reader: synthetic PDF-extraction damage and the real 上海市科委 2024 extraction (012)."""

from __future__ import annotations

import pytest

from checker.errors import InputError
from checker.model import Block, Report
from checker.readers import markdown, read

KEWEI = "012_shanghai-kewei_2024.md"


def md(text: str) -> Report:
    return markdown.read_bytes(text.encode("utf-8"), "t.md")


def tables(report: Report) -> list[Block]:
    return [b for b in report.blocks if b.type == "table"]


def texts(rows) -> list[list[str]]:
    return [[c.text for c in row] for row in rows]


# --- synthetic --------------------------------------------------------------------------


def test_atx_headings_paragraphs_and_lines() -> None:
    report = md("# 2024年某局政府信息公开工作年度报告\n\n一段文字。\n\n## 表二：主动公开 ##\n")
    assert [(b.type, b.text, b.level, b.line) for b in report.blocks] == [
        ("heading", "2024年某局政府信息公开工作年度报告", 1, 1),
        ("paragraph", "一段文字。", None, 3),
        ("heading", "表二：主动公开", 2, 5),
    ]
    assert report.reader == "markdown"
    assert report.meta.title == "2024年某局政府信息公开工作年度报告"


def test_page_footers_lone_numbers_and_running_headers_dropped() -> None:
    header = "某局2024年政府信息公开工作年度报告"
    text = (
        f"{header}\n\n一、总体情况\n\n正文第一段。\n\n— 1 —\n\n{header}\n\n正文第二段。\n\n- 12 -\n\n"
        f"{header}\n\n第 3 页\n\n12\n\n结尾段，数字\n7\n在文中保留。\n"
    )
    report = md(text)
    got = [b.text for b in report.blocks]
    assert got == ["一、总体情况", "正文第一段。", "正文第二段。", "结尾段，数字7在文中保留。"]


def test_hard_wrapped_chinese_lines_joined_without_spaces() -> None:
    wrapped = [
        "根据《中华人民共和国政府信息公开条例》和《上海市政府",
        "信息公开规定》的要求，市科委编制了 2024 年度政务公开工作",
        "报告，报告全文包括总体情况、主动公开政府信息情况、收到和",
        "处理政府信息公开申请情况。",
        "（一）主动公开情况。本年度主动公开政府信息三百九十三件，",
        "其中包括行政规范性文件十三件，规划计划文件两件，另有其",
        "他信息若干。",
        "短行。",
        "下一段开始于此处，并且继续写到足够长以便形成换行的宽度。",
    ]
    report = md("\n".join(wrapped) + "\n")
    got = [b.text for b in report.blocks]
    assert got[0] == "".join(wrapped[:4])
    assert got[1] == "".join(wrapped[4:7])  # a numbered line starts a new paragraph
    assert got[2:] == ["短行。", wrapped[8]]  # a clearly short line ends its paragraph


def test_pipe_table_separator_dropped_empty_cells_kept() -> None:
    report = md(
        "| 信息内容 | 本年制发件数 | 现行有效件数 |\n|---|:---:|---:|\n| 规章 |  | 0 |\n"
        "| 四、结转下年度继续办理 | 1 |  |\n"
    )
    (table,) = tables(report)
    assert texts(table.rows) == [
        ["信息内容", "本年制发件数", "现行有效件数"],
        ["规章", "", "0"],
        ["四、结转下年度继续办理", "1", ""],
    ]
    assert [row[0].line for row in table.rows] == [1, 3, 4]
    assert table.line == 1
    assert all(c.rowspan == c.colspan == 1 for row in table.rows for c in row)


def test_escaped_pipes_br_and_emphasis_in_cells() -> None:
    (table,) = tables(md("| a \\| b | 第一行<br>第二行 | **加粗** |\n|---|---|---|\n"))
    assert texts(table.rows) == [["a | b", "第一行\n第二行", "加粗"]]


def test_blank_line_separates_tables_and_mid_separators_do_not() -> None:
    report = md("| 1 | 2 |\n|---|---|\n| 3 | 4 |\n|---|---|\n| 5 | 6 |\n\n| 7 |\n")
    first, second = tables(report)
    assert texts(first.rows) == [["1", "2"], ["3", "4"], ["5", "6"]]
    assert texts(second.rows) == [["7"]]


def test_numbered_title_lines_become_headings_but_table_shreds_do_not() -> None:
    report = md("一、总体情况\n\n（一）主要问题\n\n（三）不\n\n（四）无2.没有现成信息需要另\n")
    assert [(b.type, b.level) for b in report.blocks] == [
        ("heading", 1), ("heading", 2), ("paragraph", None), ("paragraph", None),
    ]


def test_binary_junk_is_input_error() -> None:
    with pytest.raises(InputError):
        markdown.read_bytes(bytes(range(256)) * 20, "junk.md")


def test_front_matter_fields() -> None:
    report = md("---\ntitle: 某县2024年政府信息公开工作年度报告\n索引号: 123\n---\n正文。\n")
    assert report.meta.title == "某县2024年政府信息公开工作年度报告"
    assert report.meta.fields["索引号"] == "123"
    assert [b.text for b in report.blocks] == ["正文。"]


def test_closing_date_goes_to_fields_not_published() -> None:
    report = md("正文。\n\n某局\n\n2025年1月20日\n")
    assert report.meta.fields["落款日期"] == "2025年1月20日"
    assert report.meta.published is None


# --- the real extraction ----------------------------------------------------------------


@pytest.fixture
def kewei(corpus) -> Report:
    return read(corpus(KEWEI))


def test_kewei_carried_over_total_is_an_empty_last_cell(kewei: Report) -> None:
    row = next(r for t in tables(kewei) for r in t.rows if r[0].text == "四、结转下年度继续办理")
    assert [c.text for c in row] == ["四、结转下年度继续办理", "1", "0", "0", "0", "0", "0", ""]
    assert row[-1].line == 178


def test_kewei_tables_read(kewei: Report) -> None:
    rows = [[c.text for c in r] for t in tables(kewei) for r in t.rows]
    assert ["规范性文件", "13", "0", "55"] in rows
    assert ["一、本年新收政府信息公开申请数量", "32", "2", "0", "0", "0", "0", "34", ""] in rows
    assert ["（七）总计", "33", "2", "0", "0", "0", "0", "35"] in rows
    assert ["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"] in rows
    assert not any(set(r) <= {"---", ""} and "---" in r for r in rows)
    assert len(tables(kewei)) == 8


def test_kewei_structure_kept_as_is(kewei: Report) -> None:
    level1 = [b.text for b in kewei.blocks if b.type == "heading" and b.level == 1]
    assert level1 == [
        "一、总体情况", "二、工作机制保障", "三、主动公开工作情况", "四、政府信息公开申请情况",
        "五、政府信息管理", "六、政府信息公开平台建设", "一、主动公开政府信息情况",
        "二、收到和处理政府信息公开申请情况", "三、政府信息公开行政复议、行政诉讼情况",
        "五、其他需要报告的事项",
    ]
    assert ("heading", 2, "表三：收到和处理政府信息公开申请情况") in [
        (b.type, b.level, b.text) for b in kewei.blocks
    ]
    assert kewei.meta.title == "2024 年上海市科委政府信息公开工作年度报告"


def test_kewei_all_text_present_and_joined(kewei: Report) -> None:
    prose = "\n".join(b.text for b in kewei.blocks if b.type != "table")
    for phrase in (
        "同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2件，无法提供的 10 件",
        "转下一年度办理答复的有 1 件。",
        "加强公文公开属性审查和信息发布审查管",  # the source's typo, kept
        "三是重新涉及部门网站政务公开栏目。",
        "微信公众号目前关注人数达 1016823 人",
        "2024 年，市科委未发生政府信息公开收费事项。",
        "行政许可 97",
    ):
        assert phrase in prose
    lines = [b.line for b in kewei.blocks]
    assert lines == sorted(lines) and lines[0] == 1
