"""bind_table reads rows by cell position into a plan remembered per template and skeleton
(checker.bind.plan); the bound table must be exactly what the plain reading built
(tests/bind/_reference_tables.py, the code before the plans), on a first reading and on a replay
of a remembered plan with other numbers and blanks in the value cells."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.bind.labels import label_index
from checker.bind.tables import bind_table
from checker.model import Block, Cell
from checker.ruleset import load_ruleset
from tests.bind._reference_tables import reference_bind_table
from tests.conftest import CORPUS

RULESET = load_ruleset()
TABLES = [t for s in RULESET.structures.values() for t in s.tables]
_VALUES = ["0", "12", "3", "", " ", "-", "/", "—", "+3", "5件", "1,200", "无", "0.5"]
_NOISE = ["", "其他", "合计", "总计", "(一)", "说明", "0", "商业企业", "行政许可 97", "一、", "12"]


def _labels(spec) -> list[str]:  # noqa: ANN001 - a TableSpec
    rows = [x for r in spec.rows for x in (r.label or "", *r.aliases, r.group or "") if x]
    return rows + [c.label for c in spec.columns] + list(spec.headers)


def _cell(text: str, data: st.DataObject) -> Cell:
    return Cell(text, line=data.draw(st.sampled_from([None, 0, 1, 7])), page=data.draw(st.sampled_from([None, 0, 2])))


def _blocks(spec, data: st.DataObject, values: st.SearchStrategy[str]) -> tuple[list, list[Block]]:  # noqa: ANN001
    """Blocks of label cells and value cells (a shape), and the blocks filled with `values`."""
    label = st.sampled_from(_labels(spec) + _NOISE)
    shape = data.draw(st.lists(st.lists(st.tuples(st.booleans(), label), min_size=1, max_size=9),
                               min_size=1, max_size=12).map(lambda rows: rows if any(len(r) > 1 for r in rows)
                                                            else rows + [[(False, "其他"), (True, "")]]))
    stream = data.draw(st.lists(st.one_of(label, values), max_size=10))
    return shape, [Block("table", rows=tuple(tuple(_cell(data.draw(values) if is_value else text, data)
                                                   for is_value, text in row) for row in shape))] + (
        [Block("table", rows=tuple((_cell(t, data),) for t in stream))] if stream else [])


@settings(max_examples=300)
@given(st.data())
def test_planned_tables_equal_the_plain_reading(data: st.DataObject) -> None:
    spec = data.draw(st.sampled_from(TABLES))
    values = st.sampled_from(_VALUES)
    shape, blocks = _blocks(spec, data, values)
    structured = blocks[:1]
    for _ in range(3):  # the first reading makes the plan; the next ones replay it when its guards hold
        refill = [Block("table", rows=tuple(tuple(Cell(data.draw(values), line=c.line, page=c.page)
                                                  if is_value else c for (is_value, _), c in zip(srow, row))
                                            for srow, row in zip(shape, structured[0].rows)))]
        for chosen in (structured, refill, blocks):
            assert repr(bind_table(spec, chosen)) == repr(reference_bind_table(spec, chosen))


def test_plans_stay_bounded() -> None:
    from checker.bind.plan import PLANS_PER_TEMPLATE

    spec = TABLES[0]
    for n in range(PLANS_PER_TEMPLATE * 2 + 3):
        bind_table(spec, [Block("table", rows=((Cell(f"标签{n}"), Cell("1")),))])
    assert len(label_index(spec).plans) <= PLANS_PER_TEMPLATE


def test_corpus_tables_equal_the_plain_reading() -> None:
    import pytest

    from checker.api import bind_report, read_report

    files = sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".html", ".md", ".pdf"))
    if not files:
        pytest.skip(f"shared corpus not available: {CORPUS}")
    for path in files:
        report = read_report(path)
        bound = bind_report(report, RULESET, str(path))
        for table in bound.tables.values():
            chosen = [report.blocks[i] for i in table.blocks]
            for _ in range(2):
                assert repr(bind_table(table.spec, chosen)) == repr(reference_bind_table(table.spec, chosen))
