"""Shared fixtures: paths to the real corpus in ../shared, skipped cleanly where it is absent."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent

# The rule pack cache goes to a private folder: tests never write to the user's ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="reportlint-test-cache-")
SHARED = Path(os.environ.get("REPORTLINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
REFERENCE = SHARED / "reference"

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def corpus_path(name: str) -> Path:
    """A file of ../shared/corpus, or skip the test saying why."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"shared corpus not available: {path} (CI provides ../shared)")
    return path


def reference_path(name: str) -> Path:
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"shared reference data not available: {path} (CI provides ../shared)")
    return path


def make_bad_inputs(tmp: Path, seed: Path) -> dict[str, list[str]]:
    """Files that must each end in one line on stderr and exit 2; returns case → CLI arguments."""
    import zipfile

    (tmp / "emptydir").mkdir()
    (tmp / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (tmp / "bad-utf8.txt").write_bytes(b"\xff\xfe\xfd not text \xff\xff\xc3\x28" * 10)
    (tmp / "malformed.json").write_text('{"meta": {}, "blocks": [', encoding="utf-8")
    (tmp / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp / "schema.json").write_text('{"meta": {"year": "2025"}, "blocks": [{"type": "chart"}]}', encoding="utf-8")
    pack = tmp / "badpack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("id: broken\ntitle: {zh: 坏, en: bad}\nextends: national\n", encoding="utf-8")
    (pack / "R.yaml").write_text("id: X-1\nkind: [unclosed\n", encoding="utf-8")
    bomb = tmp / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        # 20 MB of spaces compress 1000:1; the reader refuses the ratio before unpacking.
        archive.writestr("word/document.xml", b"<w:document>" + b" " * 20_000_000)
    slip = tmp / "slip.docx"
    with zipfile.ZipFile(slip, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("../../evil.txt", "owned")
    return {
        "nonexistent": ["check", str(tmp / "missing.txt")],
        "directory": ["check", str(tmp / "emptydir")],
        "binary": ["check", str(tmp / "junk.bin")],
        "invalid-utf8": ["check", str(tmp / "bad-utf8.txt")],
        "malformed-json": ["check", str(tmp / "malformed.json")],
        "deeply-nested-json": ["check", str(tmp / "deep.json")],
        "schema-violation": ["check", str(tmp / "schema.json")],
        "malformed-rules": ["check", str(seed), "--rules", str(pack)],
        "docx-zip-bomb": ["check", str(bomb)],
        "docx-path-traversal": ["check", str(slip)],
        "output-in-missing-folder": ["check", str(seed), "--format", "json", "--output", str(tmp / "no" / "out.json")],
        "extract-binary": ["extract", str(tmp / "junk.bin")],
    }


@pytest.fixture
def bad_inputs(tmp_path: Path):
    """The bad-input cases of the Core and hostile-input contracts, built in tmp_path."""
    return make_bad_inputs(tmp_path, ROOT / "examples" / "000_2606f0613b160dcc.txt")


@pytest.fixture
def corpus():
    return corpus_path


@pytest.fixture
def reference():
    return reference_path


def pytest_sessionfinish(session, exitstatus):
    """Remove the private rule pack cache folder made above."""
    import shutil

    shutil.rmtree(os.environ["XDG_CACHE_HOME"], ignore_errors=True)
