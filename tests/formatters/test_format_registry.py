"""The registry: every format resolves lazily; unknown names fail with the list of valid ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from checker import formatters
from checker.errors import InputError


@pytest.mark.parametrize("name", list(formatters.FORMATTERS))
def test_get_returns_a_module_with_render(name):
    assert callable(formatters.get(name).render)


def test_unknown_format_lists_valid_names():
    with pytest.raises(InputError) as info:
        formatters.get("xml")
    for name in formatters.FORMATTERS:
        assert name in str(info.value)


def test_only_table_imports_rich():
    code = ("import sys; from checker import formatters\n"
            "for n in formatters.FORMATTERS:\n"
            "    n != 'table' and formatters.get(n)\n"
            "print('rich' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"
