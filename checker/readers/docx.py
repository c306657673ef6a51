"""DOCX reader: a Word draft → `Report`, by walking `word/document.xml` with lxml.

Not python-docx: it silently drops content controls (`w:sdt`) and tracked insertions,
both common in agency drafts (dependencies.md §2). The archive is checked before anything
is decompressed (size, ratio, entry names) and members are read in memory only. Table
cells keep their spans as Word states them (`w:gridSpan`, `w:vMerge`); the grid is not
expanded. DOCX has no source lines, so `line` stays None.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from lxml import etree

from checker.errors import InputError
from checker.model import Block, Cell, Meta, Report
from checker.readers._cells import span_int, squash, squash_lines
from checker.readers._docx_cells import plain_cell
from checker.readers._docx_styles import Numbering, Styles, W, wval
from checker.readers._docx_tags import CELL_SKIP as _CELL_SKIP
from checker.readers._docx_tags import MC_FALLBACK, SKIP, TRANSPARENT, piece
from checker.readers._docx_tags import PPR as _PPR
from checker.readers._docx_tags import TCPR as _TCPR
from checker.readers._docx_tags import TEXT_TAGS as _TEXT_TAGS

MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 200  # deflate of real XML reaches ~20:1; bombs reach 1000:1
_REPORT_WORDS = ("年度报告", "工作报告", "年报")


def _open_archive(data: bytes, source: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise InputError("not a DOCX file (not a valid zip archive)", source) from None
    total = 0
    for info in infos:
        parts = info.filename.replace("\\", "/").split("/")
        if ".." in parts or info.filename.startswith(("/", "\\")) or ":" in parts[0]:
            raise InputError(f"unsafe entry name in the archive: {info.filename[:80]!r}", source)
        total += info.file_size
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(f"archive entry {info.filename[:80]!r} has an absurd compression ratio (zip bomb?)", source)
    if total > MAX_UNCOMPRESSED:
        raise InputError(f"archive unpacks to {total} bytes; the limit is {MAX_UNCOMPRESSED}", source)
    if "word/document.xml" not in archive.namelist():
        raise InputError("not a Word document: no word/document.xml in the archive", source)
    return archive


def _xml(archive: zipfile.ZipFile, name: str, source: str, required: bool = False):
    try:
        with archive.open(name) as member:
            raw = member.read(MAX_UNCOMPRESSED + 1)  # bounded even if the header lies
    except KeyError:
        if required:
            raise InputError(f"missing {name}", source) from None
        return None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise InputError(f"cannot unpack {name}: {exc}", source) from None
    if len(raw) > MAX_UNCOMPRESSED:
        raise InputError(f"{name} unpacks to more than {MAX_UNCOMPRESSED} bytes", source)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(raw, parser)
    except etree.LxmlError as exc:
        if required:
            raise InputError(f"{name} is not well-formed XML: {str(exc).splitlines()[0][:120]}", source) from None
        return None  # a broken optional part (styles, numbering) only loses formatting


_TR_PR = W + "trPr"
_GRID_BEFORE = W + "gridBefore"
_TEXT_OR_SKIP = tuple(sorted(SKIP | _TEXT_TAGS))
_R = W + "r"
_P = W + "p"
_TC = W + "tc"


def _child(el, tag):
    """`el.find(tag)` for a plain tag, without lxml's ElementPath machinery."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def _inside(el, top, stop) -> bool:
    """`el` is below `top` (looking up no further than `stop`, an ancestor of both)."""
    node = el.getparent()
    while node is not None and node is not stop:
        if node is top:
            return True
        node = node.getparent()
    return False


def _walked_runs(p) -> list[str]:
    """The text pieces of a paragraph, SKIP subtrees left out."""
    parts: list[str] = []
    skipped = None  # the SKIP element whose subtree is being passed over
    # Only the elements that matter, matched in C (a Word run is mostly formatting).
    for el in p.iter(*_TEXT_OR_SKIP):
        if skipped is not None:
            if _inside(el, skipped, p):
                continue
            skipped = None
        if el.tag in SKIP:
            skipped = el
        else:
            parts.append(piece(el, el.tag))
    return parts


def _plain_runs(p) -> list[str] | None:
    """`_walked_runs` for the common paragraph (properties, then runs of formatting and
    text), without matching every tag in C; None for anything else (hyperlinks, fields,
    drawings, tracked changes), which the walk handles."""
    parts: list[str] = []
    for child in p:
        tag = child.tag
        if tag == _R:
            for el in child:
                tag = el.tag
                if tag in SKIP:
                    continue
                if len(el):
                    return None
                if tag in _TEXT_TAGS:
                    parts.append(piece(el, tag))
        elif tag in SKIP:
            continue
        elif len(child) or tag in _TEXT_TAGS:
            return None
    return parts


def _walk(root, wanted: set[str]) -> Iterator:
    """Yield elements with a tag in `wanted` in document order, stepping through
    transparent wrappers and nothing else (iterative: no recursion on nesting)."""
    stack = [iter(root)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in wanted:
            yield child
        elif child.tag in TRANSPARENT and len(stack) < 200:
            stack.append(iter(child))


class _Reader:
    def __init__(self, styles, numbering) -> None:
        self.styles = styles
        self.numbering = numbering

    def paragraph(self, p) -> tuple[str, int | None]:
        """(text with the auto-number prefix, heading level or None)."""
        parts = _plain_runs(p)
        if parts is None:
            parts = _walked_runs(p)
        return self.finish(parts, _child(p, _PPR))

    def finish(self, parts: list[str], ppr) -> tuple[str, int | None]:
        """`paragraph` of a paragraph whose text pieces are `parts` and whose first `w:pPr` is `ppr`."""
        text = squash_lines("".join(parts))
        style_id = None
        num = None
        num_pr = None
        outline = None
        if ppr is not None:
            style_id = wval(_child(ppr, W + "pStyle"))
            num_pr = _child(ppr, W + "numPr")
            if num_pr is not None:
                num_id = wval(num_pr.find(W + "numId"))
                ilvl = wval(num_pr.find(W + "ilvl"), None)
                if ilvl is None:
                    style_num = self.styles.numbering(style_id)
                    ilvl = str(style_num[1]) if style_num else "0"
                num = (num_id, int(ilvl) if ilvl.isdigit() else 0) if num_id else None
            outline = wval(_child(ppr, W + "outlineLvl"))
        if num is None and (ppr is None or num_pr is None):
            num = self.styles.numbering(style_id)
        if num and num[0] != "0" and text:
            text = self.numbering.next_prefix(num[0], num[1]) + text
        level = self.styles.heading_level(style_id)
        if level is None and outline is not None and outline.isdigit() and int(outline) < 9:
            level = int(outline) + 1
        return text, level

    def cell_text(self, tc) -> str:
        lines = [self.paragraph(p)[0] for p in _cell_paragraphs(tc)]
        return "\n".join(line for line in lines if line)

    def table(self, tbl) -> tuple[tuple[Cell, ...], ...]:
        rows: list[list[list]] = []  # [text, rowspan, colspan] while vMerge is resolved
        open_merge: dict[int, list] = {}  # grid column → origin cell of a vertical merge
        for tr in _walk(tbl, {W + "tr"}):
            row: list[list] = []
            kids = [(child, child.tag) for child in tr]  # each child's tag read once for both look-ups
            before = next((g for pr, tag in kids if tag == _TR_PR for g in pr if g.tag == _GRID_BEFORE), None)
            col = span_int(wval(before)) if before is not None else 0
            # The row's cells: its own w:tc children, or (a wrapper among them) as `_walk` finds them.
            cells = (_walk(tr, {_TC}) if any(tag in TRANSPARENT for _, tag in kids)
                     else [tc for tc, tag in kids if tag == _TC])
            for tc in cells:
                # The common cell's parts in one pass over it (`_docx_cells`); any other, as before.
                read = plain_cell(tc)
                tcpr = _child(tc, _TCPR) if read is None else read[0]
                span = span_int(wval(_child(tcpr, W + "gridSpan"))) if tcpr is not None else 1
                vmerge = _child(tcpr, W + "vMerge") if tcpr is not None else None
                merge = None if vmerge is None else (wval(vmerge) or "continue")
                if merge == "continue" and col in open_merge:
                    open_merge[col][1] = min(open_merge[col][1] + 1, 1000)
                else:
                    if read is None:
                        text = self.cell_text(tc)
                    else:  # the paragraphs read (numbering advanced) only here, as `cell_text` does
                        text = "\n".join(line for parts, ppr in read[1] if (line := self.finish(parts, ppr)[0]))
                    cell = [text, 1, span]
                    row.append(cell)
                    if merge == "restart":
                        open_merge[col] = cell
                    else:
                        open_merge.pop(col, None)
                col += span
            rows.append(row)
        # Equal cells shared (Cell is frozen): a report table is mostly "0"s.
        memo: dict[tuple[str, int, int], Cell] = {}
        return tuple(
            tuple(memo.get((t, r, c)) or memo.setdefault((t, r, c), Cell(t, r, c)) for t, r, c in row)
            for row in rows if row
        )


def _cell_paragraphs(tc) -> Iterator:
    """Paragraphs of a cell in order, nested tables flattened, fallbacks skipped."""
    found = []
    for el in tc.iter():  # a cell is a handful of elements: cheaper than a C tag matcher
        tag = el.tag
        if tag == _P:
            found.append(el)
        elif tag in _CELL_SKIP:
            break
    else:  # nothing to skip
        yield from found
        return
    walker = etree.iterwalk(tc, events=("start",))
    for _event, el in walker:
        if el.tag == MC_FALLBACK or el.tag in (W + "del", W + "moveFrom"):
            walker.skip_subtree()
        elif el.tag == W + "p":
            yield el


def _meta(archive: zipfile.ZipFile, blocks: list[Block], source: str) -> Meta:
    core = _xml(archive, "docProps/core.xml", source)
    fields: dict[str, str] = {}
    if core is not None:
        for el in core:
            if isinstance(el.tag, str) and el.text and el.text.strip():
                local = el.tag.rsplit("}", 1)[-1]
                if local in ("title", "creator", "lastModifiedBy", "modified", "created", "subject"):
                    fields[f"docProps:{local}"] = squash(el.text)[:200]
    candidates = [fields.get("docProps:title")] + [b.text for b in blocks[:5] if b.type != "table"]
    title = next((c for c in candidates if c and 6 <= len(c) <= 100 and any(w in c for w in _REPORT_WORDS)), None)
    # creator/modified are who saved the file and when: weak hints kept in fields, never
    # promoted to agency or published date.
    return Meta(title=title, source=source, fields=fields)


def read_bytes(data: bytes, source: str) -> Report:
    archive = _open_archive(data, source)
    document = _xml(archive, "word/document.xml", source, required=True)
    reader = _Reader(Styles(_xml(archive, "word/styles.xml", source)),
                     Numbering(_xml(archive, "word/numbering.xml", source)))
    body = document.find(W + "body")
    blocks: list[Block] = []
    for el in _walk(body if body is not None else document, {W + "p", W + "tbl"}):
        if el.tag == W + "tbl":
            rows = reader.table(el)
            if rows:
                blocks.append(Block(type="table", rows=rows))
            continue
        text, level = reader.paragraph(el)
        if not text:
            continue
        if level is not None:
            blocks.append(Block(type="heading", text=squash(text), level=level))
        else:
            blocks.extend(Block(type="paragraph", text=line) for line in text.split("\n"))
    return Report(meta=_meta(archive, blocks, source), blocks=tuple(blocks), reader="docx")
