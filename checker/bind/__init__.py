"""Binding a report to a format edition: parts, tables, metadata.

`bind(report, structures)` picks the edition the report's own labels show (the trial
format of 2019 or the 2021 format), falling back to the one in force for its year, and
returns a `BoundReport` that rule kinds read. Binding never raises for odd documents:
what it cannot find is recorded as not found.
"""

from __future__ import annotations

from checker.bind.labels import remember
from checker.bind.meta import resolve_meta
from checker.bind.parts import bind_parts
from checker.bind.glued import run_together_in, split_glued_headings
from checker.bind.recover import Identity, identities_of, recover_table
from checker.bind.rows import row_kinds
from checker.bind.tables import bind_tables
from checker.bound import BoundReport, Paragraph
from checker.model import Block, Report
from checker.structure import Structure
from checker.textnorm import norm

FIRST_2021_YEAR = 2021  # 国办公开办函〔2021〕30号 applies from the 2021 reports on


def detect_edition(blocks: tuple[Block, ...], structures: dict[str, Structure],
                   kinds_of: dict[int, tuple[list[str], bytes]] | None = None) -> str | None:
    """The edition whose fingerprint labels the report carries most (`kinds_of`: the table blocks'
    `row_kinds` where read already, by id)."""
    # Each distinct text once (a table repeats "0" and its labels): a normalised key has no line
    # break, so it is found in the joined texts exactly when it is found in one of them.
    kinds_of = kinds_of or {}
    raw: set[str] = set()
    raw.update(*((kinds_of.get(id(b)) or row_kinds(b))[0] for b in blocks if b.type == "table"))
    raw.update(b.text for b in blocks if b.type != "table" and len(b.text) < 120)
    keys, found = _fingerprints_in(raw, structures)
    counts = dict.fromkeys(structures, 0)
    for key in keys:  # every (edition, key) of the structures, in order, repeats kept
        if key in found:
            counts[key[0]] += 1
    best = max(counts.values(), default=0)
    if best == 0:
        return None
    winners = [e for e, n in counts.items() if n == best]
    return winners[0] if len(winners) == 1 else None


_FINGERPRINTS: dict[int, tuple[tuple[tuple[str, Structure], ...], tuple[tuple[str, str], ...], bool, dict[str, frozenset]]] = {}


def _fingerprints_in(texts: set[str], structures: dict[str, Structure]
                     ) -> tuple[tuple[tuple[str, str], ...], set[tuple[str, str]]]:
    """Every (edition, key) fingerprint of the structures (made once per set of structures) and those
    found in the normalised texts, each text's answer remembered per set of structures (labels and
    numbers recur in every report; bounded like the label memos)."""
    shape = tuple(structures.items())
    entry = _FINGERPRINTS.get(id(structures))
    if entry is None or len(entry[0]) != len(shape) or any(
            a[0] != b[0] or a[1] is not b[1] for a, b in zip(entry[0], shape)):
        if len(_FINGERPRINTS) >= 16:
            _FINGERPRINTS.clear()
        keys = tuple((e, f) for e, s in structures.items() for f in s.fingerprint_keys() if f)
        # A text of ASCII digits is its own normal form and holds only all-digit keys.
        digits_hold_none = not any(f.isascii() and f.isdigit() for _, f in keys)
        entry = _FINGERPRINTS[id(structures)] = (shape, keys, digits_hold_none, {})
    _, keys, digits_hold_none, memo = entry
    known = texts & memo.keys()
    found: set[tuple[str, str]] = set().union(*map(memo.__getitem__, known))
    for text in texts - known:
        if digits_hold_none and text.isascii() and text.isdigit():
            continue
        normal = norm(text)
        hits = frozenset(k for k in keys if k[1] in normal)
        found |= hits
        remember(memo, text, hits)
    return keys, found


def expected_edition(year: int | None) -> str | None:
    if year is None:
        return None
    return "2021" if year >= FIRST_2021_YEAR else "2019"


def _part_ranges(blocks: tuple[Block, ...], parts: dict) -> dict[str, range]:
    starts = sorted(p.block for p in parts.values() if p.block is not None)
    return {pid: range(p.block + 1, next((s for s in starts if s > p.block), len(blocks)))
            for pid, p in parts.items() if p.block is not None}


def _stream_candidates(blocks: tuple[Block, ...], ranges: dict[str, range],
                       structure: Structure) -> dict[str, list[Block]]:
    """Short paragraphs (and the table blocks) of each table's part, for tables flattened into lines."""
    return {spec.id: [blocks[i] for i in ranges[spec.part] if blocks[i].type == "table" or len(blocks[i].text) <= 120]
            for spec in structure.tables if spec.part in ranges}


def _recover_run_together(blocks: tuple[Block, ...], ranges: dict[str, range], structure: Structure, tables: dict,
                          identities: tuple[Identity, ...], kinds_of: dict[int, tuple[list[str], bytes]]) -> None:
    """Tables whose part holds run-together crawler text are read by checker.bind.recover instead."""
    for spec in structure.tables:
        positions = [i for i in ranges.get(spec.part, ()) if blocks[i].type == "table"]
        texts: set[str] = set()
        texts.update(*((kinds_of.get(id(blocks[i])) or row_kinds(blocks[i]))[0] for i in positions))
        if texts and run_together_in(texts, spec):
            cells = [c for i in positions for row in blocks[i].rows for c in row]
            tables[spec.id] = recover_table(spec, cells, identities)
            tables[spec.id].blocks = positions


_IDENTITIES: dict[int, tuple[object, tuple, tuple[Identity, ...]]] = {}  # by id(ruleset); the ruleset is kept


def identities_for(ruleset) -> tuple[Identity, ...]:  # noqa: ANN001 - a checker.ruleset.Ruleset
    """The row identities of every edition's structure that the rule set declares: read from the rules
    once per rule set (a frozen dataclass), not once per report bound with it."""
    shape = (ruleset.rules, *ruleset.structures.values())
    entry = _IDENTITIES.get(id(ruleset))
    if entry is None or entry[0] is not ruleset or len(entry[1]) != len(shape) or any(
            a is not b for a, b in zip(entry[1], shape)):
        if len(_IDENTITIES) >= 16:  # a batch uses one rule set; bounded for a process that loads many
            _IDENTITIES.clear()
        found = tuple(i for s in ruleset.structures.values() for i in identities_of(ruleset.rules, s))
        entry = _IDENTITIES[id(ruleset)] = (ruleset, shape, found)
    return entry[2]


def bind(report: Report, structures: dict[str, Structure], source: str = "", agency_kind: str | None = None,
         edition: str | None = None, identities: tuple[Identity, ...] | None = None) -> BoundReport:
    """Bind `report`; `identities` are the row identities a recovery of run-together cells may rely on
    (checker.bind.recover.identities_of of the rule set); without them only self-evident splits are read."""
    blocks = report.blocks
    paragraphs = [Paragraph(text, b.line, b.page) for b in blocks if b.type != "table" and (text := b.text.strip())]
    text = "\n".join(p.text for p in paragraphs)
    meta = resolve_meta(report.meta, blocks, text, agency_kind)
    kinds_of = {id(b): row_kinds(b) for b in blocks if b.type == "table"}  # read once for every table step
    detected = detect_edition(blocks, structures, kinds_of)
    chosen = edition or detected or expected_edition(meta.year) or max(structures)
    if chosen not in structures:
        chosen = max(structures)
    structure = structures[chosen]
    blocks = split_glued_headings(blocks, structure)
    bound = BoundReport(
        report=report,
        source=source or report.meta.source or "",
        structure=structure,
        meta=meta,
        detected_edition=detected,
        paragraphs=paragraphs,
    )
    # Parts binding normalises every paragraph; through the report's memo the text rules reuse that.
    parts = bound.parts = bind_parts(blocks, structure, bound.norm)
    ranges = _part_ranges(blocks, parts)
    tables = bound.tables = bind_tables(blocks, structure, _stream_candidates(blocks, ranges, structure), kinds_of)
    _recover_run_together(blocks, ranges, structure, tables, tuple(identities or ()), kinds_of)
    return bound
