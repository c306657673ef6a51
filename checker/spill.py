"""Reports read once in a batch: kept on disk from the previous-year pass to the checks.

A batch with cross-year rules must know every input's (agency, year) before it checks the first one:
a report of year Y is paired with the *first* input of its agency for Y-1, which may come after it
(`checker.pairing`). So every input is read twice: once for its key, once for the check. The first
read now reads the report in full and writes it to a private temporary folder; the check loads it from
there instead of reading the file again. Held in memory, 10,000 reports would not keep a batch's memory
flat; on disk a generated HTML report takes ~15 KB, and loading it costs ~0.2 ms against ~1.5 ms to
read the page again (a DOCX or PDF saves a whole read: those formats had no cheaper key read).

The form on disk is `marshal` of plain tuples (a Report's fields in order): marshal reads and writes
tuples, strings and numbers in C, several times faster than pickling dataclasses. It is a cache that
lives for one batch, written and read by the same interpreter, not an interchange format. A record
carries this module's `FORMAT` and the source file's size and modification time; a load that finds
anything amiss (another format, a changed source, a missing or broken record) answers None, and the
caller reads the source instead.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import starmap
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from checker.model import Block, Cell, Meta, Report

if TYPE_CHECKING:
    from checker.api import Reader

FORMAT = 2  # bump when the tuple form below changes


def _getter(cls: type) -> attrgetter[Any]:
    """A model object's fields in declaration order: what its class takes positionally."""
    return attrgetter(*(f.name for f in dataclasses.fields(cls)))


_cell, _meta, _report = _getter(Cell), _getter(Meta), _getter(Report)
_block = _getter(Block)
_ROWS = [f.name for f in dataclasses.fields(Block)].index("rows")  # a table block's rows of cells


def to_tuples(report: Report) -> tuple[Any, ...]:
    """The report as nested tuples of its fields. A block object that occurs twice stays one tuple
    object, so marshal writes it once and `from_tuples` gives back one block (the binder tells
    blocks apart by identity). The cells are kept once each, in one table of distinct cells (their
    fields); a table block's rows are positions in it. A report's tables repeat a few dozen cells
    ("0", labels) hundreds of times: each distinct cell is made into a tuple once here, and the load
    builds it once and fills the rows in C."""
    table: dict[tuple[Any, ...], int] = {}  # a distinct cell's fields -> its position in the table
    at: dict[int, int] = {}  # id of a cell object -> its position (the report keeps its cells alive)
    made: dict[int, tuple[Any, ...]] = {}
    blocks = []
    for block in report.blocks:
        flat = made.get(id(block))
        if flat is None:
            flat = _block(block)
            rows = flat[_ROWS]
            if rows:
                flat_rows = []
                for row in rows:
                    positions = []
                    for cell in row:
                        position = at.get(id(cell))
                        if position is None:
                            position = at[id(cell)] = table.setdefault(_cell(cell), len(table))
                        positions.append(position)
                    flat_rows.append(tuple(positions))
                flat = (*flat[:_ROWS], tuple(flat_rows), *flat[_ROWS + 1:])
            made[id(block)] = flat
        blocks.append(flat)
    meta, _, *rest = _report(report)
    return (_meta(meta), tuple(blocks), tuple(table), *rest)


def from_tuples(flat: tuple[Any, ...]) -> Report:
    """The `Report` that `to_tuples` was given (equal field for field). Equal cells come back as one
    object, as the HTML reader shares them too."""
    meta, flat_blocks, table, *rest = flat
    cell = list(starmap(Cell, table)).__getitem__
    made: dict[int, Block] = {}
    blocks = []
    for flat_block in flat_blocks:
        block = made.get(id(flat_block))
        if block is None:
            fields = flat_block
            if fields[_ROWS]:
                rows = tuple([tuple(map(cell, row)) for row in fields[_ROWS]])
                fields = (*fields[:_ROWS], rows, *fields[_ROWS + 1:])
            block = made[id(flat_block)] = Block(*fields)
        blocks.append(block)
    return Report(Meta(*meta), tuple(blocks), *rest)


# Where a report was kept: the writing process's id and the offset in its file, in one int
# (`(pid << OFFSET_BITS) | offset`), so the parent holds one machine word a report (an array).
OFFSET_BITS = 40
NOT_KEPT = -1
_HEADER = struct.Struct("<I")  # the length of the record that follows
_files: dict[tuple[str, int, bool], int] = {}  # this process's open descriptors: (folder, pid, writing)


def keep(folder: str, report: Report, source: os.stat_result) -> int:
    """Append `report`, read from a file whose state before the read was `source`, to this process's
    file in `folder`; its location, or NOT_KEPT (a full disk, a huge report: the check reads the
    file again). Each process appends to its own file: creating a file a report cost ~1 ms of kernel
    time here, appending ~0.02 ms."""
    data = marshal.dumps((FORMAT, source.st_size, source.st_mtime_ns, to_tuples(report)))
    pid = os.getpid()
    try:
        fd = _descriptor(folder, pid, True)
        offset = os.lseek(fd, 0, os.SEEK_END)
        record = _HEADER.pack(len(data)) + data
        if offset >= 1 << OFFSET_BITS or os.write(fd, record) != len(record):
            return NOT_KEPT
    except (OSError, struct.error):
        return NOT_KEPT
    return (pid << OFFSET_BITS) | offset


def load(folder: str, location: int, path: str) -> Report | None:
    """The report kept at `location` for the file `path`, or None (none kept, or the file has
    changed since)."""
    if location < 0:
        return None
    offset = location & ((1 << OFFSET_BITS) - 1)
    try:
        fd = _descriptor(folder, location >> OFFSET_BITS, False)
        (size,) = _HEADER.unpack(os.pread(fd, _HEADER.size, offset))
        form, length, mtime, flat = marshal.loads(os.pread(fd, size, offset + _HEADER.size))
        status = os.stat(path)
    except (OSError, ValueError, EOFError, TypeError, struct.error):
        return None
    if form != FORMAT or length != status.st_size or mtime != status.st_mtime_ns:
        return None
    return from_tuples(flat)


def _descriptor(folder: str, pid: int, writing: bool) -> int:
    key = (folder, pid, writing)
    fd = _files.get(key)
    if fd is None:
        if len(_files) >= 64:  # one batch has a few workers' files; never hold descriptors without bound
            close_all()
        name = os.path.join(folder, str(pid))
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND if writing else os.O_RDONLY
        fd = _files[key] = os.open(name, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
    return fd


def close_all() -> None:
    """Close this process's descriptors of kept reports (before their folder goes)."""
    for fd in _files.values():
        try:
            os.close(fd)
        except OSError:
            pass
    _files.clear()


@contextmanager
def folder(wanted: bool) -> Iterator[str | None]:
    """A private temporary folder for the reports a batch's pairing pass reads, removed with its files
    at the end; None when not `wanted` or when no folder can be made (then the pass reads only the
    keys, and each check reads its file)."""
    import shutil
    import tempfile

    made = None
    if wanted:
        try:
            made = tempfile.mkdtemp(prefix="reportlint-")
        except OSError:
            pass
    try:
        yield made
    finally:
        if made is not None:
            close_all()
            shutil.rmtree(made, ignore_errors=True)


def reader(kept: str, where: dict[str | None, int]) -> Reader:
    """How a check reads a path: the report kept in `kept` at `where[path]`, else the file itself
    (none kept, or the file has changed since)."""
    from checker.api import read_report

    def read_kept(path: str | os.PathLike[str]) -> Report:
        report = load(kept, where.get(path, NOT_KEPT), path) if type(path) is str else None  # type: ignore[arg-type]
        return report if report is not None else read_report(path)

    return read_kept
