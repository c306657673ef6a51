"""Collecting a rule pack: its parent, structures, overrides, own rule files and case files.

`checker.ruleset.load_pack` calls `collect_pack` with a strict `Sink` (the first problem is an
InputError); `reportlint rules lint` calls it with a collecting one, so a broken file, a
bad override or an unknown name is reported and the rest of the pack is still checked.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.findings import Severity
from checker.lint import Sink, check_examples, check_placeholders, schema_problems
from checker.lint_meaning import check_example_names, check_meaning
from checker.resources import rules_dir
from checker.ruleset import DEFAULT_PACK, MAX_EXTENDS_DEPTH, Rule, Ruleset, load_pack, load_rule_file, read_or_report
from checker.structure import Structure, load_structure
from checker.yamlsafe import Marks

def _resolve_pack(ref: str, base: Path) -> Path | None:
    candidate = (base / ref).resolve()
    if candidate.exists():
        return candidate
    bundled = rules_dir() / ref
    return bundled if bundled.is_dir() else None


def _merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in changes.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _apply_override(rule: Rule, change: dict[str, Any], pack_file: Path, marks: Marks,
                    structures: dict[str, Structure], sink: Sink) -> Rule:
    from checker import kinds

    updated = replace(
        rule,
        severity=Severity.parse(change["severity"]) if "severity" in change else rule.severity,
        enabled=change.get("enabled", rule.enabled),
        params=_merge(rule.params, change.get("params", {})),
        message=change.get("message", rule.message),
        agency_kinds=tuple(change.get("agency_kinds", rule.agency_kinds)),
    )
    keys = ("overrides", rule.id)
    kind = kinds.get(rule.kind)
    if "params" in change:
        if schema_problems(updated.params, f"kinds/{rule.kind}", pack_file, marks, sink, (*keys, "params"), "params"):
            check_meaning(updated.params, kind, updated.editions, structures, pack_file, marks, (*keys, "params"), sink)
    if "message" in change:
        check_placeholders(updated.message, kind, pack_file, marks, (*keys, "message"), sink)
    return updated


def _rule_files(folder: Path, patterns: list[str] | None) -> list[Path]:
    globs = patterns or ["**/*.yaml"]
    files = {p for g in globs for p in folder.glob(g) if p.is_file()}
    skip = {"pack.yaml"}
    return sorted(p for p in files if p.name not in skip and not p.name.startswith("structure-")
                  and not {"examples", "cases"} & set(p.relative_to(folder).parts[:-1]))


def collect_pack(folder: Path, sink: Sink, depth: int = 0) -> Ruleset | None:
    """Load a pack, reporting each problem to `sink`; None when pack.yaml itself is unusable."""
    pack_file = folder / "pack.yaml"
    read = read_or_report(pack_file, sink)
    if read is None:
        return None
    data, marks = read
    if not isinstance(data, dict):
        sink.add(pack_file, marks, (), "schema", "pack.yaml 须为键值映射", "pack.yaml must be a mapping")
        return None
    valid = schema_problems(data, "pack", pack_file, marks, sink)
    if not valid:  # lint goes on to find the rest; the loader has raised already
        data = {k: v for k, v in data.items() if k in ("id", "title", "extends", "rules")}
        data.setdefault("id", folder.name)
        data.setdefault("title", {"zh": folder.name, "en": folder.name})
    parent = _parent(data, folder, pack_file, marks, sink, depth)
    structures = dict(parent.structures) if parent else {}
    for edition, name in data.get("structures", {}).items():
        try:
            structures[str(edition)] = load_structure(folder / name)
        except InputError as exc:
            sink.add_error(exc, folder / name, "structure")
    if not structures and parent is None and "extends" in data:
        return None  # the missing parent was reported; its structures are what is missing
    if not structures:
        sink.add(pack_file, marks, (), "pack", "规则包既未声明格式结构（structures），也未继承（extends）其他规则包",
                 "the pack declares no structures and extends none")
        return None
    rules: dict[str, Rule] = {r.id: r for r in parent.rules} if parent else {}
    own: set[str] = set()
    for rule_id, change in data.get("overrides", {}).items():
        if rule_id not in rules:
            sink.add(pack_file, marks, ("overrides", rule_id), "unknown-override",
                     f"覆盖了不存在的规则 {rule_id}", f"override of unknown rule {rule_id!r}", at_key=True)
        else:
            rules[rule_id] = _apply_override(rules[rule_id], change, pack_file, marks, structures, sink)
            own.add(rule_id)
    rule_marks = _own_rules(folder, data, parent, structures, rules, sink)
    own.update(rule_marks)
    retuned = {i for i, c in data.get("overrides", {}).items() if isinstance(c, dict) and "params" in c}
    for rule_id, cases in _cases(folder, rules, structures, sink).items():
        # The inherited examples describe the inherited params; with new params, the pack's cases replace them.
        kept = () if rule_id in retuned else rules[rule_id].examples
        rules[rule_id] = replace(rules[rule_id], examples=kept + cases)
        own.add(rule_id)
    if sink.collect:  # the loader runs rules whose examples are incomplete; lint and `rules test` say so
        for rule_id in sorted(own):
            rule = rules[rule_id]
            check_examples(rule.examples, rule_id, rule.source, rule_marks.get(rule_id), sink)
    base = dict(parent.example_base) if parent else {}
    for edition, name in data.get("example_base", {}).items():
        if not (folder / name).is_file():
            sink.add(pack_file, marks, ("example_base", edition), "pack", f"找不到示例报告 {name}",
                     f"example report {name!r} not found")
        base[str(edition)] = folder / name
    return Ruleset(
        id=data["id"],
        title=data["title"],
        version=data.get("version", parent.version if parent else "0"),
        rules=tuple(sorted(rules.values(), key=lambda r: r.id)),
        structures=structures,
        example_base=base,
        root=folder,
        own=frozenset(own),
    )


def _parent(data: dict[str, Any], folder: Path, pack_file: Path, marks: Marks, sink: Sink, depth: int) -> Ruleset | None:
    if "extends" not in data:
        return None
    if depth >= MAX_EXTENDS_DEPTH:
        sink.add(pack_file, marks, ("extends",), "pack", "规则包相互继承层数过多（是否循环继承？）",
                 "packs extend each other too deeply (a cycle?)")
        return None
    found = _resolve_pack(str(data["extends"]), folder)
    if found is None:
        sink.add(pack_file, marks, ("extends",), "pack", f"找不到被继承的规则包“{data['extends']}”（既不是路径也不是内置规则包）",
                 f"cannot find pack {data['extends']!r} (neither a path nor a bundled pack)")
        return None
    return collect_pack(found, sink, depth + 1)


def _own_rules(folder: Path, data: dict[str, Any], parent: Ruleset | None, structures: dict[str, Structure],
               rules: dict[str, Rule], sink: Sink) -> dict[str, Marks]:
    """The pack's own rule files, checked against its structures; returns each rule's marks."""
    from checker import kinds

    seen: dict[str, Marks] = {}
    for path in _rule_files(folder, data.get("rules")):
        loaded = load_rule_file(path, data["id"], sink)
        if loaded is None:
            continue
        rule, marks = loaded
        if rule.id in seen:
            sink.add(path, marks, ("id",), "duplicate-id", f"规则编号 {rule.id} 重复（另见 {rules[rule.id].source}）",
                     f"duplicate rule id {rule.id} (also in {rules[rule.id].source})")
            continue
        if parent is not None and parent.rule(rule.id) is not None:
            sink.add(path, marks, ("id",), "duplicate-id", f"规则 {rule.id} 已在 {parent.id} 中定义；请在 pack.yaml 的 overrides 下修改",
                     f"rule {rule.id} exists in {parent.id}; change it under overrides: in pack.yaml")
            continue
        check_meaning(rule.params, kinds.get(rule.kind), rule.editions, structures, path, marks, ("params",), sink)
        if sink.collect:  # examples are not run when a pack loads; lint and `rules test` report their names
            check_example_names(rule.examples, structures, path, marks, ("examples",), sink)
        seen[rule.id] = marks
        rules[rule.id] = rule
    return seen


def _cases(folder: Path, rules: dict[str, Rule], structures: dict[str, Structure],
           sink: Sink) -> dict[str, tuple[dict[str, Any], ...]]:
    """cases/<RULE-ID>.yaml: more examples for a rule of this pack or of one it extends."""
    out: dict[str, tuple[dict[str, Any], ...]] = {}
    for path in sorted((folder / "cases").glob("*.yaml")):
        read = read_or_report(path, sink)
        if read is None:
            continue
        data, marks = read
        if path.stem not in rules:
            sink.add(path, marks, (), "cases", f"用例文件名须为规则编号，但没有规则 {path.stem}",
                     f"a case file is named after its rule, but there is no rule {path.stem}")
        elif schema_problems(data, "cases", path, marks, sink):
            out[path.stem] = tuple(data)
            if sink.collect:
                check_example_names(data, structures, path, marks, (), sink)
    return out


def collect_rule_file(path: Path, sink: Sink) -> Rule | None:
    """One rule file on its own, checked against the national pack's structures (for `rules lint FILE`)."""
    from checker import kinds

    national = load_pack(rules_dir() / DEFAULT_PACK)
    loaded = load_rule_file(path, "", sink)
    if loaded is None:
        return None
    rule, marks = loaded
    check_meaning(rule.params, kinds.get(rule.kind), rule.editions, national.structures, path, marks, ("params",), sink)
    check_examples(rule.examples, rule.id, path, marks, sink)
    check_example_names(rule.examples, national.structures, path, marks, ("examples",), sink)
    return rule
