"""Previous-year pairing: each report's (agency, year) key, read as cheaply as the format allows.

A batch pairs each report of year Y with the first input of the same agency for Y-1, so it needs
the key of every input before the first check. The key depends only on the metadata and on the
text outside tables (`resolve_meta`: meta, the first blocks, the statistical period in the text),
never on a table cell, yet reading the cells was most of a read. `head_report` reads a file with
every table's cells left out — each table keeps its place as an empty table block, so block
positions (the first 5/8 blocks are title candidates) do not move — and answers None when it cannot
be sure to agree with the full read (unknown format, suspiciously big input, YAML, a JSON document
the fast shape check does not accept, …); `pairing_key` then reads the file in full. The fast read
must give exactly the key of the full read: tests/test_pairing.py holds it to that on the corpus,
the generated reports and hypothesis-made pages.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.model import Block, Meta, Report
from checker.readers.html import HEAD_MAX_ELEMENTS, read_head  # noqa: F401 - the limit, for tests

if TYPE_CHECKING:
    from checker.bound import ResolvedMeta

Key = tuple[str, int]


# Title and agency come from the meta and the first KEY_BLOCKS blocks, the year from the meta or
# the title and only failing both from the statistical period in the text: so the text (the whole
# report joined and searched) is needed only when the first try finds no year.
KEY_BLOCKS = 8


def key_of(report: Report) -> Key | None:
    """(normalised agency, year) of a read report, or None when it does not say."""
    meta = _resolve_from_the_start(report)
    if meta.year is None:
        meta = _resolve_from_the_whole_text(report)
    return _key(meta)


def _resolve_from_the_start(report: Report) -> ResolvedMeta:
    """What the meta and the first KEY_BLOCKS blocks say: the key, when it has a year."""
    from checker.bind.meta import resolve_meta

    return resolve_meta(report.meta, report.blocks[:KEY_BLOCKS], "")


def _resolve_from_the_whole_text(report: Report) -> ResolvedMeta:
    from checker.bind.meta import resolve_meta

    text = "\n".join(b.text.strip() for b in report.blocks if b.type != "table")
    return resolve_meta(report.meta, report.blocks, text)


def _key(meta: ResolvedMeta) -> Key | None:
    from checker.textnorm import norm

    agency = norm(meta.agency or "").replace(" ", "")
    return (agency, meta.year) if agency and meta.year else None


def _html_key(data: bytes, source: str) -> Key | None | bool:
    """The key from the page's first KEY_BLOCKS blocks when they give a year (the common case),
    else from all of them (the whole text is searched for the statistical period); False when
    only the full read can tell."""
    start = read_head(data, source, limit=KEY_BLOCKS)
    if start is None:
        return False
    meta = _resolve_from_the_start(start)
    if meta.year is not None:
        return _key(meta)
    whole = read_head(data, source)
    return False if whole is None else key_of(whole)


def pairing_key(path: str) -> Key | None:
    """(normalised agency, year) of a report, or None when it cannot be read or does not say."""
    from checker.readers import read, read_file_bytes, reader_for

    try:
        data = read_file_bytes(path)
        kind = reader_for(path, data)
    except Exception:  # noqa: BLE001 - the check itself reports an unreadable file
        return None
    fast = _FAST_KEYS.get(kind)
    if fast is not None:
        try:
            key = fast(data, str(path))
        except Exception:  # noqa: BLE001 - the full read below says (or fails) the same way
            key = False
        if key is not False:
            return key
    try:
        return key_of(read(path, data))
    except Exception:  # noqa: BLE001
        return None


def key_kept(path: str, folder: str) -> tuple[Key | None, int]:
    """`pairing_key(path)` from a full read, and where the read report was kept in `folder` for the
    check to load (`checker.spill`; NOT_KEPT when it was not): in a batch with cross-year rules a
    report is then read once, not twice. The same key: the fast reads above agree with the full
    read's, and a failed read has none."""
    from checker import spill
    from checker.readers import read

    try:
        source = os.stat(path)
        report = read(path)
    except Exception:  # noqa: BLE001 - the check itself reports an unreadable file
        return None, spill.NOT_KEPT
    location = spill.keep(folder, report, source)
    try:
        return key_of(report), location
    except Exception:  # noqa: BLE001 - as pairing_key: no key, no pairing
        return None, location


def pair_by_key(paths: Sequence[str], keys: Sequence[Key | None]) -> dict[str, str]:
    """path → the first input of the same agency for the year before."""
    return {paths[i]: paths[j] for i, j in enumerate(previous_indexes(keys)) if j >= 0}


def previous_indexes(keys: Sequence[Key | None]) -> array[int]:
    """For each input (by its key), the index of the first input of the same agency for the year
    before, or -1: one machine word a report, where a batch of 10,000 kept a dictionary of paths."""
    first: dict[Key, int] = {}
    for i, key in enumerate(keys):
        if key is not None:
            first.setdefault(key, i)
    out = array("q", [-1]) * len(keys)
    for i, key in enumerate(keys):
        if key is not None:
            out[i] = first.get((key[0], key[1] - 1), -1)
    return out


def head_report(path: str | os.PathLike[str]) -> Report | None:
    """The report without table cells (None when only the full read can tell), for tests and tools."""
    from checker.readers import read_file_bytes, reader_for

    data = read_file_bytes(path)
    head = _HEADS.get(reader_for(path, data))
    return head(data, str(path)) if head else None


def _json_head(data: bytes, source: str) -> Report | None:
    """The JSON model's meta and non-table blocks, when the fast shape check accepts the document."""
    from checker.readers import MAX_BLOCKS
    from checker.readers.json_report import parse
    from checker.reportshape import conforms

    if source.lower().endswith((".yaml", ".yml")):
        return None
    document = parse(data, source)
    if not conforms(document) or len(document["blocks"]) > MAX_BLOCKS:
        return None
    blocks = tuple(Block(type="table") if b["type"] == "table" else Block.from_dict(b) for b in document["blocks"])
    return Report(meta=Meta.from_dict(document["meta"]), blocks=blocks, reader=document.get("reader", "json"))


def _json_key(data: bytes, source: str) -> Key | None | bool:
    """The key from the JSON model's meta and text blocks; False when only the full read can tell."""
    head = _json_head(data, source)
    return False if head is None else key_of(head)


_HEADS = {"html": read_head, "json_report": _json_head}
# Each returns the key, or False when only the full read can tell.
_FAST_KEYS = {"html": _html_key, "json_report": _json_key}
