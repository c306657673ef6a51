"""The file read both passes of a batch share (`read_file_bytes`): one line for every unreadable path,
and no pairing key for it."""

from __future__ import annotations

import pytest

from checker import pairing
from checker.errors import InputError
from checker.readers import read_file_bytes


def test_read_file_bytes_reads_or_says_why_in_one_line(tmp_path):
    (tmp_path / "a.html").write_text("<html><body><p>年度报告</p></body></html>", encoding="utf-8")
    (tmp_path / "folder.html").mkdir()
    assert read_file_bytes(f"{tmp_path}/a.html") == (tmp_path / "a.html").read_bytes()
    assert read_file_bytes(f"{tmp_path}/./a.html/") == (tmp_path / "a.html").read_bytes()  # as pathlib names it
    for name, reason in [("folder.html", "is a directory"), ("missing.html", "no such file")]:
        with pytest.raises(InputError, match=reason):
            read_file_bytes(f"{tmp_path}/{name}")
        assert pairing.pairing_key(f"{tmp_path}/{name}") is None
    assert pairing.pairing_key("a\x00.html") is None  # what the check reports, pairing only skips


def test_read_file_bytes_refuses_an_oversized_file(tmp_path, monkeypatch):
    import checker.readers as readers

    (tmp_path / "big.txt").write_bytes(b"x" * 100)
    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 10)
    with pytest.raises(InputError, match="the limit is 10"):
        read_file_bytes(tmp_path / "big.txt")
