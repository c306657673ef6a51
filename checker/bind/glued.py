"""Telling text a crawler ran together: a table cell holding a template label glued to the digits of
the cells after it (`…申请数量21710000218`), and part headings glued to table text. `recover` reads such
tables back; this module only detects them, once per distinct text (memoised per template).
"""

from __future__ import annotations

from collections.abc import Iterable

from checker.bind.labels import label_index, remember
from checker.model import Block, Cell
from checker.regexsafe import compile_known  # module regexes from a cached pack's forms: see rulecache
from checker.structure import Structure, TableSpec
from checker.textnorm import norm

_DIGIT = compile_known(r"[0-9]")


def _label_forms(spec: TableSpec) -> tuple[str, ...]:
    index = label_index(spec)
    if index.run_together_forms is None:  # once per template: every bind asks for every table
        forms = [c for c in index._core.values() if len(c) >= 2]
        forms += [c for c in index.columns | index.headers | index.groups if len(c) >= 2]
        index.run_together_forms = tuple(sorted(set(forms)))
        index.run_together_digits = any(f.isascii() and f.isdigit() for f in index.run_together_forms)
    return index.run_together_forms


def is_run_together(cells: Iterable[Cell], spec: TableSpec) -> bool:
    """A cell holding a template label immediately followed by digits: separate cells would never.

    Scanned from the digits, not the labels: a label followed by a digit is a digit whose text
    before it ends with a label (one `endswith` of all labels), and most cells have few digits."""
    return run_together_in({cell.text for cell in cells}, spec)


def run_together_in(texts: set[str], spec: TableSpec) -> bool:
    """`is_run_together` of cells with these distinct texts."""
    forms = _label_forms(spec)
    memo = label_index(spec).memo("run_together")  # per template: labels and numbers recur in a batch
    known = texts & memo.keys()
    if any(map(memo.__getitem__, known)):
        return True
    # A text of ASCII digits is its own normal form: only an all-digit form could stand before a digit.
    digits_glue = label_index(spec).run_together_digits
    for text in texts - known:
        if not digits_glue and text.isascii() and text.isdigit():
            continue
        if remember(memo, text, _glued_to_digits(norm(text), forms)):
            return True
    return False


def _glued_to_digits(text: str, forms: tuple[str, ...]) -> bool:
    for digit in _DIGIT.finditer(text):
        at = digit.start()
        if at and text.endswith(forms, 0, at):
            return True
    return False


_HEADINGS: dict[int, tuple[Structure, list[str]]] = {}  # by id(structure); the structure is kept


def _part_headings(structure: Structure) -> list[str]:
    """The exact numbered part headings, made once per structure (asked for every report)."""
    entry = _HEADINGS.get(id(structure))
    if entry is None or entry[0] is not structure:
        if len(_HEADINGS) >= 16:  # an edition or two per pack; bounded for processes that load many
            _HEADINGS.clear()
        entry = _HEADINGS[id(structure)] = (structure, [norm(f"{p.number}、{h}") for p in structure.parts
                                                        for h in (p.heading, *p.variants)])
    return entry[1]


def split_glued_headings(blocks: tuple[Block, ...], structure: Structure) -> tuple[Block, ...]:
    """Cut exact part headings ("三、收到和处理政府信息公开申请情况") out of one-cell-per-row
    table blocks, where a crawler glued them to table text; each becomes a heading block."""
    headings = _part_headings(structure)
    out: list[Block] = []
    for block in blocks:
        if block.type != "table" or any(len(r) != 1 for r in block.rows):
            out.append(block)
            continue
        rows: list[tuple[Cell, ...]] = []
        for (cell,) in block.rows:
            text = norm(cell.text)
            hits = sorted((text.find(h), h) for h in headings if h in text)
            if not hits:
                rows.append((cell,))
                continue
            at, heading = hits[0]
            if text[:at]:
                rows.append((Cell(text[:at], line=cell.line, page=cell.page),))
            if rows:
                out.append(Block("table", rows=tuple(rows), line=block.line, page=block.page))
            out.append(Block("heading", text=heading, line=cell.line, page=cell.page))
            rest = text[at + len(heading):]
            rows = [(Cell(rest, line=cell.line, page=cell.page),)] if rest else []
        if rows:
            out.append(Block("table", rows=tuple(rows), line=block.line, page=block.page))
    return tuple(out)
