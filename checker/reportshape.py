"""A fast, conservative test that a JSON document has the report model's shape.

Validating a report with jsonschema took ~120 ms for the 30 KB seed (parsing it: 1.5 ms), so the
JSON reader asks this first and calls jsonschema only when this says no, for the exact message.
It is stricter than `schemas/report.schema.json`, never looser: whatever it accepts, the schema
accepts (tests/test_cold_start.py holds it to that); what it rejects, the schema decides.
"""

from __future__ import annotations

from typing import Any
from checker.regexsafe import compile_known  # module regexes from a cached pack's forms: see rulecache

_VERSION = compile_known(r"1\.[0-9]+")
_DATE = compile_known(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_KINDS = frozenset({"department", "government_own", "government_aggregate", "township"})
_META_TEXT = frozenset({"title", "agency", "source"})
_TEXT_BLOCK = frozenset({"type", "text", "level", "line", "page"})
_TABLE_BLOCK = frozenset({"type", "rows", "level", "line", "page"})
_CELL = frozenset({"text", "rowspan", "colspan", "line", "page"})


def _int(value: Any, low: int | None = None, high: int | None = None) -> bool:
    return type(value) is int and (low is None or value >= low) and (high is None or value <= high)


def _meta(meta: Any) -> bool:
    if type(meta) is not dict:
        return False
    for key, value in meta.items():
        if key in _META_TEXT:
            ok = type(value) is str
        elif key == "year":
            ok = _int(value, 2000, 2100)
        elif key == "published":
            ok = type(value) is str and _DATE.fullmatch(value) is not None
        elif key == "agency_kind":
            ok = type(value) is str and value in _KINDS  # a list or dict is unhashable: no TypeError
        elif key == "fields":
            ok = type(value) is dict and all(type(v) is str for v in value.values())
        else:
            return False
        if not ok:
            return False
    return True


def _cell(cell: Any) -> bool:
    if type(cell) is str:
        return True
    if type(cell) is not dict or type(cell.get("text")) is not str or not _CELL.issuperset(cell):
        return False
    return (all(_int(cell[k], 1, 1000) for k in ("rowspan", "colspan") if k in cell)
            and all(_int(cell[k], 1) for k in ("line", "page") if k in cell))


def _block(block: Any) -> bool:
    if type(block) is not dict or not all(_int(block[k], 1) for k in ("line", "page") if k in block):
        return False
    kind = block.get("type")
    if kind in ("heading", "paragraph"):
        return (_TEXT_BLOCK.issuperset(block) and type(block.get("text")) is str
                and ("level" not in block or _int(block["level"], 1, 9)))
    if kind == "table":
        rows = block.get("rows")
        return (_TABLE_BLOCK.issuperset(block) and ("level" not in block or _int(block["level"]))
                and type(rows) is list
                and all(type(row) is list and all(_cell(c) for c in row) for row in rows))
    return False


def conforms(document: Any) -> bool:
    """True only when `document` certainly matches the report schema."""
    if type(document) is not dict or not {"meta", "blocks"} <= document.keys():
        return False
    if not {"schema_version", "reader", "notes", "meta", "blocks"}.issuperset(document):
        return False
    version = document.get("schema_version", "1.0")
    notes = document.get("notes", [])
    return (type(version) is str and _VERSION.fullmatch(version) is not None
            and type(document.get("reader", "")) is str
            and type(notes) is list and all(type(n) is str for n in notes)
            and _meta(document["meta"])
            and type(document["blocks"]) is list and all(_block(b) for b in document["blocks"]))
