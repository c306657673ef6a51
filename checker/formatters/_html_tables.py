"""The report redrawn for the review page: parts with their findings, tables with the failing cells marked.

Everything comes from ``CheckResult.document`` (``checker.describe.describe_document``) and the findings;
nothing here decides what is wrong. A finding marks what it names: an identity finding every operand
cell of both sides (``evidence.left/right.operands``), a cell finding its cell, a blank-cells finding
the cells it lists (``evidence.blank_rows`` of a column, ``blank_columns`` of a row), a row finding the
row's label, a column finding the column heading, a table finding the caption, a part finding the heading.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from checker.findings import Finding
from checker.formatters import _common as c
from checker.formatters._html_dom import add_text, el

_L = {
    "zh": {"parts": "报告各部分", "tables": "统计表", "missing": "未找到", "as_written": "原文",
           "expected": "应为", "line": "第 {} 行", "not_found": "报告中未找到此表",
           "unknown_rows": "模板之外的行", "no_layout": "结果未包含报告版式（请用 --format html 运行检查），无法重绘统计表。",
           "unreadable": "表中数字无法读取", "item": "项目", "none": "—"},
    "en": {"parts": "Parts of the report", "tables": "Statistical tables", "missing": "not found",
           "as_written": "as written", "expected": "expected", "line": "line {}",
           "not_found": "This table was not found in the report",
           "unknown_rows": "Rows not in the template",
           "no_layout": "The result carries no report layout (check with --format html) so the tables cannot be redrawn.",
           "unreadable": "The numbers of this table could not be read", "item": "Item", "none": "—"},
}


def labels(lang: str) -> dict[str, str]:
    return _L.get(lang, _L["en"])


@dataclass
class Marks:
    """Which finding numbers (1-based, into ``result.findings``) mark which place."""

    cells: dict[tuple[str, str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    rows: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    columns: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    tables: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    parts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


def _operands(evidence: Mapping[str, Any]) -> list[dict[str, Any]]:
    out = []
    for side in ("left", "right"):
        value = evidence.get(side)
        if isinstance(value, Mapping) and isinstance(value.get("operands"), list):
            out += [o for o in value["operands"] if isinstance(o, Mapping) and o.get("row") and o.get("column")]
    return out


def collect_marks(findings: Sequence[Finding]) -> Marks:
    """Marks for the active findings; numbering follows ``findings`` (suppressed ones keep their number)."""
    marks = Marks()
    for number, finding in enumerate(findings, 1):
        if finding.suppressed is not None:
            continue
        loc = finding.location
        operands = _operands(finding.evidence) if loc.table else []
        if operands:
            for op in operands:
                key = (loc.table, str(op["row"]), str(op["column"]))
                if number not in marks.cells[key]:
                    marks.cells[key].append(number)
        elif loc.table and loc.row and loc.column:
            marks.cells[(loc.table, loc.row, loc.column)].append(number)
        elif loc.table and loc.row and isinstance(finding.evidence.get("blank_columns"), list):
            for column in finding.evidence["blank_columns"]:
                marks.cells[(loc.table, loc.row, str(column))].append(number)
        elif loc.table and loc.row:
            marks.rows[(loc.table, loc.row)].append(number)
        elif loc.table and loc.column and isinstance(finding.evidence.get("blank_rows"), list):
            for row in finding.evidence["blank_rows"]:
                marks.cells[(loc.table, str(row), loc.column)].append(number)
        elif loc.table and loc.column:
            marks.columns[(loc.table, loc.column)].append(number)
        elif loc.table:
            marks.tables[loc.table].append(number)
        elif loc.part:
            marks.parts[loc.part].append(number)
    return marks


class Refs:
    """Links from a marked place to its findings: ``[3]`` anchors, the hover text, the worst severity."""

    def __init__(self, findings: Sequence[Finding], prefix: str, lang: str) -> None:
        self.findings, self.prefix, self.lang = findings, prefix, lang

    def anchor(self, number: int) -> str:
        return f"{self.prefix}f{number}"

    def hover(self, numbers: Sequence[int]) -> str:
        return "\n".join(f"[{n}] {self.findings[n - 1].rule}: {c.message(self.findings[n - 1], self.lang)}"
                         for n in numbers)

    def worst(self, numbers: Sequence[int]) -> str:
        return max((self.findings[n - 1].severity for n in numbers)).label

    def links(self, node: ET.Element, numbers: Sequence[int]) -> None:
        for n in numbers:
            el(node, "a", f"[{n}]", href=f"#{self.anchor(n)}", cls="ref")

    def flags(self, node: ET.Element, numbers: Sequence[int]) -> None:
        """One line per finding beside a heading or caption: severity, rule, message, link."""
        for n in numbers:
            finding = self.findings[n - 1]
            line = el(node, "span", cls="flag")
            el(line, "span", c.word(finding.severity.label, self.lang), cls=f"sev sev-{finding.severity.label}")
            el(line, "a", f"[{n}] {finding.rule}", href=f"#{self.anchor(n)}")
            add_text(line, f" {c.message(finding, self.lang)}")


def _line(pos: Mapping[str, Any], lang: str) -> str:
    return labels(lang)["line"].format(pos["line"]) if pos.get("line") is not None else ""


def parts_section(parent: ET.Element, document: Mapping[str, Any], marks: Marks, refs: Refs, lang: str) -> None:
    """Each part of the template: heading as written (or missing), with the findings about it."""
    words = labels(lang)
    section = el(parent, "section", cls="parts")
    el(section, "h3", words["parts"])
    for spec in document["layout"]["parts"]:
        bound = document["parts"].get(spec["id"], {})
        found = bool(bound.get("found"))
        box = el(section, "div", cls="part" if found else "part missing", id=f"{refs.prefix}part-{spec['id']}",
                 data_part=spec["id"])
        head = el(box, "div")
        el(head, "strong", f"{spec['number']}、{spec['heading']}")
        if not found:
            add_text(head, f" · {words['missing']}")
        elif bound.get("heading") and bound["heading"] != f"{spec['number']}、{spec['heading']}":
            el(head, "span", f" · {words['as_written']}: {bound['heading']}", cls="written")
        if found and _line(bound, lang):
            el(head, "small", f" · {_line(bound, lang)}")
        refs.flags(box, marks.parts.get(spec["id"], []))


def _group_spans(rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Rowspan of the group cell at each row (0 where an earlier row's cell covers it)."""
    spans = [0] * len(rows)
    i = 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1]["group"] and rows[j + 1]["group"] == rows[i]["group"]:
            j += 1
        spans[i] = j - i + 1
        i = j + 1
    return spans


def _span(n: int) -> int | None:
    return n if n > 1 else None  # a span of one is not written


def _group_runs(levels: Sequence[tuple[str, ...]], depth: int) -> list[list[tuple[int, int, int]]]:
    """Per header row, the group cells as (first column, colspan, rowspan); a group whose columns have no
    level below it spans down to the column headings (表四: 行政复议 over two rows)."""
    rows: list[list[tuple[int, int, int]]] = [[] for _ in range(depth)]
    for level in range(depth):
        i = 0
        while i < len(levels):
            if len(levels[i]) <= level:  # no group this high: the column heading reaches up here
                i += 1
                continue
            j = i + 1
            while j < len(levels) and levels[j][:level + 1] == levels[i][:level + 1]:
                j += 1
            ends = all(len(above) == level + 1 for above in levels[i:j])
            rows[level].append((i, j - i, depth - level if ends else 1))
            i = j
    return rows


def _header(table: ET.Element, layout: Mapping[str, Any], label_columns: int, marks: Marks, refs: Refs,
            lang: str) -> None:
    """One header row; or, where columns name a group (表四), the groups split on "·" into rows above
    the column headings, as the form prints them. A column heading (and its marks) starts in the row
    below its lowest group and reaches down to the data."""
    columns = layout["columns"]
    levels = [tuple(col["group"].split("·")) if col.get("group") else () for col in columns]
    depth = max(map(len, levels), default=0)  # header rows above the column headings
    runs = _group_runs(levels, depth)
    top = [0] * len(columns)  # the header row each column heading starts in
    for level, cells in enumerate(runs):
        for first, colspan, rowspan in cells:
            top[first:first + colspan] = [level + rowspan] * colspan
    counts = Counter((*above, col["label"]) for col, above in zip(columns, levels))
    head = el(table, "thead")
    for level in range(depth + 1):
        row = el(head, "tr")
        if level == 0:
            el(row, "th", labels(lang)["item"], colspan=_span(label_columns), rowspan=_span(depth + 1))
        groups = {cell[0]: cell for cell in runs[level]} if level < depth else {}
        for i, col in enumerate(columns):
            if i in groups:
                el(row, "th", levels[i][level], colspan=_span(groups[i][1]), rowspan=_span(groups[i][2]),
                   scope="colgroup", data_group="·".join(levels[i][:level + 1]))
            elif top[i] == level:
                _column_heading(row, layout["id"], col, depth + 1 - level,
                                counts[(*levels[i], col["label"])] > 1, marks, refs)


def _column_heading(row: ET.Element, tid: str, col: Mapping[str, Any], rowspan: int, repeated: bool,
                    marks: Marks, refs: Refs) -> None:
    numbers = marks.columns.get((tid, col["id"]), [])
    th = el(row, "th", col["label"], rowspan=_span(rowspan), data_col=col["id"],
            cls="mark" if numbers else None, title=refs.hover(numbers) if numbers else None)
    if repeated:  # the same heading twice with nothing above to tell them apart: say which one
        el(th, "small", col["id"].split("_")[0], cls="cid", title=col["id"])
    refs.links(th, numbers)


def _label_cell(tr: ET.Element, spec: Mapping[str, Any], bound: Mapping[str, Any] | None, colspan: int,
                numbers: Sequence[int], refs: Refs, lang: str) -> None:
    words = labels(lang)
    canonical = spec["label"] or words["none"]
    classes = ["label"] + ([] if bound else ["missing"]) + (["mark"] if numbers else [])
    th = el(tr, "th", (bound or {}).get("label") or canonical, cls=" ".join(classes), scope="row",
            colspan=_span(colspan), data_row=spec["id"],
            title=refs.hover(numbers) if numbers else None)
    if bound is None and spec["label"]:
        el(th, "small", f" ({words['missing']})")
    elif bound and spec["label"] and bound.get("match") not in (None, "exact", "unlabelled"):
        el(th, "small", f" ({words['expected']}: {canonical})")
    refs.links(th, numbers)


def _value_cell(tr: ET.Element, tid: str, rid: str, cid: str, cell: Mapping[str, Any] | None, marks: Marks,
                refs: Refs) -> None:
    numbers = marks.cells.get((tid, rid, cid), [])
    state = (cell or {}).get("state", "absent")
    classes = [f"state-{state}"] + (["num"] if state == "number" else [])
    if numbers:
        classes += ["mark", f"m-{refs.worst(numbers)}"]
    td = el(tr, "td", (cell or {}).get("text", ""), cls=" ".join(classes), data_table=tid, data_row=rid,
            data_col=cid, data_findings=" ".join(refs.anchor(n) for n in numbers) or None,
            title=refs.hover(numbers) if numbers else None)
    refs.links(td, numbers)


def _grid(parent: ET.Element, layout: Mapping[str, Any], bound: Mapping[str, Any], marks: Marks,
          refs: Refs, lang: str) -> None:
    tid = layout["id"]
    rows = layout["rows"]
    grouped = any(r["group"] for r in rows)
    table = el(el(parent, "div", cls="scroll"), "table", cls="grid", data_table=tid)
    _header(table, layout, 2 if grouped else 1, marks, refs, lang)
    body = el(table, "tbody")
    spans = _group_spans(rows)
    for spec, span in zip(rows, spans):
        tr = el(body, "tr", data_row=spec["id"])
        if spec["group"] and span:
            el(tr, "th", spec["group"], cls="group", rowspan=_span(span), scope="rowgroup")
        numbers = marks.rows.get((tid, spec["id"]), [])
        colspan = 2 if grouped and not spec["group"] else 1
        _label_cell(tr, spec, bound["rows"].get(spec["id"]), colspan, numbers, refs, lang)
        for col in layout["columns"]:
            if col["id"] not in spec["columns"]:
                el(tr, "td", "", cls="na")  # not a cell of this row in the template
                continue
            _value_cell(tr, tid, spec["id"], col["id"], bound["cells"].get(f"{spec['id']}/{col['id']}"), marks,
                        refs)


def tables_section(parent: ET.Element, document: Mapping[str, Any] | None, marks: Marks, refs: Refs,
                   lang: str) -> None:
    """Tables 二, 三 and 四 as published, rebuilt from the bound cells, with the marks."""
    words = labels(lang)
    section = el(parent, "section", cls="tables")
    el(section, "h3", words["tables"])
    if not document:
        el(section, "p", words["no_layout"], cls="note")
        return
    for layout in document["layout"]["tables"]:
        tid = layout["id"]
        bound = document["tables"].get(tid, {})
        box = el(section, "div", cls="table", id=f"{refs.prefix}table-{tid}", data_table=tid)
        title = el(box, "h3", layout["title"].get(lang) or layout["title"].get("zh") or tid)
        if bound.get("found") and _line(bound, lang):
            el(title, "small", f" · {_line(bound, lang)}")
        refs.flags(box, marks.tables.get(tid, []))
        if not bound.get("found"):
            el(box, "p", words["not_found"], cls="note")
            continue
        if bound.get("unreadable"):
            el(box, "p", f"{words['unreadable']}: {bound['unreadable']}", cls="note")
        _grid(box, layout, bound, marks, refs, lang)
        if bound.get("unknown_rows"):
            el(box, "p", f"{words['unknown_rows']}: " + " · ".join(bound["unknown_rows"]), cls="note")
