"""A JSON report is judged by its shape: the binary-data heuristic only words the error of a document
that does not parse (and it is compiled only then: ~8 ms a process the JSON path does not pay)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.readers import decode, json_report, read

SEED = Path(__file__).resolve().parent.parent.parent / "examples" / "000_2606f0613b160dcc.json"


def test_control_characters_that_do_not_parse_are_called_binary():
    data = ("\x01\x02\x03\x04\x05\x06\x07\x08" * 40).encode()
    with pytest.raises(InputError, match="looks like binary data"):
        json_report.parse(data, "x.json")


def test_a_report_that_parses_is_not_refused_for_its_characters():
    document = json.loads(SEED.read_text(encoding="utf-8"))
    for block in document["blocks"]:
        if block["type"] == "paragraph":
            block["text"] = "Отчёт о раскрытии информации " * 20  # far from 85 % CJK/ASCII
    data = json.dumps(document, ensure_ascii=False).encode()
    assert decode.looks_binary(data.decode())  # the heuristic alone would have refused it
    report = json_report.read_bytes(data, "x.json")
    assert any("Отчёт" in b.text for b in report.blocks if b.type == "paragraph")


def test_reading_a_json_report_compiles_no_plausibility_pattern():
    decode.plausible.cache_clear()
    decode.implausible.cache_clear()
    read(SEED)
    assert decode.plausible.cache_info().currsize == decode.implausible.cache_info().currsize == 0
