"""A DOCX table read through `_docx_cells.plain_cell` equals the reader's multi-pass cell read it
short-cuts (kept verbatim below), numbering state included: hypothesis-made cells, hostile ones too."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from checker.model import Cell
from checker.readers import docx
from checker.readers._cells import span_int
from checker.readers._docx_cells import plain_cell
from checker.readers._docx_styles import Numbering, Styles, wval

NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DECL = f'xmlns:w="{NS}" xmlns:mc="{MC}"'
W = docx.W

STYLES = f"""<w:styles {DECL}>
  <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/>
    <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"""
NUMBERING = f"""<w:numbering {DECL}>
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""

RUN_PARTS = ['<w:t>0</w:t>', '<w:t xml:space="preserve"> 12 </w:t>', "<w:tab/>", "<w:br/>", "<w:rPr><w:b/><w:sz w:val=\"21\"/></w:rPr>",
             "<w:rPr><w:p/></w:rPr>", "<w:delText>旧</w:delText>", "<w:lastRenderedPageBreak/>", "<!-- c -->",
             "<w:p/>", "<mc:Fallback><w:t>x</w:t></mc:Fallback>", "<w:drawing><w:t>d</w:t></w:drawing>"]
PPRS = ["", "<w:pPr><w:jc w:val=\"center\"/></w:pPr>", '<w:pPr><w:pStyle w:val="1"/></w:pPr>',
        '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>',
        '<w:pPr><w:outlineLvl w:val="2"/><w:rPr><w:b/></w:rPr></w:pPr>', "<w:pPr><w:rPr><w:p/></w:rPr></w:pPr>"]
P_EXTRAS = ["", "<w:bookmarkStart/>", "<w:p/>", "<w:p><w:r><w:t>内</w:t></w:r></w:p>", "<w:del><w:r><w:t>删</w:t></w:r></w:del>",
            "<w:hyperlink><w:r><w:t>链</w:t></w:r></w:hyperlink>", "<w:t>裸</w:t>", "<!-- c -->",
            '<w:pPr><w:pStyle w:val="1"/></w:pPr>']  # a second pPr: the first is the paragraph's
TCPRS = ["", "<w:tcPr/>", '<w:tcPr><w:tcW w:w="100"/><w:gridSpan w:val="2"/></w:tcPr>',
         '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>', "<w:tcPr><w:vMerge/></w:tcPr>",
         "<w:tcPr><w:tcBorders><w:top/></w:tcBorders></w:tcPr>", "<w:tcPr><w:p/></w:tcPr>"]
TC_EXTRAS = ["", "<w:sdt><w:sdtContent><w:p><w:r><w:t>控</w:t></w:r></w:p></w:sdtContent></w:sdt>",
             "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>嵌</w:t></w:r></w:p></w:tc></w:tr></w:tbl>", "<w:customXml/>",
             "<mc:Fallback><w:p/></mc:Fallback>", "<!-- c -->"]

runs = st.lists(st.sampled_from(RUN_PARTS), max_size=3).map(lambda parts: "<w:r>" + "".join(parts) + "</w:r>")
paragraphs = st.builds(lambda ppr, rs, extra: f"<w:p>{ppr}{''.join(rs)}{extra}</w:p>", st.sampled_from(PPRS),
                       st.lists(runs, max_size=3), st.sampled_from(P_EXTRAS))
cells = st.builds(lambda pr, ps, extra: f"<w:tc>{pr}{''.join(ps)}{extra}</w:tc>", st.sampled_from(TCPRS),
                  st.lists(paragraphs, max_size=3), st.sampled_from(TC_EXTRAS))
# Plain cells weighted up: the fast path must be taken often, not only refused.
plain_cells = st.builds(lambda pr, ps, extra: f"<w:tc>{pr}{''.join(ps)}{extra}</w:tc>", st.sampled_from(TCPRS[:5]),
                        st.lists(st.builds(lambda ppr, rs, extra: f"<w:p>{ppr}{''.join(rs)}{extra}</w:p>",
                                           st.sampled_from(PPRS[:5]), st.lists(runs, max_size=2),
                                           st.sampled_from(["", P_EXTRAS[1], P_EXTRAS[-2], P_EXTRAS[-1]])), max_size=2),
                        st.sampled_from(["", "<!-- c -->", '<w:tcPr><w:gridSpan w:val="3"/></w:tcPr>']))  # a second tcPr
ROW_STARTS = ["", '<w:trPr><w:gridBefore w:val="1"/></w:trPr>', "<!-- c -->", "<w:trPr><w:jc/></w:trPr>"]
wrapped = st.one_of(cells, plain_cells).map(lambda c: f"<w:sdt><w:sdtContent>{c}</w:sdtContent></w:sdt>")
rows = st.builds(lambda start, cs: f"<w:tr>{start}{''.join(cs)}</w:tr>", st.sampled_from(ROW_STARTS),
                 st.lists(st.one_of(cells, plain_cells, plain_cells, wrapped), min_size=1, max_size=4))


def reader() -> docx._Reader:
    return docx._Reader(Styles(etree.fromstring(STYLES)), Numbering(etree.fromstring(NUMBERING)))


def reference_table(self: docx._Reader, tbl) -> tuple[tuple[Cell, ...], ...]:
    """`_Reader.table` and `cell_text` before `plain_cell`, verbatim."""
    def cell_text(tc) -> str:
        lines = [self.paragraph(p)[0] for p in docx._cell_paragraphs(tc)]
        return "\n".join(line for line in lines if line)

    rows: list[list[list]] = []
    open_merge: dict[int, list] = {}
    for tr in docx._walk(tbl, {W + "tr"}):
        row: list[list] = []
        before = next((g for pr in tr if pr.tag == docx._TR_PR for g in pr if g.tag == docx._GRID_BEFORE), None)
        col = span_int(wval(before)) if before is not None else 0
        for tc in docx._walk(tr, {W + "tc"}):
            tcpr = docx._child(tc, W + "tcPr")
            span = span_int(wval(docx._child(tcpr, W + "gridSpan"))) if tcpr is not None else 1
            vmerge = docx._child(tcpr, W + "vMerge") if tcpr is not None else None
            merge = None if vmerge is None else (wval(vmerge) or "continue")
            if merge == "continue" and col in open_merge:
                open_merge[col][1] = min(open_merge[col][1] + 1, 1000)
            else:
                cell = [cell_text(tc), 1, span]
                row.append(cell)
                if merge == "restart":
                    open_merge[col] = cell
                else:
                    open_merge.pop(col, None)
            col += span
        rows.append(row)
    memo: dict[tuple[str, int, int], Cell] = {}
    return tuple(
        tuple(memo.get((t, r, c)) or memo.setdefault((t, r, c), Cell(t, r, c)) for t, r, c in row)
        for row in rows if row
    )


@settings(max_examples=400, deadline=None)
@given(st.lists(rows, min_size=1, max_size=4))
def test_tables_read_as_before(table_rows):
    tbl = etree.fromstring(f"<w:tbl {DECL}>{''.join(table_rows)}</w:tbl>")
    old, new = reader(), reader()
    assert new.table(tbl) == reference_table(old, tbl)
    # the numbering counters advanced alike: the next numbered paragraph gets the same prefix
    p = etree.fromstring(f'<w:p {DECL}><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>后</w:t></w:r></w:p>')
    assert new.paragraph(p) == old.paragraph(p)


def test_common_cells_take_the_one_pass_read():
    tc = etree.fromstring(f'<w:tc {DECL}><w:tcPr><w:tcW w:w="900"/></w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
                          '<w:r><w:rPr><w:b/></w:rPr><w:t>12</w:t></w:r></w:p></w:tc>')
    read = plain_cell(tc)
    assert read is not None and read[0].tag == W + "tcPr" and read[1][0][0] == ["12"]
    hostile = etree.fromstring(f"<w:tc {DECL}><w:p><w:r><w:rPr><w:p/></w:rPr></w:r></w:p></w:tc>")
    assert plain_cell(hostile) is None  # a paragraph below a skipped subtree: the multi-pass read decides
