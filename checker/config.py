"""Project configuration: find it, validate it, and resolve settings in one place.

Precedence, lowest to highest, applied only in `resolve()`: built-in defaults < the rule pack (each
rule's severity and `enabled`) < the project file < command-line options (house-style §4.7). The
project file is the closest `.reportlint.yaml` (or `pyproject.toml` with `[tool.reportlint]`) walking
up from the working folder, stopping at the repository root (a folder with `.git`) or home; files in
different folders are never merged. `--config FILE` names one, `--isolated` ignores them all.

Selection is by rule id or id prefix and the longest matching pattern decides, so `ignore: [ID]` plus
`select: [ID-T3-BALANCE]` keeps that one rule. A prefix never re-enables a rule its pack switched off;
naming the exact id does. Patterns that match no rule are errors, with file:line:col, so typos are loud.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.errors import InputError
from checker.findings import Severity

if TYPE_CHECKING:  # YAML is read only when a project file exists; a cold check without one never imports it
    from checker.ruleset import Ruleset
    from checker.yamlsafe import Marks

CONFIG_NAMES = (".reportlint.yaml", ".reportlint.yml")
PYPROJECT = "pyproject.toml"
PATH_KEYS = ("rules", "baseline")


@dataclasses.dataclass(frozen=True)
class Settings:
    """Everything `reportlint check` needs besides the inputs; None means "not set"."""

    rules: str | None = None
    select: tuple[str, ...] | None = None  # None: every rule the pack enables
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = dataclasses.field(default_factory=dict)
    agency_kind: str | None = None
    lang: str | None = None
    format: tuple[str, ...] = ()  # empty: the CLI picks table (or github on GitHub Actions)
    output: tuple[str, ...] = ()
    fail_on: str = "error"
    max_warnings: int | None = None
    baseline: str | None = None
    config_file: str | None = None
    # "select:ID" → "file:line:col" (or "--select"), so a pattern that matches nothing says where it came from
    origins: Mapping[str, str] = dataclasses.field(default_factory=dict)


def discover(start: Path, home: Path | None = None) -> Path | None:
    """The closest project file from ``start`` upwards; stops at a `.git` folder's parent or home."""
    home = (home or Path.home()).resolve()
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        if _has_tool_table(folder / PYPROJECT):
            return folder / PYPROJECT
        if (folder / ".git").exists() or folder == home:
            return None
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return pyproject.is_file() and "[tool.reportlint" in pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:  # unreadable: not ours to judge while searching
        return False


def _toml_marks(text: str) -> Marks:
    """Line numbers of `[tool.reportlint…]` headers and their keys (tomllib keeps no positions)."""
    marks: Marks = {}
    section: tuple[str, ...] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[\s*tool\.reportlint(?:\.([\w-]+))?\s*\]", line)
        if header:
            section = (header[1],) if header[1] else ()
            marks.setdefault(section, (number, 1))
        elif re.match(r"\s*\[", line):
            section = None
        elif section is not None and (key := re.match(r"\s*([\w-]+|\"[^\"]+\")\s*=", line)):
            marks[(*section, key[1].strip('"'))] = (number, key.start(1) + 1)
    return marks


def _read_pyproject(path: Path, text: str) -> tuple[Any, Marks]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            raise InputError("reading [tool.reportlint] needs Python 3.11+ (or tomli)", str(path)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"malformed TOML: {exc}", str(path)) from None
    section = data.get("tool", {}).get("reportlint")
    if section is None:
        raise InputError("no [tool.reportlint] table", str(path))
    return section, _toml_marks(text)


def load_file(path: Path) -> tuple[dict[str, Any], Marks]:
    """Read and validate one project file; every problem is an InputError with file:line:col."""
    from checker.schemas import load_schema, validate
    from checker.yamlsafe import load_yaml_with_marks, position, read_utf8

    text = read_utf8(path, "config")
    if path.name == PYPROJECT:
        data, marks = _read_pyproject(path, text)
    else:
        data, marks = load_yaml_with_marks(text, str(path))
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise InputError(f"{path}:1:1: a config file must be a mapping of settings")
    known = load_schema("config")["properties"]
    for key in data:
        if key not in known:  # the schema error would point at the mapping, not the misspelt key
            line, col = position(marks, (key,)) or (1, 1)
            raise InputError(f"{path}:{line}:{col}: unknown setting {key!r} (known: {', '.join(known)})")
    validate(data, "config", str(path), marks)
    return data, marks


def _from_file(path: Path) -> dict[str, Any]:
    from checker.yamlsafe import position

    data, marks = load_file(path)
    base = path.parent
    values: dict[str, Any] = {"config_file": str(path)}
    origins: dict[str, str] = {}
    for key, value in data.items():
        if key in PATH_KEYS:
            local = base / value
            value = str(local) if key == "baseline" or local.exists() else value  # else a bundled pack name
        elif key == "output":
            value = tuple(str(base / v) for v in value)
        elif key in ("select", "ignore"):
            value = tuple(v.upper() for v in value)
        elif key == "format":
            value = tuple(value)
        elif key == "severity":
            value = {k.upper(): v for k, v in value.items()}
        values[key] = value

    def where(keys: tuple[Any, ...]) -> str:
        line, col = position(marks, keys) or (1, 1)
        return f"{path}:{line}:{col}"

    for key in ("select", "ignore"):
        origins.update({f"{key}:{p}": where((key, i)) for i, p in enumerate(values.get(key, ()))})
    origins.update({f"severity:{raw.upper()}": where(("severity", raw)) for raw in data.get("severity", {})})
    values["origins"] = origins
    return values


def resolve(cli: Mapping[str, Any], *, config_file: str | None = None, isolated: bool = False,
            cwd: Path | None = None, home: Path | None = None) -> Settings:
    """Defaults < project file < command line (the pack layer applies in `configure`).

    ``cli`` holds the command-line values by setting name; None (or an empty sequence) means unset.
    """
    if config_file and isolated:
        raise InputError("--config and --isolated exclude each other")
    values: dict[str, Any] = {}
    if config_file:
        values = _from_file(Path(config_file))
    elif not isolated:
        found = discover(cwd or Path.cwd(), home)
        values = _from_file(found) if found else {}
    origins = dict(values.pop("origins", {}))
    for key, value in cli.items():
        if value is None or (isinstance(value, (tuple, list)) and not value):
            continue
        if key in ("select", "ignore"):
            value = tuple(p.strip().upper() for item in value for p in item.split(",") if p.strip())
            origins.update({f"{key}:{p}": f"--{key}" for p in value})
        values[key] = tuple(value) if isinstance(value, list) else value
    return Settings(**values, origins=origins)


def _longest(rule_id: str, patterns: Sequence[str] | Mapping[str, str]) -> str | None:
    matching = [p for p in patterns if rule_id.startswith(p)]
    return max(matching, key=len) if matching else None


def is_selected(rule_id: str, enabled: bool, select: Sequence[str] | None, ignore: Sequence[str]) -> bool:
    """The longest matching pattern decides; ties go to ignore; no match keeps the pack's choice."""
    chosen = _longest(rule_id, select or ())
    ignored = _longest(rule_id, ignore)
    if chosen is not None and (ignored is None or len(chosen) > len(ignored)):
        return enabled or chosen == rule_id
    if ignored is not None:
        return False
    return enabled if select is None else False


def configure(ruleset: Ruleset, settings: Settings) -> Ruleset:
    """The ruleset with the settings' selection and severities applied (dataclasses.replace)."""
    ids = [r.id for r in ruleset.rules]
    patterns = [("select", p) for p in settings.select or ()] + [("ignore", p) for p in settings.ignore]
    patterns += [("severity", p) for p in settings.severity]
    for key, pattern in patterns:
        if not any(i.startswith(pattern) for i in ids):
            where = settings.origins.get(f"{key}:{pattern}", key)
            raise InputError(f"{where}: {key}: {pattern!r} matches no rule of pack {ruleset.id!r}")
    rules = []
    for rule in ruleset.rules:
        level = _longest(rule.id, settings.severity)
        rules.append(dataclasses.replace(
            rule,
            enabled=is_selected(rule.id, rule.enabled, settings.select, settings.ignore),
            severity=Severity.parse(settings.severity[level]) if level else rule.severity,
        ))
    return dataclasses.replace(ruleset, rules=tuple(rules))


def load_configured_ruleset(settings: Settings, use_cache: bool = False) -> Ruleset:
    """The configured ruleset; `use_cache` serves the pack from checker.rulecache (the check command)."""
    from checker.rulecache import load_ruleset_cached

    return configure(load_ruleset_cached(settings.rules, use_cache=use_cache), settings)
