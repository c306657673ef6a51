"""A report whose 表三 is missing gets one finding for that, not dozens of identity failures."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from checker.api import check
from checker.bind import bind
from checker.readers import read
from checker.ruleset import load_ruleset

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed-corrected.txt"


def _without_table_three():
    ruleset = load_ruleset()
    report = read(SEED)
    bound = bind(report, ruleset.structures)
    dropped = set(bound.tables["t3"].blocks)
    assert dropped, "the seed's 表三 was bound to a table block"
    blocks = tuple(b for i, b in enumerate(report.blocks) if i not in dropped)
    return dataclasses.replace(report, blocks=blocks), ruleset


def test_missing_table_three_is_one_finding() -> None:
    report, ruleset = _without_table_three()
    result = check(report, ruleset)
    assert [(f.rule, f.location.table) for f in result.findings] == [("TBL-PRESENT", "t3")]


def test_rules_needing_table_three_are_not_assessed_with_the_cause() -> None:
    report, ruleset = _without_table_three()
    result = check(report, ruleset)
    not_assessed = {n.rule: n for n in result.not_assessed}
    for rule in ("ID-T3-BALANCE", "ID-T3-ROWSUM", "ID-T3-RESULTSUM"):
        assert not_assessed[rule].cause == "TBL-PRESENT"
        assert "Table 3" in not_assessed[rule].reasons["en"]
        assert "表三" in not_assessed[rule].reasons["zh"]
