"""checker.bind.plan's third-round fast paths agree with the code they replace (kept verbatim below from
59c170b): a plan compiled to its final entries and replayed in one pass builds exactly the table the
operations built one by one, and a skeleton's labels taken by a remembered mask are the row-by-row ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.bind.plan import _CELL, _POP, _ROW, _UNKNOWN, compile_plan, replay, skeleton
from checker.bind.rows import label_cut, row_kinds
from checker.bound import BoundCell, BoundTable, Paragraph, RowMatch
from checker.model import Block, Cell
from checker.ruleset import load_ruleset
from checker.values import parse_cell

SPEC = load_ruleset().structures["2021"].tables[1]
_TEXTS = ["0", "12", "", " ", "-", "无", "5件", "其他", "(一)予以公开", "合计", "1,200"]


def _replay_reference(table: BoundTable, ops: list[tuple[Any, ...]], cells: list[Cell],
                      parse: Callable[[str], Any] = parse_cell) -> None:
    """plan.replay as it was: the operations applied one by one."""
    bound, rows = table.cells, table.rows
    for op in ops:
        kind = op[0]
        if kind == _CELL:
            _, row_id, column, position, at = op
            cell, source = cells[position], cells[at]
            bound[(row_id, column)] = BoundCell(row_id, column, parse(cell.text), cell.line or source.line,
                                                cell.page or source.page)
        elif kind == _ROW:
            _, row_id, label, how, at, values = op
            source = cells[at]
            rows[row_id] = RowMatch(label, how, source.line, source.page, values)
        elif kind == _POP:
            bound.pop((op[1], op[2]), None)
        else:
            source = cells[op[2]]
            table.unknown_rows.append(Paragraph(op[1], source.line, source.page))


def _skeleton_reference(blocks: list[Block], kinds_of: dict[int, tuple[list[str], bytes]]) -> tuple[Any, ...] | None:
    """plan.skeleton as it was: each row's label texts gathered row by row."""
    out: list[Any] = []
    for block in blocks:
        rows = block.rows
        lengths = tuple(map(len, rows))
        if not any(n > 1 for n in lengths):
            return None
        texts, kinds = kinds_of.get(id(block)) or row_kinds(block)
        labels: list[str] = []
        offset = 0
        for n in lengths:
            labels += texts[offset : offset + label_cut(kinds[offset : offset + n])]
            offset += n
        out.append((lengths, kinds, tuple(labels)))
    return tuple(out)


_ROWS = st.sampled_from(["a", "b", "c"])
_COLUMNS = st.sampled_from(["x", "y"])


@st.composite
def _ops_and_cells(draw: st.DrawFn) -> tuple[list[tuple[Any, ...]], list[Cell]]:
    cells = draw(st.lists(st.builds(Cell, st.sampled_from(_TEXTS), line=st.sampled_from([None, 0, 3, 9]),
                                    page=st.sampled_from([None, 0, 2])), min_size=1, max_size=12))
    at = st.integers(0, len(cells) - 1)
    op = st.one_of(
        st.tuples(st.just(_CELL), _ROWS, _COLUMNS, at, at),
        st.tuples(st.just(_ROW), _ROWS, st.sampled_from(["其他", "合计"]), st.sampled_from(["exact", "typo"]), at,
                  st.integers(0, 7)),
        st.tuples(st.just(_POP), _ROWS, _COLUMNS),
        st.tuples(st.just(_UNKNOWN), st.sampled_from(["说明", "备注"]), at),
    )
    return draw(st.lists(op, max_size=25)), cells


@settings(max_examples=300)
@given(_ops_and_cells())
def test_compiled_replay_builds_what_the_operations_build(case: tuple[list[tuple[Any, ...]], list[Cell]]) -> None:
    ops, cells = case
    expected, got = BoundTable(spec=SPEC), BoundTable(spec=SPEC)
    _replay_reference(expected, ops, cells)
    replay(got, compile_plan(ops), cells)
    assert repr(got) == repr(expected)  # the dictionaries' order included


@settings(max_examples=300)
@given(st.lists(st.lists(st.lists(st.sampled_from(_TEXTS), max_size=6), max_size=6), min_size=1, max_size=3))
def test_skeleton_labels_by_mask_equal_the_row_by_row_labels(shapes: list[list[list[str]]]) -> None:
    blocks = [Block("table", rows=tuple(tuple(Cell(t) for t in row) for row in rows)) for rows in shapes]
    for _ in range(2):  # the second time from the remembered masks
        assert skeleton(blocks, {}) == _skeleton_reference(blocks, {})
    kinds_of = {id(b): row_kinds(b) for b in blocks}
    assert skeleton(blocks, kinds_of) == _skeleton_reference(blocks, kinds_of)


@given(st.lists(st.lists(st.one_of(st.sampled_from(_TEXTS), st.text(max_size=4)), max_size=5), max_size=5))
def test_row_kinds_are_looks_like_value_of_each_cell(rows: list[list[str]]) -> None:
    from checker.values import looks_like_value

    block = Block("table", rows=tuple(tuple(Cell(t) for t in row) for row in rows))
    texts = [t for row in rows for t in row]
    for _ in range(2):  # the second time from the remembered kinds
        assert row_kinds(block) == (texts, bytes(looks_like_value(t) for t in texts))
