"""A table cell of the common shape read in one pass over its elements.

`docx._Reader` reads a cell in several passes: its `w:tcPr`, every element below it in search
of paragraphs (`_cell_paragraphs`), then each paragraph's runs (`_plain_runs`) and properties.
Each pass builds a proxy and a namespaced tag string per element, which is most of a DOCX read.
`plain_cell` visits each element once and gives what those passes would: for a cell whose
paragraphs are its own `w:p` children, each a run of plain text (`_plain_runs` reads it), and with
no paragraph or skipped subtree anywhere else below it. Any other cell is None, read as before.
"""

from __future__ import annotations

from checker.readers._docx_tags import CELL_SKIP, P, PPR, R, SKIP, TCPR, TEXT_TAGS, piece

Paragraph = tuple[list[str], object]  # (text pieces as `_plain_runs` gives them, first w:pPr or None)


def plain_cell(tc) -> tuple[object, list[Paragraph]] | None:
    """(first `w:tcPr` child or None, [(runs, pPr) of each paragraph `_cell_paragraphs` yields]), or None."""
    tcpr = None
    paragraphs: list[Paragraph] = []
    for child in tc:
        tag = child.tag
        if tag == P:
            read = _plain_paragraph(child)
            if read is None:
                return None
            paragraphs.append(read)
            continue
        if tag == TCPR and tcpr is None:
            tcpr = child
        if tag in CELL_SKIP or not _clean_below(child):
            return None
    return tcpr, paragraphs


def _plain_paragraph(p) -> Paragraph | None:
    """(`_plain_runs(p)`, `_child(p, w:pPr)`) when neither is None and nothing below `p` is a
    paragraph or a subtree `_cell_paragraphs` skips; else None."""
    parts: list[str] = []
    ppr = None
    for child in p:
        tag = child.tag
        if tag == R:
            for el in child:
                tag = el.tag
                if tag in SKIP:
                    if tag in CELL_SKIP or not _clean_below(el):
                        return None
                    continue
                if len(el) or tag == P:
                    return None
                if tag in TEXT_TAGS:
                    parts.append(piece(el, tag))
        elif tag in SKIP:
            if tag in CELL_SKIP or not _clean_below(child):
                return None
            if tag == PPR and ppr is None:
                ppr = child
        elif len(child) or tag in TEXT_TAGS or tag == P:
            return None
    return parts, ppr


def _clean_below(el) -> bool:
    """No element below `el` is a paragraph or a subtree `_cell_paragraphs` skips."""
    if not len(el):
        return True
    for node in el.iterdescendants():
        tag = node.tag
        if tag == P or tag in CELL_SKIP:
            return False
    return True
