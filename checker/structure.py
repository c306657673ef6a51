"""The structure a format edition prescribes: six parts and the table templates.

Declared in YAML (`rules/<pack>/structure-<edition>.yaml`), never in Python. This module
only loads it into typed, immutable objects and precomputes normalised labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.textnorm import core, norm


@dataclass(frozen=True, slots=True)
class PartSpec:
    """One of the six parts of a report format: its number and the headings that name it."""

    id: str
    number: str
    heading: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """A column of a table of the format, by its label."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    signed: bool = False
    group: str | None = None  # the upper header over it (表四: 行政复议 / 行政诉讼·复议后起诉 ...)

    @property
    def display(self) -> str:
        """The label a reader can place: 表四 repeats 结果维持 under each of its three headers."""
        return f"{self.group}·{self.label}" if self.group else self.label


@dataclass(frozen=True, slots=True)
class RowSpec:
    """A row of a table of the format, by its label."""

    id: str
    label: str | None
    columns: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    group: str | None = None
    decimals: bool = False


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A table of the format: where it belongs, its columns and rows."""

    id: str
    part: str
    title: dict[str, str]
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    headers: tuple[str, ...] = ()
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def column(self, column_id: str) -> ColumnSpec:
        return next(c for c in self.columns if c.id == column_id)

    def row(self, row_id: str) -> RowSpec:
        return next(r for r in self.rows if r.id == row_id)

    def has_row(self, row_id: str) -> bool:
        return any(r.id == row_id for r in self.rows)

    def has_column(self, column_id: str) -> bool:
        return any(c.id == column_id for c in self.columns)

    def expand(self, names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        """Row or column ids, with @group references replaced by their members."""
        out: list[str] = []
        for name in names:
            if name.startswith("@"):
                out.extend(self.groups.get(name[1:], ()))
            else:
                out.append(name)
        return tuple(out)

    def label_keys(self) -> set[str]:
        """Every normalised label (rows, groups, headers, columns) that belongs to this table."""
        keys = {core(h) for h in self.headers}
        for r in self.rows:
            if r.label:
                keys.add(core(r.label))
                keys.update(core(a) for a in r.aliases)
            if r.group:
                keys.add(core(r.group))
        for c in self.columns:
            keys.add(core(c.label))
            keys.update(core(a) for a in c.aliases)
        keys.discard("")
        return keys


@dataclass(frozen=True, slots=True)
class Structure:
    """One edition of the report format: its parts and tables."""

    edition: str
    title: dict[str, str]
    parts: tuple[PartSpec, ...]
    tables: tuple[TableSpec, ...]
    fingerprints: tuple[str, ...] = ()

    def part(self, part_id: str) -> PartSpec:
        return next(p for p in self.parts if p.id == part_id)

    def table(self, table_id: str) -> TableSpec | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def fingerprint_keys(self) -> tuple[str, ...]:
        return tuple(norm(f) for f in self.fingerprints)


def _table(data: dict[str, Any]) -> TableSpec:
    columns = tuple(
        ColumnSpec(c["id"], c["label"], tuple(c.get("aliases", ())), c.get("signed", False), c.get("group"))
        for c in data["columns"]
    )
    all_columns = tuple(c.id for c in columns)
    rows = tuple(
        RowSpec(
            id=r["id"],
            label=r["label"],
            columns=tuple(r.get("columns", all_columns)),
            aliases=tuple(r.get("aliases", ())),
            group=r.get("group"),
            decimals=r.get("decimals", False),
        )
        for r in data["rows"]
    )
    return TableSpec(
        id=data["id"],
        part=data["part"],
        title=data.get("title", {"zh": data["id"], "en": data["id"]}),
        columns=columns,
        rows=rows,
        headers=tuple(data.get("headers", ())),
        groups={k: tuple(v) for k, v in data.get("groups", {}).items()},
    )


def structure_from_dict(data: dict[str, Any], source: str) -> Structure:
    parts = tuple(PartSpec(p["id"], p["number"], p["heading"], tuple(p.get("variants", ()))) for p in data["parts"])
    tables = tuple(_table(t) for t in data["tables"])
    part_ids = {p.id for p in parts}
    for table in tables:
        if table.part not in part_ids:
            raise InputError(f"table {table.id} names unknown part {table.part!r}", source)
        for row in table.rows:
            unknown = [c for c in row.columns if not table.has_column(c)]
            if unknown:
                raise InputError(f"table {table.id} row {row.id} names unknown columns {unknown}", source)
    return Structure(
        edition=str(data["edition"]),
        title=data.get("title", {"zh": "", "en": ""}),
        parts=parts,
        tables=tables,
        fingerprints=tuple(data.get("fingerprints", ())),
    )


def load_structure(path: Path) -> Structure:
    from checker.schemas import validate
    from checker.yamlsafe import load_yaml_file

    data, marks = load_yaml_file(path, "structure")
    validate(data, "structure", str(path), marks)
    return structure_from_dict(data, str(path))
