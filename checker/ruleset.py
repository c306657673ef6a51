"""Loading rule packs: pack.yaml, structure files and rule files, validated with positions.

A pack is a folder with a `pack.yaml`. It may `extends:` another pack (a bundled name such
as `national`, or a path) and then `overrides:` that pack's rules by id (severity, enabled,
params merged key by key, message) and adds its own rule files; a `cases/<ID>.yaml` file
adds examples to a rule. The checks themselves live in `checker.lint`: here a strict `Sink`
turns the first problem into an `InputError` that starts with file:line:column, while
`reportlint rules lint` passes a collecting one and sees them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.errors import InputError
from checker.findings import RuleInfo, Severity
from checker.resources import rules_dir
from checker.structure import Structure

if TYPE_CHECKING:  # loading (YAML, lint, jsonschema) is imported only on a cache miss: a cold check unpickles
    from checker.lint import Sink
    from checker.yamlsafe import Marks

DEFAULT_PACK = "national"
MAX_EXTENDS_DEPTH = 8


@dataclass(frozen=True)
class Rule:
    """One rule of a pack: its kind, the params that kind reads, and its texts."""

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
    """A loaded rule pack: its rules in order and the structures they check against."""

    id: str
    title: dict[str, str]
    version: str
    rules: tuple[Rule, ...]
    structures: dict[str, Structure]
    example_base: dict[str, Path] = field(default_factory=dict)
    root: Path | None = None
    # Rules this pack defines, overrides or adds cases to (the rest are its parent's, unchanged).
    own: frozenset[str] = frozenset()

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def catalog(self) -> dict[str, RuleInfo]:
        return {r.id: r.info() for r in self.rules}


def _read(path: Path) -> tuple[Any, Marks]:
    from checker.yamlsafe import load_yaml_file

    return load_yaml_file(path, "rule")


def read_or_report(path: Path, sink: Sink) -> tuple[Any, Marks] | None:
    try:
        return _read(path)
    except InputError as exc:
        sink.add_error(exc, path)
        return None


def load_rule_file(path: Path, pack: str, sink: Sink) -> tuple[Rule, Marks] | None:
    from checker.lint import check_rule_data
    from checker.yamlsafe import position

    read = read_or_report(path, sink)
    if read is None:
        return None
    data, marks = read
    if not check_rule_data(data, marks, path, sink):
        return None
    return _rule_from_dict(data, str(path), position(marks, ()) or (1, 1), pack), marks


def load_rule(path: Path, pack: str = "") -> Rule:
    from checker.lint import Sink

    loaded = load_rule_file(path, pack, Sink())
    assert loaded is not None  # a strict sink raised otherwise
    return loaded[0]


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


def load_pack(folder: Path, depth: int = 0) -> Ruleset:
    from checker.lint import Sink
    from checker.pack_loader import collect_pack

    ruleset = collect_pack(folder, Sink(), depth)
    assert ruleset is not None  # a strict sink raised otherwise
    return ruleset


def pack_folder(path: str | Path | None) -> Path:
    """The folder of the pack a --rules value names: a folder, its pack.yaml, or a bundled name."""
    if path is None:
        return rules_dir() / DEFAULT_PACK
    p = Path(path)
    if p.is_file() and p.name == "pack.yaml":
        p = p.parent
    if p.is_dir() and (p / "pack.yaml").is_file():
        return p
    if not p.exists():
        bundled = rules_dir() / str(path)
        if bundled.is_dir():
            return bundled
        raise InputError("no such rules file or pack", str(path))
    raise InputError("not a rule pack (a folder with pack.yaml)", str(path))


def load_ruleset(path: str | Path | None = None) -> Ruleset:
    """Load a pack folder (or its pack.yaml, or a bundled pack's name); the national pack by default."""
    return load_pack(pack_folder(path))
