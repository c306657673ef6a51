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
