"""Meaning checks of rule params: the names they use exist, their regexes are safe.

A kind declares `REFERENCES` (param path → "part" | "table" | "row" | "column" | "cell", or a
function of the params that says which, e.g. linear_identity's operands are rows when `each:
column`) and `REGEX_PARAMS` (param paths holding regexes). A path is dotted keys, `[]` for "each
item": `identities[].left[]`; a bare `[]` is each item of a list of lists. Rows and columns are
looked up in the tables the same params name, in every edition the rule applies to; `@name` is a
group of that table. A "cell" is `table/row/column` on its own. A row or column written
`this.<id>` or `prev.<id>` (previous_cells, which is not assessable on an edition lacking the
name) must exist in one edition the rule applies to; for `prev.`, in one edition of the pack. `check_example_names` checks the
names an example's `given` (and `previous`) uses against the edition it builds.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from checker.lint import Sink
from checker.yamlsafe import Marks


def _tokens(spec: str) -> list[tuple[str, bool]]:
    return [(p[:-2], True) if p.endswith("[]") else (p, False) for p in spec.split(".")]


def walk(node: Any, spec: str, keys: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """The values a param path such as `identities[].left[]` names, with their key paths."""
    yield from _walk(node, _tokens(spec), keys)


def _walk(node: Any, tokens: list[tuple[str, bool]], keys: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if not tokens:
        yield keys, node
        return
    name, each = tokens[0]
    if not name and isinstance(node, list):  # a bare [] : each item of this list
        for index, item in enumerate(node):
            yield from _walk(item, tokens[1:], (*keys, index))
        return
    if not isinstance(node, dict) or name not in node:
        return
    child, child_keys = node[name], (*keys, name)
    if not each:
        yield from _walk(child, tokens[1:], child_keys)
    elif isinstance(child, list):
        for index, item in enumerate(child):
            yield from _walk(item, tokens[1:], (*child_keys, index))


def _known(name: str, options: list[str]) -> tuple[str, str]:
    close = difflib.get_close_matches(name, options, n=1)
    hint_zh = f"；是否应为“{close[0]}”？" if close else ""
    hint_en = f"; did you mean {close[0]!r}?" if close else ""
    shown = ", ".join(options[:12]) + (" …" if len(options) > 12 else "")
    return f"（可用：{shown}）{hint_zh}", f" (known: {shown}){hint_en}"


def check_meaning(params: dict[str, Any], kind: Any, editions: tuple[str, ...] | list[str], structures: dict[str, Any],
                  path: Path | str, marks: Marks | None, prefix: tuple[Any, ...], sink: Sink) -> None:
    """Names of parts/tables/rows/columns/@groups exist in the pack's structures; regexes are safe."""
    unknown_editions = [e for e in editions if e not in structures]
    for edition in unknown_editions:
        zh, en = _known(edition, sorted(structures))
        sink.add(path, marks, ("editions",), "reference", f"规则包没有 {edition} 年格式{zh}",
                 f"the pack has no {edition} format{en}")
    specs = [structures[e] for e in (editions or sorted(structures)) if e in structures]
    refs: dict[str, str | Callable[[dict[str, Any]], str]] = getattr(kind, "REFERENCES", {})
    resolved = [(spec, what(params) if callable(what) else what) for spec, what in refs.items()]
    tables = [name for spec, what in resolved if what == "table" for _, name in walk(params, spec)]
    every = [structures[e] for e in sorted(structures)]
    for spec, what in resolved:
        for keys, name in walk(params, spec):
            if not isinstance(name, str):
                continue
            where = (*prefix, *keys)
            if what == "cell":
                _check_cell(name, specs, path, marks, where, sink)
            elif what in ("row", "column") and name.startswith(("this.", "prev.")):
                who, bare = name.split(".", 1)
                # previous_cells: a name an edition lacks makes the rule not assessable there, by design
                _check_name(what, bare, tables, every if who == "prev" else specs, path, marks, where, sink,
                            any_edition=True)
            else:
                _check_name(what, name, tables, specs, path, marks, where, sink)
    for spec in getattr(kind, "REGEX_PARAMS", ()):
        for keys, pattern in walk(params, spec):
            if isinstance(pattern, str):
                check_regex(pattern, path, marks, (*prefix, *keys), sink)


def _check_cell(ref: str, specs: list[Any], path: Path | str, marks: Marks | None, keys: tuple[Any, ...],
                sink: Sink, at_key: bool = False, shape: tuple[str, ...] = ("table", "row", "column")) -> None:
    """A `table/row/column` reference (or `table/row` for `shape=("table", "row")`): one problem at most."""
    parts = ref.split("/")
    if len(parts) != len(shape):
        written = "/".join({"table": "表", "row": "行", "column": "栏"}[w] for w in shape)
        sink.add(path, marks, keys, "reference", f"“{ref}”应写作 {written}", f"{ref!r} is not {'/'.join(shape)}",
                 at_key=at_key)
        return
    probe = Sink(collect=True)
    for what, name in zip(shape, parts):
        _check_name(what, name, [parts[0]], specs, path, marks, keys, probe)
        if probe.problems:
            first = probe.problems[0]
            sink.add(path, marks, keys, "reference", f"“{ref}”：{first.message_zh}", f"{ref!r}: {first.message_en}",
                     at_key=at_key)
            return


def _check_name(what: str, name: str, tables: list[str], specs: list[Any], path: Path | str,
                marks: Marks | None, keys: tuple[Any, ...], sink: Sink, any_edition: bool = False) -> None:
    labels = {"part": ("部分", "part"), "table": ("表", "table"), "row": ("行", "row"), "column": ("栏", "column")}
    if what == "part":
        for spec in specs:
            options = [p.id for p in spec.parts]
            if name not in options:
                zh, en = _known(name, options)
                sink.add(path, marks, keys, "reference", f"{spec.edition}年格式没有部分“{name}”{zh}",
                         f"the {spec.edition} format has no part {name!r}{en}")
        return
    if what == "table":
        options = sorted({t.id for spec in specs for t in spec.tables})
        if name not in options:
            zh, en = _known(name, options)
            sink.add(path, marks, keys, "reference", f"没有统计表“{name}”{zh}", f"no table {name!r}{en}")
        return
    for table_id in dict.fromkeys(tables):
        missing: list[str] = []  # editions whose table lacks the name: one problem, not one per edition
        options: list[str] = []
        for spec in specs:
            table = spec.table(table_id)
            if table is None:
                continue
            if name.startswith("@"):
                names = ["@" + g for g in table.groups]
            else:
                names = [r.id for r in table.rows] if what == "row" else [c.id for c in table.columns]
            if name not in names:
                missing.append(spec.edition)
                options = list(dict.fromkeys(options + names)) if any_edition else options or names
            elif any_edition:
                missing = []
                break
        if missing:
            zh, en = _known(name, options)
            noun_zh, noun_en = labels[what] if not name.startswith("@") else ("分组", "group")
            editions = "、".join(missing)
            sink.add(path, marks, keys, "reference", f"表 {table_id}（{editions}年格式）没有{noun_zh}“{name}”{zh}",
                     f"table {table_id} ({', '.join(missing)} format) has no {noun_en} {name!r}{en}")


_REGEX_ZH = (
    ("pattern longer", "正则表达式过长"),
    ("does not compile", "正则表达式无法编译"),
    ("nested unbounded", "嵌套的无界重复（如 (a+)+）可能导致灾难性回溯"),
    ("three or more", "连续三个以上无界重复可能导致严重回溯，请限定次数"),
)


def check_regex(pattern: str, path: Path | str, marks: Marks | None, keys: tuple[Any, ...], sink: Sink) -> None:
    from checker.regexsafe import UnsafePattern, compile_safe

    try:
        compile_safe(pattern)
    except UnsafePattern as exc:
        reason = str(exc)
        zh = next((z for start, z in _REGEX_ZH if reason.startswith(start)), "正则表达式不安全")
        sink.add(path, marks, keys, "regex", f"“{pattern}”：{zh}（{reason}）", f"regex {pattern!r}: {reason}")


# What an example's `given` names: (key, what, the names are the mapping's keys).
_GIVEN_NAMES = (("cells", "cell", True), ("rows", "row_ref", True), ("headings", "part", True),
                ("parts", "part", True), ("append", "part", True), ("remove_parts", "part", False),
                ("remove_tables", "table", False))


def check_example_names(examples: Any, structures: dict[str, Any], path: Path | str, marks: Marks | None,
                        prefix: tuple[Any, ...], sink: Sink) -> None:
    """The parts, tables, rows and cells each example's `given` and `previous` name exist in its edition."""
    if not isinstance(examples, (list, tuple)):
        return
    for index, example in enumerate(examples):
        if not isinstance(example, dict):
            continue
        for side in ("given", "previous"):
            given = example.get(side)
            if isinstance(given, dict):
                _given_names(given, structures, path, marks, (*prefix, index, side), sink)


def _given_names(given: dict[str, Any], structures: dict[str, Any], path: Path | str, marks: Marks | None,
                 keys: tuple[Any, ...], sink: Sink) -> None:
    edition = str(given.get("edition", "2021"))
    if edition not in structures:
        return  # the example fails when it runs, saying so
    specs = [structures[edition]]
    for field, what, are_keys in _GIVEN_NAMES:
        value = given.get(field)
        names = list(value) if are_keys and isinstance(value, dict) else value if isinstance(value, list) else []
        for position, name in enumerate(names):
            if not isinstance(name, str):
                continue
            where = (*keys, field, name if are_keys else position)
            if what in ("cell", "row_ref"):
                shape = ("table", "row", "column") if what == "cell" else ("table", "row")
                _check_cell(name, specs, path, marks, where, sink, at_key=True, shape=shape)
            else:
                probe = Sink(collect=True)
                _check_name(what, name, [], specs, path, marks, where, probe)
                for problem in probe.problems:
                    sink.add(path, marks, where, "reference", problem.message_zh, problem.message_en, at_key=are_keys)

