"""表四's header on the review page as the form prints it: groups split on "·" into header rows.

The page is parsed with lxml and the header laid out slot by slot from its colspans and rowspans, so
"行政诉讼 over 未经复议直接起诉 over 结果维持" is checked by where the cells sit, not by markup shape.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.api import check
from checker.findings import Finding, Location, Severity
from checker.formatters import html
from checker.formatters._html_dom import serialize
from checker.formatters._html_tables import Marks, Refs, _header
from checker.ruleset import load_ruleset

SEED = Path(__file__).resolve().parents[2] / "examples" / "000_2606f0613b160dcc.txt"


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


@pytest.fixture(scope="module")
def seed(ruleset):
    return check(str(SEED), ruleset, lang="zh", include_document=True)


def _page(result, ruleset):
    return lxml.html.document_fromstring(html.render([result], ruleset.catalog(), lang="zh",
                                                     tool_version="0.0.0-test"))


def _slots(thead) -> dict[tuple[int, int], object]:
    """(row, column) -> the th covering it; fails on a slot covered twice."""
    grid: dict[tuple[int, int], object] = {}
    for r, tr in enumerate(thead.xpath("./tr")):
        c = 0
        for th in tr.xpath("./th"):
            while (r, c) in grid:
                c += 1
            for dr in range(int(th.get("rowspan", 1))):
                for dc in range(int(th.get("colspan", 1))):
                    assert (r + dr, c + dc) not in grid, f"slot {(r + dr, c + dc)} covered twice"
                    grid[(r + dr, c + dc)] = th
            c += int(th.get("colspan", 1))
    return grid


def _check_geometry(thead, columns: list[dict], label_columns: int = 1) -> dict[str, list[str]]:
    """The header fills a rectangle; each column heading is one column wide, reaches the bottom row and
    has exactly its group's levels above it. Returns column id -> the header texts over it, top down."""
    grid = _slots(thead)
    height = len(thead.xpath("./tr"))
    width = label_columns + len(columns)
    assert set(grid) == {(r, c) for r in range(height) for c in range(width)}
    above = {}
    for i, col in enumerate(columns):
        x = label_columns + i
        heading = grid[(height - 1, x)]
        assert heading.get("data-col") == col["id"] and int(heading.get("colspan", 1)) == 1
        stack = []
        for r in range(height):
            th = grid[(r, x)]
            if th is heading:
                break
            if not stack or stack[-1] is not th:
                stack.append(th)
        assert all(th.get("scope") == "colgroup" for th in stack)
        levels = [th.text for th in stack]
        assert "·".join(levels) == (col.get("group") or "")
        assert [th.get("data-group") for th in stack] == ["·".join(levels[:k + 1]) for k in range(len(levels))]
        above[col["id"]] = levels + [heading.text]
    return above


def test_table_4_header_is_three_rows_as_printed(seed, ruleset):
    doc = _page(seed, ruleset)
    (thead,) = doc.xpath("//table[@data-table='t4']/thead")
    rows = [[(th.text, th.get("colspan"), th.get("rowspan"), th.get("scope")) for th in tr.xpath("./th")]
            for tr in thead.xpath("./tr")]
    assert rows[0] == [("项目", None, "3", None), ("行政复议", "5", "2", "colgroup"),
                       ("行政诉讼", "10", None, "colgroup")]
    assert rows[1] == [("未经复议直接起诉", "5", None, "colgroup"), ("复议后起诉", "5", None, "colgroup")]
    assert [text for text, *_ in rows[2]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
    assert all(span == [None, None, None] for _, *span in rows[2])
    assert not thead.xpath(".//small[@class='cid']")  # the groups tell the three 结果维持 apart now
    layout = next(t for t in seed.document["layout"]["tables"] if t["id"] == "t4")
    above = _check_geometry(thead, layout["columns"])
    structure = {c.id: c.display for c in ruleset.structures[seed.edition].table("t4").columns}
    assert {cid: "·".join(levels) for cid, levels in above.items()} == structure
    assert above["after_upheld"] == ["行政诉讼", "复议后起诉", "结果维持"]
    assert above["review_total"] == ["行政复议", "总计"]
    body = doc.xpath("//table[@data-table='t4']/tbody/tr")
    assert [len(tr.xpath("./th")) + len(tr.xpath("./td")) for tr in body] == [16]


def test_tables_2_and_3_keep_one_header_row(seed, ruleset):
    doc = _page(seed, ruleset)
    for tid in ("t2", "t3"):
        (thead,) = doc.xpath(f"//table[@data-table='{tid}']/thead")
        assert len(thead.xpath("./tr")) == 1
        assert not thead.xpath(".//th[@rowspan] | .//th[@scope]")


def test_column_finding_marks_the_bottom_heading(seed, ruleset):
    finding = Finding("T4-TEST", Severity.ERROR, "复议后起诉总计有误",
                      Location(table="t4", column="after_total", column_label="行政诉讼·复议后起诉·总计"))
    result = dataclasses.replace(seed, findings=(*seed.findings, finding))
    doc = _page(result, ruleset)
    number = len(result.findings)
    (marked,) = doc.xpath("//table[@data-table='t4']/thead//th[contains(@class, 'mark')]")
    assert marked.get("data-col") == "after_total" and marked.text == "总计"
    assert marked.getparent() is doc.xpath("//table[@data-table='t4']/thead/tr")[2]
    assert f"#f{number}" in marked.xpath("./a/@href") and "T4-TEST" in marked.get("title")


def _render_header(columns: list[dict]) -> object:
    table = ET.Element("table")
    layout = {"id": "tx", "columns": columns}
    _header(table, layout, 1, Marks(), Refs((), "", "en"), "en")
    return lxml.html.fragment_fromstring(serialize(table).split("\n", 1)[1]).xpath("//thead")[0]


def test_a_column_without_group_in_a_grouped_table_reaches_up():
    columns = [{"id": "a", "label": "x", "group": "A·B"}, {"id": "b", "label": "y", "group": "A"},
               {"id": "c", "label": "z", "group": None}, {"id": "d", "label": "x", "group": "A·B"}]
    thead = _render_header(columns)
    above = _check_geometry(thead, columns)
    assert above == {"a": ["A", "B", "x"], "b": ["A", "y"], "c": ["z"], "d": ["A", "B", "x"]}
    (z,) = thead.xpath(".//th[@data-col='c']")
    assert z.get("rowspan") == "3"
    (y,) = thead.xpath(".//th[@data-col='b']")
    assert y.get("rowspan") == "2"  # 'A' cannot span down: column a has B under it


_LEVEL = st.sampled_from(["A", "B", "C"])


@given(st.lists(st.one_of(st.none(), st.lists(_LEVEL, min_size=1, max_size=3).map("·".join)),
                min_size=1, max_size=8))
def test_any_grouping_fills_the_header_and_stacks_each_group(groups):
    columns = [{"id": f"c{i}", "label": "L", "group": g} for i, g in enumerate(groups)]
    thead = _render_header(columns)
    _check_geometry(thead, columns)
    depth = max((len(g.split("·")) for g in groups if g), default=0)
    assert len(thead.xpath("./tr")) == depth + 1
