"""Tests for the plain-text reader (checker/readers/text.py) on the real corpus and edge cases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.errors import InputError
from checker.model import Block, Report
from checker.readers.text import read_bytes

SEED = "000_2606f0613b160dcc.txt"


def read(path) -> Report:
    return read_bytes(path.read_bytes(), str(path))


def texts(report: Report) -> list[str]:
    return [b.text for b in report.blocks if b.type != "table"]


def tables(report: Report) -> list[Block]:
    return [b for b in report.blocks if b.type == "table"]


def row(table: Block, first: str) -> list[str]:
    """The cells of the first row containing a cell equal to `first`, from that cell on."""
    for r in table.rows:
        cells = [c.text for c in r]
        if first in cells:
            return cells[cells.index(first):]
    raise AssertionError(f"no row with {first!r}")


def rowcells(table: Block, first: str) -> list[str]:
    for r in table.rows:
        cells = [c.text for c in r]
        if first in cells:
            return cells
    raise AssertionError(f"no row with {first!r}")


# --- the seed ------------------------------------------------------------------------------


@pytest.fixture
def seed(corpus):
    path = corpus(SEED)
    return path, read(path)


def test_seed_meta(seed):
    _, r = seed
    m = r.meta
    assert m.title == "乌恰县人民政府办公室2025年政府信息公开工作年度报告"
    assert m.agency == "乌恰县人民政府"
    assert m.published == "2026-01-19"
    assert m.fields["文号"] == "〔〕号"
    assert m.fields["名称"] == ""
    assert m.fields["索引号"] == "K45899617/2026-00221"
    assert m.fields["有效性"] == "" and m.fields["来源"] == ""
    assert m.year is None and m.agency_kind is None
    assert r.reader == "text"


def test_seed_block_sequence(seed):
    _, r = seed
    seq = texts(r)
    wanted = [
        "一、总体情况",
        "(一)主动公开情况",
        "、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    positions = [seq.index(w) for w in wanted]
    assert positions == sorted(positions)
    heads = {b.text: b for b in r.blocks if b.type == "heading"}
    assert heads["一、总体情况"].level == 1 and heads["一、总体情况"].line == 8
    assert heads["(一)主动公开情况"].level == 2
    # the metadata header is metadata, not a table or paragraph
    assert not any("索 引 号" in t for t in seq)
    assert not any(c.text.startswith("索") for t in tables(r) for rw in t.rows for c in rw)
    # order: heading 二 comes right before table 二
    types = [(b.type, b.text) for b in r.blocks]
    i = types.index(("heading", "、主动公开政府信息情况"))
    assert types[i + 1][0] == "table"


def test_seed_three_tables(seed):
    _, r = seed
    t2, t3, t4 = tables(r)
    assert row(t2, "规章") == ["规章", "0", "0", "0"]
    assert row(t2, "行政规范性文件") == ["行政规范性文件", "1", "0", "2"]
    assert row(t2, "行政许可") == ["行政许可", "0"]
    assert row(t2, "信息内容") == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert row(t3, "一、本年新收政府信息公开申请数量")[1:] == list("2000002")
    partial = next(c.text for rw in t3.rows for c in rw if c.text.startswith("(二)部分公开"))
    assert row(t3, partial)[1:] == list("1000001")
    assert rowcells(t3, "1.属于国家秘密") == ["(三)不予公开", "1.属于国家秘密", *"1000001"]
    assert rowcells(t3, "(一)予以公开") == ["三、本年度办理结果", "(一)予以公开", *"0000000"]
    assert rowcells(t3, "2.其他法律行政法规禁止公开")[1:] == list("0000000")
    assert row(t3, "(七)总计") == ["(七)总计", *"2000002"]
    assert row(t3, "四、结转下年度继续办理")[1:] == list("0000000")
    # every data row of 表三 ends in exactly seven values
    for rw in t3.rows[3:]:
        cells = [c.text for c in rw]
        assert all(x.isdigit() for x in cells[-7:]) and not cells[-8].isdigit(), cells
    data = [c.text for c in t4.rows[-1]]
    assert data == ["0"] * 15
    assert [c.text for c in t4.rows[0]] == ["行政复议", "行政诉讼"]
    assert len(t4.rows[2]) == 10


def test_seed_line_numbers(seed):
    path, r = seed
    lines = path.read_text(encoding="utf-8").split("\n")
    t2 = tables(r)[0]
    for rw in t2.rows:
        for c in rw:
            assert lines[c.line - 1].strip() == f"{c.text} |"
    t3 = tables(r)[1]
    total = next(rw for rw in t3.rows if rw[0].text == "(七)总计")
    assert total[0].line == 329 and total[-1].line == 336
    assert all(b.line for b in r.blocks)


def test_seed_phantom_tails_noted(seed):
    _, r = seed
    assert len(r.notes) == 1 and "merged cells lost" in r.notes[0] and "23" in r.notes[0]
    # phantom cells of `||` tails never appear as data
    t2 = tables(r)[0]
    assert row(t2, "第二十条第(一)项") == ["第二十条第(一)项"]


# --- other corpus files ----------------------------------------------------------------------


def test_pingtan_crawler_header(corpus):
    r = read(corpus("002_pingtan-shiyanqu_2019.txt"))
    assert r.meta.title == "平潭综合实验区2019年度政府信息公开工作年度报告"
    assert r.meta.published == "2020-01-20"
    assert r.meta.fields["发布机构"] == "" and r.meta.agency is None
    assert r.meta.fields["栏目"] == "政府信息公开年报"
    assert r.meta.source.startswith("https://www.pingtan.gov.cn/")
    assert all(b.line == 10 for b in r.blocks)  # the header never becomes text
    heads = [b.text for b in r.blocks if b.type == "heading"]
    assert "二、主动公开政府信息情况" in heads and "六、其他需要报告的事项" in heads
    cells = [rw[0].text for t in tables(r) for rw in t.rows]
    assert "二、上年结转政府信息公开申请数量0000000" in cells  # run-together text kept as is
    assert all(len(rw) == 1 for t in tables(r) for rw in t.rows)


def test_pingtan_chrome_is_not_title(corpus):
    r = read(corpus("004_pingtan-shiyanqu_2021.txt"))
    assert r.meta.title == "平潭综合实验区2021年度政府信息公开工作年度报告"
    assert "当前位置" not in (r.meta.title or "")
    cells = [rw[0].text for t in tables(r) for rw in t.rows]
    assert "（七）总计630020469" in cells


def test_pipe_table_024(corpus):
    r = read(corpus("024_suining-chuanshan-gongan_2024.txt"))
    assert r.meta.title is None
    (t,) = tables(r)
    assert t.line == 13
    assert [c.text for c in t.rows[1]] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert t.rows[0][0].text == "第二十条第(一)项"
    assert r.blocks[0].type == "heading" and r.blocks[0].text == "一、总体情况"


def test_cell_per_line_030(corpus):
    r = read(corpus("030_tianmen-shizhengfu-bangongshi_2025.txt"))
    assert r.meta.title == "市人民政府办公室2025年政府信息公开工作年度报告"
    (t,) = tables(r)
    cells = [rw[0].text for rw in t.rows]
    assert all(len(rw) == 1 for rw in t.rows)
    assert cells[:9] == ["第二十条第(一)项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件", "规章", "0", "0", "0"]
    assert cells[9:13] == ["行政规范性文件", "6", "6", "49"]
    assert t.rows[6][0].line == 35
    heads = [b.text for b in r.blocks if b.type == "heading"]
    assert heads == ["一、总体情况", "二、主动公开政府信息情况"]


def test_two_line_title_015(corpus):
    r = read(corpus("015_gangu-xianzhengfu-bangongshi_2024.txt"))
    assert r.meta.title == "甘谷县人民政府办公室2024年政府信息公开工作年度报告"


def test_chrome_and_kv_line_028(corpus):
    r = read(corpus("028_daye-dongfenglujiedao_2024.txt"))
    assert r.meta.title == "东风路街道2024年政府信息公开工作年度报告"
    assert r.meta.published == "2025-01-16"
    assert r.meta.fields["文章来源"] == "东风路街道"


def test_csv_like_046_has_no_table(corpus):
    r = read(corpus("046_synthetic-nianbao-sample-huaian_2024.txt"))
    assert tables(r) == []
    assert "第一项,18" in texts(r)


def test_number_grid_047_and_markdown_045(corpus):
    r = read(corpus("047_synthetic-govnianbao-placeholder-table_nodate.txt"))
    (t,) = tables(r)
    assert len(t.rows) == 25 and [c.text for c in t.rows[0]] == list("1234567")
    r = read(corpus("045_synthetic-kirogov-suqian_2025.txt"))
    t2 = tables(r)[0]
    assert [c.text for c in t2.rows[1]] == ["规章", "3", "0", "15"]  # the |---| rule is skipped
    assert r.meta.title == "宿迁市 2025 年政府信息公开工作年度报告"


def test_every_corpus_text_reads(corpus):
    for path in sorted(corpus(SEED).parent.glob("*.txt")):
        r = read(path)
        assert r.blocks and all(b.line for b in r.blocks)


# --- edge cases ------------------------------------------------------------------------------

SMALL = "某某局2024年政府信息公开工作年度报告\n一、总体情况\n|\n规章 |\n |\n3 |\n||\n|\n行政规范性文件 |\n1 |\n 0 |\n"


def test_blank_cell_kept():
    r = read_bytes(SMALL.encode(), "x.txt")
    (t,) = tables(r)
    assert [c.text for c in t.rows[0]] == ["规章", "", "3"]
    assert [c.text for c in t.rows[1]] == ["行政规范性文件", "1", "0"]
    assert t.rows[0][1].line == 5


def test_bom_and_crlf():
    plain = read_bytes(SMALL.encode(), "x.txt")
    other = read_bytes(b"\xef\xbb\xbf" + SMALL.replace("\n", "\r\n").encode(), "x.txt")
    assert other.to_dict() == plain.to_dict()
    assert other.meta.title == "某某局2024年政府信息公开工作年度报告"


def test_markup_kept_literally():
    r = read_bytes("一、总体情况\n[bold red]x[/] \x1b[31m\n".encode(), "x.txt")
    assert r.blocks[1].text == "[bold red]x[/] \x1b[31m".strip()


def test_short_l2_heading_only():
    r = read_bytes("（一）主动公开\n（二）依申请公开情况。本年收到申请2件。\n".encode(), "x.txt")
    assert [(b.type, b.level) for b in r.blocks] == [("heading", 2), ("paragraph", None)]


def test_empty_and_binary_are_input_errors():
    with pytest.raises(InputError):
        read_bytes(b"", "x.txt")
    with pytest.raises(InputError):
        read_bytes(b" \n\n", "x.txt")
    with pytest.raises(InputError):
        read_bytes(bytes(range(32)) * 50, "x.txt")


@given(st.text(alphabet=st.sampled_from(list("|| \n\r一、（）()12 0.。，:：年度报告标题发布日期=正文ab#-")), max_size=300))
def test_never_raises_but_input_error(text):
    try:
        r = read_bytes(text.encode("utf-8"), "x.txt")
    except InputError:
        return
    assert all(b.line and b.line >= 1 for b in r.blocks)


@given(st.binary(max_size=200))
def test_arbitrary_bytes(data):
    try:
        read_bytes(data, "x.txt")
    except InputError:
        pass
