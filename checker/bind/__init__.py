"""Binding a report to a format edition: parts, tables, metadata.

`bind(report, structures)` picks the edition the report's own labels show (the trial
format of 2019 or the 2021 format), falling back to the one in force for its year, and
returns a `BoundReport` that rule kinds read. Binding never raises for odd documents:
what it cannot find is recorded as not found.
"""

from __future__ import annotations

from checker.bind.meta import resolve_meta
from checker.bind.parts import bind_parts
from checker.bind.tables import bind_tables
from checker.bound import BoundReport, Paragraph
from checker.model import Block, Report
from checker.structure import Structure
from checker.textnorm import norm

FIRST_2021_YEAR = 2021  # 国办公开办函〔2021〕30号 applies from the 2021 reports on


def detect_edition(blocks: tuple[Block, ...], structures: dict[str, Structure]) -> str | None:
    """The edition whose fingerprint labels the report carries most."""
    cells = [norm(c.text) for b in blocks if b.type == "table" for row in b.rows for c in row]
    texts = cells + [norm(b.text) for b in blocks if b.type != "table" and len(b.text) < 120]
    blob = "\n".join(texts)
    counts = {e: sum(1 for f in s.fingerprint_keys() if f and f in blob) for e, s in structures.items()}
    best = max(counts.values(), default=0)
    if best == 0:
        return None
    winners = [e for e, n in counts.items() if n == best]
    return winners[0] if len(winners) == 1 else None


def expected_edition(year: int | None) -> str | None:
    if year is None:
        return None
    return "2021" if year >= FIRST_2021_YEAR else "2019"


def _stream_candidates(blocks: tuple[Block, ...], parts: dict, structure: Structure) -> dict[str, list[Block]]:
    """Short paragraphs of each table's part, for tables that crawlers flattened into lines."""
    out: dict[str, list[Block]] = {}
    starts = sorted(p.block for p in parts.values() if p.block is not None)
    for spec in structure.tables:
        part = parts.get(spec.part)
        if part is None or part.block is None:
            continue
        end = next((s for s in starts if s > part.block), len(blocks))
        out[spec.id] = [b for b in blocks[part.block + 1 : end] if b.type != "table" and len(b.text) <= 120]
    return out


def bind(report: Report, structures: dict[str, Structure], source: str = "", agency_kind: str | None = None,
         edition: str | None = None) -> BoundReport:
    blocks = report.blocks
    paragraphs = [Paragraph(b.text.strip(), b.line, b.page) for b in blocks if b.type != "table" and b.text.strip()]
    text = "\n".join(p.text for p in paragraphs)
    meta = resolve_meta(report.meta, blocks, text, agency_kind)
    detected = detect_edition(blocks, structures)
    chosen = edition or detected or expected_edition(meta.year) or max(structures)
    if chosen not in structures:
        chosen = max(structures)
    structure = structures[chosen]
    parts = bind_parts(blocks, structure)
    tables = bind_tables(blocks, structure, _stream_candidates(blocks, parts, structure))
    return BoundReport(
        report=report,
        source=source or report.meta.source or "",
        structure=structure,
        meta=meta,
        detected_edition=detected,
        parts=parts,
        tables=tables,
        paragraphs=paragraphs,
    )
