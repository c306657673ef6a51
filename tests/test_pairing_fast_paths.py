"""The pairing pass's own file read is `read_file_bytes` + `reader_for`, or None where they raise."""

from __future__ import annotations

from pathlib import Path

from checker import pairing
from checker.readers import read_file_bytes, reader_for


def _slow(path: str):
    try:
        data = read_file_bytes(path)
    except Exception:  # noqa: BLE001 - what pairing_key did: no key for an unreadable file
        return None
    return data, reader_for(Path(path), data)


def test_file_and_kind_as_read_file_bytes_and_reader_for(tmp_path):
    (tmp_path / "a.html").write_text("<html><body><p>年度报告</p></body></html>", encoding="utf-8")
    (tmp_path / "b.json").write_bytes(b'{"meta": {}}')
    (tmp_path / "noext").write_bytes(b"<!DOCTYPE html><html></html>")
    (tmp_path / "C.HTM").write_bytes(b"x")
    (tmp_path / "folder.html").mkdir()
    names = ["a.html", "b.json", "noext", "C.HTM", "folder.html", "missing.html", "a.html/", "./a.html", "a\x00.html"]
    for name in names:
        path = f"{tmp_path}/{name}" if "\x00" not in name else name  # (not tmp_path / name: keeps "a.html/")
        assert pairing._file_and_kind(path) == _slow(path), name
