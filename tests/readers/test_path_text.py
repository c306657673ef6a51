"""`path_text` and `reader_for` skip pathlib for paths already in its form; they must answer as pathlib does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.readers import _suffix, path_text, reader_for

posix_only = pytest.mark.skipif(os.sep != "/", reason="the fast path is for POSIX paths")

# Dots, slashes and a few name characters: every normalisation pathlib does on POSIX (repeated and
# trailing slashes, "." parts, a leading "./", two leading slashes) and the suffix's edge cases.
paths = st.text(alphabet="./ahtml", min_size=1, max_size=16)


@posix_only
@given(paths)
def test_path_text_is_str_of_path(text: str) -> None:
    assert path_text(text) == str(Path(text))


@posix_only
@given(paths)
def test_suffix_is_pathlib_suffix(text: str) -> None:
    assert _suffix(path_text(text)) == Path(text).suffix


@pytest.mark.parametrize("text", ["a.html", "dir//a.html", "./a.html", "a.html/", "d/./a.HTM", "..html", "a.", ".html",
                                  "x/y.tar.json", "//srv/a.md", "/abs/a.txt"])
def test_examples(text: str) -> None:
    assert path_text(text) == str(Path(text))
    assert _suffix(path_text(text)) == Path(text).suffix


def test_reader_for_takes_strings_and_paths() -> None:
    assert reader_for("dir//report.HTML", b"") == reader_for(Path("dir/report.html"), b"") == "html"
    assert reader_for("notes", b"%PDF-1.7") == "pdf"  # no suffix: sniffed


@posix_only
def test_a_batch_makes_no_path_for_plain_paths(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """What the change is for: the pairing read and the full read parse no Path for a plain string."""
    from checker import pairing, readers

    page = tmp_path / "r.txt"
    page.write_text("2024年某某县人民政府政务公开工作年度报告\n", encoding="utf-8")
    made: list[object] = []
    monkeypatch.setattr(readers, "Path", lambda *args: made.append(args) or Path(*args))
    pairing.pairing_key(str(page))
    readers.read(str(page))
    assert made == []
