"""DOCX reader: a hand-written Word archive with merged cells, content controls, tracked
changes and automatic Chinese numbering; hostile archives."""

from __future__ import annotations

import io
import zipfile

import pytest

from checker.errors import InputError
from checker.readers import docx as reader
from checker.readers._docx_styles import chinese_number

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def para(body: str, style: str | None = None, num: tuple[int, int] | None = None) -> str:
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    return f"<w:p>{ppr}{body}</w:p>"


def cell(body: str, span: int | None = None, vmerge: str | None = None) -> str:
    pr = ""
    if span or vmerge is not None:
        pr = "<w:tcPr>"
        if span:
            pr += f'<w:gridSpan w:val="{span}"/>'
        if vmerge == "restart":
            pr += '<w:vMerge w:val="restart"/>'
        elif vmerge == "continue":
            pr += "<w:vMerge/>"
        pr += "</w:tcPr>"
    return f"<w:tc>{pr}{body}</w:tc>"


STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NS}>
  <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/>
    <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="PartTitle"><w:name w:val="Part title"/><w:basedOn w:val="1"/></w:style>
  <w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/></w:style>
</w:styles>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
  <dc:title>某县2024年政府信息公开工作年度报告</dc:title><dc:creator>Administrator</dc:creator>
  <dcterms:modified>2025-01-10T08:00:00Z</dcterms:modified>
</cp:coreProperties>"""

TABLE = (
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
    # header: a 2×2 corner (gridSpan + vMerge restart), then a two-column group heading
    "<w:tr>" + cell(para(run("项目")), span=2, vmerge="restart") + cell(para(run("申请人情况")), span=2) + "</w:tr>"
    "<w:tr>" + cell(para(""), span=2, vmerge="continue") + cell(para(run("自然人"))) + cell(para(run("总计"))) + "</w:tr>"
    # a 3-row vertical merge in column 0; a content control around a cell's text
    "<w:tr>" + cell(para(run("三、本年度办理结果")), vmerge="restart") + cell(para(run("（一）予以公开")))
    + cell('<w:sdt><w:sdtPr><w:alias w:val="n"/></w:sdtPr><w:sdtContent>' + para(run("27")) + "</w:sdtContent></w:sdt>")
    + cell(para(run("30"))) + "</w:tr>"
    "<w:tr>" + cell(para(""), vmerge="continue") + cell(para(run("（二）部分公开"))) + cell(para(run("5"))) + cell(para(run("5"))) + "</w:tr>"
    "<w:tr>" + cell(para(""), vmerge="continue") + cell(para(run("（三）不予公开"))) + cell(para(run("1") + "<w:del><w:r><w:t>9</w:t></w:r></w:del>"))
    + cell(para(run("1"))) + "</w:tr>"
    # a row starting one grid column in (gridBefore), and a whole row inside a content control
    '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + cell(para(run("合计"))) + cell(para(run("33"))) + cell(para(run("36"))) + "</w:tr>"
    '<w:sdt><w:sdtContent><w:tr>' + cell(para(run("四、结转下年度继续办理")), span=2) + cell(para(run("0"))) + cell(para(run("0"))) + "</w:tr></w:sdtContent></w:sdt>"
    "</w:tbl>"
)

DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<w:body>
{para(run("某县2024年政府信息公开工作年度报告"))}
{para(run("总体情况"), style="1")}
{para(run("全年主动公开") + '<w:ins w:id="1" w:author="a"><w:r><w:t>政府信息</w:t></w:r></w:ins>' + run("120条")
      + '<w:del w:id="2" w:author="a"><w:r><w:delText>（删除）</w:delText></w:r><w:r><w:t>旧文</w:t></w:r></w:del>' + run("。"))}
{para(run("主动公开"), style="1", num=(1, 1))}
<w:sdt><w:sdtPr><w:alias w:val="para"/></w:sdtPr><w:sdtContent>{para(run("内容控件中的段落"))}</w:sdtContent></w:sdt>
{para('<w:hyperlink><w:r><w:t>链接文字</w:t></w:r></w:hyperlink>' + "<w:r><w:tab/><w:t>制表</w:t><w:br/><w:t>换行</w:t></w:r>")}
{para(run("主动公开政府信息情况"), style="PartTitle")}
{para(run("属于国家秘密"), num=(2, 0))}
{para(run("其他法律行政法规禁止公开"), num=(2, 0))}
{para(run("二级标题"), style="2")}
{TABLE}
<w:customXml w:element="x">{para(run("收到和处理政府信息公开申请情况"), style="1")}</w:customXml>
{para(run("<![CDATA[无编号]]>"), num=(0, 0))}
<w:sectPr/>
</w:body></w:document>"""


def build(files: dict[str, str | bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def full_docx() -> bytes:
    return build({
        "[Content_Types].xml": "<Types/>",
        "word/document.xml": DOCUMENT,
        "word/styles.xml": STYLES,
        "word/numbering.xml": NUMBERING,
        "docProps/core.xml": CORE,
    })


def test_paragraphs_headings_and_automatic_chinese_numbering():
    report = reader.read_bytes(full_docx(), "draft.docx")
    assert report.reader == "docx"
    shown = [(b.type, b.text, b.level) for b in report.blocks if b.type != "table"]
    assert shown == [
        ("paragraph", "某县2024年政府信息公开工作年度报告", None),
        ("heading", "一、总体情况", 1),  # 一、 comes from numbering via the heading style
        ("paragraph", "全年主动公开政府信息120条。", None),  # insertion kept, deletion dropped
        ("heading", "（一）主动公开", 1),  # direct numPr, level 2 of the same list
        ("paragraph", "内容控件中的段落", None),
        ("paragraph", "链接文字 制表", None),
        ("paragraph", "换行", None),
        ("heading", "二、主动公开政府信息情况", 1),  # basedOn a numbered heading style
        ("paragraph", "1.属于国家秘密", None),
        ("paragraph", "2.其他法律行政法规禁止公开", None),
        ("heading", "二级标题", 2),  # "标题 2" by style name
        ("heading", "三、收到和处理政府信息公开申请情况", 1),  # inside w:customXml
        ("paragraph", "无编号", None),  # numId 0 means "no numbering"
    ]
    assert all(b.line is None for b in report.blocks)


def test_table_spans_content_controls_and_tracked_changes():
    report = reader.read_bytes(full_docx(), "draft.docx")
    [table] = [b for b in report.blocks if b.type == "table"]
    got = [[(c.text, c.rowspan, c.colspan) for c in row] for row in table.rows]
    assert got == [
        [("项目", 2, 2), ("申请人情况", 1, 2)],
        [("自然人", 1, 1), ("总计", 1, 1)],  # the merged continuation cell is omitted
        [("三、本年度办理结果", 3, 1), ("（一）予以公开", 1, 1), ("27", 1, 1), ("30", 1, 1)],
        [("（二）部分公开", 1, 1), ("5", 1, 1), ("5", 1, 1)],
        [("（三）不予公开", 1, 1), ("1", 1, 1), ("1", 1, 1)],  # deleted "9" is gone
        [("合计", 1, 1), ("33", 1, 1), ("36", 1, 1)],
        [("四、结转下年度继续办理", 1, 2), ("0", 1, 1), ("0", 1, 1)],  # row inside w:sdt
    ]


def test_core_properties_are_weak_hints():
    meta = reader.read_bytes(full_docx(), "draft.docx").meta
    assert meta.title == "某县2024年政府信息公开工作年度报告"
    assert meta.published is None and meta.agency is None  # never invented from file dates
    assert meta.fields["docProps:creator"] == "Administrator"
    assert meta.source == "draft.docx"


def test_minimal_document_without_styles_or_numbering():
    data = build({"word/document.xml": f"<w:document {NS}><w:body>{para(run('正文'))}</w:body></w:document>"})
    report = reader.read_bytes(data, "min.docx")
    assert [b.text for b in report.blocks] == ["正文"]
    assert report.meta.title is None


def test_nested_table_is_flattened_into_the_cell():
    inner = "<w:tbl><w:tr>" + cell(para(run("内1"))) + cell(para(run("内2"))) + "</w:tr></w:tbl>"
    outer = "<w:tbl><w:tr>" + cell(para(run("外"))) + cell(para(run("上")) + inner) + "</w:tr></w:tbl>"
    data = build({"word/document.xml": f"<w:document {NS}><w:body>{outer}</w:body></w:document>"})
    [table] = reader.read_bytes(data, "n.docx").blocks
    assert [c.text for c in table.rows[0]] == ["外", "上\n内1\n内2"]


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"),
                                         (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_counting(n, text):
    assert chinese_number(n) == text


def test_not_a_zip_is_an_input_error():
    with pytest.raises(InputError, match="not a DOCX"):
        reader.read_bytes(b"this is plain text, not a zip", "x.docx")


def test_zip_without_document_is_an_input_error():
    with pytest.raises(InputError, match="word/document.xml"):
        reader.read_bytes(build({"hello.txt": "hi"}), "x.docx")


def test_malformed_document_xml_is_an_input_error():
    with pytest.raises(InputError, match="well-formed"):
        reader.read_bytes(build({"word/document.xml": "<w:document><unclosed>"}), "x.docx")


def test_zip_bomb_is_refused_before_decompressing():
    bomb = build({"word/document.xml": b"<a>" + b" " * (150 * 1024 * 1024) + b"</a>"})
    assert len(bomb) < 1_000_000
    with pytest.raises(InputError, match="zip bomb|limit"):
        reader.read_bytes(bomb, "bomb.docx")


def test_total_size_limit(monkeypatch):
    monkeypatch.setattr(reader, "MAX_UNCOMPRESSED", 1000)
    data = build({"word/document.xml": f"<w:document {NS}><w:body>{para(run('x' * 2000))}</w:body></w:document>"},
                 zipfile.ZIP_STORED)
    with pytest.raises(InputError, match="limit"):
        reader.read_bytes(data, "big.docx")


def test_path_traversal_entry_is_refused():
    data = build({"word/document.xml": f"<w:document {NS}><w:body/></w:document>", "../evil": "x"})
    with pytest.raises(InputError, match="unsafe entry"):
        reader.read_bytes(data, "evil.docx")


def test_dispatch_by_extension(tmp_path):
    from checker.readers import read

    path = tmp_path / "draft.docx"
    path.write_bytes(full_docx())
    assert read(path).reader == "docx"
