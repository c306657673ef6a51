"""Location and Finding store their fields through their slot descriptors (checker.findings): held to what the
frozen dataclass's own __init__ does (object.__setattr__ per field, defaults and default factories)."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest
from hypothesis import given, strategies as st

from checker.findings import Finding, Location, Severity


def _reference(cls, **given_values):
    """What the dataclass-generated __init__ makes: every field set with object.__setattr__, defaults filled."""
    obj = object.__new__(cls)
    for f in dataclasses.fields(cls):
        if f.name in given_values:
            value = given_values[f.name]
        elif f.default is not dataclasses.MISSING:
            value = f.default
        else:
            value = f.default_factory()
        object.__setattr__(obj, f.name, value)
    return obj


@pytest.mark.parametrize("cls", [Location, Finding])
def test_the_init_takes_the_fields_in_order_with_their_defaults(cls) -> None:
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = dataclasses.fields(cls)
    assert [p.name for p in params] == [f.name for f in fields]
    for p, f in zip(params, fields):
        if f.default is not dataclasses.MISSING:
            assert p.default == f.default
        elif f.default_factory is dataclasses.MISSING:
            assert p.default is inspect.Parameter.empty


_TEXT = st.none() | st.text(max_size=5)
_LINE = st.none() | st.integers(min_value=-3, max_value=10**6)


@st.composite
def _location_values(draw):
    names = [f.name for f in dataclasses.fields(Location)]
    given_names = draw(st.sets(st.sampled_from(names)))
    return {n: draw(_LINE if n in ("line", "page") else _TEXT) for n in given_names}


@given(_location_values(), st.booleans())
def test_a_location_equals_the_dataclass_one(values, positional) -> None:
    names = [f.name for f in dataclasses.fields(Location)]
    if positional:
        full = {n: values.get(n) for n in names}
        made = Location(*full.values())
        reference = _reference(Location, **full)
    else:
        made, reference = Location(**values), _reference(Location, **values)
    assert made == reference and hash(made) == hash(reference) and repr(made) == repr(reference)
    assert pickle.loads(pickle.dumps(made)) == made
    assert made.sort_key() == reference.sort_key() and made.to_dict() == reference.to_dict()
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.part = "x"  # type: ignore[misc]


@given(st.dictionaries(st.sampled_from(["evidence", "basis", "title", "messages", "suppressed"]),
                       st.none() | st.text(max_size=3) | st.dictionaries(st.text(max_size=2), st.text(max_size=2))))
def test_a_finding_equals_the_dataclass_one(optional) -> None:
    required = {"rule": "R-1", "severity": Severity.WARNING, "message": "m", "location": Location(line=4)}
    made, reference = Finding(**required, **optional), _reference(Finding, **required, **optional)
    assert made == reference and repr(made) == repr(reference)
    assert pickle.loads(pickle.dumps(made)) == made


def test_default_factories_give_each_finding_its_own_dict() -> None:
    a, b = Finding("R", Severity.INFO, "m", Location()), Finding("R", Severity.INFO, "m", Location())
    assert a.evidence == {} and a.messages == {} and a.evidence is not b.evidence and a.messages is not b.messages
    assert Finding("R", Severity.INFO, "m", Location(), None).evidence is None  # None given is kept, as before
