"""Output files (`-o`): written atomically, following the umask, and never renamed over a device or pipe."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.errors import InputError
from checker.output import AtomicFile, write_atomic

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "000_2606f0613b160dcc.txt"
SEED_JSON = ROOT / "examples" / "000_2606f0613b160dcc.json"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")


class _PipeReader:
    """Reads a named pipe to its end in a thread (opening a pipe to write waits for a reader)."""

    def __init__(self, fifo: Path) -> None:
        self.data = b""
        self.thread = threading.Thread(target=self._read, args=(fifo,), daemon=True)
        self.thread.start()

    def _read(self, fifo: Path) -> None:
        with open(fifo, "rb") as handle:
            self.data = handle.read()

    def text(self) -> str:
        self.thread.join(timeout=60)
        return self.data.decode("utf-8")


@needs_fifo
def test_a_named_pipe_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "out.pipe"
    os.mkfifo(fifo)
    reader = _PipeReader(fifo)
    write_atomic(fifo, "报告 ok\n")
    assert reader.text() == "报告 ok\n"
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.pipe"]  # no temporary file left


@pytest.mark.parametrize("args", [[str(SEED)], [str(SEED), str(SEED_JSON), "-j", "1"]], ids=["single", "batch"])
@needs_fifo
def test_check_output_to_a_named_pipe(tmp_path: Path, args: list[str]) -> None:
    """`-o PIPE` for one report (write_atomic) and for a batch (the batch's AtomicFile)."""
    fifo = tmp_path / "findings.csv"
    os.mkfifo(fifo)
    reader = _PipeReader(fifo)
    result = CliRunner().invoke(main, ["check", *args, "--format", "csv", "--lang", "en", "-o", str(fifo),
                                       "--isolated"])
    assert result.exit_code == 1, result.output  # the seed's defects
    assert "SEC-NUMBERING" in reader.text()
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(not hasattr(os, "mknod") or os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    """`-o /dev/null` run as root had replaced /dev/null with a regular file (shown on a copy of it)."""
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    result = CliRunner().invoke(main, ["check", str(SEED), str(SEED_JSON), "-j", "1", "--format", "json",
                                       "-o", str(null), "--isolated"])
    assert result.exit_code == 1, result.output
    write_atomic(null, "x")
    assert stat.S_ISCHR(null.stat().st_mode)


def test_a_batch_output_file_follows_the_umask(tmp_path: Path) -> None:
    """As a single report's output file does (mkstemp alone makes 0600)."""
    old = os.umask(0o022)
    try:
        result = CliRunner().invoke(main, ["check", str(SEED), str(SEED_JSON), "-j", "1", "--format", "csv",
                                           "-o", str(tmp_path / "out.csv"), "--isolated"])
    finally:
        os.umask(old)
    assert result.exit_code == 1, result.output
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o644


def test_a_discarded_file_leaves_nothing_and_keeps_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    pending = AtomicFile(target)
    pending.handle.write("half")
    pending.discard()
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_missing_folder_is_one_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        AtomicFile(tmp_path / "no" / "out.json")


def test_color_is_kept_when_asked_for_in_a_pipe(tmp_path: Path) -> None:
    """`--color | less -R`: click strips ANSI codes from a pipe unless told not to."""
    coloured = CliRunner().invoke(main, ["check", str(SEED), "--format", "table", "--color", "--lang", "en",
                                         "--isolated"])
    plain = CliRunner().invoke(main, ["check", str(SEED), "--format", "table", "--lang", "en", "--isolated"])
    assert coloured.exit_code == plain.exit_code == 1
    assert "\x1b[" in coloured.output and "SEC-NUMBERING" in coloured.output
    assert "\x1b[" not in plain.output
