"""JSON Schema validation of reports, rule files and configs, with readable error paths.

jsonschema costs ~50 ms to import, so it is imported only when something is validated.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from checker.errors import InputError
from checker.resources import schemas_dir
from checker.yamlsafe import Marks, position


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    return json.loads((schemas_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _registry() -> Any:
    """Every bundled schema under its $id, so one may $ref another (cases → rule examples)."""
    from referencing import Registry, Resource

    resources = []
    for path in sorted(schemas_dir().rglob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        if "$id" in contents:
            resources.append((contents["$id"], Resource.from_contents(contents)))
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def _validator(name: str) -> Any:
    import jsonschema

    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=_registry())


def json_path(path: Any) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def errors(instance: Any, name: str) -> list[Any]:
    """All schema errors, deepest and earliest first."""
    found = list(_validator(name).iter_errors(instance))
    found.sort(key=lambda e: (list(map(str, e.absolute_path)), -len(e.absolute_path)))
    return found


def _short(message: str) -> str:
    message = " ".join(message.split())
    return message if len(message) <= 160 else message[:157] + "..."


def validate(instance: Any, name: str, source: str, marks: Marks | None = None, limit: int = 3) -> None:
    """Raise one `InputError` naming the first problems, by file:line:column when marks are known."""
    found = errors(instance, name)
    if not found:
        return
    parts = []
    for error in found[:limit]:
        path = tuple(error.absolute_path)
        where = json_path(path)
        pos = position(marks, path) if marks is not None else None
        prefix = f"{source}:{pos[0]}:{pos[1]}: " if pos else ""
        parts.append(f"{prefix}{where}: {_short(error.message)}")
    more = f" (+{len(found) - limit} more)" if len(found) > limit else ""
    if marks is not None:
        raise InputError("; ".join(parts) + more)
    raise InputError(f"does not match the report schema: {'; '.join(parts)}{more}", source)
