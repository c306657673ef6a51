"""A finding carries its message in both languages (`messages`), rendered from one Violation: neither
may depend on the language the run was asked for, and a kind's own wording (Bilingual values) must
land in the matching language. Run over every rule example that produces findings."""

from __future__ import annotations

import re

import pytest

from checker.engine import evaluate
from checker.examples import build, previous_given
from checker.kinds._base import Bilingual
from checker.ruleset import load_ruleset

RULESET = load_ruleset()
FAILING = [(rule, example) for rule in RULESET.rules for example in rule.examples if example.get("expect")]
_LATIN_WORD = re.compile(r"\b[a-z]{3,}\b")  # an English word: our zh templates have none


def _results(rule, example):
    bound = build(RULESET, example.get("given"), example.get("text"))
    previous = build(RULESET, previous_given(example["previous"], bound)) if "previous" in example else None
    return [evaluate(bound, RULESET, lang=lang, previous=previous, rules=[rule]) for lang in ("zh", "en")]


@pytest.mark.parametrize(("rule", "example"), FAILING, ids=[f"{r.id}::{e['name']}" for r, e in FAILING])
def test_messages_do_not_depend_on_the_language_of_the_run(rule, example):
    zh_run, en_run = _results(rule, example)
    assert [f.messages for f in zh_run.findings] == [f.messages for f in en_run.findings]
    for finding in zh_run.findings:
        assert finding.message == finding.messages["zh"]
        # ids stand in where the form prints no label (表四's unlabelled data row: "counts")
        text = finding.messages["zh"]
        for name in (finding.location.row, finding.location.column, finding.location.part, finding.location.table):
            text = text.replace(name or "\0", "")
        assert not _LATIN_WORD.search(text), finding.messages["zh"]


def test_a_worded_value_goes_to_its_language():
    [rule] = [r for r in RULESET.rules if r.id == "CELL-BLANK"]
    bound = build(RULESET, {"cells": {"t3/new/commercial": "", "t4/counts/review_upheld": ""}})
    findings = [f for f in evaluate(bound, RULESET, lang="en", rules=[rule]).findings]
    column, row = sorted(findings, key=lambda f: f.location.table)
    assert "“商业企业”栏有1个空格" in column.messages["zh"] and "column 商业企业: 1 blank" in column.messages["en"]
    assert "数据行有1个空格" in row.messages["zh"] and "the data row: 1 blank" in row.messages["en"]
    assert Bilingual("数据行", "the data row").zh == "数据行"
