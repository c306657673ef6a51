"""Reader for the report model itself (JSON, or YAML with the same shape).

The document is validated against `schemas/report.schema.json`; an invalid one is an
`InputError` naming the JSON path of the first problems.
"""

from __future__ import annotations

import json
from typing import Any

from checker.errors import InputError
from checker.model import Report
from checker.readers.decode import decode_text


def parse(data: bytes, source: str) -> Any:
    text = decode_text(data, source)
    stripped = text.lstrip()
    if source.lower().endswith((".yaml", ".yml")) and not stripped.startswith("{"):
        from checker.yamlsafe import load_yaml

        return load_yaml(text, source)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", source) from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply", source) from None


def read_bytes(data: bytes, source: str) -> Report:
    document = parse(data, source)
    from checker.reportshape import conforms

    if not conforms(document):  # jsonschema (slow) only to word the error, or to accept an edge case
        from checker.schemas import validate

        validate(document, "report", source)
    return Report.from_dict(document)
