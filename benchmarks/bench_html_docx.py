"""Time the HTML reader on the corpus pages and the DOCX reader on a generated draft.

Usage: python benchmarks/bench_html_docx.py [N]   (median and min of N runs; needs ../shared/corpus)
A script, not a test: it prints wall-clock numbers for the README / review.
"""

from __future__ import annotations

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
HTML_FILES = (
    "001_shanghai-shizhengfu-bangongting_2019.html",
    "044_synthetic-kirogov-ceshishi_2025.html",
    "048_pingtan-shiyanqu_2021.html",
    "049_pingtan-shiyanqu_2022.html",
    "050_pingtan-xingzhengshenpiju_2025.html",
)
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def draft_docx() -> bytes:
    """About the size of a real draft: 120 paragraphs and the 28×10 table 三."""
    p = '<w:p><w:r><w:t>政府信息公开工作稳步推进，主动公开政府信息若干条。</w:t></w:r></w:p>'
    tc = '<w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc>'
    table = "<w:tbl>" + ("<w:tr>" + tc * 10 + "</w:tr>") * 28 + "</w:tbl>"
    body = p * 120 + table
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f"<w:document {NS}><w:body>{body}</w:body></w:document>")
    return buffer.getvalue()


def bench(module, data: bytes, name: str, runs: int) -> tuple[float, float, int]:
    module.read_bytes(data, name)  # warm-up: imports, regex compilation
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        report = module.read_bytes(data, name)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, min(times) * 1000, len(report.blocks)


def main() -> None:
    from checker.readers import docx, html

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    rows = []
    for name in HTML_FILES:
        path = CORPUS / name
        if path.exists():
            rows.append(("html", name, path.stat().st_size, *bench(html, path.read_bytes(), name, runs)))
    data = draft_docx()
    rows.append(("docx", "generated draft", len(data), *bench(docx, data, "draft.docx", runs)))
    sys.stdout.write(f"{'reader':6} {'file':46} {'bytes':>8} {'median ms':>10} {'min ms':>8} {'blocks':>6}\n")
    for reader, name, size, median, low, blocks in rows:
        sys.stdout.write(f"{reader:6} {name:46} {size:8d} {median:10.2f} {low:8.2f} {blocks:6d}\n")


if __name__ == "__main__":
    main()
