"""previous_cells: cells of last year's report related to cells of this one (carry-over, 现行有效)."""

from __future__ import annotations

import pytest

from checker.bind import bind
from checker.kinds import previous_cells
from checker.kinds._base import Context, NotAssessable

CARRYOVER = {"table": "t3", "each": "column", "left": ["this.carried_in"], "right": ["prev.carried_over"]}
INFORCE = {"table": "t2", "each": "row", "rows": ["regulations", "normative"],
           "left": ["this.in_force", "this.repealed"], "right": ["prev.in_force", "this.issued"]}


def run(this, last, params):
    return list(previous_cells.check(Context(bound=this, previous=last), params))


def test_carry_over_that_matches_in_every_column_passes(pair) -> None:
    this, last = pair({"cells": {"t3/carried_in/commercial": 2}}, {"cells": {"t3/carried_over/commercial": 2}})
    assert run(this, last, CARRYOVER) == []


def test_carry_over_mismatch_is_reported_at_this_years_cell_with_both_values(pair) -> None:
    this, last = pair(None, {"cells": {"t3/carried_over/commercial": 3}})
    [violation] = run(this, last, CARRYOVER)
    location = violation.location
    assert (location.table, location.row, location.column) == ("t3", "carried_in", "commercial")
    assert location.column_label == "商业企业" and location.line is not None
    assert violation.values["left"] == "0" and violation.values["right"] == "3"
    assert violation.values["difference"] == "-3"
    assert violation.values["previous_year"] == 2024
    [prev_operand] = violation.evidence["right"]["operands"]
    assert prev_operand["report"] == "previous" and prev_operand["row"] == "carried_over"


def test_a_blank_side_is_left_to_the_cell_rules(pair) -> None:
    this, last = pair({"cells": {"t3/carried_in/natural": ""}}, {"cells": {"t3/carried_over/natural": 4}})
    assert [v.location.column for v in run(this, last, CARRYOVER)] == []


def test_in_force_continuity_per_row(pair) -> None:
    # base: 行政规范性文件 issued 1, repealed 0, in force 2; last year in force 1 → balanced
    this, last = pair(None, {"cells": {"t2/normative/in_force": 1}})
    assert run(this, last, INFORCE) == []
    this, last = pair(None, {"cells": {"t2/normative/in_force": 5}})
    [violation] = run(this, last, INFORCE)
    assert (violation.location.row, violation.location.column) == ("normative", "in_force")
    assert violation.values["difference"] == "-4"
    assert "上年“现行有效件数”" in violation.values["right_terms"]


def test_small_and_large_bands_are_exclusive(pair) -> None:
    small = INFORCE | {"limit": 10, "relative_limit": 0.1}
    large = INFORCE | {"tolerance": 10, "relative_tolerance": 0.1}
    this, last = pair(None, {"cells": {"t2/normative/in_force": 12}})  # difference -11 > max(10, 1.3)
    assert run(this, last, small) == []
    assert [v.values["difference"] for v in run(this, last, large)] == ["-11"]
    this, last = pair(None, {"cells": {"t2/normative/in_force": 11}})  # difference -10: still small
    assert [v.values["difference"] for v in run(this, last, small)] == ["-10"]
    assert run(this, last, large) == []


def test_relative_tolerance_scales_with_the_expected_count(pair) -> None:
    params = INFORCE | {"relative_tolerance": 0.1}
    this, last = pair({"cells": {"t2/normative/in_force": 190}}, {"cells": {"t2/normative/in_force": 199}})
    assert run(this, last, params) == []  # 190 vs 200 expected: 10 = 5% of 200
    this, last = pair({"cells": {"t2/normative/in_force": 170}}, {"cells": {"t2/normative/in_force": 199}})
    assert [v.values["difference"] for v in run(this, last, params)] == ["-30"]


def test_at_most_relation_reports_only_an_excess(pair) -> None:
    bound = {"table": "t2", "each": "row", "rows": ["normative"], "relation": "at_most",
             "left": ["this.repealed"], "right": ["prev.in_force", "this.issued"]}
    this, last = pair({"cells": {"t2/normative/repealed": 2}}, {"cells": {"t2/normative/in_force": 1}})
    assert run(this, last, bound) == []  # 2 ≤ 1 + 1
    this, last = pair({"cells": {"t2/normative/repealed": 3}}, {"cells": {"t2/normative/in_force": 1}})
    [violation] = run(this, last, bound)
    assert (violation.location.row, violation.location.column, violation.values["difference"]) == (
        "normative", "repealed", "1")


def test_previous_report_in_the_2019_trial_format(pair, ruleset) -> None:
    this, last = pair()
    trial = bind(last.report, ruleset.structures, edition="2019")
    assert trial.edition == "2019"
    with pytest.raises(NotAssessable) as info:
        run(this, trial, INFORCE)
    assert "2019" in info.value.reasons["en"] and "现行有效" not in info.value.reasons["en"]
    assert "2019年格式" in info.value.reasons["zh"]
    # table 3 keeps 四、结转下年度继续办理 in the trial format: the carry-over is still compared
    assert run(this, trial, CARRYOVER) == []


def test_a_previous_report_that_is_not_last_years_is_not_compared(pair) -> None:
    this, last = pair(None, {"meta": {"year": 2022}, "cells": {"t3/carried_over/natural": 9}})
    with pytest.raises(NotAssessable) as info:
        run(this, last, CARRYOVER)
    assert info.value.cause == "previous_pair"
    assert "2022" in info.value.reasons["en"] and "2024" in info.value.reasons["en"]


def test_a_previous_report_without_the_table_says_so(pair) -> None:
    this, last = pair(None, {"remove_tables": ["t3"]})
    with pytest.raises(NotAssessable) as info:
        run(this, last, CARRYOVER)
    assert info.value.reasons["en"].startswith("previous report") and info.value.cause is None
