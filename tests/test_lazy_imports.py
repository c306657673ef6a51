"""A cold `reportlint check report.json --format json` imports only what that path needs.

Start-up time is dominated by imports (docs/performance.md, "Batch mode and start-up"), so the
lazy imports are held here by content, never by time: after a run that fills the rules cache, a
second process checks the seed JSON and reports which of the heavy or unrelated modules it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_JSON = ROOT / "examples" / "000_2606f0613b160dcc.json"

# Not needed to check a JSON report and print JSON with the rules served from the cache.
NOT_IMPORTED = (
    "jsonschema",  # rules cache hit, and the report passes the fast shape check
    "yaml",  # no rule file, project file or baseline is read
    "rich",  # only the table formatter and the batch progress bar
    "lxml",  # HTML and DOCX readers
    "pdfplumber", "pdfminer",  # PDF reader
    "charset_normalizer",  # only for text that is neither UTF-8 nor UTF-16
    "checker.lint", "checker.lint_meaning", "checker.pack_loader", "checker.yamlsafe", "checker.schemas",
    "checker.baseline", "checker.fingerprint",
    "checker.batch", "checker.batch_output", "checker.describe", "checker.examples", "checker.output",
    "checker.readers.text", "checker.readers.html", "checker.readers.markdown", "checker.readers.docx",
    "checker.readers.pdf",
    "checker.formatters.table", "checker.formatters.sarif", "checker.formatters.html",
    "checker.formatters._common",
    "hashlib", "pickle",  # the cache key uses the built-in BLAKE2 (no OpenSSL); a hit only unpickles (C)
    "glob",  # only for a glob pattern among the inputs
)

_PROBE = """
import json, sys
from checker.cli import main
try:
    main(["check", sys.argv[1], "--format", "json"])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _probe(tmp_path: Path) -> tuple[dict, dict]:
    """(the JSON the check printed, {"code", "modules"}) of one `check --format json` process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "HOME": str(tmp_path)}  # the project file search stops at home: no config file is found
    for name in ("REPORTLINT_NO_CACHE", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        env.pop(name, None)
    done = subprocess.run([sys.executable, "-c", _PROBE, str(SEED_JSON)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout), json.loads(done.stderr.strip().splitlines()[-1])


def test_a_cached_json_check_with_json_output_imports_only_what_it_needs(tmp_path):
    _probe(tmp_path)  # fills the rules cache, as any earlier run would
    printed, run = _probe(tmp_path)
    modules = set(run["modules"])
    loaded = [name for name in NOT_IMPORTED if name in modules or any(m.startswith(name + ".") for m in modules)]
    assert loaded == []
    # It did the real work: read the JSON report, ran the rules, printed with the JSON formatter.
    assert {"checker.readers.json_report", "checker.engine", "checker.formatters.json"} <= modules
    found = {(f["rule"], f["location"].get("line"), f["location"].get("part")) for f in printed["results"][0]["findings"]}
    assert run["code"] == 1
    assert {("META-WEBSITE-FIELDS", 1, None), ("SEC-NUMBERING", 20, "proactive")} <= found


def test_the_first_run_on_an_empty_cache_does_load_and_validate_the_rules(tmp_path):
    """The other side of the laziness: a cache miss still lints the pack (and so imports the loaders)."""
    _, run = _probe(tmp_path)
    assert {"checker.lint", "checker.yamlsafe", "yaml", "jsonschema"} <= set(run["modules"])
    assert len(list((tmp_path / "cache" / "reportlint").glob("ruleset-*.pickle"))) == 1
