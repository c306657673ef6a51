"""Output formatters: an explicit registry of one small module per format.

Every module exposes ``render(results, catalog, *, lang="zh", tool_version=..., **options) -> str``.
Formatters only render what the engine produced (``checker.findings``); they never compute findings.
Modules are imported lazily so that ``reportlint check`` pays only for the format it prints
(``table`` is the only one that imports rich).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from checker.errors import InputError

FORMATTERS: dict[str, str] = {
    "table": "checker.formatters.table",
    "json": "checker.formatters.json",
    "sarif": "checker.formatters.sarif",
    "junit": "checker.formatters.junit",
    "github": "checker.formatters.github",
    "gitlab": "checker.formatters.gitlab",
    "markdown": "checker.formatters.markdown",
    "csv": "checker.formatters.csv",
    "html": "checker.formatters.html",
}

DEFAULT = "table"


def get(name: str) -> ModuleType:
    """The formatter module registered under ``name``.

    Raises:
        InputError: ``name`` is not a known format; the message lists the valid names.
    """
    try:
        module_name = FORMATTERS[name]
    except KeyError:
        valid = ", ".join(FORMATTERS)
        raise InputError(f"unknown format {name!r}; valid formats: {valid}") from None
    return importlib.import_module(module_name)
