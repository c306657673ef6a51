"""Findings and check results: what the engine emits and formatters render.

Formatters import only this module. Everything here is plain data that pickles, so a
batch (or Dask) can ship results between processes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """Ordering is what --fail-on compares."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True, slots=True)
class Location:
    part: str | None = None  # canonical part id, e.g. "applications"
    part_label: str | None = None  # the part as the format names it, e.g. "三、收到和处理政府信息公开申请情况"
    table: str | None = None  # canonical table id, e.g. "t3"
    row: str | None = None  # canonical row id, e.g. "new"
    column: str | None = None  # canonical column id, e.g. "natural"
    row_label: str | None = None
    column_label: str | None = None
    line: int | None = None
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__ if getattr(self, k) is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        return cls(**{k: data.get(k) for k in cls.__slots__})

    def sort_key(self) -> tuple[int, int, str, str, str]:
        return (
            self.page if self.page is not None else 0,
            self.line if self.line is not None else 10**9,
            self.table or "",
            self.row or "",
            self.column or "",
        )


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    location: Location
    evidence: dict[str, Any] = field(default_factory=dict)
    basis: str = ""
    title: str = ""
    messages: dict[str, str] = field(default_factory=dict)  # both languages
    suppressed: str | None = None  # baseline reason when accepted

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.label,
            "message": self.message,
            "messages": dict(self.messages),
            "title": self.title,
            "location": self.location.to_dict(),
            "evidence": self.evidence,
            "basis": self.basis,
        }
        if self.suppressed is not None:
            out["suppressed"] = self.suppressed
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            rule=data["rule"],
            severity=Severity.parse(data["severity"]),
            message=data["message"],
            location=Location.from_dict(data.get("location", {})),
            evidence=data.get("evidence", {}),
            basis=data.get("basis", ""),
            title=data.get("title", ""),
            messages=data.get("messages", {}),
            suppressed=data.get("suppressed"),
        )

    def sort_key(self) -> tuple[Any, ...]:
        return (*self.location.sort_key(), self.rule)


# Location and Finding are made for every finding (and a Location for every paragraph a text rule points at).
# The __init__ a frozen dataclass gets stores each field through object.__setattr__, a look-up of __setattr__
# and an argument tuple per field: about half the cost of making one. These store each field through its slot
# descriptor instead; same signature, defaults and fields (tests/test_findings_init.py holds them to the
# dataclass's own __init__), and instances stay frozen: only __init__ is replaced.
_NO_VALUE: Any = object()  # stands for a default_factory field not given (None is a value the caller may give)
_LOCATION_SET = tuple(Location.__dict__[name].__set__ for name in Location.__slots__)
_FINDING_SET = tuple(Finding.__dict__[name].__set__ for name in Finding.__slots__)


def _location_init(self: Location, part: str | None = None, part_label: str | None = None, table: str | None = None,
                   row: str | None = None, column: str | None = None, row_label: str | None = None,
                   column_label: str | None = None, line: int | None = None, page: int | None = None) -> None:
    set_part, set_part_label, set_table, set_row, set_column, set_row_label, set_column_label, set_line, \
        set_page = _LOCATION_SET
    set_part(self, part)
    set_part_label(self, part_label)
    set_table(self, table)
    set_row(self, row)
    set_column(self, column)
    set_row_label(self, row_label)
    set_column_label(self, column_label)
    set_line(self, line)
    set_page(self, page)


def _finding_init(self: Finding, rule: str, severity: Severity, message: str, location: Location,
                  evidence: dict[str, Any] = _NO_VALUE, basis: str = "", title: str = "",
                  messages: dict[str, str] = _NO_VALUE, suppressed: str | None = None) -> None:
    set_rule, set_severity, set_message, set_location, set_evidence, set_basis, set_title, set_messages, \
        set_suppressed = _FINDING_SET
    set_rule(self, rule)
    set_severity(self, severity)
    set_message(self, message)
    set_location(self, location)
    set_evidence(self, {} if evidence is _NO_VALUE else evidence)
    set_basis(self, basis)
    set_title(self, title)
    set_messages(self, {} if messages is _NO_VALUE else messages)
    set_suppressed(self, suppressed)


Location.__init__ = _location_init  # type: ignore[method-assign]
Finding.__init__ = _finding_init  # type: ignore[method-assign]


@dataclass(frozen=True, slots=True)
class NotAssessed:
    """A rule that could not be evaluated, with the root cause (usually another rule's finding)."""

    rule: str
    reason: str
    cause: str | None = None
    reasons: dict[str, str] = field(default_factory=dict)  # both languages

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "reason": self.reason}
        if self.reasons:
            out["reasons"] = dict(self.reasons)
        if self.cause:
            out["cause"] = self.cause
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NotAssessed:
        return cls(rule=data["rule"], reason=data["reason"], cause=data.get("cause"), reasons=data.get("reasons", {}))


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of checking one report."""

    source: str
    findings: tuple[Finding, ...] = ()
    not_assessed: tuple[NotAssessed, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    edition: str | None = None
    rules_evaluated: int = 0
    error: str | None = None  # set when the report could not be read (batch mode)
    # The bound parts and tables as plain data (checker.describe.describe_document), kept only when a
    # formatter needs the report's layout (the HTML review page); never part of to_dict, so JSON output
    # and batch memory are unchanged by default.
    document: dict[str, Any] | None = None

    @property
    def active(self) -> tuple[Finding, ...]:
        """Findings not accepted by a baseline."""
        return tuple(f for f in self.findings if f.suppressed is None)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.active if f.severity == severity)

    def max_severity(self) -> Severity | None:
        return max((f.severity for f in self.active), default=None)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "meta": self.meta,
            "edition": self.edition,
            "findings": [f.to_dict() for f in self.findings],
            "not_assessed": [n.to_dict() for n in self.not_assessed],
            "stats": {
                "rules_evaluated": self.rules_evaluated,
                "errors": self.count(Severity.ERROR),
                "warnings": self.count(Severity.WARNING),
                "infos": self.count(Severity.INFO),
                "suppressed": sum(1 for f in self.findings if f.suppressed is not None),
            },
        }
        if self.error is not None:
            out["error"] = self.error
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckResult:
        return cls(
            source=data["source"],
            findings=tuple(Finding.from_dict(f) for f in data.get("findings", ())),
            not_assessed=tuple(NotAssessed.from_dict(n) for n in data.get("not_assessed", ())),
            meta=data.get("meta", {}),
            edition=data.get("edition"),
            rules_evaluated=data.get("stats", {}).get("rules_evaluated", 0),
            error=data.get("error"),
        )


def summarize(results: list[CheckResult] | tuple[CheckResult, ...]) -> dict[str, Any]:
    """The batch summary every formatter shows the same way."""
    return {
        "reports": len(results),
        "unreadable": sum(1 for r in results if r.error is not None),
        "failing": sum(1 for r in results if r.count(Severity.ERROR)),
        "errors": sum(r.count(Severity.ERROR) for r in results),
        "warnings": sum(r.count(Severity.WARNING) for r in results),
        "infos": sum(r.count(Severity.INFO) for r in results),
        "suppressed": sum(len(r.findings) - len(r.active) for r in results),
    }


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What formatters may say about a rule (SARIF rules[], explain pages, review sheets)."""

    id: str
    severity: Severity
    title: dict[str, str] = field(default_factory=dict)  # {"zh": ..., "en": ...}
    basis: str = ""
    rationale: dict[str, str] = field(default_factory=dict)
    kind: str = ""

    def text(self, attr: str, lang: str) -> str:
        value = getattr(self, attr)
        return value.get(lang) or value.get("en") or value.get("zh") or ""
