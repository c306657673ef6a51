"""Fuzzing every reader, the engine and the rules loader: each input ends with a result or an
InputError, never another exception. Hangs are caught by the CLI child-process timeouts and by
the cases in test_cli_hostile.py; no timing is asserted here (house rule: benchmarks do that)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.api import check
from checker.errors import InputError
from checker.findings import CheckResult, Finding
from checker.model import Report
from checker.readers import read

SUFFIXES = [".txt", ".md", ".html", ".json", ".yaml", ".docx", ".pdf", ".bin"]
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
TEXTY = st.text(st.one_of(CJK, st.sampled_from("|0123456789一二三四五六七（）()、.\n \t<>/td[]\x1b\x00")), max_size=400)
CORPUS = ["000_2606f0613b160dcc.txt", "012_shanghai-kewei_2024.md", "044_synthetic-kirogov-ceshishi_2025.html",
          "004_pingtan-shiyanqu_2021.txt", "030_tianmen-shizhengfu-bangongshi_2025.txt"]
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _read_and_check(name: str, data: bytes, ruleset) -> None:
    try:
        report = read(name, data)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    result = check(report, ruleset, lang="en")
    assert isinstance(result, CheckResult)
    assert list(result.findings) == sorted(result.findings, key=Finding.sort_key)
    assert "INTERNAL" not in {f.rule for f in result.findings}, [f.message for f in result.findings]


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(ruleset, data: bytes, suffix: str) -> None:
    _read_and_check("fuzz" + suffix, data, ruleset)


@FUZZ
@given(text=TEXTY, suffix=st.sampled_from([".txt", ".md", ".html"]),
       encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "gb18030", "big5"]))
def test_text_with_pipes_numbers_and_chinese(ruleset, text: str, suffix: str, encoding: str) -> None:
    _read_and_check("fuzz" + suffix, text.encode(encoding, "ignore"), ruleset)


@pytest.mark.parametrize("name", CORPUS)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_corpus_files(ruleset, corpus, name: str, data) -> None:
    original = corpus(name).read_bytes()
    cut = data.draw(st.integers(0, len(original)), label="truncate at")
    mutated = bytearray(original[:cut] if data.draw(st.booleans(), label="truncate") else original)
    for _ in range(data.draw(st.integers(0, 8), label="flips")):
        if mutated:
            mutated[data.draw(st.integers(0, len(mutated) - 1))] = data.draw(st.integers(0, 255))
    _read_and_check(name, bytes(mutated), ruleset)


_CELL = st.one_of(TEXTY, st.fixed_dictionaries(
    {"text": TEXTY}, optional={"rowspan": st.integers(1, 10**6), "colspan": st.integers(1, 10**6),
                               "line": st.integers(1, 10**6), "page": st.integers(1, 999)}))
_BLOCK = st.one_of(
    st.fixed_dictionaries({"type": st.sampled_from(["heading", "paragraph"]), "text": TEXTY},
                          optional={"level": st.integers(1, 6), "line": st.integers(1, 10**6)}),
    st.fixed_dictionaries({"type": st.just("table"), "rows": st.lists(st.lists(_CELL, max_size=12), max_size=30)}),
)
REPORTS = st.fixed_dictionaries({
    "meta": st.fixed_dictionaries({}, optional={"title": TEXTY, "agency": TEXTY, "year": st.integers(1990, 2100),
                                                "published": st.dates().map(str)}),
    "blocks": st.lists(_BLOCK, max_size=40),
})


@FUZZ
@given(doc=REPORTS)
def test_random_report_model(ruleset, doc: dict) -> None:
    report = Report.from_dict(doc)
    first = check(report, ruleset, lang="zh")
    assert list(first.findings) == sorted(first.findings, key=Finding.sort_key)
    assert "INTERNAL" not in {f.rule for f in first.findings}, [f.message for f in first.findings]
    again = check(Report.from_dict(json.loads(json.dumps(doc))), ruleset, lang="zh")
    assert json.dumps(first.to_dict(), ensure_ascii=False) == json.dumps(again.to_dict(), ensure_ascii=False)


@FUZZ
@given(doc=REPORTS)
def test_random_report_json_through_the_reader(ruleset, doc: dict) -> None:
    _read_and_check("fuzz.json", json.dumps(doc, ensure_ascii=False).encode(), ruleset)
