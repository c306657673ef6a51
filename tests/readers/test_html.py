"""HTML reader: charsets, spans, chrome, metadata, hostile input and the real corpus pages."""

from __future__ import annotations


import pytest

from checker.errors import InputError
from checker.readers import html as reader

PARTS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、",
    "五、",
    "六、其他需要报告的事项",
)

GBK_PAGE = """<!DOCTYPE html>
<html><head><meta charset="gb2312"><title>某县2024年政府信息公开工作年度报告_某县人民政府</title></head>
<body>
<div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/nb">年报</a></div>
<table class="xxgk"><tr><td>索引号：</td><td>11330000/2025-001</td><td>发布机构：</td><td>某县人民政府办公室</td></tr>
<tr><td>成文日期：</td><td>2025-01-20</td><td>发布日期：</td><td>2025年1月22日</td></tr></table>
<div id="zoom">
<p>某县人民政府办公室主任朱镕基、副主任王堃审定本报告。本报告全文完整。</p>
<p>一、总体情况</p>
<p>全年主动公开信息<span>12</span>条。</p>
<table>
<tr><td rowspan="2" colspan="2">项目</td><td colspan="2">申请人情况</td></tr>
<tr><td>自然人</td><td>总计</td></tr>
<tr><td colspan="2">一、本年新收政府信息公开申请数量</td><td>5</td><td>5</td></tr>
</table>
<p>六、其他需要报告的事项</p>
<p>堃字之后的文字也在。</p>
</div>
<div class="footer">版权所有：某县人民政府</div>
<script>var x = "一、总体情况 in a script";</script>
</body></html>
"""


def read(page: str | bytes, encoding: str = "utf-8", source: str = "page.html"):
    data = page if isinstance(page, bytes) else page.encode(encoding)
    return reader.read_bytes(data, source)


def texts(report) -> list[str]:
    return [b.text for b in report.blocks if b.type != "table"]


def tables(report):
    return [b for b in report.blocks if b.type == "table"]


def all_text(report) -> str:
    parts = []
    for block in report.blocks:
        parts.append(block.text)
        parts.extend(cell.text for row in block.rows for cell in row)
    return "\n".join(parts)


def assert_parts_in_order(report) -> None:
    paragraphs = texts(report)
    positions = []
    for part in PARTS:
        index = next(i for i, t in enumerate(paragraphs) if t.startswith(part))
        positions.append(index)
    assert positions == sorted(positions)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_page_with_gbk_only_characters_is_read_completely(encoding):
    report = read(GBK_PAGE, encoding)
    paragraphs = texts(report)
    assert paragraphs[0] == "某县人民政府办公室主任朱镕基、副主任王堃审定本报告。本报告全文完整。"
    assert paragraphs[-1] == "堃字之后的文字也在。"  # text after 镕/堃 was not cut off
    assert "全年主动公开信息12条。" in paragraphs  # inline spans merged, no spaces added
    [table] = tables(report)  # the 索引号 metadata table is not report content
    assert [c.text for c in table.rows[0]] == ["项目", "申请人情况"]
    assert (table.rows[0][0].rowspan, table.rows[0][0].colspan) == (2, 2)
    assert table.rows[0][1].colspan == 2
    assert [c.text for c in table.rows[2]] == ["一、本年新收政府信息公开申请数量", "5", "5"]
    assert table.rows[2][0].line == GBK_PAGE.splitlines().index(
        '<tr><td colspan="2">一、本年新收政府信息公开申请数量</td><td>5</td><td>5</td></tr>') + 1


def test_gbk_page_chrome_is_dropped_and_metadata_read():
    report = read(GBK_PAGE, "gb18030")
    body = all_text(report)
    for chrome in ("当前位置", "首页", "版权所有", "in a script", "索引号"):
        assert chrome not in body
    meta = report.meta
    assert meta.title == "某县2024年政府信息公开工作年度报告"
    assert meta.agency == "某县人民政府办公室"
    assert meta.published == "2025-01-22"
    assert meta.fields["索引号"] == "11330000/2025-001"
    assert meta.fields["成文日期"] == "2025-01-20"
    assert meta.source == "page.html"
    assert report.reader == "html"


def test_gbk_bytes_without_charset_are_detected():
    page = GBK_PAGE.replace('<meta charset="gb2312">', "")
    report = read(page, "gb18030")
    assert "堃字之后的文字也在。" in texts(report)


def test_utf8_bom_wins_over_a_wrong_declaration():
    page = GBK_PAGE.replace('charset="gb2312"', 'charset="gbk"')
    report = read(b"\xef\xbb\xbf" + page.encode("utf-8"))
    assert "堃字之后的文字也在。" in texts(report)


def test_xhtml_with_xml_declaration_in_gbk():
    page = '<?xml version="1.0" encoding="gb2312"?>\n<html><body><p>朱镕基</p><p>后文</p></body></html>'
    assert texts(read(page, "gb18030")) == ["朱镕基", "后文"]


def test_nbsp_blanks_and_br_inside_labels():
    page = """<html><body><table>
<tr><td>信息&nbsp;内容</td><td>本年新<br>制作数量</td><td>&nbsp;</td><td>\u3000\u30001 2 </td></tr>
<tr><td><p>（二）部分公开</p><p>（区分处理的）</p></td><td>&nbsp;&nbsp;</td><td>0</td><td></td></tr>
</table></body></html>"""
    [table] = tables(read(page))
    assert [c.text for c in table.rows[0]] == ["信息 内容", "本年新\n制作数量", "", "1 2"]
    assert [c.text for c in table.rows[1]] == ["（二）部分公开\n（区分处理的）", "", "0", ""]


def test_headings_keep_their_level_and_br_splits_paragraphs():
    page = "<html><body><h1>报告</h1><div>第一段<br>第二段<p></p>\n</div><h3><span>一、</span>总体情况</h3></body></html>"
    report = read(page)
    assert [(b.type, b.text, b.level) for b in report.blocks] == [
        ("heading", "报告", 1),
        ("paragraph", "第一段", None),
        ("paragraph", "第二段", None),
        ("heading", "一、总体情况", 3),
    ]


def test_absurd_spans_are_clamped():
    page = '<table><tr><td colspan="65534">a</td><td rowspan="0">b</td><td colspan="2;">c</td><td rowspan="x">d</td></tr></table>'
    [table] = tables(read(page))
    assert [(c.text, c.rowspan, c.colspan) for c in table.rows[0]] == [
        ("a", 1, 1000), ("b", 1, 1), ("c", 1, 2), ("d", 1, 1)
    ]


def test_nested_table_is_flattened_and_wrapper_table_is_transparent():
    page = """<html><body><table><tr><td>
<p>一、总体情况</p>
<table><tr><td>外</td><td><table><tr><td>内1</td><td>内2</td></tr></table></td></tr></table>
</td></tr></table></body></html>"""
    report = read(page)
    assert texts(report) == ["一、总体情况"]
    [table] = tables(report)
    assert [c.text for c in table.rows[0]] == ["外", "内1\n内2"]


@pytest.mark.parametrize("data", [b"", b"   \n", b"<!-- nothing -->", b"<html><body></body></html>"])
def test_empty_page_gives_an_empty_report(data):
    report = reader.read_bytes(data, "empty.html")
    assert report.blocks == ()
    assert report.meta.source == "empty.html"


def test_binary_junk_is_an_input_error():
    with pytest.raises(InputError):
        reader.read_bytes(bytes(range(256)) * 100, "junk.html")


def test_deep_nesting_does_not_crash():
    page = "<div>" * 100_000 + "深处" + "</div>" * 100_000 + "<p>之后</p>"
    report = read(page)
    assert isinstance(report.blocks, tuple)  # libxml2 caps depth; we must not recurse
    assert any("nested deeper" in note for note in report.notes)


def test_a_big_page_is_read_completely():
    # Speed is measured in benchmarks/, not asserted here; hostile sizes are in tests/hostile.
    row = "<tr>" + "<td>1</td>" * 10 + "</tr>\n"
    paragraph = "<p>政府信息公开工作" + "稳步推进。" * 40 + "</p>\n"
    nav = "<ul>" + "<li><a href='/x'>栏目链接</a></li>" * 50 + "</ul>\n"
    article = paragraph * 60_000 + ("<table>" + row * 30 + "</table>") * 3
    page = "<html><body>" + nav * 500 + "<div id='zoom'>" + article + "</div></body></html>"
    data = page.encode("utf-8")
    assert len(data) > 35_000_000
    report = reader.read_bytes(data, "big.html")
    assert len(tables(report)) == 3
    assert sum(1 for b in report.blocks if b.type == "paragraph") == 60_000
    assert "栏目链接" not in all_text(report)


def test_a_page_of_endless_table_cells_is_refused(monkeypatch):
    from checker.readers import _html_blocks

    monkeypatch.setattr(_html_blocks, "MAX_CELLS", 1000)
    page = "<table>" + ("<tr>" + "<td>1</td>" * 10 + "</tr>") * 200 + "</table>"
    with pytest.raises(InputError, match="table cells"):
        read(page)


# ---------------------------------------------------------------- the real corpus pages


def corpus_report(corpus, name: str):
    path = corpus(name)
    return reader.read_bytes(path.read_bytes(), str(path))


def cells(table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def test_001_shanghai_fragment(corpus):
    report = corpus_report(corpus, "001_shanghai-shizhengfu-bangongting_2019.html")
    assert_parts_in_order(report)
    assert report.meta.title == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert report.meta.published == "2020-01-31"
    t1, t2, t3 = tables(report)
    assert (len(t1.rows), len(t2.rows), len(t3.rows)) == (18, 26, 4)
    # Zeros are written as blank cells, and the 总计 column of the result rows is blank.
    row = next(r for r in t2.rows if r[0].text == "三、本年度办理结果")
    assert row[0].rowspan == 20
    assert [c.text for c in row[1:]] == ["（一）予以公开", "258", "12", "", "", "1", "1", ""]
    total = next(r for r in t2.rows if r[0].text == "（七）总计")
    assert [c.text for c in total] == ["（七）总计", "767", "35", "", "", "2", "1", "805"]
    # Table 二 (五): the header puts colspan=2 on 本年增/减, the data rows on 上一年项目数量.
    assert [(c.text, c.colspan) for c in t1.rows[5]][1:3] == [("上一年项目数量", 1), ("本年增/减", 2)]
    assert [(c.text, c.colspan) for c in t1.rows[6]][:2] == [("行政许可", 1), ("0", 2)]
    assert cells(t3)[3] == ["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""]


def test_044_synthetic_clean_page(corpus):
    report = corpus_report(corpus, "044_synthetic-kirogov-ceshishi_2025.html")
    assert_parts_in_order(report)
    assert report.meta.title == "测试市2025年政府信息公开工作年度报告"
    t1, t2, t3 = tables(report)
    assert (len(t1.rows), len(t2.rows), len(t3.rows)) == (14, 28, 4)
    corner = t2.rows[0][0]
    assert (corner.rowspan, corner.colspan) == (3, 3)
    assert cells(t2)[3] == ["一、本年新收政府信息公开申请数量", "13612", "252", "0", "45", "128", "32", "14069"]
    assert t2.rows[5][0].rowspan == 22
    assert cells(t3)[3][:5] == ["376", "97", "196", "121", "790"]


def test_048_pingtan_mso_export(corpus):
    report = corpus_report(corpus, "048_pingtan-shiyanqu_2021.html")
    assert_parts_in_order(report)
    meta = report.meta
    assert meta.title == "平潭综合实验区2021年度政府信息公开工作年度报告"
    assert meta.published == "2022-02-08"
    assert meta.agency == "平潭县人民政府"  # the page's own 来源 line
    body = all_text(report)
    for chrome in ("当前位置", "全真版", "附件下载", "扫一扫", "相关链接", "网站链接"):
        assert chrome not in body
    assert texts(report)[0].startswith("根据《中华人民共和国政府信息公开条例》")
    assert texts(report)[-1] == "2021年，无收取信息处理费情况。"
    t1, t2, t3 = tables(report)
    assert (len(t1.rows), len(t2.rows), len(t3.rows)) == (14, 28, 4)
    # The misaligned header grid is kept exactly as the source has it.
    assert [(c.text, c.colspan) for c in t2.rows[2]] == [
        ("", 1), ("商业\n企业", 2), ("科研\n机构", 1), ("社会公益组织", 1), ("法律服务机构", 1), ("其他", 1)
    ]
    row = t2.rows[3]
    assert row[0].text == "一、本年新收政府信息公开申请数量"
    assert [c.text for c in row[1:]] == ["64", "0", "0", "2", "0", "4", "70"]
    assert row[2].colspan == 2
    assert t2.rows[3][1].line is not None and t2.rows[3][1].line > t2.line
    assert cells(t3)[3] == ["1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"]


def test_049_pingtan_trs_editor(corpus):
    report = corpus_report(corpus, "049_pingtan-shiyanqu_2022.html")
    assert_parts_in_order(report)
    assert report.meta.published == "2023-02-20"
    assert "四、政府信息公开行政法复议、行政诉讼情况" in texts(report)  # the source's typo, kept
    t1, t2, t3 = tables(report)
    assert cells(t2)[3] == ["一、本年新收政府信息公开申请数量", "71", "3", "0", "0", "0", "0", "74"]
    assert cells(t1)[13] == ["行政事业性收费", "9116.36"]
    assert "当前位置" not in all_text(report)


def test_050_pingtan_ueditor_with_site_script(corpus):
    report = corpus_report(corpus, "050_pingtan-xingzhengshenpiju_2025.html")
    assert_parts_in_order(report)
    meta = report.meta
    assert meta.title == "平潭综合实验区行政审批局2025年政府信息公开工作年度报告"
    assert meta.agency == "区行政审批局"
    assert meta.published == "2026-01-30"
    body = all_text(report)
    assert "当前位置" not in body and "function" not in body and "扫一扫" not in body
    t1, t2, t3 = tables(report)
    assert (len(t1.rows), len(t2.rows), len(t3.rows)) == (13, 28, 4)
    assert cells(t2)[3] == ["一、本年新收政府信息公开申请数量", "6", "0", "0", "0", "0", "0", "6"]
    assert cells(t2)[26] == ["（七）总计", "6", "0", "0", "0", "0", "0", "6"]
