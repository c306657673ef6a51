"""checker/engine.py as it was before the per-pack plans (commit 59c170b), verbatim but for this docstring and
the template classes it shares with the engine (unchanged, imported): the definition tests/test_engine_plans.py
holds the planned engine to."""
from __future__ import annotations

from typing import Any

from checker.bound import BoundReport
from checker.engine import _TEMPLATE, _Placeholders
from checker.findings import CheckResult, Finding, Location, NotAssessed, Severity
from checker.kinds import get as get_kind
from checker.kinds._base import Bilingual, Context, NotAssessable, Violation
from checker.ruleset import Rule, Ruleset


def _format(template: str, values: dict[str, Any]) -> str:
    """`_TEMPLATE.format(template, **values)`, in C when it can be: the Python Formatter was most of the
    cost of a finding. Where the two could differ (a format spec that does not fit its value, a
    positional field, a malformed template) format_map raises and the Formatter decides."""
    try:
        return template.format_map(_Placeholders(values))
    except Exception:  # noqa: BLE001 - any doubt goes to the reference path below
        return _TEMPLATE.format(template, **values)


def _common(bound: BoundReport, location: Location) -> tuple[dict[str, Any], Any]:
    """The placeholders every rule may use, but `table`, whose title is per language; and that table."""
    values: dict[str, Any] = {
        "edition": bound.edition,
        "year": bound.meta.year if bound.meta.year is not None else "",
        "agency_kind": bound.meta.agency_kind or "",
        "line": location.line if location.line is not None else "",
        "row_label": location.row_label or "",
        "column_label": location.column_label or "",
    }
    part = bound.parts.get(location.part or "")
    values["part"] = f"{part.spec.number}、{part.spec.heading}" if part else ""
    return values, bound.tables.get(location.table or "")


def _render(rule: Rule, violation: Violation, bound: BoundReport, lang: str) -> dict[str, str]:
    out = {}
    common, table = _common(bound, violation.location)  # once for both languages
    own = violation.values
    worded = [key for key, value in own.items() if isinstance(value, Bilingual)]
    for language in ("zh", "en"):
        if worded:
            own = violation.values | {key: getattr(violation.values[key], language) for key in worded}
        values = common | {"table": table.spec.title.get(language, table.spec.id) if table else ""} | own
        try:
            out[language] = _format(rule.message[language], values)
        except (ValueError, IndexError, KeyError, AttributeError):
            out[language] = rule.message[language]
    return out


def _finding(rule: Rule, violation: Violation, bound: BoundReport, lang: str) -> Finding:
    messages = _render(rule, violation, bound, lang)
    location = violation.location
    part = bound.parts.get(location.part or "")
    if part is not None and location.part_label is None:
        location = Location(part=location.part, part_label=f"{part.spec.number}、{part.spec.heading}",
                            table=location.table, row=location.row, column=location.column,
                            row_label=location.row_label, column_label=location.column_label,
                            line=location.line, page=location.page)  # dataclasses.replace, minus its cost
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        message=messages[lang],
        location=location,
        evidence=violation.evidence,
        basis=rule.basis.get(lang, ""),
        title=rule.title.get(lang, ""),
        messages=messages,
    )


def _cause(ruleset: Ruleset, kind: str | None, fired: set[str]) -> str | None:
    if kind is None:
        return None
    candidates = [r.id for r in ruleset.rules if r.kind == kind]
    return next((c for c in candidates if c in fired), candidates[0] if candidates else None)


def evaluate(bound: BoundReport, ruleset: Ruleset, *, lang: str = "zh", previous: BoundReport | None = None,
             rules: list[Rule] | None = None) -> CheckResult:
    """Run the rules (all enabled rules of the ruleset by default) on one bound report."""
    findings: list[Finding] = []
    pending: list[tuple[Rule, NotAssessable]] = []
    evaluated = 0
    selected = rules if rules is not None else [r for r in ruleset.rules if r.enabled]
    shared: dict[Any, Any] = {}  # what the rules of this run derive alike (Context.shared)
    for rule in selected:
        if not rule.applies(bound.edition, bound.meta.agency_kind):
            continue
        if rule.needs_previous and previous is None:
            continue
        evaluated += 1
        context = Context(bound=bound, previous=previous, lang=lang, rule_id=rule.id, shared=shared)
        try:
            violations = list(get_kind(rule.kind).check(context, rule.params))
        except NotAssessable as exc:
            pending.append((rule, exc))
            continue
        except Exception as exc:  # noqa: BLE001 - a crashing kind must be loud, not fatal
            findings.append(
                Finding(
                    rule="INTERNAL",
                    severity=Severity.ERROR,
                    message=f"internal error in rule {rule.id} ({rule.kind}): {type(exc).__name__}: {exc}",
                    location=Location(),
                    evidence={"rule": rule.id, "kind": rule.kind},
                )
            )
            continue
        findings.extend(_finding(rule, v, bound, lang) for v in violations)
    fired = {f.rule for f in findings}
    not_assessed = tuple(
        NotAssessed(rule.id, exc.reasons.get(lang, exc.reason), _cause(ruleset, exc.cause, fired), exc.reasons)
        for rule, exc in pending
    )
    findings.sort(key=Finding.sort_key)
    return CheckResult(
        source=bound.source,
        findings=tuple(findings),
        not_assessed=not_assessed,
        meta=bound.meta.to_dict(),
        edition=bound.edition,
        rules_evaluated=evaluated,
    )
