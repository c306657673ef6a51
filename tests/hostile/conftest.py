"""Shared helpers for the hostile-input suite: run the CLI both ways and check the exit-2 contract."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "000_2606f0613b160dcc.txt"


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: int = 60) -> subprocess.CompletedProcess[str]:
    """The real command in a child process; the timeout turns a hang into a failure, not a stuck CI job."""
    return subprocess.run([sys.executable, "-m", "checker.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout, env=env)


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def assert_one_line_exit_2(code: int, stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert code == 2, stderr
    assert len(lines) == 1, stderr
    assert lines[0].startswith("reportlint: error:")
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture(scope="session")
def cli():
    """run (child process), invoke (CliRunner), exit2 (the one-line contract), seed (the seed report)."""

    class Cli:
        run = staticmethod(run_cli)
        invoke = staticmethod(invoke)
        exit2 = staticmethod(assert_one_line_exit_2)
        seed = SEED

    return Cli


@pytest.fixture(scope="session")
def ruleset():
    from checker.ruleset import load_ruleset

    return load_ruleset()
