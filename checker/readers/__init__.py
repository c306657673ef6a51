"""Readers: one small module per input kind, each turning bytes into a `Report`.

A reader knows nothing about the regulation. `read(path)` picks the reader by the file's
extension, falling back to sniffing the bytes. Every reader exposes
``read_bytes(data: bytes, source: str) -> Report`` and raises `InputError` for input it
cannot read, never anything else.
"""

from __future__ import annotations

import importlib
import os
import stat
from pathlib import Path

from checker.errors import InputError
from checker.model import Report

# Suffix → module name under checker.readers; modules are imported only when needed
# so a JSON check never pays for lxml or pdfplumber.
READERS = {
    ".json": "json_report",
    ".yaml": "json_report",
    ".yml": "json_report",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}

MAX_INPUT_BYTES = 200 * 1024 * 1024
# Size limits for input that is not a report (docs/security.md). The corpus's largest report has
# 93 blocks, its largest page 2,161 HTML elements, its longest text 3,273 lines; the limits are far
# above that, and are checked before the costly work, so such a page ends in seconds with exit 2.
MAX_BLOCKS = 20_000
MAX_HTML_ELEMENTS = 250_000  # a 100k-cell table (120k elements) is still read
MAX_TEXT_LINES = 300_000  # a 100k-line cell-per-line table is still read


def refuse_oversized(count: int, limit: int, what: str, typical: str, source: str) -> None:
    """One-line `InputError` when `count` exceeds `limit`: "not checked", rather than grinding."""
    if count > limit:
        raise InputError(f"{count} {what}, more than the limit of {limit}; an annual report has {typical}"
                         " — not checked", source)


def sniff(data: bytes) -> str:
    """Guess the reader from the first bytes when the extension does not tell."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head[:1] in (b"{", b"["):
        return "json_report"
    lowered = head[:1024].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<table" in lowered or b"<body" in lowered:
        return "html"
    return "text"


def reader_for(path: str | os.PathLike[str], data: bytes) -> str:
    return READERS.get(_suffix(path_text(path)).lower()) or sniff(data)


def path_text(path: str | os.PathLike[str]) -> str:
    """`str(Path(path))` (what a report's source reads), without making a Path when `path` is a POSIX
    string already in that form. pathlib interns every part of a path it parses: a batch interned each
    file name several times, and the interpreter's table of interned strings, which never shrinks,
    grew a batch worker by ~0.6 MB at ~2,000 reports (most of its growth from 1k to 10k reports)."""
    if type(path) is str and os.sep == "/" and path and not (
            "//" in path or "/./" in path or path.startswith("./") or path.endswith(("/", "/."))):
        return path
    return str(Path(path))


def _suffix(text: str) -> str:
    """`Path(text).suffix` of a `path_text` string."""
    if os.sep != "/":
        return Path(text).suffix
    name = text[text.rfind("/") + 1:]
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def read_file_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a report file, turning every OS error into a one-line `InputError`. One open and fstat (not
    pathlib's is_dir, stat and read_bytes): a batch reads every file twice, for pairing and for the check."""
    p = path_text(path)
    try:
        with open(p, "rb") as file:
            status = os.fstat(file.fileno())
            if stat.S_ISDIR(status.st_mode):
                raise IsADirectoryError
            if status.st_size > MAX_INPUT_BYTES:
                raise InputError(f"file is {status.st_size} bytes; the limit is {MAX_INPUT_BYTES}", p)
            return file.read()
    except IsADirectoryError:
        raise InputError("is a directory, not a report file", p) from None
    except FileNotFoundError:
        raise InputError("no such file", p) from None
    except PermissionError:
        raise InputError("permission denied", p) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", p) from None


def read(path: str | os.PathLike[str], data: bytes | None = None) -> Report:
    """Read any supported file into the report model."""
    p = path_text(path)
    if data is None:
        data = read_file_bytes(p)
    module = importlib.import_module(f"checker.readers.{reader_for(p, data)}")
    report = module.read_bytes(data, p)
    refuse_oversized(len(report.blocks), MAX_BLOCKS, "paragraphs, headings and tables", "a few hundred", p)
    return report
