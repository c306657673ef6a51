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
