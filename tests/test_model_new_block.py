"""`new_block` builds the very `Block` the dataclass constructor builds."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.model import _BLOCK_FIELDS, Block, Cell, new_block


def test_the_setters_cover_every_field_in_order():
    assert _BLOCK_FIELDS == tuple(f.name for f in dataclasses.fields(Block))


@given(st.sampled_from(["heading", "paragraph", "table"]), st.text(max_size=5),
       st.lists(st.lists(st.builds(Cell, st.text(max_size=3)), max_size=3).map(tuple), max_size=2).map(tuple),
       st.none() | st.integers(1, 6), st.none() | st.integers(0, 10**6), st.none() | st.integers(1, 500))
def test_new_block_is_the_constructed_block(kind, text, rows, level, line, page):
    made = new_block(kind, text, rows, level, line, page)
    built = Block(type=kind, text=text, rows=rows, level=level, line=line, page=page)
    assert type(made) is Block
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert made.to_dict() == built.to_dict()
    assert new_block(kind) == Block(type=kind)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "x"  # type: ignore[misc]
