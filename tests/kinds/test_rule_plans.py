"""What the text kinds compile once per rule (`per_rule`, `_patterns.Entry`) answers as the per-run compilation did:
an entry's prefilter is `may_match` of its regex, a scope's candidates of entries are those of their regexes,
a plan is rebuilt when the parameters are edited, and year_consistency's period search over the candidate
paragraphs finds the paragraph the scan of every paragraph found (the old code kept below as the reference)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.bound import Paragraph
from checker.findings import Location
from checker.kinds._base import per_rule
from checker.kinds._patterns import Entry, may_match, pattern
from checker.kinds._text import Scope, entry_label
from checker.regexsafe import search
from checker.textnorm import norm

ENTRIES = [r"[X×x]{2,}(?:年|月|件|街道)", r"(?:予以公开|同意公开)(?:答复)?(?P<n>[0-9]+)件", r"(?<![及和])部分公开[0-9]+件",
           r"^(?:第?[一二]+[、.])?概述$", r"未(?:收到|受理)[^。]{0,4}?申请", r"(?i:AB)c", r"(?i)ab", r"年\n件", r"a\nb|c",
           r"(?:19|20)[0-9]{2}年度?1月1日起?(?:至|到)(?:(?:19|20)[0-9]{2}年)?12月31日"]
PHRASES = ["公开", "申请", "a.b", "（一）", "年 件", "x"]
ENTRY = st.one_of(st.sampled_from(PHRASES), st.sampled_from(ENTRIES).map(lambda r: {"regex": r, "label": r[:4]}))
WORDS = st.sampled_from(["年", "件", "申请", "公开", "部分", "予以", "及", "未", "收到", "概述", "一、", "x", "X", "ab",
                         "A", "B", "c", "。", "1", "2020", "1月1日", "至", "12月31日", "\n", " ", "（一）", "a.b", ""])
TEXT = st.lists(WORDS, max_size=10).map("".join)


@settings(max_examples=600, deadline=None)
@given(ENTRY, TEXT)
def test_an_entry_is_its_pattern_with_its_prefilter(item, text: str) -> None:
    entry = Entry(item)
    regex = pattern(item)
    assert entry.regex is regex
    assert entry.key == (regex.pattern, regex.flags)
    assert entry.literal == isinstance(item, str)
    assert entry.label == entry_label(item)
    assert entry.may_match(text) == may_match(regex, text)


@settings(max_examples=500, deadline=None)
@given(st.lists(TEXT, max_size=8), st.lists(ENTRY, max_size=3))
def test_candidates_of_entries_are_the_candidates_of_their_regexes(texts: list[str], items: list) -> None:
    paragraphs = [Paragraph(t, n) for n, t in enumerate(texts)]
    entries = [Entry(item) for item in items]
    by_regex = Scope(paragraphs, Location())
    by_entry = Scope(paragraphs, Location())
    assert by_entry.candidates_of(entries) == by_regex.candidates([e.regex for e in entries])
    assert [by_entry.may(e) for e in entries] == [by_regex.may_match(e.regex) for e in entries]
    assert [by_entry.may(e) for e in entries] == [may_match(e.regex, by_entry.text) for e in entries]


def test_a_plan_is_made_once_per_parameters_and_again_when_they_are_edited() -> None:
    made = []
    params = {"terms": ["公开"]}
    first = per_rule(params, "test", lambda p: made.append(list(p["terms"])) or len(made))
    assert per_rule(params, "test", lambda p: made.append(None) or -1) == first
    params["terms"].append("申请")  # edited in place: a new plan
    assert per_rule(params, "test", lambda p: made.append(list(p["terms"])) or len(made)) == 2
    assert made == [["公开"], ["公开", "申请"]]
    assert per_rule({"terms": ["公开"]}, "test", lambda p: "other object") == "other object"


# year_consistency's period search before the plan (verbatim): every paragraph, in order, the first match.
def _period_reference(paragraphs: list[Paragraph], period_pattern: str) -> tuple[list[int], int | None] | None:
    period = pattern({"regex": period_pattern})
    for paragraph in paragraphs:
        text = norm(paragraph.text)
        match = search(period, text) if may_match(period, text) else None
        if match:
            found = [int(match.group("start"))]
            if match.groupdict().get("end"):
                found.append(int(match.group("end")))
            return found, paragraph.line
    return None


PERIOD = r"(?P<start>(?:19|20)[0-9]{2})年度?1月1日起?(?:至|到|-)(?:(?P<end>(?:19|20)[0-9]{2})年)?12月31日"


@settings(max_examples=400, deadline=None)
@given(st.lists(TEXT, max_size=8))
def test_the_period_is_found_in_the_paragraph_the_full_scan_found(texts: list[str]) -> None:
    from types import SimpleNamespace

    from checker.kinds import year_consistency
    from checker.kinds._base import Context

    paragraphs = [Paragraph(t, n + 1) for n, t in enumerate(texts)]
    where = Scope(paragraphs, Location(line=1))
    meta = SimpleNamespace(title=None, sources={}, year=None)
    bound = SimpleNamespace(meta=meta, paragraphs=paragraphs, norm=norm, part_of=lambda p: None)
    params = {"compare": ["period", "title"], "period_pattern": PERIOD, "title_pattern": "(?P<year>[0-9]{4})"}
    real_scope = year_consistency.scope
    year_consistency.scope = lambda ctx, params: where
    try:
        years, location = year_consistency._stated_years(Context(bound=bound), params)  # type: ignore[arg-type]
    finally:
        year_consistency.scope = real_scope
    expected = _period_reference(paragraphs, PERIOD)
    if expected is None:
        assert "period" not in years and location == Location(line=1)
    else:
        assert years["period"] == expected[0] and location.line == expected[1]


def test_entries_compile_once_per_pack_not_per_run(ruleset) -> None:
    """A second run of the pack's text rules compiles no rule pattern (compile_safe is not called)."""
    from checker import engine, regexsafe
    from checker.examples import build

    bound = build(ruleset, None)
    engine.evaluate(bound, ruleset)
    calls = []
    real = regexsafe.compile_safe

    def counting(source: str) -> re.Pattern[str]:
        calls.append(source)
        return real(source)

    from checker.kinds import _patterns
    _patterns.compile_safe = counting
    try:
        engine.evaluate(bound, ruleset)
    finally:
        _patterns.compile_safe = real
    kinds = {"text_pattern", "narrative_numbers", "sentence_share"}
    sources = {s["regex"] for rule in ruleset.rules if rule.kind in kinds
               for key in ("forbid", "statements", "only_if", "terms") for s in rule.params.get(key, [])
               if isinstance(s, dict)}
    assert not sources & set(calls)
