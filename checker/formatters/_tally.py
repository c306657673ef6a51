"""What a batch summary says about one report: its counts and failing rules, without its findings.

A batch worker that already rendered a report's output (`batch_output.Piece`) sends the parent this
instead of the result, so the parent never unpickles findings it will not write (~0.35 ms a report
of pickling on both sides). The summary functions in `_common` read results through it, so a
summary made from tallies is the one made from the results.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.findings import CheckResult, Severity


@dataclass(frozen=True, slots=True)
class Tally:
    source: str
    unreadable: bool
    errors: int
    warnings: int
    infos: int
    suppressed: int
    rules_evaluated: int
    not_assessed: int
    failing_rules: frozenset[str]  # rules with an active error or warning
    max_severity: Severity | None

    @classmethod
    def of(cls, result: CheckResult | Tally) -> Tally:
        if isinstance(result, Tally):
            return result
        active = result.active
        severities = [f.severity for f in active]
        return cls(
            source=result.source, unreadable=result.error is not None,
            errors=severities.count(Severity.ERROR), warnings=severities.count(Severity.WARNING),
            infos=severities.count(Severity.INFO), suppressed=len(result.findings) - len(active),
            rules_evaluated=result.rules_evaluated, not_assessed=len(result.not_assessed),
            failing_rules=frozenset(f.rule for f in active if f.severity >= Severity.WARNING),
            max_severity=max(severities, default=None),
        )

    def totals(self) -> dict[str, int]:
        """This report's share of `findings.summarize`."""
        return {"reports": 1, "unreadable": int(self.unreadable), "failing": int(self.errors > 0),
                "errors": self.errors, "warnings": self.warnings, "infos": self.infos, "suppressed": self.suppressed}

    @property
    def is_bad(self) -> bool:
        """Readable, with an active error or warning: a candidate for the worst reports."""
        return not self.unreadable and self.max_severity not in (None, Severity.INFO)

    @property
    def rank(self) -> tuple[int, int, str]:
        """Worst first: most errors, then most warnings, then by name."""
        return (-self.errors, -self.warnings, self.source)
