"""End-to-end snapshots: every report in examples/ checked with the bundled rules.

The expected findings (rule, severity, location) live in examples/expected/<name>.json, so
examples/ cannot rot. Regenerate after an intended change with
REPORTLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/e2e and review the diff like code.
Messages are not compared: policy staff may reword them without breaking tests.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker.api import check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
INPUTS = sorted(p for p in EXAMPLES.iterdir() if p.is_file() and p.suffix in {".txt", ".json", ".html", ".md"})
LOCATION_KEYS = ("part", "table", "row", "column", "line", "page")


def _summary(path: Path) -> list[dict[str, object]]:
    result = check(path, lang="en")
    out = []
    for finding in result.findings:
        location = {k: v for k, v in finding.location.to_dict().items() if k in LOCATION_KEYS}
        out.append({"rule": finding.rule, "severity": finding.severity.label, "location": location})
    return out


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_example_findings_match_snapshot(path: Path) -> None:
    expected_file = EXAMPLES / "expected" / f"{path.stem}.json"
    actual = _summary(path)
    if os.environ.get("REPORTLINT_UPDATE_SNAPSHOTS"):
        expected_file.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert expected_file.exists(), f"no snapshot for {path.name}; run with REPORTLINT_UPDATE_SNAPSHOTS=1"
    assert actual == json.loads(expected_file.read_text(encoding="utf-8"))


def test_corrected_seed_passes_every_rule() -> None:
    result = check(EXAMPLES / "seed-corrected.txt")
    assert result.findings == ()
    assert result.not_assessed == ()


def test_defects_variant_finds_each_injected_defect() -> None:
    found = {(f["rule"], f["location"].get("part"), f["location"].get("row"), f["location"].get("column"))
             for f in _summary(EXAMPLES / "seed-defects.txt")}
    assert ("ID-T3-BALANCE", "applications", None, "natural") in found  # 一、本年新收 自然人 2 → 3
    assert ("ID-T3-ROWSUM", "applications", "new", None) in found
    assert ("CELL-NUMERIC", "applications", "partial", "total") in found  # "+1"
    assert ("CELL-BLANK", "proactive", "licensing", "decisions") in found  # 行政许可 left blank
    assert ("ID-T4-SUMS", "review_litigation", "counts", None) in found  # 维持 1, 总计 0
    assert ("SEC-NUMBERING", "review_litigation", None, None) in found  # lost 四、
    assert ("SEC-HEADING-TYPO", "review_litigation", None, None) in found  # 行政法复议
    assert ("SEC-PRESENT", "problems", None, None) in found  # part 五 deleted
    assert ("DEADLINE-GOV", None, None, None) in found  # published 2026-04-08
