"""The registry of rule kinds: an explicit, sorted tuple of modules (easy to grep, no magic).

Adding a kind: one module here with KIND, PLACEHOLDERS and check(); its parameter schema in
schemas/kinds/<KIND>.schema.json; tests in tests/kinds/test_<KIND>.py; one line below.
"""

from __future__ import annotations

import importlib
from types import ModuleType

KIND_NAMES = (
    "cell_values",
    "deadline",
    "edition",
    "linear_identity",
    "meta_fields",
    "narrative_numbers",
    "part_heading",
    "parts_present",
    "previous_cells",
    "previous_pair",
    "previous_rectification",
    "previous_similarity",
    "sentence_share",
    "table_labels",
    "table_present",
    "text_pattern",
    "value_range",
    "year_consistency",
)

_loaded: dict[str, ModuleType] = {}


def get(kind: str) -> ModuleType:
    module = _loaded.get(kind)  # one look-up for a loaded kind: the engine asks once per rule and report
    if module is not None:
        return module
    if kind not in KIND_NAMES:
        raise KeyError(kind)
    module = _loaded[kind] = importlib.import_module(f"checker.kinds.{kind}")
    return module
