"""WordprocessingML element names the DOCX reader acts on, shared by its modules (`docx`, `_docx_cells`)."""

from __future__ import annotations

from checker.readers._docx_styles import W

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Wrappers whose content is ordinary document content.
TRANSPARENT = {W + t for t in ("sdt", "sdtContent", "ins", "smartTag", "customXml", "hyperlink",
                               "moveTo", "fldSimple", "dir", "bdo")}
# Subtrees that are not visible text: deletions, field codes, the duplicate fallback copy of
# drawing content, and text boxes (read as their own paragraphs, not inside the host's).
SKIP = {W + "del", W + "moveFrom", W + "instrText", W + "delText", MC_FALLBACK, W + "txbxContent",
        W + "sdtPr", W + "rPr", W + "pPr"}
T = W + "t"
R = W + "r"
P = W + "p"
PPR = W + "pPr"
TCPR = W + "tcPr"
MARKS = {W + "tab": " ", W + "ptab": " ", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
TEXT_TAGS = frozenset({T, *MARKS})
# Subtrees a cell's paragraphs are not taken from (`docx._cell_paragraphs`).
CELL_SKIP = (MC_FALLBACK, W + "del", W + "moveFrom")


def piece(el, tag: str) -> str:
    """The text a `w:t`, tab, break or non-breaking hyphen (`tag`: its tag) stands for."""
    return (el.text or "") if tag == T else MARKS[tag]
