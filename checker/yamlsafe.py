"""Safe YAML for rule, pack and config files: positions for every node, no aliases, no duplicates.

`yaml.safe_load` keeps the last of two duplicate keys silently and lets an alias "bomb"
through to whatever walks the tree later (dependencies.md §6). Rule files need neither
anchors nor duplicate keys, so both are refused with the line and column.
"""

from __future__ import annotations

from typing import Any

import yaml

from checker.errors import InputError

MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64

Marks = dict[tuple[Any, ...], tuple[int, int]]


class _KeyMark:
    """Path suffix under which the position of a mapping *key* is recorded (lint points at keys)."""

    def __repr__(self) -> str:
        return "KEY"


KEY = _KeyMark()

try:  # libyaml is bundled in PyYAML wheels; fall back to the pure loader elsewhere
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


def _check(node: yaml.Node, source: str, path: tuple[Any, ...], seen: set[int], marks: Marks, depth: int) -> None:
    where = f"{source}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"
    if id(node) in seen:
        raise InputError(f"{where}: YAML aliases (*name) are not allowed in rule files")
    if depth > MAX_DEPTH:
        raise InputError(f"{where}: nested more than {MAX_DEPTH} levels")
    seen.add(id(node))
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        first: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError(f"{where}: mapping keys must be plain scalars")
            key = key_node.value
            if key == "<<":
                raise InputError(f"{where}: YAML merge keys (<<) are not allowed in rule files")
            if key in first:
                line = key_node.start_mark.line + 1
                raise InputError(
                    f"{source}:{line}:{key_node.start_mark.column + 1}: duplicate key '{key}' "
                    f"(first at line {first[key]})"
                )
            first[key] = key_node.start_mark.line + 1
            marks[(*path, key, KEY)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _check(value_node, source, (*path, key), seen, marks, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _check(item, source, (*path, index), seen, marks, depth + 1)


def load_yaml_with_marks(text: str, source: str) -> tuple[Any, Marks]:
    """Parse one YAML document; return the data and a map from key path to (line, column)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise InputError(f"YAML file larger than {MAX_YAML_BYTES} bytes", source)
    marks: Marks = {}
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, marks
            _check(node, source, (), set(), marks, 0)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        raise InputError(f"{where}: malformed YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {str(exc).splitlines()[0]}", source) from None
    except RecursionError:
        raise InputError("YAML nested too deeply", source) from None
    return data, marks


def read_utf8(path: Any, what: str, missing: str | None = None) -> str:
    """The text of a rule, pack, structure, config or baseline file; any problem is one InputError."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(missing or f"no such {what} file", str(path)) from None
    except UnicodeDecodeError:
        raise InputError(f"{what} files must be UTF-8", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read {what} file: {exc.strerror or exc}", str(path)) from None


def load_yaml_file(path: Any, what: str, missing: str | None = None) -> tuple[Any, Marks]:
    return load_yaml_with_marks(read_utf8(path, what, missing), str(path))


def load_yaml(text: str, source: str) -> Any:
    return load_yaml_with_marks(text, source)[0]


def position(marks: Marks, path: tuple[Any, ...] | list[Any]) -> tuple[int, int] | None:
    """The closest recorded position for a key path (falls back to its parents)."""
    path = tuple(path)
    while path:
        if path in marks:
            return marks[path]
        path = path[:-1]
    return marks.get(())


def key_position(marks: Marks, path: tuple[Any, ...] | list[Any]) -> tuple[int, int] | None:
    """Where the key of a mapping entry is written (its value's position for list items)."""
    return marks.get((*tuple(path), KEY)) or position(marks, path)
