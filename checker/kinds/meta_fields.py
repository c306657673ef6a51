"""meta_fields — website metadata fields that the page shows but left empty.

What it checks: for each name in `fields` that the document's metadata has (e.g. the
索引号/名称/文号/有效性/来源 table above a government web page), whether it is empty or a
bare placeholder such as "〔〕号". Fields the page does not show are not reported.
Why: an empty 文号 or 名称 makes the report harder to find and cite (an evaluator's
criterion, not a statutory one — hence info by default).
Placeholders: fields, count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checker.findings import Location
from checker.kinds._base import Context, Violation
from checker.textnorm import norm

KIND = "meta_fields"
PLACEHOLDERS = frozenset({"fields", "count"})

_PLACEHOLDER = re.compile(r"^[〔〕\[\]()（）号\s第年-]*$")


def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
    present = {norm(k): v for k, v in ctx.bound.meta.fields.items()}
    empty = [name for name in params["fields"] if norm(name) in present and _PLACEHOLDER.match(present[norm(name)] or "")]
    if empty:
        yield Violation(
            Location(line=1),
            {"fields": "、".join(empty), "count": len(empty)},
            {"empty_fields": empty, "values": {k: present[norm(k)] for k in empty}},
        )
