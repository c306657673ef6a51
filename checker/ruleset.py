"""Loading rule packs: pack.yaml, structure files and rule files, validated with positions.

A pack is a folder with a `pack.yaml`. It may `extends:` another pack (a bundled name such
as `national`, or a path) and then `overrides:` that pack's rules by id (severity, enabled,
params merged key by key, message) and adds its own rule files. Every problem is an
`InputError` that starts with file:line:column.
"""

from __future__ import annotations

import copy
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.findings import RuleInfo, Severity
from checker.resources import rules_dir
from checker.structure import Structure, load_structure
from checker.yamlsafe import Marks, load_yaml_with_marks, position

DEFAULT_PACK = "national"
MAX_EXTENDS_DEPTH = 8


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: Severity
    title: dict[str, str]
    message: dict[str, str]
    basis: dict[str, str]
    rationale: dict[str, str]
    params: dict[str, Any]
    examples: tuple[dict[str, Any], ...] = ()
    editions: tuple[str, ...] = ()
    agency_kinds: tuple[str, ...] = ()
    inferred: bool = False
    enabled: bool = True
    needs_previous: bool = False
    source: str = ""
    line: int = 1
    pack: str = ""

    def info(self) -> RuleInfo:
        return RuleInfo(
            id=self.id,
            severity=self.severity,
            title=dict(self.title),
            basis=self.basis.get("zh", ""),
            rationale=dict(self.rationale),
            kind=self.kind,
        )

    def applies(self, edition: str, agency_kind: str | None) -> bool:
        if self.editions and edition not in self.editions:
            return False
        if self.agency_kinds and agency_kind not in self.agency_kinds:
            return False
        return True


@dataclass(frozen=True)
class Ruleset:
    id: str
    title: dict[str, str]
    version: str
    rules: tuple[Rule, ...]
    structures: dict[str, Structure]
    example_base: dict[str, Path] = field(default_factory=dict)
    root: Path | None = None

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def catalog(self) -> dict[str, RuleInfo]:
        return {r.id: r.info() for r in self.rules}


def _read(path: Path) -> tuple[Any, Marks]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError("rule files must be UTF-8", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    return load_yaml_with_marks(text, str(path))


def _where(path: Path, marks: Marks, keys: tuple[Any, ...]) -> str:
    pos = position(marks, keys)
    return f"{path}:{pos[0]}:{pos[1]}" if pos else str(path)


def _placeholders(template: str) -> set[str]:
    try:
        return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError as exc:
        raise ValueError(f"bad message template: {exc}") from None


def load_rule(path: Path, pack: str = "") -> Rule:
    from checker import kinds
    from checker.kinds._base import COMMON_PLACEHOLDERS
    from checker.schemas import validate

    data, marks = _read(path)
    if not isinstance(data, dict):
        raise InputError(f"{path}:1:1: a rule file must be a mapping")
    validate(data, "rule", str(path), marks)
    try:
        kind = kinds.get(data["kind"])
    except KeyError:
        raise InputError(
            f"{_where(path, marks, ('kind',))}: unknown rule kind {data['kind']!r} "
            f"(known: {', '.join(kinds.KIND_NAMES)})"
        ) from None
    validate_params(data["params"], data["kind"], path, marks)
    allowed = kind.PLACEHOLDERS | COMMON_PLACEHOLDERS
    for lang in ("zh", "en"):
        try:
            unknown = _placeholders(data["message"][lang]) - allowed
        except ValueError as exc:
            raise InputError(f"{_where(path, marks, ('message', lang))}: {exc}") from None
        if unknown:
            raise InputError(
                f"{_where(path, marks, ('message', lang))}: unknown placeholder(s) {sorted(unknown)} "
                f"for kind {data['kind']} (known: {', '.join(sorted(allowed))})"
            )
    return _rule_from_dict(data, str(path), position(marks, ()) or (1, 1), pack)


def validate_params(params: Any, kind: str, path: Path, marks: Marks) -> None:
    from checker.schemas import errors, json_path

    found = errors(params, f"kinds/{kind}")
    if found:
        error = found[0]
        keys = ("params", *error.absolute_path)
        raise InputError(f"{_where(path, marks, keys)}: {json_path(keys)}: {error.message}")


def _rule_from_dict(data: dict[str, Any], source: str, pos: tuple[int, int], pack: str) -> Rule:
    return Rule(
        id=data["id"],
        kind=data["kind"],
        severity=Severity.parse(data["severity"]),
        title=data["title"],
        message=data["message"],
        basis=data["basis"],
        rationale=data["rationale"],
        params=data["params"],
        examples=tuple(data.get("examples", ())),
        editions=tuple(data.get("editions", ())),
        agency_kinds=tuple(data.get("agency_kinds", ())),
        inferred=data.get("inferred", False),
        enabled=data.get("enabled", True),
        needs_previous=data.get("needs_previous", False),
        source=source,
        line=pos[0],
        pack=pack,
    )


def _resolve_pack(ref: str, base: Path) -> Path:
    candidate = (base / ref).resolve()
    if candidate.exists():
        return candidate
    bundled = rules_dir() / ref
    if bundled.is_dir():
        return bundled
    raise InputError(f"cannot find pack {ref!r} (neither a path nor a bundled pack)", str(base))


def _merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in changes.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _apply_override(rule: Rule, change: dict[str, Any], where: str) -> Rule:
    from dataclasses import replace

    updated = replace(
        rule,
        severity=Severity.parse(change["severity"]) if "severity" in change else rule.severity,
        enabled=change.get("enabled", rule.enabled),
        params=_merge(rule.params, change.get("params", {})),
        message=change.get("message", rule.message),
        agency_kinds=tuple(change.get("agency_kinds", rule.agency_kinds)),
    )
    if "params" in change:
        from checker.schemas import errors

        found = errors(updated.params, f"kinds/{rule.kind}")
        if found:
            raise InputError(f"{where}: override of {rule.id} makes its params invalid: {found[0].message}")
    return updated


def _rule_files(folder: Path, patterns: list[str] | None) -> list[Path]:
    globs = patterns or ["**/*.yaml"]
    files = {p for g in globs for p in folder.glob(g) if p.is_file()}
    skip = {"pack.yaml"}
    return sorted(p for p in files if p.name not in skip and not p.name.startswith("structure-")
                  and "examples" not in p.relative_to(folder).parts[:-1])


def load_pack(folder: Path, depth: int = 0) -> Ruleset:
    from checker.schemas import validate

    if depth > MAX_EXTENDS_DEPTH:
        raise InputError("packs extend each other too deeply (a cycle?)", str(folder))
    pack_file = folder / "pack.yaml"
    data, marks = _read(pack_file)
    if not isinstance(data, dict):
        raise InputError(f"{pack_file}:1:1: pack.yaml must be a mapping")
    validate(data, "pack", str(pack_file), marks)
    parent = load_pack(_resolve_pack(data["extends"], folder), depth + 1) if "extends" in data else None
    structures = dict(parent.structures) if parent else {}
    for edition, name in data.get("structures", {}).items():
        structures[str(edition)] = load_structure(folder / name)
    if not structures:
        raise InputError(f"{pack_file}:1:1: the pack declares no structures and extends none")
    rules: dict[str, Rule] = {r.id: r for r in parent.rules} if parent else {}
    for rule_id, change in data.get("overrides", {}).items():
        where = _where(pack_file, marks, ("overrides", rule_id))
        if rule_id not in rules:
            raise InputError(f"{where}: override of unknown rule {rule_id!r}")
        rules[rule_id] = _apply_override(rules[rule_id], change, where)
    seen: dict[str, str] = {}
    for path in _rule_files(folder, data.get("rules")):
        rule = load_rule(path, data["id"])
        if rule.id in seen:
            raise InputError(f"{path}:{rule.line}:1: duplicate rule id {rule.id} (also in {seen[rule.id]})")
        if rule.id in rules and parent is not None and parent.rule(rule.id) is not None:
            raise InputError(f"{path}:{rule.line}:1: rule {rule.id} exists in {parent.id}; change it under overrides:")
        seen[rule.id] = str(path)
        rules[rule.id] = rule
    base = dict(parent.example_base) if parent else {}
    base.update({str(e): folder / p for e, p in data.get("example_base", {}).items()})
    return Ruleset(
        id=data["id"],
        title=data["title"],
        version=data.get("version", parent.version if parent else "0"),
        rules=tuple(sorted(rules.values(), key=lambda r: r.id)),
        structures=structures,
        example_base=base,
        root=folder,
    )


def load_ruleset(path: str | Path | None = None) -> Ruleset:
    """Load a pack folder (or its pack.yaml); the bundled national pack by default."""
    if path is None:
        return load_pack(rules_dir() / DEFAULT_PACK)
    p = Path(path)
    if p.is_file() and p.name == "pack.yaml":
        p = p.parent
    if p.is_dir() and (p / "pack.yaml").is_file():
        return load_pack(p)
    if not p.exists():
        bundled = rules_dir() / str(path)
        if bundled.is_dir():
            return load_pack(bundled)
        raise InputError("no such rules file or pack", str(path))
    raise InputError("not a rule pack (a folder with pack.yaml)", str(path))
