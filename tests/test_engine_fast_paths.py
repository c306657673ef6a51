"""The engine's and the kinds' fast paths give exactly what their reference paths give."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine import _TEMPLATE, _format
from checker.similarity import similarity_above as _similarity
from similarity_reference import similarity  # the definition before the fast paths

VALUES = {"table": "表三", "count": 3, "ratio": 0.912, "line": "", "text": "无{括号}", "n": None}
FIELDS = ["{table}", "{count}", "{count:d}", "{ratio:.0%}", "{ratio:d}", "{text:>5}", "{n}", "{n:.1f}",
          "{missing}", "{missing:.2f}", "{count!r}", "{text[0]}", "{table.x}", "{0}", "{}", "{{", "}}", "{", "}",
          "{count:{line}}", "{ratio:{count}}"]


def reference(template: str, values: dict) -> str:
    """What engine._render did before the fast path: the Formatter, the raw template on error."""
    try:
        return _TEMPLATE.format(template, **values)
    except (ValueError, IndexError, KeyError, AttributeError):
        return template


def fast(template: str, values: dict) -> str:
    try:
        return _format(template, values)
    except (ValueError, IndexError, KeyError, AttributeError):
        return template


def test_unknown_placeholders_stay_visible_and_bad_specs_print_the_value() -> None:
    assert _format("{table}有{count}项，{missing}", VALUES) == "表三有3项，{missing}"
    assert _format("{ratio:d} / {missing:.2f}", VALUES) == "0.912 / {missing}"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FIELDS), st.text(alphabet="年度报告ab :.{}!0", max_size=4)), max_size=6))
def test_format_agrees_with_the_formatter(parts: list[str]) -> None:
    template = "".join(parts)
    assert fast(template, VALUES) == reference(template, VALUES)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="公开申请年度的了是#,", max_size=400), st.text(alphabet="公开申请年度的了是#,", max_size=400),
       st.sampled_from([0.0, 0.3, 0.6, 0.9, 1.0]))
def test_similarity_shortcut_never_hides_a_pair_at_or_above_the_threshold(a: str, b: str, threshold: float) -> None:
    exact = similarity(a, b)
    quick = _similarity(a, b, threshold)
    if quick is None:
        assert exact < threshold
    else:
        assert quick == exact


def test_similarity_shortcut_on_near_copies_and_unrelated_parts() -> None:
    text = "本机关认真贯彻落实政府信息公开条例，" * 5
    near = text.replace("条例", "规定", 1)
    assert similarity(text, near) >= 0.9 and _similarity(text, near, 0.9) == similarity(text, near)
    assert _similarity(text, text, 1.0) == 1.0
    assert similarity(text, text.replace("条例", "规定")) < 0.9 and _similarity(text, text.replace("条例", "规定"), 0.9) is None
    assert _similarity(text, string.ascii_letters * 3, 0.9) is None


# Regexes of the national pack's shapes, and ones whose matches depend on their surroundings.
REGEXES = [r"[X×x]{2,}(?:年|月|件|街道)", r"(?:予以公开|同意公开)(?:答复)?(?P<n>[0-9]+)件", r"(?<![及和])部分公开[0-9]+件",
           r"^(?:第?[一二]+[、.])?概述$", r"国办(?!公开)[年件]{1,2}", r"未(?:收到|受理)[^。]{0,4}?申请(?![^。]{0,3}败诉)",
           r"x(?:ab|ac)y", r"(?:a|b?)c", r"[a-c]d[^x]", r"(?i:AB)c", r"(?i)ab", r"(年)\1", r"a*+b", r"(?>a+)b", r"\b件",
           r"年$", r"(?:申请){2,}", r"公开.申请", r"(?:收到|受理|接收|收)[^。]{0,3}申请", r"(?:予以公开|公开)[0-9]件"]
WORDS = st.sampled_from(["年", "件", "申请", "公开", "部分", "予以", "及", "未", "收到", "败诉", "概述", "一、", "国办",
                         "x", "X", "ab", "ac", "y", "c", "d", "A", "B", "b", "。", "1", "街道", "和", "收", "接收", "受理"])
PARAGRAPHS = st.lists(st.lists(WORDS, max_size=8).map("".join), max_size=5)


@settings(max_examples=600, deadline=None)
@given(PARAGRAPHS, st.sampled_from(REGEXES))
def test_may_match_is_false_only_when_no_paragraph_matches(paragraphs: list[str], source: str) -> None:
    import re

    from checker.kinds._patterns import may_match

    regex = re.compile(source)
    if not may_match(regex, "\n".join(paragraphs)):
        assert not any(regex.search(p) for p in paragraphs)


def test_may_match_looks_for_the_words_every_match_holds() -> None:
    import re

    from checker.kinds._patterns import may_match

    assert not may_match(re.compile(r"[X×x]{2,}(?:年|件)"), "2025年收到申请3件")
    assert may_match(re.compile(r"[X×x]{2,}(?:年|件)"), "XX年")
    assert not may_match(re.compile(r"(?:予以公开|同意公开)[0-9]+件"), "部分公开3件") and may_match(re.compile(r"年$"), "年\n收到")
    assert may_match(re.compile(r"(?i)abc"), "ABC") and may_match(re.compile(r"x(?i:ab)y"), "xABy")


def test_may_match_skips_alternatives_that_hold_another() -> None:
    """收到, 接收, 新收 are in a text only where 收 is: looking for 收 alone answers the same, in one scan."""
    from checker.kinds._patterns import _fewest, required_words as _required

    assert _required(r"(?:收到|受理|接收|新收|收)[^。]{0,20}?申请", 0) == (("受理", "收"), ("申请",))
    assert _fewest(("予以公开", "公开", "公开", "部分公开")) == ("公开",) and _fewest(("X", "×", "x")) == ("X", "×", "x")


def test_the_engine_copies_every_field_of_a_location() -> None:
    """engine._finding rebuilds a Location field by field (dataclasses.replace was a tenth of a finding's
    cost); a new field must be added there too."""
    import dataclasses

    from checker.findings import Location

    assert [f.name for f in dataclasses.fields(Location)] == [
        "part", "part_label", "table", "row", "column", "row_label", "column_label", "line", "page"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="公开申请年度的了是#,", max_size=300), st.text(alphabet="公开申请年度的了是#,", max_size=300))
def test_similarity_shortcut_counts_the_alignment_cost_as_textnorm_does(a: str, b: str) -> None:
    """Below similarity()'s step budget the shortcut may decide; above it never (the shingle estimate)."""
    from collections import Counter

    from checker.similarity import _SIMILARITY_BUDGET
    from similarity_reference import cost as _cost

    cost = sum(n * Counter(b)[c] for c, n in Counter(a).items())
    assert cost == _cost(a, b)
    if _cost(a, b) > _SIMILARITY_BUDGET:
        assert _similarity(a, b, 1.01) == similarity(a, b)


CELL_TEXTS = st.sampled_from(["0", "1", "01", "1.0", "", "/", "—", "+3", "12件", "无", "３", "NaN", " 2 "])
KEYS = st.sampled_from([("new", "natural"), ("new", "total"), ("granted", "natural"), ("carried", "other")])


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(KEYS, CELL_TEXTS, max_size=4), st.dictionaries(KEYS, CELL_TEXTS, max_size=4))
def test_same_cells_agrees_with_comparing_every_cell(this: dict, last: dict) -> None:
    """previous_similarity compares two years' tables cell by cell, stopping at the first difference;
    that is the comparison of the two full dicts of cell contents it replaced."""
    import dataclasses

    from checker.bound import BoundCell, BoundTable
    from checker.kinds.previous_similarity import _same_cells
    from checker.textnorm import norm
    from checker.values import parse_cell

    def table(cells: dict, shared: bool) -> BoundTable:
        value = parse_cell if shared else lambda text: dataclasses.replace(parse_cell(text))  # memoised or a copy
        return BoundTable(spec=None, found=True, cells={k: BoundCell(*k, value(v)) for k, v in cells.items()})  # type: ignore[arg-type]

    def contents(table: BoundTable) -> dict:  # the reference: every cell's number, else its normalised text
        return {k: c.value.value if c.value.value is not None else norm(c.value.text) for k, c in table.cells.items()}

    for shared in (True, False):
        a, b = table(this, shared), table(last, shared)
        assert _same_cells(a, b) == (contents(a) == contents(b))
        assert _same_cells(a, a) and _same_cells(a, table(this, not shared))


def test_cell_values_layout_lists_every_template_slot_in_order() -> None:
    """cell_values walks a template's slots from a layout built once per template; it is the nested walk
    of rows and their columns it replaced, and a second call reuses it."""
    from checker.kinds.cell_values import _layout
    from checker.ruleset import load_ruleset

    for structure in load_ruleset().structures.values():
        for spec in structure.tables:
            signed = {c.id for c in spec.columns if c.signed}
            walked = [((r.id, c), r.id, c, r.decimals, c in signed) for r in spec.rows for c in r.columns]
            assert list(_layout(spec)) == walked and walked
            assert _layout(spec) is _layout(spec)


def test_template_index_answers_as_the_template_does() -> None:
    """Kinds look rows and columns up in an index built once per template; it answers as TableSpec's scans,
    an unknown id included (it fails the same way)."""
    import pytest

    from checker.kinds._base import has_column, has_row, spec_column, spec_row
    from checker.ruleset import load_ruleset

    for structure in load_ruleset().structures.values():
        for spec in structure.tables:
            for row in spec.rows:
                assert spec_row(spec, row.id) is spec.row(row.id) and has_row(spec, row.id)
            for column in spec.columns:
                assert spec_column(spec, column.id) is spec.column(column.id) and has_column(spec, column.id)
            assert not has_row(spec, "nope") and not has_column(spec, "nope") and not has_row(spec, spec.columns[0].id + "?")
            with pytest.raises(StopIteration):
                spec_row(spec, "nope")


def _memo() -> tuple[dict, object]:
    kept: dict = {}

    def derive(key, compute):
        if key not in kept:
            kept[key] = compute()
        return kept[key]
    return kept, derive


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="公开申请年度的了是#,", min_size=0, max_size=700), st.text(alphabet="公开申请年度的了是#,", max_size=700),
       st.sampled_from([None, 0.0, 0.9, 1.0]))
def test_similarity_from_derived_counts_and_shingles_is_textnorms(a: str, b: str, threshold) -> None:
    """Above the step budget (long texts of few characters) the shingle estimate from memoised
    shingles; below it the alignment; either way the reference similarity, memo warm or cold."""
    from similarity_reference import shingle_similarity as _shingle_similarity

    kept_a, derive_a = _memo()
    kept_b, derive_b = _memo()
    for _ in range(2):  # cold, then from the memos
        got = _similarity(a, b, threshold, derive_a, derive_b)
        if got is None:
            assert threshold is not None and similarity(a, b) < threshold
        else:
            assert got == similarity(a, b)
    if ("shingles", a) in kept_a:
        assert _shingle_similarity(a, b) == similarity(a, b)


@given(st.text(alphabet="ab年", max_size=8))
def test_shingles_are_textnorms(text: str) -> None:
    from collections import Counter

    from checker.similarity import _fresh, _shingles
    from similarity_reference import shingles

    assert _shingles(_fresh, text) == shingles(text) == Counter(text[i : i + 3] for i in range(max(1, len(text) - 2)))


def test_similarity_above_the_step_budget_takes_textnorms_shingle_estimate() -> None:
    a, b = "年度报告" * 200, "年度报告" * 190 + "公开申请" * 10
    assert _similarity(a, b, 0.9) == similarity(a, b) == _similarity(a, b)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="年度报告#公开", max_size=60), st.text(alphabet="年度报告#公开", max_size=8),
       st.text(alphabet="年度报告#公开", max_size=8), st.text(alphabet="年度报告#公开", max_size=60))
def test_edited_copy_shares_its_edges_as_textnorms_shingles_count_them(head: str, old: str, new: str, tail: str) -> None:
    """A text and the same text with a middle run replaced: the estimate from the middles and the
    shared edges is textnorm's estimate from all the shingles, or None (left to the full count)."""
    from checker.similarity import _edited_similarity
    from similarity_reference import shingle_similarity as _shingle_similarity

    a, b = head + old + tail, head + new + tail
    if a and b:
        for x, y in ((a, b), (b, a)):
            got = _edited_similarity(x, y)
            assert got is None or got == _shingle_similarity(x, y)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab年", max_size=12), st.text(alphabet="ab年", max_size=12))
def test_edited_similarity_on_unrelated_texts_is_textnorms_or_none(a: str, b: str) -> None:
    from checker.similarity import _edited_similarity
    from similarity_reference import shingle_similarity as _shingle_similarity

    if a and b:
        got = _edited_similarity(a, b)
        assert got is None or got == _shingle_similarity(a, b)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="公开申请年度的了是#,", max_size=700), st.text(alphabet="公开申请年度的了是#,", max_size=700))
def test_similarity_is_the_reference_definition(a: str, b: str) -> None:
    """`checker.similarity.similarity` (every caller's: labels, headings, COPY-PREV) is the definition it replaced."""
    from checker.similarity import similarity as fast

    assert fast(a, b) == similarity(a, b)
