"""docs/rules-guide.zh.md cannot rot: its marked YAML blocks are written into a pack, linted and tested.

A block whose info string is `yaml pack=NAME file=PATH` is one file of pack NAME. The lint
example the guide prints is checked too: the same typo gives the same line, column and text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker import describe
from checker.lint import lint_path
from checker.ruleset import load_ruleset

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "rules-guide.zh.md"
BLOCK = re.compile(r"^```yaml pack=(?P<pack>\S+) file=(?P<file>\S+)\n(?P<body>.*?)^```", re.M | re.S)


def guide_packs() -> dict[str, dict[str, str]]:
    packs: dict[str, dict[str, str]] = {}
    for match in BLOCK.finditer(GUIDE.read_text(encoding="utf-8")):
        packs.setdefault(match["pack"], {})[match["file"]] = match["body"]
    return packs


def write_pack(root: Path, files: dict[str, str]) -> Path:
    for name, body in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    return root


def test_the_guide_has_the_four_examples():
    files = guide_packs()["city"]
    assert set(files) == {"pack.yaml", "rules/CITY-T4-REVIEW.yaml", "rules/CITY-ZHUANQU.yaml",
                          "cases/PROV-DEADLINE-TOWNSHIP.yaml"}
    assert "kind: linear_identity" in files["rules/CITY-T4-REVIEW.yaml"]
    assert "kind: text_pattern" in files["rules/CITY-ZHUANQU.yaml"]
    assert "PROV-DEADLINE-TOWNSHIP:" in files["pack.yaml"]


@pytest.fixture(scope="module")
def city(tmp_path_factory) -> Path:
    return write_pack(tmp_path_factory.mktemp("guide") / "example-city", guide_packs()["city"])


def test_the_guide_pack_lints_clean(city):
    assert [p.format("en") for p in lint_path(city)] == []


def test_the_guide_pack_passes_its_tests(city):
    ok, text = describe.test_rules(load_ruleset(city), inherited=False)
    assert ok, text
    for case in ("CITY-T4-REVIEW::fails_when_the_total_is_wrong", "CITY-ZHUANQU::fails_when_the_overview_is_silent",
                 "PROV-DEADLINE-TOWNSHIP::fails_when_published_on_20_january"):
        assert f"PASS  {case}" in text
    # the city's cases replace the province's examples of the rule whose deadline it moved
    assert "PROV-DEADLINE-TOWNSHIP::passes_when_published_on_20_january" not in text


def test_the_guide_pack_applies_its_overrides(city):
    ruleset = load_ruleset(city)
    assert ruleset.rule("TBL-LABELS").severity.label == "error"
    assert ruleset.rule("CELL-BLANK").severity.label == "error"  # inherited from the province
    deadline = ruleset.rule("PROV-DEADLINE-TOWNSHIP").params["deadlines"][0]
    assert (deadline["month"], deadline["day"]) == (1, 15)


def test_the_lint_example_in_the_guide_is_what_lint_prints(tmp_path):
    files = dict(guide_packs()["city"])
    files["rules/CITY-T4-REVIEW.yaml"] = files["rules/CITY-T4-REVIEW.yaml"].replace("[review_total]", "[review_totl]")
    pack = write_pack(tmp_path / "example-city", files)
    problems = lint_path(pack)
    assert len(problems) == 1
    shown = re.search(r"CITY-T4-REVIEW\.yaml:(\d+):(\d+): \[reference\] (.*?)（可用", GUIDE.read_text(encoding="utf-8"))
    assert shown is not None
    problem = problems[0]
    assert (problem.line, problem.column, problem.code) == (int(shown[1]), int(shown[2]), "reference")
    assert problem.message_zh.startswith(shown[3])
    assert problem.message_zh.endswith("是否应为“review_total”？")
