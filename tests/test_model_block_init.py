"""Block and Cell store their fields through their slots' setters (checker.model): held to what the frozen
dataclass's own __init__ does (object.__setattr__ per field, defaults filled)."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.model import _BLOCK_FIELDS, _CELL_FIELDS, Block, Cell
from tests.test_findings_init import _reference


@pytest.mark.parametrize(("cls", "names"), [(Block, _BLOCK_FIELDS), (Cell, _CELL_FIELDS)])
def test_the_init_takes_the_fields_in_order_with_their_defaults(cls, names):
    assert names == tuple(f.name for f in dataclasses.fields(cls))
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [(p.name, p.default) for p in params] == [
        (f.name, inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)
        for f in dataclasses.fields(cls)]


def _assert_same(made, reference, cls) -> None:
    """`made` by the fast constructor is the dataclass-made `reference` in every way a caller can see."""
    assert type(made) is cls
    assert made == reference and hash(made) == hash(reference) and repr(made) == repr(reference)
    assert made.to_dict() == reference.to_dict() and pickle.loads(pickle.dumps(made)) == made
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "x"  # type: ignore[misc]


@given(st.text(max_size=5), st.integers(1, 4), st.integers(1, 4), st.none() | st.integers(0, 10**6),
       st.none() | st.integers(1, 500))
def test_a_cell_equals_the_dataclass_one(text, rowspan, colspan, line, page):
    made = Cell(text, rowspan, colspan, line, page)
    reference = _reference(Cell, text=text, rowspan=rowspan, colspan=colspan, line=line, page=page)
    _assert_same(made, reference, Cell)
    assert Cell(text) == _reference(Cell, text=text)
    assert Cell(text=text, line=line) == _reference(Cell, text=text, line=line)


@given(st.sampled_from(["heading", "paragraph", "table"]), st.text(max_size=5),
       st.lists(st.lists(st.builds(Cell, st.text(max_size=3)), max_size=3).map(tuple), max_size=2).map(tuple),
       st.none() | st.integers(1, 6), st.none() | st.integers(0, 10**6), st.none() | st.integers(1, 500))
def test_a_block_equals_the_dataclass_one(kind, text, rows, level, line, page):
    made = Block(kind, text, rows, level, line, page)
    reference = _reference(Block, type=kind, text=text, rows=rows, level=level, line=line, page=page)
    _assert_same(made, reference, Block)
    assert Block(kind) == _reference(Block, type=kind)
    assert Block(type=kind, line=line) == _reference(Block, type=kind, line=line)
