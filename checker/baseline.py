"""Baselines: findings accepted on purpose, with a reason, that later runs suppress.

`reportlint baseline FILE... -o .reportlint-baseline.yaml --reason "…"` records every current finding;
`reportlint check --baseline PATH` (or `baseline:` in the config) marks matching findings
`Finding.suppressed = reason`, so they stop failing the run but are still counted and shown as
suppressed. Matching is by `checker.fingerprint` of (rule, source relative to the baseline file,
part/table/row/column), never message or line, so rewording a rule or editing text above a table keeps
the match. Entries past their `expires` day stop suppressing; entries for a checked report that no
longer match anything are stale. Both are warned about (stderr and the JSON `baseline` section) so the
file does not silently rot; neither fails the run by itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.findings import CheckResult, Location
from checker.fingerprint import fingerprints
from checker.yamlsafe import load_yaml_file, position

DEFAULT_PATH = ".reportlint-baseline.yaml"
VERSION = 1
HEADER = ("# reportlint baseline: findings accepted on purpose. Each entry needs a reason; remove entries\n"
          "# that are fixed. Written by `reportlint baseline`, read by `reportlint check --baseline`.\n")
_WARN = {
    "stale": {"en": "baseline entry {rule} for {source} no longer matches a finding; remove it",
              "zh": "基线条目 {rule}（{source}）已不再对应任何问题，请删除"},
    "expired": {"en": "baseline entry {rule} for {source} expired on {expires}; the finding is reported again",
                "zh": "基线条目 {rule}（{source}）已于 {expires} 到期，该问题重新报告"},
}


@dataclasses.dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str
    source: str
    reason: str
    expires: dt.date | None = None
    line: int = 0  # in the baseline file, for warnings
    data: dict[str, Any] = dataclasses.field(default_factory=dict)  # the entry as written

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and today > self.expires


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What applying a baseline to a run left over: for the summary, stderr and the JSON output."""

    path: str
    suppressed: int = 0
    stale: tuple[Entry, ...] = ()
    expired: tuple[Entry, ...] = ()

    def warnings(self, lang: str) -> list[str]:
        out = []
        for kind, entries in (("expired", self.expired), ("stale", self.stale)):
            for e in entries:
                text = _WARN[kind].get(lang, _WARN[kind]["en"]).format(
                    rule=e.rule, source=e.source, expires=e.expires)
                out.append(f"{self.path}:{e.line}: {text}")
        return out

    def to_dict(self) -> dict[str, Any]:
        def item(e: Entry) -> dict[str, Any]:
            out = {"rule": e.rule, "source": e.source, "fingerprint": e.fingerprint, "line": e.line}
            return out | ({"expires": e.expires.isoformat()} if e.expires else {})

        return {"file": self.path, "suppressed": self.suppressed,
                "stale": [item(e) for e in self.stale], "expired": [item(e) for e in self.expired]}

    def review(self) -> dict[str, Any]:
        """Expired and stale entries as plain data for the human summaries (table, Markdown): besides
        what `to_dict` (the JSON contract) says, each entry's reason and its place in the report."""
        def item(e: Entry) -> dict[str, Any]:
            return {"rule": e.rule, "source": e.source, "line": e.line, "reason": e.reason,
                    "location": dict(e.data.get("location") or {}),
                    "expires": e.expires.isoformat() if e.expires else None}

        return {"file": self.path, "stale": [item(e) for e in self.stale],
                "expired": [item(e) for e in self.expired]}


def source_key(source: str, folder: Path) -> str:
    """The report path relative to the baseline's folder, with forward slashes (stable across cwd)."""
    absolute = Path(source).resolve()
    try:
        return Path(os.path.relpath(absolute, folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return absolute.as_posix()


def parse_date(text: str, what: str = "date") -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{what} must be a day as YYYY-MM-DD, not {text!r}") from None


def load(path: str | Path) -> list[Entry]:
    """Read and validate a baseline file; problems are InputErrors with file:line:col."""
    from checker.schemas import validate

    path = Path(path)
    data, marks = load_yaml_file(path, "baseline", "no such baseline file (create it with 'reportlint baseline')")
    for item in data.get("entries", []) if isinstance(data, dict) and isinstance(data.get("entries"), list) else []:
        for key in ("expires", "created"):  # an unquoted YAML date is a date object, not a string
            if isinstance(item, dict) and isinstance(item.get(key), dt.date):
                item[key] = item[key].isoformat()
    validate(data, "baseline", str(path), marks)
    return [
        Entry(item["fingerprint"], item["rule"], item["source"], item["reason"],
              parse_date(item["expires"], f"{path}: expires") if "expires" in item else None,
              (position(marks, ("entries", i)) or (1, 1))[0], item)
        for i, item in enumerate(data["entries"])
    ]


def apply(results: Sequence[CheckResult], entries: Sequence[Entry], path: str | Path,
          today: dt.date | None = None) -> tuple[list[CheckResult], Outcome]:
    """Suppress findings that unexpired entries match; report expired and stale entries."""
    today = today or dt.date.today()
    folder = Path(path).parent
    by_print = {e.fingerprint: e for e in entries}
    matched: set[str] = set()
    checked: set[str] = set()
    out = []
    for result in results:
        if result.error is not None:
            out.append(result)
            continue
        checked.add(source_key(result.source, folder))
        findings = []
        for finding, print_ in zip(result.findings, fingerprints(result, source_key(result.source, folder))):
            entry = by_print.get(print_)
            if entry is not None:
                matched.add(print_)
                if not entry.expired(today):
                    finding = dataclasses.replace(finding, suppressed=entry.reason)
            findings.append(finding)
        out.append(dataclasses.replace(result, findings=tuple(findings)))
    mine = [e for e in entries if e.source in checked]
    expired = tuple(e for e in mine if e.expired(today))
    stale = tuple(e for e in mine if not e.expired(today) and e.fingerprint not in matched)
    suppressed = sum(len(r.findings) - len(r.active) for r in out)
    return out, Outcome(str(path), suppressed, stale, expired)


def _place(location: Location) -> dict[str, Any]:
    """The location without line and page, which the fingerprint ignores too."""
    return {k: v for k, v in location.to_dict().items() if k not in ("line", "page")}


def entries_for(results: Sequence[CheckResult], path: str | Path, reason: str, expires: dt.date | None = None,
                today: dt.date | None = None, keep: Sequence[Entry] = ()) -> list[dict[str, Any]]:
    """Baseline entries for every finding; entries in ``keep`` with the same fingerprint keep their reason."""
    if not reason.strip():
        raise InputError("a baseline needs a reason (--reason)")
    folder = Path(path).parent
    kept = {e.fingerprint: e.data for e in keep}
    out = []
    for result in results:
        if result.error is not None:
            continue
        source = source_key(result.source, folder)
        for finding, print_ in zip(result.findings, fingerprints(result, source)):
            if finding.rule == "INTERNAL":  # a crash is a bug to fix, never something to accept
                continue
            entry = kept.get(print_) or {
                "fingerprint": print_, "rule": finding.rule, "source": source,
                **({"location": where} if (where := _place(finding.location)) else {}),
                "message": finding.messages.get("zh") or finding.message, "reason": reason.strip(),
                **({"expires": expires.isoformat()} if expires else {}),
                "created": (today or dt.date.today()).isoformat(),
            }
            out.append(entry)
    return out


def apply_file(results: Sequence[CheckResult], path: str | None,
               today: dt.date | None = None) -> tuple[list[CheckResult], Outcome | None]:
    """`apply` with the baseline file at ``path``; no baseline (None) leaves the results as they are."""
    if not path:
        return list(results), None
    return apply(results, load(path), path, today)


def record(results: Sequence[CheckResult], path: str, reason: str, expires: str | None = None,
           today: dt.date | None = None) -> int:
    """Write a baseline of every finding to ``path`` (entries already there keep their reason); the count."""
    bad = next((r for r in results if r.error is not None), None)
    if bad is not None:
        raise InputError(f"cannot baseline an unreadable report: {bad.error}", bad.source)
    day = parse_date(expires, "--expires") if expires else None
    keep = load(path) if Path(path).is_file() else []
    entries = entries_for(results, path, reason, day, today, keep)
    write(path, entries)
    return len(entries)


def write(path: str | Path, entries: list[dict[str, Any]]) -> None:
    import yaml

    from checker.output import write_atomic

    body = yaml.safe_dump({"version": VERSION, "entries": entries}, allow_unicode=True, sort_keys=False, width=100)
    write_atomic(path, HEADER + body)
