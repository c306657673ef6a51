"""schemas/ruleset.schema.json: every YAML file of the shipped packs is one of its four shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.schemas import errors
from checker.yamlsafe import load_yaml_file

ROOT = Path(__file__).resolve().parent.parent
PACK_FILES = sorted((ROOT / "rules").rglob("*.yaml"))


def test_the_shipped_packs_have_yaml_files() -> None:
    assert len(PACK_FILES) > 50


@pytest.mark.parametrize("path", PACK_FILES, ids=[str(p.relative_to(ROOT)) for p in PACK_FILES])
def test_every_shipped_pack_file_matches_the_ruleset_schema(path: Path) -> None:
    data, _ = load_yaml_file(path, "rule")
    assert errors(data, "ruleset") == []


def test_a_rule_with_an_unknown_severity_matches_no_shape() -> None:
    rule, _ = load_yaml_file(ROOT / "rules" / "national" / "identities" / "ID-T3-BALANCE.yaml", "rule")
    assert errors({**rule, "severity": "fatal"}, "ruleset")
