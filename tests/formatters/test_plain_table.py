"""The uncoloured table is laid out without rich's console (`formatters._plain_table`); it must be the
bytes rich prints for the same items, held here to rich itself (`table.print_rich`)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.formatters import _plain_table as plain
from checker.formatters import table
from tests.formatters.conftest import sample_catalog, sample_results

# Every kind of character the plain layout treats apart: ASCII words and spaces, CJK and emoji (two
# cells), full-width punctuation, line breaks, a non-breaking space, the visible pictures of control
# characters. Zero-width characters (\u2028 too: rich's measure splits lines there), combining marks,
# joiners and variation selectors go through rich (`lays_out`), mixed in by _ANY_TEXT.
_ALPHABET = st.sampled_from(list("ab xyzTS-_/.:,0123 ") + ["\n", "  ", "表", "三", "行", "。", "，", "（", "）",
                                                           "\xa0", "👍", "❤", "␛", "…", "ｘ"])
_SPECIAL = st.sampled_from(["\u2028", "\u200b", "\u0301", "\u200d", "\ufe0f", "\u0000"])
_TEXT = st.lists(_ALPHABET, max_size=40).map("".join)
_ANY_TEXT = st.lists(_ALPHABET | _SPECIAL, max_size=40).map("".join)
_LONG_WORD = st.integers(20, 130).map(lambda n: "W" * n) | st.integers(10, 70).map(lambda n: "字" * n)
_CELL = st.lists(st.tuples(_TEXT | _LONG_WORD, st.sampled_from(["", "dim", "bold red"])), min_size=1,
                 max_size=3).map(tuple)
_SEVERITY = st.sampled_from(["error", "warning", "info", "错误", "警告", "提示", "已过期", "已失效"])


def _grid(headers, rows, baseline):
    columns = [(headers[0], {"no_wrap": True}), (headers[1], {"overflow": "fold", "max_width": 24}),
               (headers[2], {"overflow": "fold", "max_width": 40 if baseline else 32}),
               (headers[3], {"overflow": "fold", "ratio": 1})]
    return table.Grid(columns, [[((severity, "yellow"),), *cells] for severity, *cells in rows])


_GRID = st.builds(_grid, st.sampled_from([table._HEAD["en"], table._HEAD["zh"], ("状态", "规则", "位置", "理由")]),
                  st.lists(st.tuples(_SEVERITY, _CELL, _CELL, _CELL), min_size=1, max_size=4), st.booleans())
_ITEMS = st.lists(_CELL | _GRID, min_size=1, max_size=5)


def _both(items, width):
    return table._print(items, False, width), table.print_rich(table._group(items), False, width)


@settings(max_examples=200, deadline=None)
@given(_ITEMS, st.integers(plain.MIN_WIDTH, 220))
def test_plain_layout_is_what_rich_prints(items, width):
    texts = [table._plain(item) for item in items]
    assert plain.lays_out("".join(table._joined(texts)))
    assert plain.render(texts, width) == table.print_rich(table._group(items), False, width)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(_ANY_TEXT, st.just("")).map(lambda piece: (piece,)), min_size=1, max_size=3),
       st.integers(plain.MIN_WIDTH, 120))
def test_text_the_plain_layout_does_not_handle_goes_through_rich(lines, width):
    ours, rich = _both(lines, width)
    assert ours == rich


@given(_TEXT | _LONG_WORD, st.integers(1, 60), st.sampled_from(["fold", "ellipsis"]), st.booleans(),
       st.sampled_from(["left", "default"]))
def test_wrap_is_rich_text_wrap(text, width, overflow, no_wrap, justify):
    from rich.console import Console
    from rich.text import Text

    lines = Text(text).wrap(Console(width=80, _environ={}), width, justify=justify, overflow=overflow,
                            no_wrap=no_wrap)
    assert plain.wrap(text, width, justify, overflow, no_wrap) == [line.plain for line in lines]


@pytest.mark.parametrize("width", [40, 60, 80, 100, 160])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sample_results_print_as_rich_prints_them(width, lang, monkeypatch):
    monkeypatch.setenv("COLUMNS", "37")  # the console is given its width; the environment never counts
    parts = table.items(sample_results(), sample_catalog(), lang=lang, max_findings=3)
    assert plain.lays_out("".join(table._joined([table._plain(item) for item in parts])))
    ours, rich = _both(parts, width)
    assert ours == rich
    assert table.render(sample_results(), sample_catalog(), lang=lang, width=width, max_findings=3) == rich


def test_colour_and_narrow_widths_still_go_through_rich():
    parts = table.items(sample_results(), sample_catalog(), lang="en")
    assert table._print(parts, True, 100) == table.print_rich(table._group(parts), True, 100)
    assert "\x1b[" in table._print(parts, True, 100)
    narrow = plain.MIN_WIDTH - 1
    assert table._print(parts, False, narrow) == table.print_rich(table._group(parts), False, narrow)


def test_a_rich_without_the_borrowed_helpers_gets_rich_s_own_layout(monkeypatch) -> None:
    """_plain_table imports rich's private rich._wrap: if a rich release moves it, the table still prints."""
    import sys

    from checker.formatters import table

    items = [[("报告 · report", None)]]
    expected = table.print_rich(table._group(items), False, 80)
    monkeypatch.setitem(sys.modules, "checker.formatters._plain_table", None)  # import raises ImportError
    assert table._print(items, False, 80) == expected
