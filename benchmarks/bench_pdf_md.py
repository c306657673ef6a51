"""Time the PDF and Markdown readers on their corpus files (median of N runs).

Usage: python benchmarks/bench_pdf_md.py [N]   (needs ../shared/corpus and pdfplumber)
A script, not a test: it prints wall-clock numbers for the README / review.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = Path(os.environ.get("REPORTLINT_SHARED", ROOT.parent / "shared")) / "corpus"
FILES = {
    "pdf": "009_huaian-shizhengfu_2024.pdf",
    "markdown": "012_shanghai-kewei_2024.md",
}


def bench(reader: str, name: str, runs: int) -> tuple[float, float, int]:
    import importlib

    module = importlib.import_module(f"checker.readers.{reader}")
    data = (CORPUS / name).read_bytes()
    times = []
    blocks = 0
    for _ in range(runs):
        start = time.perf_counter()
        report = module.read_bytes(data, name)
        times.append(time.perf_counter() - start)
        blocks = len(report.blocks)
    return statistics.median(times) * 1000, min(times) * 1000, blocks


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    start = time.perf_counter()
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        sys.exit("pdfplumber is not installed: pip install 'reportlint[pdf]'")
    print(f"import pdfplumber: {(time.perf_counter() - start) * 1000:.1f} ms (first import)")
    for reader, name in FILES.items():
        if not (CORPUS / name).exists():
            print(f"{reader:9s} {name}: skipped, not found in {CORPUS}")
            continue
        median, best, blocks = bench(reader, name, runs)
        print(f"{reader:9s} {name}: median {median:.2f} ms, min {best:.2f} ms over {runs} runs ({blocks} blocks)")


if __name__ == "__main__":
    main()
