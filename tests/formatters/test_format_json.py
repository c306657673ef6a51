"""JSON: validates against schemas/findings.schema.json, round-trips, keeps the contract keys."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from checker.findings import CheckResult

SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "findings.schema.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_identity():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://reportlint.dev/schemas/findings.schema.json"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$defs"]["severity"]["enum"] == ["error", "warning", "info"]


def test_output_validates(render, validator):
    doc = json.loads(render("json"))
    errors = sorted(validator.iter_errors(doc), key=str)
    assert not errors, [e.message for e in errors]
    assert doc["tool"] == {"name": "reportlint", "version": "0.0.0-test"}
    assert doc["summary"]["reports"] == 3 and doc["summary"]["unreadable"] == 1


def test_schema_rejects_unknown_severity(render, validator):
    doc = json.loads(render("json"))
    doc["results"][0]["findings"][0]["severity"] = "fatal"
    assert not validator.is_valid(doc)


def test_round_trip_and_real_cjk(render, results):
    text = render("json")
    assert "某区财政局" in text and "\\u" not in text.replace("\\u001b", "")
    back = [CheckResult.from_dict(r) for r in json.loads(text)["results"]]
    assert back == results
