"""What keeps a cold `reportlint check report.json` cheap, asserted by content, never by time:
the rule pack cache (hit, invalidation, broken entries, the regexes it vouches for) and the fast
report shape check that spares jsonschema (it may only accept what the schema accepts)."""

from __future__ import annotations

import _sre
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker import regexsafe, rulecache
from checker.kinds import _patterns
from checker.api import read_report
from checker.reportshape import conforms
from checker.resources import rules_dir
from checker.schemas import errors

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "000_2606f0613b160dcc.txt"
SEED_DOC = read_report(SEED).to_dict()


def test_the_seed_model_passes_the_fast_check_and_the_schema():
    assert conforms(SEED_DOC) and errors(SEED_DOC, "report") == []


_values = st.one_of(st.none(), st.booleans(), st.integers(-3, 3000), st.floats(allow_nan=False),
                    st.sampled_from(["", "1.0", "1.0\n", "2024-01-31", "township", "x"]), st.just([]), st.just({}))
_keys = st.sampled_from(["meta", "blocks", "type", "text", "rows", "level", "line", "page", "year",
                         "published", "agency_kind", "fields", "rowspan", "colspan", "schema_version",
                         "notes", "reader", "bogus"])


def _mutate(doc, path, key, value):
    """Set doc[path...][key] = value (for dicts) or replace an item (for lists)."""
    target = doc
    for step in path:
        if isinstance(target, dict) and target:
            target = target[sorted(target)[step % len(target)]]
        elif isinstance(target, list) and target:
            target = target[step % len(target)]
    if isinstance(target, dict):
        target[key] = value
    elif isinstance(target, list) and target:
        target[len(path) % len(target)] = value
    return doc


@given(st.lists(st.integers(0, 400), max_size=5), _keys, _values)
def test_the_fast_check_never_accepts_what_the_schema_rejects(path, key, value):
    doc = _mutate(json.loads(json.dumps(SEED_DOC)), path, key, value)
    if conforms(doc):
        assert errors(doc, "report") == []


def test_a_cache_hit_needs_no_jsonschema(tmp_path):
    report = tmp_path / "seed.json"
    report.write_text(json.dumps(SEED_DOC, ensure_ascii=False), encoding="utf-8")
    code = ("import sys; from checker.rulecache import load_ruleset_cached; from checker.api import check; "
            f"r = check({str(report)!r}, load_ruleset_cached()); "
            "print(len(r.findings), 'jsonschema' in sys.modules)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    env.pop("REPORTLINT_NO_CACHE", None)
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    findings, schema_cold = cold.stdout.split()
    assert schema_cold == "True"  # the miss validated every rule file
    assert warm.stdout.split() == [findings, "False"]  # same findings; neither rules nor report validated
    assert len(list((tmp_path / "cache" / "reportlint").glob("ruleset-*.pickle"))) == 1


def test_editing_a_rule_file_misses_the_cache_and_a_broken_entry_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    pack = tmp_path / "national"
    shutil.copytree(rules_dir() / "national", pack)
    first = rulecache.load_ruleset_cached(pack)
    rule = first.rules[0]
    source = Path(rule.source.replace(str(rules_dir() / "national"), str(pack)))
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace(rule.title["en"], rule.title["en"] + " (edited)", 1), encoding="utf-8")
    second = rulecache.load_ruleset_cached(pack)
    assert second.rule(rule.id).title["en"] == rule.title["en"] + " (edited)"
    entries = sorted((tmp_path / "cache" / "reportlint").glob("ruleset-*.pickle"))
    assert len(entries) == 2
    for entry in entries:
        entry.write_bytes(b"\x80\x05truncated")
    third = rulecache.load_ruleset_cached(pack)
    assert third.rule(rule.id).title == second.rule(rule.id).title
    assert rulecache.load_ruleset_cached(pack, use_cache=False).catalog() == third.catalog()


def test_a_changed_module_of_the_package_misses_the_cache(monkeypatch):
    """An entry pickles reportlint's own classes; a source checkout changes them without a new version."""
    import checker.rulecache as module

    key = rulecache.cache_key(None)
    real_stat = os.stat
    changed = str(Path(module.__file__).parent / "structure.py")

    def touched(path, *args, **kwargs):
        result = real_stat(path, *args, **kwargs)
        if str(path) == changed:
            return SimpleNamespace(st_size=result.st_size, st_mtime_ns=result.st_mtime_ns + 1)
        return result

    monkeypatch.setattr(module.os, "stat", touched)
    assert rulecache.cache_key(None) != key
    monkeypatch.undo()
    assert rulecache.cache_key(None) == key


def _regexes(value):
    """Every `{regex: ...}` entry's pattern in a rule's params."""
    if isinstance(value, dict):
        own = [value["regex"]] if isinstance(value.get("regex"), str) else []
        return own + [p for v in value.values() for p in _regexes(v)]
    if isinstance(value, list):
        return [p for v in value for p in _regexes(v)]
    return []


def _fresh_verdicts(monkeypatch):
    monkeypatch.setattr(regexsafe, "_accepted", set())
    regexsafe.compile_safe.cache_clear()


def test_a_cache_entry_vouches_for_the_regexes_the_loader_found_safe(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    _fresh_verdicts(monkeypatch)
    loaded = rulecache.load_ruleset_cached()  # a miss: the loader vets every regex, the entry keeps the verdicts
    vetted = regexsafe.accepted()
    patterns = {p for rule in loaded.rules for p in _regexes(rule.params)}
    assert len(patterns) > 20 and patterns <= vetted
    with pytest.raises(regexsafe.UnsafePattern):
        regexsafe.compile_safe("(a+)+$")
    assert "(a+)+$" not in regexsafe.accepted()  # a refused pattern is never vouched for

    _fresh_verdicts(monkeypatch)  # as a new process: nothing accepted yet
    cached = rulecache.load_ruleset_cached()  # a hit
    assert cached.catalog() == loaded.catalog() and regexsafe.accepted() == vetted

    def no_safety_parse(_):
        raise AssertionError("a vouched-for pattern was parsed for safety again")

    def no_compile(*_):
        raise AssertionError("a vouched-for pattern was compiled again instead of built from its form")

    expected = {pattern: re.compile(pattern) for pattern in patterns}
    monkeypatch.setattr(regexsafe, "_nested", no_safety_parse)
    monkeypatch.setattr(re, "compile", no_compile)
    for pattern in sorted(patterns):  # the same pattern (flags, code, groups) as re.compile gives
        built = regexsafe.compile_safe(pattern)
        assert built == expected[pattern] and built.groupindex == expected[pattern].groupindex
    monkeypatch.undo()
    with pytest.raises(regexsafe.UnsafePattern):  # a pattern no entry vouches for is still checked
        regexsafe.compile_safe("(x|xx)*y")


_regex_pieces = st.sampled_from(["a", "年", "[0-9]", "[^。;,0-9]", "[零〇一二两三]", "(?P<n>[0-9]+)", "(?:至|到)",
                                  "\\s*", "{1,3}", "?", "+", "*", "|", "(", ")", "^", "$", "(?!x)", "(?<=y)", "."])


@given(st.lists(_regex_pieces, max_size=8).map("".join))
def test_a_pattern_built_from_its_compiled_form_is_the_pattern_re_compiles(pattern):
    try:
        expected = re.compile(pattern)
    except re.error:
        return
    tag, forms = regexsafe.compiled_forms(frozenset([pattern]))
    built = _sre.compile(pattern, *pickle.loads(pickle.dumps(forms[pattern])))  # as a cache hit builds it
    assert built == expected and (built.groupindex, built.groups, built.flags) == (
        expected.groupindex, expected.groups, expected.flags)
    text = "2021年至2022年收到申请12件，一是x"
    assert [m.span() for m in built.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_a_compiled_form_of_another_interpreter_or_a_broken_one_is_not_used(monkeypatch):
    _fresh_verdicts(monkeypatch)
    monkeypatch.setattr(regexsafe, "_forms", {})
    pattern = "(?P<n>[0-9]+)件"
    tag, _ = regexsafe.compiled_forms(frozenset([pattern]))
    broken = {pattern: (32, [1, 2, 3], 0, {}, ())}
    regexsafe.trust(frozenset([pattern]), (("cpython-0",), broken))
    assert regexsafe._forms == {}  # another interpreter's forms are ignored
    assert regexsafe.compile_safe(pattern) == re.compile(pattern)
    regexsafe.compile_safe.cache_clear()
    regexsafe.trust(frozenset([pattern]), (tag, broken))  # the engine refuses the code: compiled as usual
    assert regexsafe.compile_safe(pattern).groupindex == {"n": 1}


def test_an_entry_in_the_old_format_is_a_miss_and_is_rewritten(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    first = rulecache.load_ruleset_cached()
    (entry,) = (tmp_path / "cache" / "reportlint").glob("ruleset-*.pickle")
    entry.write_bytes(pickle.dumps(first))  # a bare Ruleset, without the regex verdicts
    assert rulecache.load_ruleset_cached().catalog() == first.catalog()
    ruleset, safe, known, (tag, forms), required = pickle.loads(entry.read_bytes())
    assert ruleset.catalog() == first.catalog() and set(forms) == safe | known and not safe & known
    entry.write_bytes(pickle.dumps((ruleset, safe, (tag, forms))))  # the format before the requirements
    assert rulecache.load_ruleset_cached().catalog() == first.catalog()
    assert len(pickle.loads(entry.read_bytes())) == 5


def test_the_known_patterns_of_an_entry_build_what_re_compiles_and_are_not_accepted(tmp_path, monkeypatch):
    """Module regexes and escaped phrases come back from their stored forms as the very patterns
    re.compile makes, and never count as vetted rule regexes."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    _fresh_verdicts(monkeypatch)
    monkeypatch.setattr(regexsafe, "_forms", {})
    rulecache.load_ruleset_cached()
    (entry,) = (tmp_path / "cache" / "reportlint").glob("ruleset-*.pickle")
    _, safe, known, _, required = pickle.loads(entry.read_bytes())
    assert {"[0-9]", "^[0-9]+(?:\\.[0-9]+)?$"} <= known  # bind.recover's and values' module regexes
    assert {p for p, _ in required} > safe  # the phrases too
    _fresh_verdicts(monkeypatch)
    monkeypatch.setattr(regexsafe, "_forms", {})
    rulecache.load_ruleset_cached()  # a hit
    assert set(regexsafe._forms) == safe | known and not regexsafe.accepted() & (known - safe)
    for pattern in known:
        built, expected = regexsafe.compile_known(pattern), re.compile(pattern)
        assert built == expected and (built.groupindex, built.groups) == (expected.groupindex, expected.groups)


def test_the_stored_requirements_are_what_the_regexes_give_when_derived_again(tmp_path, monkeypatch):
    """The prefilter words an entry brings along are `_required`'s own, for every regex of the pack."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    rulecache.load_ruleset_cached()
    (entry,) = (tmp_path / "cache" / "reportlint").glob("ruleset-*.pickle")
    _, safe, known, _, required = pickle.loads(entry.read_bytes())
    assert safe and {source for source, _ in required} >= set(safe)
    assert all(flags == re.compile(source).flags for source, flags in required)  # keyed as Scope.may_match asks
    saved = dict(_patterns._known)
    _patterns._known.clear()
    try:
        for (source, flags), words in required.items():
            assert _patterns.required_words.__wrapped__(source, flags) == words  # derived with re's parser
    finally:
        _patterns._known.update(saved)
