"""Batch and start-up benchmarks for docs/performance.md (a script, not part of the test run).

    python benchmarks/bench_batch.py all [--reports 1000] [--big 10000]   # everything, as in the doc
    python benchmarks/bench_batch.py generate N DIR                        # N reports × JSON/HTML/DOCX
    python benchmarks/bench_batch.py cold | throughput DIR [--jobs 2] | memory DIR   [--venv DIR]

Reports are generated from templates (the seed report in examples/, plus corpus reports from
../shared/corpus when present): agency, year and table numbers vary per report (three consecutive
years per agency, so previous-year pairing has work), and each is written as the JSON model, an
HTML page and a DOCX document. Timings are wall-clock medians of whole `reportlint` processes;
`throughput` also reports the CPU time of the parent and of its workers (on a shared machine the wall
clock says how busy the others were, the CPU time what a report costs). `--venv DIR` times the
reportlint installed in that virtual environment (`DIR/bin/pip install .`: byte-compiled modules)
instead of this source tree, which a machine with PYTHONDONTWRITEBYTECODE=1 compiles at every start.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = Path(os.environ.get("REPORTLINT_SHARED", ROOT.parent / "shared")) / "corpus"
TEMPLATES = [ROOT / "examples" / "000_2606f0613b160dcc.txt", CORPUS / "001_shanghai-shizhengfu-bangongting_2019.html",
             CORPUS / "044_synthetic-kirogov-ceshishi_2025.html", CORPUS / "050_pingtan-xingzhengshenpiju_2025.html"]
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# `python -c` puts the working folder before PYTHONPATH on sys.path: the timed processes also run in
# ROOT, so they import this tree's checker wherever the script is started from.
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _templates() -> list[dict]:
    from checker.api import read_report

    return [read_report(p).to_dict() for p in TEMPLATES if p.exists()]


def _vary(template: dict, i: int) -> dict:
    from checker.bind.meta import agency_from_title

    rng = random.Random(i)
    doc = json.loads(json.dumps(template))
    title = doc["meta"]["title"]
    base = int(re.search(r"20[0-9]{2}", title)[0])  # the template's own year: its format edition holds
    # The agency as the title names it ("2019年上海市人民政府办公厅…" names it after the year). Never "":
    # str.replace("", name) would put the name between every two characters of the report.
    old = doc["meta"].get("agency") or agency_from_title(title) or title[: title.index(str(base))]
    if not old:
        raise ValueError(f"template without an agency name: {title!r}")
    agency, year = f"样例{i // 3:05d}县人民政府办公室", base - 2 + i % 3
    swap = lambda s: s.replace(old, agency).replace(str(base), str(year))  # noqa: E731
    doc["meta"] = {"title": f"{agency}{year}年政府信息公开工作年度报告", "agency": agency, "year": year}
    for block in doc["blocks"]:
        if block["type"] != "table":
            block["text"] = swap(block["text"])
            continue
        for row in block["rows"]:
            for cell in row:
                text = cell["text"] if isinstance(cell, dict) else cell
                if text.isdigit() and rng.random() < 0.005:
                    text = str(int(text) + rng.randint(0, 3))
                if isinstance(cell, dict):
                    cell["text"] = text
        block["rows"] = [[c if isinstance(c, dict) else {"text": c} for c in row] for row in block["rows"]]
    return doc


def _attrs(cell: dict) -> str:
    return "".join(f' {k}="{cell[k]}"' for k in ("rowspan", "colspan") if cell.get(k, 1) != 1)


def to_html(doc: dict) -> str:
    body = []
    for block in doc["blocks"]:
        if block["type"] == "table":
            rows = "".join("<tr>" + "".join(f"<td{_attrs(c)}>{escape(c['text'])}</td>" for c in row) + "</tr>"
                           for row in block["rows"])
            body.append(f'<table border="1">{rows}</table>')
        else:
            tag = "h2" if block["type"] == "heading" else "p"
            body.append(f"<{tag}>{escape(block['text'])}</{tag}>")
    title = escape(doc["meta"]["title"])
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<div class="nav"><a href="/">首页</a></div><div class="article"><h1>{title}</h1>{"".join(body)}'
            "</div></body></html>")


def _grid(rows: list[list[dict]]) -> list[list[tuple[dict, bool] | None]]:
    """Each row's grid slots: (cell, starts here) — rowspans carried down as vMerge continuations."""
    taken: dict[tuple[int, int], dict] = {}
    out = []
    for r, row in enumerate(rows):
        slots: list[tuple[dict, bool] | None] = []
        col = 0
        for cell in row:
            while (r, col) in taken:
                slots.append((taken[(r, col)], False))
                col += taken[(r, col)].get("colspan", 1)
            slots.append((cell, True))
            for dr in range(1, cell.get("rowspan", 1)):
                taken[(r + dr, col)] = cell
            col += cell.get("colspan", 1)
        while (r, col) in taken:
            slots.append((taken[(r, col)], False))
            col += taken[(r, col)].get("colspan", 1)
        out.append(slots)
    return out


def _tc(cell: dict, starts: bool) -> str:
    props = f'<w:gridSpan w:val="{cell["colspan"]}"/>' if cell.get("colspan", 1) > 1 else ""
    if cell.get("rowspan", 1) > 1:
        props += '<w:vMerge w:val="restart"/>' if starts else "<w:vMerge/>"
    text = escape(cell["text"]) if starts else ""
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def to_docx(doc: dict) -> bytes:
    parts = []
    for block in doc["blocks"]:
        if block["type"] == "table":
            rows = "".join("<w:tr>" + "".join(_tc(c, s) for c, s in slots) + "</w:tr>" for slots in _grid(block["rows"]))
            parts.append(f"<w:tbl>{rows}</w:tbl>")
        else:
            style = '<w:pPr><w:pStyle w:val="Heading2"/></w:pPr>' if block["type"] == "heading" else ""
            parts.append(f"<w:p>{style}<w:r><w:t>{escape(block['text'])}</w:t></w:r></w:p>")
    title = f"<w:p><w:r><w:t>{escape(doc['meta']['title'])}</w:t></w:r></w:p>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f"<w:document {NS}><w:body>{title}{''.join(parts)}</w:body></w:document>")
    return buffer.getvalue()


def generate(n: int, out: Path) -> None:
    templates = _templates()
    for kind in ("json", "html", "docx"):
        (out / kind).mkdir(parents=True, exist_ok=True)
    for i in range(n):
        doc = _vary(templates[(i // 3) % len(templates)], i)  # one template per agency: consecutive years
        name = f"r{i:05d}"
        (out / "json" / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        (out / "html" / f"{name}.html").write_text(to_html(doc), encoding="utf-8")
        (out / "docx" / f"{name}.docx").write_bytes(to_docx(doc))


def _median_ms(cmd: list[str], runs: int, env: dict[str, str] | None = None, cwd: str | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env or ENV, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _interpreter(venv: Path | None) -> tuple[str, dict[str, str]]:
    """The Python to time and its environment: this tree's (PYTHONPATH=ROOT), or with `venv` that
    environment's Python and installed reportlint (no PYTHONPATH; run it outside ROOT, where `-c` and
    `-m` cannot find ./checker)."""
    if venv is None:
        return sys.executable, ENV
    return str(venv / "bin" / "python"), {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def cold(runs: int = 11, venv: Path | None = None) -> None:
    """Medians of `runs` rounds; each round runs every command once (round-robin), so the load of a
    shared machine shifts all rows alike instead of skewing whichever command ran during a busy spell.
    With `venv`, that environment's Python and installed reportlint (not this tree: no PYTHONPATH, and
    run from a temporary folder so `-m` cannot find ./checker)."""
    python, env = _interpreter(venv)
    cli = [python, "-m", "checker.cli", "check"]
    with tempfile.TemporaryDirectory() as tmp:
        generate(1, Path(tmp))
        report = str(Path(tmp) / "json" / "r00000.json")
        run = lambda cmd: _median_ms(cmd, 1, env, tmp)  # noqa: E731
        run(cli + [report])  # fills the rule pack cache, as any earlier run would
        commands = [("import floor: python -c 'import click, yaml, rich.console'",
                     [python, "-c", "import click, yaml, rich.console"]),
                    ("check JSON (table output), cache hit", cli + [report]),
                    ("check JSON --format json, cache hit", cli + [report, "--format", "json"]),
                    ("check JSON --no-cache (cold cache: YAML + jsonschema)", cli + [report, "--no-cache"])]
        times: dict[str, list[float]] = {label: [] for label, _ in commands}
        for _ in range(runs):
            for label, cmd in commands:
                times[label].append(run(cmd))
    rows = [(label, statistics.median(ms)) for label, ms in times.items()]
    floor = rows[0][1]
    for label, ms in rows:
        print(f"| {label} | {ms:.0f} ms | {ms / floor:.2f}× |")


# Runs the CLI in-process and prints its own CPU time and that of its (joined) workers.
_CPU = ("import resource, sys; from checker.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "cpu = lambda who: (lambda u: u.ru_utime + u.ru_stime)(resource.getrusage(who))\n"
        "print(cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN), file=sys.stderr)")


def throughput(folder: Path, jobs: tuple[int, ...] = (1, 2), venv: Path | None = None) -> None:
    """Wall clock of `check DIR -j N --format csv -o FILE`, and CPU seconds of the parent and workers."""
    python, env = _interpreter(venv)
    cwd = str(folder.parent) if venv else str(ROOT)
    files = sorted(folder.iterdir())
    print("| input | reports | jobs | wall clock | reports/s | CPU parent | CPU workers | CPU ms/report |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for n in jobs:
        start = time.perf_counter()
        out = str(folder.parent / f"out-{folder.name}-{n}.csv")
        done = subprocess.run([python, "-c", _CPU, "check", str(folder), "-j", str(n), "--format", "csv", "-o", out],
                              env=env, cwd=cwd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        parent, workers = (float(x) for x in done.stderr.split()[-2:])
        print(f"| {folder.name} | {len(files)} | {n} | {seconds:.1f} s | {len(files) / seconds:.0f} /s "
              f"| {parent:.1f} s | {workers:.1f} s | {(parent + workers) / len(files) * 1000:.1f} |")


def memory(folder: Path, jobs: int = 2, venv: Path | None = None) -> None:
    """Peak RSS of the parent `reportlint` process and of its largest worker, one batch per run."""
    code = ("import resource, sys; from checker.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "print(self, kids, file=sys.stderr)")
    args = ["check", str(folder), "-j", str(jobs), "--format", "table", "-o", str(folder.parent / "out.txt")]
    python, env = _interpreter(venv)
    done = subprocess.run([python, "-c", code, *args], env=env, cwd=str(folder.parent) if venv else str(ROOT),
                          capture_output=True, text=True, check=False)
    parent, worker = (int(x) / 1024 for x in done.stderr.split()[-2:])
    print(f"| {folder.parent.name} | {len(list(folder.iterdir()))} | {parent:.1f} MB | {worker:.1f} MB |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["all", "generate", "cold", "throughput", "memory"])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--big", type=int, default=10000)
    parser.add_argument("--venv", type=Path, help="time the reportlint installed in this virtual environment "
                        "(byte-compiled, as `pip install .` leaves it) instead of this source tree")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="throughput: the --jobs values to time")
    ns = parser.parse_args()
    if ns.what == "generate":
        generate(int(ns.args[0]), Path(ns.args[1]))
    elif ns.what == "cold":
        cold(venv=ns.venv)
    elif ns.what == "throughput":
        throughput(Path(ns.args[0]), tuple(ns.jobs), ns.venv)
    elif ns.what == "memory":
        memory(Path(ns.args[0]), venv=ns.venv)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
            cold()
            small, big = Path(tmp) / f"n{ns.reports}", Path(tmp) / f"n{ns.big}"
            generate(ns.reports, small)
            for kind in ("html", "json", "docx"):
                throughput(small / kind)
            generate(ns.big, big)
            memory(small / "html")
            memory(big / "html")


if __name__ == "__main__":
    main()
