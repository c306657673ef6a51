"""CSV rows: the fast paths (`rows_text`'s plain rows, `_safe_rows`' prefilter) give the text and cells
of the per-cell definition.

`reference_rows`/`reference_text` are the previous rendering kept verbatim: every cell of `_rows`
through `_cell`, written by csv.writer.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.batch_output import Piece
from checker.findings import CheckResult, Finding, Location, Severity
from checker.formatters import csv as csv_format


def reference_rows(result: CheckResult, lang: str) -> list[list[object]]:
    return [[csv_format._cell(v) for v in row] for row in csv_format._rows(result, lang)]


def reference_text(result: CheckResult, lang: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(reference_rows(result, lang))
    return buffer.getvalue()


def check(result: CheckResult, lang: str) -> None:
    assert csv_format._safe_rows(csv_format._rows(result, lang)) == reference_rows(result, lang)
    assert csv_format.rows_text(result, lang) == reference_text(result, lang)


# Characters around every boundary the prefilter and `_cell` draw: controls, tab, CR, LF, C1, DEL,
# the formula starters, what csv quotes, the text None, and ordinary text.
_CHARS = st.sampled_from(list("\x00\x08\t\n\x0b\x0c\r\x1b\x1f\x7f\x80\x9f\xa0\u3000\u200b=+-@'a表三 ,\"0"))
_RISKY_TEXT = st.one_of(st.text(_CHARS, max_size=6), st.sampled_from(["None", ",None", "a,=b"]))
# Mostly plain cells, so that often a single risky cell is the only one in its result.
_TEXT = st.one_of(st.text(st.sampled_from(list("a表三 0'")), max_size=4), _RISKY_TEXT)
_OPTIONAL_TEXT = st.one_of(st.none(), _TEXT)
_NUMBER = st.one_of(st.none(), st.integers(-20, 20))


@st.composite
def results(draw: st.DrawFn) -> CheckResult:
    findings = tuple(
        Finding(rule=draw(_TEXT), severity=draw(st.sampled_from(list(Severity))), message=draw(_TEXT),
                location=Location(part=draw(_OPTIONAL_TEXT), table=draw(st.sampled_from([None, "t2", "t3", "x"])),
                                  row=draw(_OPTIONAL_TEXT), column=draw(_OPTIONAL_TEXT),
                                  row_label=draw(_OPTIONAL_TEXT), column_label=draw(_OPTIONAL_TEXT),
                                  line=draw(_NUMBER), page=draw(_NUMBER)),
                basis=draw(_TEXT), messages=draw(st.dictionaries(st.sampled_from(["zh", "en"]), _TEXT, max_size=2)),
                suppressed=draw(st.sampled_from([None, None, "ok"])))
        for _ in range(draw(st.integers(0, 3))))
    meta = draw(st.fixed_dictionaries({}, optional={"agency": st.one_of(_TEXT, st.none()),
                                                    "year": st.one_of(_NUMBER, _TEXT, st.just(2.5))}))
    return CheckResult(source=draw(_TEXT), findings=findings, meta=meta,
                       error=draw(st.sampled_from([None, None, None, "bad", "=bad\x1b"])))


@settings(max_examples=600, deadline=None)
@given(results(), st.sampled_from(["zh", "en"]))
def test_fast_paths_equal_every_cell_through_cell(result, lang):
    check(result, lang)


@settings(max_examples=200, deadline=None)
@given(st.lists(results(), max_size=3), st.sampled_from(["zh", "en"]))
def test_piece_is_the_rendered_rows_without_header(batch, lang):
    piece = Piece("csv", {}, lang, False)
    rendered = csv_format.render(batch, {}, lang=lang)
    assert piece.header + "".join(piece(r) for r in batch) == rendered


_RISKY = ["=", "+1", "-2", "@x", "\t", "\rx", "\x00", "\x08", "\x0b", "\x1b[0m", "\x1f", "\x7f", "\x80", "\x9f",
          "a\n=b", "a\n@", "a\tb", "a=b", "a\nb", "\xa0", "\u3000", "'=", "\n-", "a,b", "a,=b", ",", '"', 'a"b', "",
          " ", "None", None, 1.5, -3]
_PLAIN = {"source": "r.html", "agency": "某局", "year": 2023, "rule": "R-1", "message": "说明", "basis": "依据",
          "part": "p", "row_label": "行", "column_label": "列", "line": 3, "page": 4}


def _one_result(copies: int = 2, **fields: object) -> CheckResult:
    f = {**_PLAIN, **fields}
    location = Location(part=f["part"], table="t3", row_label=f["row_label"], column_label=f["column_label"],
                        line=f["line"], page=f["page"])
    finding = Finding(rule=f["rule"], severity=Severity.ERROR, message=f["message"], location=location,
                      basis=f["basis"])
    return CheckResult(source=f["source"], findings=(finding,) * copies, meta={"agency": f["agency"], "year": f["year"]})


@pytest.mark.parametrize("copies", [1, 2])
@pytest.mark.parametrize("field", [k for k in _PLAIN if k not in ("line", "page")])
@pytest.mark.parametrize("text", _RISKY)
def test_one_risky_cell_among_plain_ones(field, text, copies):
    check(_one_result(copies, **{field: text}), "zh")


@pytest.mark.parametrize("number", [-1, 0, 12])
def test_numbers_pass_as_they_are(number):
    check(_one_result(year=number, line=number, page=number), "en")
