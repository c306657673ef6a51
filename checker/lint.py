"""Rule-pack checks: every problem at file:line:column, in Chinese and English.

`checker.ruleset` runs these checks while it loads a pack and stops at the first problem, so
a pack that loads is a pack that lints clean; `reportlint rules lint` runs the same loader
with a collecting `Sink` and shows every problem at once, so policy staff fix a pack in one
pass. Kinds declare which params name parts, tables, rows or columns (`REFERENCES`) and
which hold regexes (`REGEX_PARAMS`); nothing here knows a kind by name.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.yamlsafe import Marks, key_position, position

_WHERE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$", re.S)


@dataclass(frozen=True)
class LintProblem:
    path: str
    line: int
    column: int
    code: str
    message_zh: str
    message_en: str

    def message(self, lang: str) -> str:
        return self.message_zh if lang == "zh" else self.message_en

    def format(self, lang: str = "en") -> str:
        return f"{self.path}:{self.line}:{self.column}: [{self.code}] {self.message(lang)}"


@dataclass
class Sink:
    """Where problems go: raised as an InputError at the first one (loading) or collected (lint)."""

    collect: bool = False
    problems: list[LintProblem] = field(default_factory=list)

    def add(self, path: Path | str, marks: Marks | None, keys: tuple[Any, ...], code: str, zh: str, en: str,
            *, at_key: bool = False) -> None:
        pos = (key_position if at_key else position)(marks, keys) if marks else None
        line, column = pos or (1, 1)
        problem = LintProblem(str(path), line, column, code, zh, en)
        if not self.collect:
            where = f"{problem.path}:{line}:{column}"
            raise InputError(f"{where}: {en}", zh=f"{where}: {zh}")
        self.problems.append(problem)

    def add_error(self, exc: InputError, path: Path | str, code: str = "yaml") -> None:
        """An InputError another loader raised (YAML syntax, a structure file) as one problem."""
        if not self.collect:
            raise exc
        text = str(exc)
        match = _WHERE.match(text)
        if match:
            line, column, message = int(match["line"]), int(match["column"]), match["message"]
            path = match["path"]
        else:
            line, column = 1, 1
            message = text.removeprefix(f"{path}: ")
        self.problems.append(LintProblem(str(path), line, column, code, f"无法读取：{message}", message))


def placeholders(template: str) -> set[str]:
    """The {names} a message template uses; ValueError when it is malformed."""
    try:
        return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError as exc:
        raise ValueError(f"bad message template: {exc}") from None


# --- schema -------------------------------------------------------------------------------

def _schema_zh(error: Any, where: str) -> str:
    value = error.validator_value
    if error.validator == "required":  # one error per missing key; its name is in the message
        missing = re.match(r"'(.+)' is a required property", error.message)
        return f"{where}：缺少必填项 {missing[1] if missing else '、'.join(value)}"
    if error.validator == "additionalProperties":
        return f"{where}：不认识的键 {'、'.join(_extra_keys(error))}"
    if error.validator == "enum":
        return f"{where}：取值须为 {' / '.join(map(str, value))} 之一"
    if error.validator == "type":
        return f"{where}：类型应为 {value}"
    if error.validator == "pattern":
        return f"{where}：“{error.instance}”不符合格式 {value}"
    if error.validator == "minItems":
        return f"{where}：至少需要 {value} 项"
    return f"{where}：不符合规则格式（{error.message}）"


def _extra_keys(error: Any) -> list[str]:
    known = error.schema.get("properties", {})
    return [k for k in error.instance if k not in known] if isinstance(error.instance, dict) else []


def schema_problems(instance: Any, schema: str, path: Path | str, marks: Marks | None, sink: Sink,
                    prefix: tuple[Any, ...] = (), code: str = "schema") -> bool:
    """Every schema error of `instance` (found at `prefix` in the file); True when there is none."""
    return not schema_error_paths(instance, schema, path, marks, sink, prefix, code)


def schema_error_paths(instance: Any, schema: str, path: Path | str, marks: Marks | None, sink: Sink,
                       prefix: tuple[Any, ...] = (), code: str = "schema") -> list[tuple[Any, ...]]:
    """Report every schema error; return where each one is (relative to `instance`)."""
    from checker.schemas import errors, json_path

    found = errors(instance, schema)
    for error in found:
        keys = (*prefix, *error.absolute_path)
        where = json_path(keys)
        extra = _extra_keys(error) if error.validator == "additionalProperties" else []
        at_key = error.validator == "required" or bool(extra)
        sink.add(path, marks, (*keys, extra[0]) if extra else keys, code, _schema_zh(error, where),
                 f"{where}: {' '.join(error.message.split())[:200]}", at_key=at_key)
    return [tuple(error.absolute_path) for error in found]


# --- one rule file ------------------------------------------------------------------------

def check_rule_data(data: Any, marks: Marks, path: Path, sink: Sink) -> bool:
    """Schema, kind, params and message placeholders of one rule file; False when it is unusable."""
    from checker import kinds

    if not isinstance(data, dict):
        sink.add(path, marks, (), "schema", "规则文件须为键值映射", "a rule file must be a mapping")
        return False
    # A rule with bad examples can still be checked for meaning; any other schema error makes it unusable.
    ok = all(keys[:1] == ("examples",) for keys in schema_error_paths(data, "rule", path, marks, sink))
    name = data.get("kind")
    if not isinstance(name, str):
        return False
    try:
        kind = kinds.get(name)
    except KeyError:
        known = ", ".join(kinds.KIND_NAMES)
        sink.add(path, marks, ("kind",), "unknown-kind", f"未知的规则类型“{name}”（可用：{known}）",
                 f"unknown rule kind {name!r} (known: {known})")
        return False
    if isinstance(data.get("params"), dict):
        ok &= schema_problems(data["params"], f"kinds/{name}", path, marks, sink, ("params",), "params")
    if isinstance(data.get("message"), dict):  # a bad placeholder does not hide the params' problems
        check_placeholders(data["message"], kind, path, marks, ("message",), sink)
    return ok


def check_placeholders(message: dict[str, Any], kind: Any, path: Path | str, marks: Marks | None,
                       keys: tuple[Any, ...], sink: Sink) -> bool:
    from checker.kinds._base import COMMON_PLACEHOLDERS

    allowed = kind.PLACEHOLDERS | COMMON_PLACEHOLDERS
    ok = True
    for lang in ("zh", "en"):
        template = message.get(lang)
        if not isinstance(template, str):
            continue
        try:
            unknown = sorted(placeholders(template) - allowed)
        except ValueError as exc:
            sink.add(path, marks, (*keys, lang), "placeholder", f"消息模板写法有误：{exc}", str(exc))
            ok = False
            continue
        if unknown:
            known = ", ".join(sorted(allowed))
            sink.add(path, marks, (*keys, lang), "placeholder",
                     f"未知的占位符 {unknown}（{kind.KIND} 类型可用：{known}）",
                     f"unknown placeholder(s) {unknown} for kind {kind.KIND} (known: {known})")
            ok = False
    return ok


def check_examples(examples: list[dict[str, Any]] | tuple[dict[str, Any], ...], rule_id: str,
                   path: Path | str, marks: Marks | None, sink: Sink) -> None:
    """A rule needs at least one case where it stays silent and one where it fires."""
    has = {"passes" if not e.get("expect") else "fails" for e in examples if isinstance(e, dict)}
    for missing, zh in (("passes", "通过（expect: []）"), ("fails", "不通过（expect 列出应有的发现）")):
        if missing not in has:
            sink.add(path, marks, ("examples",), "examples", f"规则 {rule_id} 缺少{zh}的示例",
                     f"rule {rule_id} has no example that {missing}", at_key=True)


# --- whole packs ----------------------------------------------------------------------------

def lint_path(path: str | Path | None) -> list[LintProblem]:
    """Every problem of a pack folder (or its pack.yaml, or one rule file checked against `national`)."""
    from checker.pack_loader import collect_pack, collect_rule_file
    from checker.ruleset import pack_folder

    sink = Sink(collect=True)
    target = Path(path) if path is not None else None
    if target is not None and target.is_file() and target.name != "pack.yaml":
        collect_rule_file(target, sink)
    else:
        collect_pack(pack_folder(path), sink)
    unique = dict.fromkeys(sink.problems)
    return sorted(unique, key=lambda p: (p.path, p.line, p.column, p.code))


def render(problems: list[LintProblem], lang: str) -> str:
    lines = [p.format(lang) for p in problems]
    count = len(problems)
    lines.append(f"共 {count} 个问题" if lang == "zh" else f"{count} problem{'s' if count != 1 else ''}")
    return "\n".join(lines)
