"""CPU per generated report for each stage of a batch check, in one warm process (a script, not a test).

    python benchmarks/bench_stages.py [N=300] [DIR=/tmp/g1k/html]

Runs N reports of DIR through the stages a batch runs — the previous-year pairing pass (`key_kept`: the
full read, kept for the check), loading the kept report, binding, the rules (with the batch's previous-year
pairing) and the CSV row — and prints the
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
    from checker import spill
    from checker.api import bind_report
    from checker.batch_output import Piece
    from checker.engine import evaluate
    from checker.pairing import key_kept, previous_indexes
    from checker.rulecache import load_ruleset_cached

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    folder = sys.argv[2] if len(sys.argv) > 2 else "/tmp/g1k/html"
    ruleset = load_ruleset_cached()
    paths = [os.path.join(folder, name) for name in sorted(os.listdir(folder))[:n]]
    piece = Piece("csv", ruleset.catalog(), "zh", False)
    clock = time.process_time
    best: dict[str, float] = {}
    for _ in range(3):
        spent = dict.fromkeys(("pairing", "load", "bind", "rules", "csv"), 0.0)
        with spill.folder(True) as kept:
            assert kept is not None
            start = clock()
            keys, where = zip(*(key_kept(p, kept) for p in paths))
            before = previous_indexes(keys)
            spent["pairing"] = clock() - start
            recent: dict[str, object] = {}  # the last few bound reports, as api.check keeps them
            for i, path in enumerate(paths):
                t0 = clock()
                report = spill.load(kept, where[i], path)
                t1 = clock()
                assert report is not None
                bound = bind_report(report, ruleset, path)
                t2 = clock()
                prev_path = paths[before[i]] if before[i] >= 0 else None
                previous = recent.get(prev_path) if prev_path else None
                if prev_path and previous is None:
                    previous = bind_report(spill.load(kept, where[before[i]], prev_path), ruleset, prev_path)  # type: ignore[arg-type]
                t3 = clock()
                result = evaluate(bound, ruleset, lang="zh", previous=previous)  # type: ignore[arg-type]
                t4 = clock()
                piece(result)
                t5 = clock()
                spent["load"] += t1 - t0
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
