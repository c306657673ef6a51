"""CSV: one row per active finding, for spreadsheets sent back to agencies.

UTF-8 **with BOM** (so Excel detects the encoding of Chinese text) and CRLF rows. Text cells beginning
with ``=``, ``+``, ``-``, ``@``, tab or CR are prefixed with ``'`` (OWASP CSV injection): report text is
untrusted and Excel would otherwise evaluate it as a formula. Control characters are made visible
(ESC → ␛) since the CLI may print this to a terminal. Headers are in ``lang``. An unreadable
report is one row whose message states the read error; baseline-suppressed findings are left out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from itertools import chain
from typing import Any

from checker import __version__
from checker.findings import CheckResult, RuleInfo, Severity
from checker.formatters import _common as c

BOM = "\ufeff"
HEADERS = {
    "en": ("source", "agency", "year", "rule", "severity", "part", "table", "row", "column", "line",
           "page", "message", "basis"),
    "zh": ("来源", "机关", "年度", "规则", "严重程度", "部分", "表格", "行", "列", "行号", "页码",
           "问题说明", "依据"),
}
_FORMULA = c.CSV_FORMULA_STARTS  # what `neutralise` guards once `visible` took tabs and CRs
_DANGEROUS = (*_FORMULA, "\t", "\r")
_LABELS = {severity: severity.label for severity in Severity}  # a dictionary look-up, not enum's property per row


def neutralise(value: object) -> object:
    """Prefix a text cell Excel would read as a formula with ``'``; numbers pass unchanged."""
    if not isinstance(value, str):
        return value
    return "'" + value if value.startswith(_DANGEROUS) else value


def _cell(value: object) -> object:
    return neutralise(c.visible(value)) if isinstance(value, str) else value


_TABLE_NAMES: dict[tuple[str, str], str] = {}  # a rule pack names a few tables; bounded all the same


def _table_name(table: str, lang: str) -> str:
    """`table_name`, remembered: asked for most findings of every report."""
    name = _TABLE_NAMES.get((table, lang))
    if name is None:
        if len(_TABLE_NAMES) >= 64:
            _TABLE_NAMES.clear()
        name = _TABLE_NAMES[(table, lang)] = c.table_name(table, lang)
    return name


def _rows(result: CheckResult, lang: str) -> list[list[object]]:
    head = [result.source, result.meta.get("agency", ""), result.meta.get("year", "")]
    if result.error is not None:
        return [head + ["", "error", "", "", "", "", "", "",
                        f"{c.word('unreadable', lang)}: {result.error}", ""]]
    rows: list[list[object]] = []
    for f in result.active:
        loc = f.location
        rows.append(head + [
            f.rule, _LABELS[f.severity], loc.part or "", _table_name(loc.table, lang) if loc.table else "",
            loc.row_label or loc.row or "", loc.column_label or loc.column or "",
            loc.line if loc.line is not None else "", loc.page if loc.page is not None else "",
            c.message(f, lang), f.basis,
        ])
    return rows


def rows_text(result: CheckResult, lang: str = "zh") -> str:
    """The CSV lines of one result (no BOM, no header): what `render` writes for it.

    Most rows need neither quoting nor `_cell`: no cell holds a comma, quote, line break or other
    control character (`isprintable` of every cell joined by commas, in C; a cell's comma shows as one
    comma too many) nor starts as a formula, and none is None (which csv writes as nothing). Such rows
    are their cells' texts joined by commas, as csv.writer writes them; other results go through it."""
    rows = _rows(result, lang)
    lines = [",".join(map(str, row)) for row in rows]
    flat = ",".join(lines)
    cells = sum(map(len, rows))
    if (flat.isprintable() and flat.count(",") == cells - 1 and '"' not in flat
            and not flat.startswith(_FORMULA) and c.CSV_FORMULA_AFTER_COMMA.search(flat) is None
            and ("None" not in flat or None not in chain.from_iterable(rows))):
        return "\r\n".join(lines) + "\r\n" if lines else ""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(_safe_rows(rows))
    return buffer.getvalue()


def _safe_rows(rows: list[list[object]]) -> list[list[object]]:
    """`rows` with every cell through `_cell`. Most cells need nothing, and two searches of the texts
    joined by line breaks say when none does (numbers as their digits, which `_cell` leaves alone
    whatever they look like), so their cells are not visited one by one."""
    joined = "\n".join(map(str, chain.from_iterable(rows)))
    if (c.CSV_CONTROL.search(joined) is None and not joined.startswith(_FORMULA)
            and c.CSV_FORMULA_AFTER_BREAK.search(joined) is None):
        return rows
    return [[_cell(v) for v in row] for row in rows]


def render(results: Sequence[CheckResult], catalog: Mapping[str, RuleInfo], *, lang: str = "zh",
           tool_version: str = __version__, **_options: Any) -> str:
    """Render ``results`` as CSV text starting with a BOM; write it with ``encoding="utf-8"``."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(HEADERS.get(lang, HEADERS["en"]))
    return BOM + buffer.getvalue() + "".join(rows_text(result, lang) for result in results)
