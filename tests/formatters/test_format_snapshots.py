"""Every format rendered from the one shared sample, compared byte for byte with ``snapshots/``.

Rewrite with ``REPORTLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/formatters`` and review the diff.
"""

from __future__ import annotations

import pytest

from checker import formatters
from checker.formatters import github

CASES = [(name, name, {}) for name in formatters.FORMATTERS] + [
    ("table_ansi", "table", {"color": True}),
    ("table_en_narrow", "table", {"lang": "en", "width": 72}),
    ("markdown_en", "markdown", {"lang": "en"}),
    ("github_limit", "github", {"limit": 1}),
]


@pytest.mark.parametrize(("snap", "fmt", "options"), CASES, ids=[c[0] for c in CASES])
def test_snapshot(render, snapshot, snap, fmt, options):
    text = render(fmt, **options)
    assert text == render(fmt, **options), "output must be deterministic"
    snapshot(snap, text)


def test_step_summary_snapshot(results, catalog, snapshot):
    snapshot("github_step_summary", github.step_summary(results, catalog, "zh", tool_version="0.0.0-test"))


@pytest.mark.parametrize("fmt", list(formatters.FORMATTERS))
def test_every_format_renders_empty_input(catalog, fmt):
    assert isinstance(formatters.get(fmt).render([], catalog), str)
