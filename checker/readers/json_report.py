"""Reader for the report model itself (JSON, or YAML with the same shape).

The document is validated against `schemas/report.schema.json`; an invalid one is an
`InputError` naming the JSON path of the first problems.
"""

from __future__ import annotations

import json
from typing import Any

from checker.errors import InputError
from checker.model import Report
from checker.readers.decode import decode_text, refuse_binary


def parse(data: bytes, source: str) -> Any:
    # A document that parses as JSON is judged by its shape (the report schema), not by how plausible
    # its characters look; the binary-data check only words the error of one that does not parse.
    text = decode_text(data, source, sniff=False)
    stripped = text.lstrip()
    if source.lower().endswith((".yaml", ".yml")) and not stripped.startswith("{"):
        from checker.yamlsafe import load_yaml

        refuse_binary(text, source)
        return load_yaml(text, source)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        refuse_binary(text, source)
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
