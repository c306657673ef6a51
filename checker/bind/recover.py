"""Recovering tables whose cells a crawler ran together (`…申请数量21710000218`).

Some sites' text exports drop every separator between table cells, so a row reads as its
label followed by one run of digits. The digits can be read back only where the split into
the template's columns is unique: either unique by itself (as many digits as columns, or
spaces that separate every cell), or unique once the row satisfies the identities the rules
declare for a row of that table (`each: row` linear identities, e.g. ID-T3-ROWSUM: 总计 =
the six applicant columns). When an identity was needed, the rule that states it is put in
`BoundTable.unassessable`: a split chosen because it satisfies the identity proves nothing
about that identity. Identities down the columns (ID-T3-BALANCE, ID-T3-RESULTSUM) are never
used, so they stay checkable — that is how 003's wrong (七)总计 is still found.

Never guess: a row with no split, or more than one, leaves the table unreadable with the
reason (TBL-PRESENT reports it once; every other rule on the table is then not assessable).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from checker.bind.labels import label_index
from checker.bound import BoundCell, BoundTable, RowMatch
from checker.model import Cell
from checker.structure import RowSpec, Structure, TableSpec
from checker.textnorm import core, norm
from checker.values import parse_cell
from checker.regexsafe import compile_known  # module regexes from a cached pack's forms: see rulecache

MAX_SPLITS = 5000  # beyond this many candidate splits a row is called ambiguous without enumerating further
_VALUE_TEXT = compile_known(r"^[0-9.\- ]*$")


@dataclass(frozen=True, slots=True)
class Identity:
    """Σ left = Σ right across one row of a table, as a rule declares it (rule ids are data)."""

    rule: str
    table: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    each: str = "row"  # "row": names are columns, across one row; "column": names are rows, down columns
    columns: tuple[str, ...] = ()  # for each: column, the columns it holds in (empty: all)


def identities_of(rules: Iterable[object], structure: Structure) -> tuple[Identity, ...]:
    """The linear identities (across rows and down columns) of the enabled rules for this edition."""
    out: list[Identity] = []
    for rule in rules:
        params = getattr(rule, "params", {}) or {}
        editions = getattr(rule, "editions", ())
        if getattr(rule, "kind", "") != "linear_identity" or params.get("each") not in ("row", "column"):
            continue
        if not getattr(rule, "enabled", True) or (editions and structure.edition not in editions):
            continue
        spec = structure.table(params.get("table", ""))
        if spec is None:
            continue
        for identity in params.get("identities", ()):
            out.append(Identity(rule.id, spec.id, spec.expand(identity["left"]),  # type: ignore[attr-defined]
                                   spec.expand(identity["right"]), params["each"],
                                   spec.expand(params.get("columns", ()))))
    return tuple(out)


# ---------------------------------------------------------------------------------------
# Detecting run-together text and splitting part headings out of it


# ---------------------------------------------------------------------------------------
# Reading the run-together text of one table


@dataclass
class _Flat:
    """The cells of a table's blocks, normalised and joined by single spaces, with positions."""

    text: str
    starts: list[int]
    cells: list[Cell]

    @classmethod
    def of(cls, cells: list[Cell]) -> _Flat:
        parts, starts, pos = [], [], 0
        for cell in cells:
            piece = norm(cell.text)
            starts.append(pos)
            parts.append(piece)
            pos += len(piece) + 1
        return cls(" ".join(parts), starts, cells)

    def source(self, offset: int) -> Cell:
        return self.cells[max(0, bisect.bisect_right(self.starts, offset) - 1)]


def _find_label(flat: str, row: RowSpec, pos: int) -> tuple[int, int] | None:
    """(start, end) of the row's label at or after pos, numbering included when it is there."""
    for form in (row.label or "", *row.aliases):
        full, wording = norm(form), core(form)
        if not wording:
            continue
        at = flat.find(wording, pos)
        if at < 0:
            continue
        prefix = full[: len(full) - len(wording)] if full.endswith(wording) else ""
        start = at - len(prefix) if prefix and flat[max(0, at - len(prefix)):at] == prefix else at
        return max(start, pos), at + len(wording)
    return None


def _stops(flat: str, spec: TableSpec) -> list[int]:
    """Starts of every header, column and group label: where a run of values ends."""
    index = label_index(spec)
    forms = index.columns | index.headers | index.groups | {norm(r.group) for r in spec.rows if r.group}
    out = []
    for form in forms:
        if len(form) >= 2:
            out += [m.start() for m in re.finditer(re.escape(form), flat)]
    return out


def _pieces(row: RowSpec, spec: TableSpec) -> list:
    def accepts(column: str):
        signed = spec.column(column).signed
        pattern = r"-?" if signed else r""
        pattern += r"(?:0|[1-9][0-9]*)" + (r"(?:\.[0-9]+)?" if row.decimals else "")
        return re.compile(pattern + "$")
    return [accepts(c) for c in row.columns]


def splits(value_text: str, patterns: list, limit: int = MAX_SPLITS) -> list[tuple[str, ...]]:
    """Every way to cut the digits into len(patterns) numbers; spaces always separate cells."""
    tokens = value_text.split()
    digits = "".join(tokens)
    ends, pos = [], 0
    for token in tokens:
        pos += len(token)
        ends.append(pos)
    out: list[tuple[str, ...]] = []

    def walk(i: int, k: int, taken: list[str]) -> None:
        if len(out) > limit:
            return
        if k == len(patterns) or i == len(digits):
            if k == len(patterns) and i == len(digits):
                out.append(tuple(taken))
            return
        boundary = ends[bisect.bisect_right(ends, i)]
        for j in range(i + 1, boundary + 1):
            piece = digits[i:j]
            if patterns[k].match(piece):
                walk(j, k + 1, [*taken, piece])

    walk(0, 0, [])
    return out


def _holds(values: dict[str, str], identity: Identity) -> bool:
    def side(names: tuple[str, ...]) -> Decimal:
        return sum((Decimal(values[n]) for n in names), Decimal(0))
    return side(identity.left) == side(identity.right)


@dataclass
class _Choice:
    values: tuple[str, ...] | None = None
    relied: frozenset[str] = frozenset()
    why: str | None = None
    candidates: tuple[tuple[str, ...], ...] = ()  # several splits that fit the row identities


def _choose(row: RowSpec, value_text: str, spec: TableSpec, identities: tuple[Identity, ...]) -> _Choice:
    """The one split of one row's run of digits, or why there is none."""
    shown = value_text.strip()
    if not _VALUE_TEXT.match(value_text):
        return _Choice(why=f"“{shown}” is not a run of numbers")
    found = splits(value_text, _pieces(row, spec))
    if len(found) == 1:
        return _Choice(found[0])
    if not found:
        return _Choice(why=f"“{shown}” does not split into {len(row.columns)} numbers")
    usable = [i for i in identities if i.each == "row" and set(i.left) | set(i.right) <= set(row.columns)]
    if len(found) > MAX_SPLITS or not usable:
        return _Choice(why=f"“{shown}” splits in more than one way")
    rules = frozenset(i.rule for i in usable)
    fitting = [f for f in found if all(_holds(dict(zip(row.columns, f)), i) for i in usable)]
    if len(fitting) == 1:
        return _Choice(fitting[0], rules)
    if not fitting:
        return _Choice(why=f"no split of “{shown}” satisfies {', '.join(sorted(rules))}")
    return _Choice(relied=rules, why=f"“{shown}” splits in more than one way even under {', '.join(sorted(rules))}",
                   candidates=tuple(fitting))


def _settle_by_columns(table: BoundTable, open_rows: dict[str, _Choice],
                       identities: tuple[Identity, ...]) -> dict[str, tuple[str, ...]] | None:
    """Rows still ambiguous after their own identities: the one combination that satisfies every
    column identity touching them (those identities are then relied on), or None."""
    spec = table.spec
    touching = [i for i in identities if i.each == "column" and set(open_rows) & set(i.left + i.right)]
    combos = 1
    for choice in open_rows.values():
        combos *= len(choice.candidates)
    if not touching or combos > MAX_SPLITS:
        return None
    fitting = []
    for combo in itertools.product(*(c.candidates for c in open_rows.values())):
        chosen = {rid: dict(zip(spec.row(rid).columns, values)) for rid, values in zip(open_rows, combo)}
        if all(_column_holds(table, chosen, i) for i in touching):
            fitting.append(dict(zip(open_rows, combo)))
    return fitting[0] if len(fitting) == 1 else None


def _column_holds(table: BoundTable, chosen: dict[str, dict[str, str]], identity: Identity) -> bool:
    columns = identity.columns or tuple(c.id for c in table.spec.columns)
    for column in columns:
        def value(row: str) -> Decimal | None:
            if row in chosen:
                return Decimal(chosen[row][column]) if column in chosen[row] else Decimal(0)
            return table.number(row, column)
        left, right = [value(r) for r in identity.left], [value(r) for r in identity.right]
        if None in left or None in right:
            continue  # a cell the recovery could not read is not evidence either way
        if sum(left, Decimal(0)) != sum(right, Decimal(0)):  # type: ignore[arg-type]
            return False
    return True


def _located_rows(flat: str, spec: TableSpec) -> Iterator[tuple[RowSpec, int, int]]:
    pos = 0
    for row in spec.rows:
        if row.label is None:
            continue
        hit = _find_label(flat, row, pos)
        if hit is not None:
            yield row, hit[0], hit[1]
            pos = hit[1]


def recover_table(spec: TableSpec, cells: list[Cell], identities: tuple[Identity, ...] = ()) -> BoundTable:
    """Read a run-together table row by row; see the module docstring for what is trusted."""
    flat = _Flat.of(cells)
    table = BoundTable(spec=spec, found=True, line=cells[0].line, page=cells[0].page)
    table.notes.append("cells run together in the source; numbers recovered by splitting the digit runs")
    located = list(_located_rows(flat.text, spec))
    stops = sorted({*(s for _, s, _ in located), *_stops(flat.text, spec), len(flat.text)})
    runs: list[tuple[RowSpec, int, int, int]] = []  # row, label start, value start, value end
    for row, start, end in located:
        runs.append((row, start, end, next(s for s in stops if s >= end and s > start)))
    unlabelled = next((r for r in spec.rows if r.label is None), None)
    if unlabelled is not None:
        tail = re.search(r"[0-9.\- ]+$", flat.text)
        if tail and tail.group().strip():
            runs.append((unlabelled, tail.start(), tail.start(), len(flat.text)))
    mine = tuple(i for i in identities if i.table == spec.id)
    problems: list[str] = []
    open_rows: dict[str, _Choice] = {}
    for row, start, value_start, value_end in runs:
        source = flat.source(start)
        label = flat.text[start:value_start].strip()
        match = label_index(spec).match_row(label) if label else None
        table.rows[row.id] = RowMatch(label or "", match.how if match else "unlabelled", source.line, source.page,
                                      len(row.columns))
        value_text = flat.text[value_start:value_end]
        choice = _choose(row, value_text, spec, mine)
        if choice.candidates:
            open_rows[row.id] = choice
        elif choice.values is None:
            problems.append(f"{row.label or row.id}: {choice.why}")
        else:
            table.unassessable |= choice.relied
            _put(table, row, choice.values, source, recovered=len(value_text.split()) != len(row.columns))
    if open_rows:
        settled = _settle_by_columns(table, open_rows, mine) if not problems else None
        if settled is None:
            problems += [f"{spec.row(rid).label or rid}: {c.why}" for rid, c in open_rows.items()]
        else:
            touching = {i.rule for i in mine if i.each == "column" and set(open_rows) & set(i.left + i.right)}
            table.unassessable |= touching | {r for c in open_rows.values() for r in c.relied}
            for rid, values in settled.items():
                match = table.rows[rid]
                _put(table, spec.row(rid), values, Cell("", line=match.line, page=match.page), recovered=True)
    if table.unassessable:
        table.notes.append("split fixed by " + ", ".join(sorted(table.unassessable)) + "; not assessable here")
    if problems:
        table.unreadable = ("单元格数字粘连，无法唯一拆分 / cells run together with no unique split: "
                            + "; ".join(problems))
    return table


def _put(table: BoundTable, row: RowSpec, values: tuple[str, ...], source: Cell, recovered: bool) -> None:
    for column, text in zip(row.columns, values):
        table.cells[(row.id, column)] = BoundCell(row.id, column, parse_cell(text), source.line, source.page,
                                                  recovered=recovered)
