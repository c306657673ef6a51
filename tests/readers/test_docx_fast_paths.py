"""The DOCX reader's fast paths agree with the node walk they replace."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from checker.readers import docx

NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
LEAVES = ['<w:t>政府</w:t>', '<w:t xml:space="preserve"> 12 </w:t>', "<w:tab/>", "<w:br/>", "<w:cr/>",
          "<w:noBreakHyphen/>", "<w:instrText>PAGE</w:instrText>", "<w:delText>旧</w:delText>",
          "<w:lastRenderedPageBreak/>", "<w:rPr><w:b/></w:rPr>", "<!-- c -->"]
WRAPPERS = ["w:r", "w:hyperlink", "w:ins", "w:del", "w:smartTag", "w:sdtContent", "w:rPr", "w:pPr", "mc:Fallback",
            "w:drawing", "w:p"]


@st.composite
def content(draw, depth: int = 0) -> str:
    if depth > 2 or draw(st.booleans()):
        return "".join(draw(st.lists(st.sampled_from(LEAVES), max_size=3)))
    tag = draw(st.sampled_from(WRAPPERS))
    inner = "".join(draw(st.lists(content(depth + 1), max_size=3)))
    return f"<{tag}>{inner}</{tag}>"


def paragraph(body: str) -> etree._Element:
    return etree.fromstring(f'<w:p xmlns:w="{NS}" xmlns:mc="{MC}">{body}</w:p>')


def walked_runs(p) -> list[str]:
    """The reader's node walk before the fast paths, verbatim."""
    parts: list[str] = []
    walker = etree.iterwalk(p, events=("start",))
    for _event, el in walker:
        tag = el.tag
        if tag in docx.SKIP:
            walker.skip_subtree()
        elif tag == docx.W + "t":
            parts.append(el.text or "")
        elif tag in (docx.W + "tab", docx.W + "ptab"):
            parts.append(" ")
        elif tag in (docx.W + "br", docx.W + "cr"):
            parts.append("\n")
        elif tag == docx.W + "noBreakHyphen":
            parts.append("-")
    return parts


@given(st.lists(content(), max_size=4).map("".join))
def test_paragraph_text_fast_paths_equal_the_walk(body):
    p = paragraph(body)
    assert docx._walked_runs(p) == walked_runs(p)
    plain = docx._plain_runs(p)
    if plain is not None:
        assert plain == walked_runs(p)


@given(st.lists(content(), max_size=4).map("".join))
def test_cell_paragraphs_equal_the_walk(body):
    tc = etree.fromstring(f'<w:tc xmlns:w="{NS}" xmlns:mc="{MC}"><w:tcPr/><w:p>{body}</w:p>{body}</w:tc>')
    expected = []
    walker = etree.iterwalk(tc, events=("start",))
    for _event, el in walker:
        if el.tag == docx.MC_FALLBACK or el.tag in (docx.W + "del", docx.W + "moveFrom"):
            walker.skip_subtree()
        elif el.tag == docx.W + "p":
            expected.append(el)
    assert list(docx._cell_paragraphs(tc)) == expected


def test_a_plain_paragraph_takes_the_fast_path():
    p = paragraph('<w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>一、</w:t><w:tab/>'
                  "<w:t>总体情况</w:t></w:r><w:bookmarkEnd/>")
    assert docx._plain_runs(p) == ["一、", " ", "总体情况"]
    assert docx._child(p, docx.W + "pPr") is p.find(docx.W + "pPr")
