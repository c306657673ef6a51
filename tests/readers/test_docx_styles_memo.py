"""A style's heading level and numbering are remembered per styles part: asked in any order and
again, they are what working them out from the styles gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from checker.readers._docx_styles import Styles

NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
IDS = ["a", "b", "c", "Heading2", "heading 3", "x"]


@st.composite
def style(draw) -> str:
    sid = draw(st.sampled_from(IDS))
    kind = draw(st.sampled_from(["", ' w:type="paragraph"', ' w:type="character"']))
    parts = []
    if draw(st.booleans()):
        parts.append(f'<w:name w:val="{draw(st.sampled_from(["heading 1", "Heading 4", "Normal", "标题 2"]))}"/>')
    if draw(st.booleans()):
        parts.append(f'<w:basedOn w:val="{draw(st.sampled_from(IDS))}"/>')
    ppr = []
    if draw(st.booleans()):
        ppr.append(f'<w:outlineLvl w:val="{draw(st.sampled_from(["0", "2", "9", "x"]))}"/>')
    if draw(st.booleans()):
        ppr.append(f'<w:numPr><w:ilvl w:val="{draw(st.sampled_from(["0", "1", "x"]))}"/>'
                   f'<w:numId w:val="{draw(st.sampled_from(["0", "3", ""]))}"/></w:numPr>')
    if ppr:
        parts.append("<w:pPr>" + "".join(ppr) + "</w:pPr>")
    return f'<w:style{kind} w:styleId="{sid}">{"".join(parts)}</w:style>'


@given(st.lists(style(), max_size=6), st.lists(st.sampled_from([*IDS, None, "Heading7", ""]), max_size=12))
def test_remembered_answers_are_the_worked_out_ones(styles, asked):
    root = etree.fromstring(f'<w:styles xmlns:w="{NS}">{"".join(styles)}</w:styles>')
    remembered, fresh = Styles(root), Styles(root)
    for style_id in asked + asked:
        assert remembered.heading_level(style_id) == fresh.heading_level_of(style_id)
        assert remembered.numbering(style_id) == fresh.numbering_of(style_id)
