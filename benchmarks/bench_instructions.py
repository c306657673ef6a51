"""Instruction counts (valgrind's callgrind) for docs/performance.md: the steady numbers on a shared machine.

    python benchmarks/bench_instructions.py warm [DIR=/tmp/g1k/html] [--reports 100]
    python benchmarks/bench_instructions.py cold [--venv DIR]

Wall-clock and CPU time on a machine whose other tenants come and go moved by ±30 % minute to minute;
the number of instructions a run executes does not. `warm` runs DIR's first N reports through a batch
worker's path in this process — the previous-year pairing pass (each report read in full and kept,
`checker.spill`), then each check (load, bind, rules) and its CSV row, as `batch._check_chunk` does —
once and then twice, each under callgrind: (two passes − one pass) / N is what a report costs a warm
worker, start-up and the first pass's memo filling left out. `cold` counts a whole `reportlint check`
of one generated JSON report (table and JSON output) against the import floor
(`python -c "import click, yaml, rich.console"`), the issue's start-up target. Needs valgrind
(`apt install valgrind`); a run takes a minute or two, as callgrind runs ~50× slower.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def passes(folder: str, n: int, count: int) -> None:
    """The measured work (run under callgrind by `warm`): `count` passes over `folder`'s first `n` reports."""
    from checker import batch, batch_plan, spill
    from checker.rulecache import load_ruleset_cached

    ruleset = load_ruleset_cached()
    paths = [os.path.join(folder, name) for name in sorted(os.listdir(folder))[:n]]
    with spill.folder(True) as kept:
        assert kept is not None
        # As a worker starts: the ruleset, options and a CSV renderer (`_init` also freezes what exists).
        batch._init(ruleset, {"lang": "zh", "agency_kind": None}, (("csv", "zh", False),), True, kept)
        for _ in range(count):
            tasks = batch_plan._plan_kept(paths, kept, None, 2)
            for chunk in batch_plan.chunks(tasks, len(paths), 2):
                batch._check_chunk(chunk)


def instructions(cmd: list[str], env: dict[str, str] | None = None, cwd: str | None = None) -> int:
    """Instructions `cmd` executes (all its processes' callgrind totals: forked ones count their own)."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                          capture_output=True, text=True, env=env, cwd=cwd, check=False)
    counts = [int(x) for x in re.findall(r"Collected : (\d+)", done.stderr)]
    if done.returncode not in (0, 1) or not counts:
        raise SystemExit(f"valgrind run failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return counts[0]


def warm(folder: str, n: int) -> None:
    python = os.path.realpath(sys.executable)  # valgrind must run the interpreter, not a wrapper script
    warmup = [python, "-m", "checker.cli", "check", os.path.join(folder, sorted(os.listdir(folder))[0])]
    subprocess.run(warmup, cwd=ROOT, capture_output=True, check=False)  # the rule pack cache, as any earlier run
    one, two = (instructions([python, __file__, "passes", folder, "--reports", str(n), "--passes", str(count)])
                for count in (1, 2))
    print(f"| warm worker path, {n} reports of {folder} | 1 pass {one / 1e6:.0f} M | 2 passes {two / 1e6:.0f} M "
          f"| **{(two - one) / n / 1e6:.2f} M a report** |")


def cold(venv: Path | None) -> None:
    from bench_batch import _interpreter, generate

    python, env = _interpreter(venv)
    python = os.path.realpath(python) if venv is None else python  # a venv's python is a symlink valgrind follows
    cli = [python, "-m", "checker.cli", "check"]
    with tempfile.TemporaryDirectory() as tmp:
        generate(1, Path(tmp))
        report = str(Path(tmp) / "json" / "r00000.json")
        cwd = tmp if venv else str(ROOT)
        subprocess.run(cli + [report], env=env, cwd=cwd, capture_output=True, check=False)  # fills the rule cache
        floor = instructions([python, "-c", "import click, yaml, rich.console"], env, cwd)
        print(f"| import floor | {floor / 1e6:.1f} M | 1.00× |")
        for label, extra in (("check JSON, table output", []), ("check JSON, --format json", ["--format", "json"])):
            count = instructions(cli + [report, *extra], env, cwd)
            print(f"| {label} | {count / 1e6:.1f} M | {count / floor:.2f}× |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["warm", "cold", "passes"])
    parser.add_argument("folder", nargs="?", default="/tmp/g1k/html")
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--passes", type=int, default=1, help=argparse.SUPPRESS)  # `passes`: run by `warm`
    parser.add_argument("--venv", type=Path, help="cold: count the reportlint installed in this virtual environment")
    ns = parser.parse_args()
    if ns.what == "passes":
        passes(ns.folder, ns.reports, ns.passes)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt install valgrind): instruction counts need callgrind")
    if ns.what == "warm":
        if not os.path.isdir(ns.folder):
            raise SystemExit(f"{ns.folder}: no such folder (make one: python benchmarks/bench_batch.py generate 1000 /tmp/g1k)")
        warm(ns.folder, ns.reports)
    else:
        cold(ns.venv)


if __name__ == "__main__":
    main()
