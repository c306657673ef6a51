"""Meta-tests of the bundled rule pack: every rule is complete, and every rule example runs.

A rule without a legal basis, without both languages, or without an example that passes
and one that fails is not done (issue #4). The parametrised example test, with ids
`<RULE>::<example>`, is the per-rule pass/fail suite; `reportlint rules test` runs the same
examples for rule authors outside pytest. One meta-test per kind checks that it is
registered, has a parameter schema, a docstring and its own test file.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from checker import kinds
from checker.examples import run_example
from checker.kinds._base import COMMON_PLACEHOLDERS
from checker.resources import schemas_dir
from checker.lint import placeholders
from checker.ruleset import load_ruleset
from checker.schemas import errors

ROOT = Path(__file__).resolve().parent.parent
RULESET = load_ruleset()
RULES = RULESET.rules
EXAMPLES = [(rule, example) for rule in RULES for example in rule.examples]
KIND_FILES = sorted(p.stem for p in (ROOT / "checker" / "kinds").glob("*.py") if not p.stem.startswith("_"))
TEXTS = ("title", "message", "basis", "rationale")
INFERENCE_WORDS = ("推定", "推断", "推出", "推导", "inferred", "derived")


def _ids(items):
    return [item.id for item in items]


def test_the_pack_has_rules_and_examples() -> None:
    assert len(RULES) >= 20
    assert len(EXAMPLES) >= 2 * len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=_ids(RULES))
def test_rule_says_everything_in_both_languages(rule) -> None:
    for field in TEXTS:
        text = getattr(rule, field)
        for lang in ("zh", "en"):
            assert text.get(lang, "").strip(), f"{rule.id}: {field}.{lang} is empty"
    # the Chinese basis cites a source (条例, a 国办 document, the format or regulation.md)
    assert any(w in rule.basis["zh"] for w in ("条例", "国办", "格式", "regulation.md", "号")), rule.basis["zh"]


@pytest.mark.parametrize("rule", RULES, ids=_ids(RULES))
def test_rule_has_a_passing_and_a_failing_example(rule) -> None:
    passing = [e["name"] for e in rule.examples if not e["expect"]]
    failing = [e["name"] for e in rule.examples if e["expect"]]
    assert passing, f"{rule.id} has no example that passes"
    assert failing, f"{rule.id} has no example that fails"
    assert all(n.startswith("passes_") for n in passing) and all(n.startswith("fails_") for n in failing)


@pytest.mark.parametrize("rule", RULES, ids=_ids(RULES))
def test_rule_kind_params_and_placeholders_are_known(rule) -> None:
    assert rule.kind in kinds.KIND_NAMES
    assert errors(rule.params, f"kinds/{rule.kind}") == []
    allowed = kinds.get(rule.kind).PLACEHOLDERS | COMMON_PLACEHOLDERS
    for lang in ("zh", "en"):
        assert placeholders(rule.message[lang]) <= allowed, f"{rule.id} message.{lang}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.inferred], ids=_ids([r for r in RULES if r.inferred]))
def test_an_inferred_rule_says_so_in_its_rationale(rule) -> None:
    assert any(w in rule.rationale["zh"] for w in INFERENCE_WORDS), rule.rationale["zh"]
    assert any(w in rule.rationale["en"].lower() for w in INFERENCE_WORDS), rule.rationale["en"]


@pytest.mark.parametrize("rule", [r for r in RULES if r.needs_previous], ids=_ids([r for r in RULES if r.needs_previous]))
def test_a_cross_year_rule_has_examples_with_a_previous_report(rule) -> None:
    assert all("previous" in e for e in rule.examples), rule.id


@pytest.mark.parametrize(("rule", "example"), EXAMPLES, ids=[f"{r.id}::{e['name']}" for r, e in EXAMPLES])
def test_rule_example(rule, example) -> None:
    ok, why, result = run_example(RULESET, rule, example)
    assert ok, why
    found = [f for f in result.findings if f.rule == rule.id]
    assert len(found) == len(example["expect"])
    assert all(f.severity == rule.severity and f.messages["zh"] and f.messages["en"] for f in found)


@pytest.mark.parametrize("kind", KIND_FILES)
def test_every_kind_module_is_registered(kind) -> None:
    assert kind in kinds.KIND_NAMES
    assert list(kinds.KIND_NAMES) == sorted(kinds.KIND_NAMES)


@pytest.mark.parametrize("kind", kinds.KIND_NAMES)
def test_kind_has_schema_docstring_and_tests(kind) -> None:
    module = kinds.get(kind)
    assert module.KIND == kind
    assert (schemas_dir() / "kinds" / f"{kind}.schema.json").is_file()
    source = Path(module.__file__).read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(source)) or ""
    assert doc.startswith(f"{kind} — ") and "Why:" in doc and "Placeholders:" in doc, f"{kind} docstring"
    tests = ROOT / "tests" / "kinds" / f"test_{kind}.py"
    assert tests.is_file(), f"no {tests.relative_to(ROOT)}"
    assert "def test_" in tests.read_text(encoding="utf-8")
