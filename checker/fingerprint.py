"""Stable fingerprints of findings: the same place and rule hash the same across runs.

Shared by the formatters (SARIF ``partialFingerprints``, GitLab ``fingerprint``) and the baseline
(`checker.baseline`), which must agree on what "the same finding" is without the engine importing a
formatter. A fingerprint hashes the rule, the source and the canonical location keys (part, table,
row, column) plus the occurrence index of that triple, never the message, line or page: a reworded
message or a shifted line keeps it, and two findings never share one.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from checker.findings import CheckResult, Location


def location_key(source: str, loc: Location) -> str:
    """The canonical keys of a finding's place: stable across wording, line and page changes."""
    keys = [source, loc.part, loc.table, loc.row, loc.column]
    if not any((loc.table, loc.row, loc.column)):
        keys += [loc.row_label, loc.column_label]
    return json.dumps(keys, ensure_ascii=False)


def digest(*parts: object) -> str:
    """A short stable hash (sha256, 32 hex digits) of ``parts``."""
    data = json.dumps([str(p) for p in parts], ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:32]


def fingerprints(result: CheckResult, source: str | None = None) -> list[str]:
    """One stable, unique hash per finding of ``result`` (same order).

    ``source`` replaces ``result.source`` in the hash (the baseline passes a normalised path so that
    ``./a.txt`` and ``a.txt`` agree).
    """
    name = result.source if source is None else source
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for finding in result.findings:
        key = (finding.rule, location_key(name, finding.location))
        out.append(digest(*key, seen[key]))
        seen[key] += 1
    return out
