"""Time every reader on the corpus: parse, and parse + bind, per report (median and min of N runs).

Usage: python benchmarks/bench_readers.py [N] [--markdown]   (needs ../shared/corpus; DOCX: a generated draft)
       python benchmarks/bench_readers.py --generated [DIR] [--files K]   (default DIR /tmp/tput/gen, K 100)
A script, not a test: it prints wall-clock numbers for docs/performance.md ("Readers"); --markdown prints the
table in that form. Bytes are read once outside the timing, so the numbers are the reader and the binder.
--generated reads the first K files of each kind under DIR (html/, docx/, json/ as made by `bench_batch.py
generate`) and prints the reader's CPU time per file (process time, best of 3 passes: the machine is shared).
"""

from __future__ import annotations

import importlib
import io
import os
import statistics
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = Path(os.environ.get("REPORTLINT_SHARED", ROOT.parent / "shared")) / "corpus"
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def draft_docx() -> bytes:
    """About the size of a real draft: 120 paragraphs and the 28×10 table 三 (the corpus has no DOCX)."""
    p = '<w:p><w:r><w:t>政府信息公开工作稳步推进，主动公开政府信息若干条。</w:t></w:r></w:p>'
    tc = '<w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc>'
    table = "<w:tbl>" + ("<w:tr>" + tc * 10 + "</w:tr>") * 28 + "</w:tbl>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f"<w:document {NS}><w:body>{p * 120 + table}</w:body></w:document>")
    return buffer.getvalue()


def inputs() -> list[tuple[str, bytes]]:
    files = sorted(p for p in CORPUS.glob("0*") if p.is_file())
    return [(p.name, p.read_bytes()) for p in files] + [("generated-draft.docx", draft_docx())]


def timed(action, runs: int) -> tuple[float, float]:
    action()  # warm-up: imports, regex compilation
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, min(times) * 1000


def generated(directory: Path, files: int) -> None:
    from checker.readers import reader_for

    sys.stdout.write(f"{'reader':8} {'files':>5} {'KB/file':>8} {'CPU ms/file':>12}\n")
    for kind in ("html", "docx", "json"):
        paths = sorted((directory / kind).glob(f"*.{kind}"))[:files]
        if not paths:
            continue
        data = [(p.name, p.read_bytes()) for p in paths]
        module = importlib.import_module(f"checker.readers.{reader_for(paths[0], data[0][1])}")
        module.read_bytes(data[0][1], data[0][0])  # warm-up: imports, regex compilation
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            for name, raw in data:
                module.read_bytes(raw, name)
            best = min(best, time.process_time() - start)
        size = sum(len(raw) for _, raw in data) / len(data) / 1024
        sys.stdout.write(f"{kind:8} {len(data):5d} {size:8.1f} {best / len(data) * 1000:12.2f}\n")


def main() -> None:
    if "--generated" in sys.argv:
        rest = [a for a in sys.argv[sys.argv.index("--generated") + 1:] if not a.startswith("--")]
        files = int(sys.argv[sys.argv.index("--files") + 1]) if "--files" in sys.argv else 100
        directory = Path(rest[0]) if rest and not rest[0].isdigit() else Path("/tmp/tput/gen")
        generated(directory, files)
        return
    from checker.api import bind_report
    from checker.readers import reader_for
    from checker.ruleset import load_ruleset

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 11
    ruleset = load_ruleset()
    rows = []
    for name, data in inputs():
        reader = reader_for(Path(name), data)
        module = importlib.import_module(f"checker.readers.{reader}")
        parse = timed(lambda: module.read_bytes(data, name), runs)
        both = timed(lambda: bind_report(module.read_bytes(data, name), ruleset, name), runs)
        rows.append((reader, name, len(data), parse, both))
    if "--markdown" in sys.argv:
        sys.stdout.write("| reader | file | bytes | parse ms (median / min) | parse + bind ms (median / min) |\n")
        sys.stdout.write("|---|---|---:|---:|---:|\n")
        for reader, name, size, (pm, pl), (bm, bl) in rows:
            sys.stdout.write(f"| {reader} | {name} | {size} | {pm:.1f} / {pl:.1f} | {bm:.1f} / {bl:.1f} |\n")
        return
    sys.stdout.write(f"{'reader':8} {'file':52} {'bytes':>8} {'parse ms':>9} {'+bind ms':>9}\n")
    for reader, name, size, (pm, _), (bm, _) in rows:
        sys.stdout.write(f"{reader:8} {name:52} {size:8d} {pm:9.2f} {bm:9.2f}\n")


if __name__ == "__main__":
    main()
