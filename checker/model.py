"""The report model: what every reader produces and what a CMS may send as JSON.

A reader knows nothing about the regulation. It turns a file into ordered blocks
(headings, paragraphs, tables made of rows of cells with spans) with source positions,
plus the metadata the file itself states. `schemas/report.schema.json` describes the
JSON form; `Report.to_dict()` / `Report.from_dict()` convert both ways.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"

AGENCY_KINDS = ("department", "government_own", "government_aggregate", "township")


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell as read: its text and how many rows and columns it spans."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    line: int | None = None
    page: int | None = None

    def to_dict(self) -> dict[str, Any] | str:
        if self.rowspan == 1 and self.colspan == 1 and self.line is None and self.page is None:
            return self.text
        out: dict[str, Any] = {"text": self.text}
        if self.rowspan != 1:
            out["rowspan"] = self.rowspan
        if self.colspan != 1:
            out["colspan"] = self.colspan
        if self.line is not None:
            out["line"] = self.line
        if self.page is not None:
            out["page"] = self.page
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Cell:
        if isinstance(data, str):
            return cls(text=data)
        return cls(
            text=data.get("text", ""),
            rowspan=data.get("rowspan", 1),
            colspan=data.get("colspan", 1),
            line=data.get("line"),
            page=data.get("page"),
        )


# Readers (and a batch loading the reports its pairing pass kept, checker.spill) make a Cell for every table
# cell: its __init__ stores the fields through the slots' setters, as Block's below does (0.86 against 1.51 us).
_CELL_FIELDS = ("text", "rowspan", "colspan", "line", "page")
_CELL_SET = tuple(Cell.__dict__[name].__set__ for name in _CELL_FIELDS)


def _cell_init(self: Cell, text: str, rowspan: int = 1, colspan: int = 1, line: int | None = None,
               page: int | None = None) -> None:
    set_text, set_rowspan, set_colspan, set_line, set_page = _CELL_SET
    set_text(self, text)
    set_rowspan(self, rowspan)
    set_colspan(self, colspan)
    set_line(self, line)
    set_page(self, page)


Cell.__init__ = _cell_init  # type: ignore[method-assign]


@dataclass(frozen=True, slots=True)
class Block:
    """One heading, paragraph or table, in document order."""

    type: str  # "heading" | "paragraph" | "table"
    text: str = ""
    rows: tuple[tuple[Cell, ...], ...] = ()
    level: int | None = None
    line: int | None = None
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        if self.type == "table":
            out["rows"] = [[c.to_dict() for c in row] for row in self.rows]
        else:
            out["text"] = self.text
        if self.level is not None:
            out["level"] = self.level
        if self.line is not None:
            out["line"] = self.line
        if self.page is not None:
            out["page"] = self.page
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        rows = tuple(tuple(Cell.from_dict(c) for c in row) for row in data.get("rows", ()))
        return cls(
            type=data["type"],
            text=data.get("text", ""),
            rows=rows,
            level=data.get("level"),
            line=data.get("line"),
            page=data.get("page"),
        )


# Readers make a Block for every heading, paragraph and table. The __init__ a frozen dataclass gets stores each
# field through object.__setattr__ (six calls, ~half of building one); this one stores them through the slots'
# own setters, as checker.findings does for Location and Finding. Same signature, defaults, equality, hash and
# frozenness (tests/test_model_block_init.py holds it and Cell's to the dataclass's own way).
_BLOCK_FIELDS = ("type", "text", "rows", "level", "line", "page")
_BLOCK_SET = tuple(Block.__dict__[name].__set__ for name in _BLOCK_FIELDS)


def _block_init(self: Block, type: str, text: str = "", rows: tuple[tuple[Cell, ...], ...] = (),
                level: int | None = None, line: int | None = None, page: int | None = None) -> None:
    set_type, set_text, set_rows, set_level, set_line, set_page = _BLOCK_SET
    set_type(self, type)
    set_text(self, text)
    set_rows(self, rows)
    set_level(self, level)
    set_line(self, line)
    set_page(self, page)


Block.__init__ = _block_init  # type: ignore[method-assign]


@dataclass(frozen=True, slots=True)
class Meta:
    """What the document states about itself; every field is optional."""

    title: str | None = None
    agency: str | None = None
    year: int | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    agency_kind: str | None = None
    source: str | None = None
    fields: dict[str, str] = field(default_factory=dict)  # raw website metadata (索引号, 文号 …)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in ("title", "agency", "year", "published", "agency_kind", "source"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.fields:
            out["fields"] = dict(self.fields)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Meta:
        return cls(
            title=data.get("title"),
            agency=data.get("agency"),
            year=data.get("year"),
            published=data.get("published"),
            agency_kind=data.get("agency_kind"),
            source=data.get("source"),
            fields=dict(data.get("fields", {})),
        )


@dataclass(frozen=True, slots=True)
class Report:
    """A document as its reader gives it: what it says about itself and its blocks in order."""

    meta: Meta
    blocks: tuple[Block, ...]
    reader: str = "json"  # which reader produced it
    notes: tuple[str, ...] = ()  # reader observations (e.g. "cells run together")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "meta": self.meta.to_dict(),
            "blocks": [b.to_dict() for b in self.blocks],
        }
        if self.reader != "json":
            out["reader"] = self.reader
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        return cls(
            meta=Meta.from_dict(data.get("meta", {})),
            blocks=tuple(Block.from_dict(b) for b in data.get("blocks", ())),
            reader=data.get("reader", "json"),
            notes=tuple(data.get("notes", ())),
        )
