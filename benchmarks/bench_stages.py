"""CPU per generated report for each stage of a batch check, in one warm process (a script, not a test).

    python benchmarks/bench_stages.py [N=300] [DIR=/tmp/g1k/html]

Runs N reports of DIR through the stages a batch runs — the previous-year pairing read (`pairing_key`),
the full read, binding, the rules (with the batch's previous-year pairing) and the CSV row — and prints the
process time of each per report, best of 3 passes over the same files (the first pass warms the memos as
a batch's first reports do). Process time, not wall clock: on a shared machine the wall clock says how busy
the others were.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from checker.api import bind_report, read_report
    from checker.batch_output import Piece
    from checker.engine import evaluate
    from checker.pairing import pair_by_key, pairing_key
    from checker.rulecache import load_ruleset_cached

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    folder = sys.argv[2] if len(sys.argv) > 2 else "/tmp/g1k/html"
    ruleset = load_ruleset_cached()
    paths = [os.path.join(folder, name) for name in sorted(os.listdir(folder))[:n]]
    piece = Piece("csv", ruleset.catalog(), "zh", False)
    clock = time.process_time
    best: dict[str, float] = {}
    for _ in range(3):
        spent = dict.fromkeys(("pairing", "read", "bind", "rules", "csv"), 0.0)
        start = clock()
        pairs = pair_by_key(paths, [pairing_key(p) for p in paths])
        spent["pairing"] = clock() - start
        recent: dict[str, object] = {}  # the last few bound reports, as api.check keeps them
        for path in paths:
            t0 = clock()
            report = read_report(path)
            t1 = clock()
            bound = bind_report(report, ruleset, path)
            t2 = clock()
            prev_path = pairs.get(path)
            previous = recent.get(prev_path) if prev_path else None
            if prev_path and previous is None:
                previous = bind_report(read_report(prev_path), ruleset, prev_path)
            t3 = clock()
            result = evaluate(bound, ruleset, lang="zh", previous=previous)  # type: ignore[arg-type]
            t4 = clock()
            piece(result)
            t5 = clock()
            spent["read"] += t1 - t0
            spent["bind"] += t2 - t1
            spent["rules"] += t4 - t3
            spent["csv"] += t5 - t4
            recent[path] = bound
            if len(recent) > 4:
                del recent[next(iter(recent))]
        best = spent if not best else {k: min(best[k], v) for k, v in spent.items()}
    total = sum(best.values())
    print(" · ".join(f"{k} {v / n * 1000:.2f}" for k, v in best.items()), f"| total {total / n * 1000:.2f} ms/report",
          f"({n} reports of {folder})")


if __name__ == "__main__":
    main()
