"""value_range: plausible values for the reporting body."""

from __future__ import annotations

from typing import Any

import pytest

from checker.examples import build
from checker.kinds import value_range
from checker.kinds._base import Context, NotAssessable

REGS = {"cells": ["t2/regulations/issued", "t2/regulations/made"], "max": 0, "unless_agency": ["部$"]}


def run(ruleset, params: dict[str, Any], given: dict[str, Any] | None = None) -> list:
    return list(value_range.check(Context(bound=build(ruleset, given), lang="en"), params))


def test_values_within_the_range_pass(ruleset) -> None:
    assert run(ruleset, REGS) == []
    assert run(ruleset, {"cells": ["t2/fees/amount"], "max": 999999.9999}, {"cells": {"t2/fees/amount": "12.5"}}) == []


def test_a_value_above_max_is_reported_at_its_cell(ruleset) -> None:
    [violation] = run(ruleset, REGS, {"cells": {"t2/regulations/issued": 5}})
    assert (violation.location.table, violation.location.row, violation.location.column) == ("t2", "regulations", "issued")
    assert violation.evidence["value"] == "5" and violation.evidence["limit"] == "0"


def test_a_value_below_min_is_reported(ruleset) -> None:
    [violation] = run(ruleset, {"cells": ["t2/fees/amount"], "min": 1}, {"cells": {"t2/fees/amount": "0"}})
    assert violation.values["limit"] == "1"


def test_an_exempt_agency_is_not_judged(ruleset) -> None:
    assert run(ruleset, REGS, {"meta": {"agency": "教育部"}, "cells": {"t2/regulations/issued": 5}}) == []


def test_cells_of_the_other_edition_are_skipped(ruleset) -> None:
    [violation] = run(ruleset, REGS, {"edition": "2019", "cells": {"t2/regulations/made": 1}})
    assert violation.location.column == "made"


def test_text_cells_are_left_to_the_cell_rules(ruleset) -> None:
    assert run(ruleset, REGS, {"cells": {"t2/regulations/issued": "无"}}) == []


def test_without_the_table_the_rule_is_not_assessable(ruleset) -> None:
    with pytest.raises(NotAssessable) as info:
        run(ruleset, REGS, {"remove_tables": ["t2"]})
    assert info.value.cause == "table_present"
