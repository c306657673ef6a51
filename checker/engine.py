"""Evaluating a ruleset on a bound report: findings, one per root cause.

For each enabled rule that applies to the report's edition and agency kind, the engine
calls the rule's kind, renders the message in both languages from the rule's templates,
stamps id, severity and basis, and sorts the findings by document order then id. A kind
that raises `NotAssessable` makes the rule "not assessed" with the cause (e.g. the rule that
reported the missing table); a kind that crashes becomes a loud INTERNAL finding.

What does not depend on the report — which rules apply to an edition and agency kind, each rule's
kind function — is planned once per rule pack (`_plan`), so a run only calls the kinds and words
their findings.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from checker.bound import BoundReport
from checker.findings import CheckResult, Finding, Location, NotAssessed, Severity
from checker.kinds import get as get_kind
from checker.kinds._base import Bilingual, Context, NotAssessable, Violation
from checker.ruleset import Rule, Ruleset


class _Template(string.Formatter):
    """str.format that leaves unknown placeholders visible instead of raising."""

    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        if isinstance(key, str):
            return kwargs.get(key, "{" + key + "}")
        return super().get_value(key, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> str:
        try:
            return super().format_field(value, format_spec)
        except (ValueError, TypeError):
            return str(value)


_TEMPLATE = _Template()


class _Placeholders(dict):
    """Values for `str.format_map`: an unknown placeholder stays visible, as with `_Template`."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format(template: str, values: dict[str, Any]) -> str:
    """`_TEMPLATE.format(template, **values)`, in C when it can be: the Python Formatter was most of the
    cost of a finding. Where the two could differ (a format spec that does not fit its value, a
    positional field, a malformed template) format_map raises and the Formatter decides."""
    try:
        return template.format_map(values if type(values) is _Placeholders else _Placeholders(values))
    except Exception:  # noqa: BLE001 - any doubt goes to the reference path below
        return _TEMPLATE.format(template, **values)


def _worded(template: str, values: _Placeholders) -> str:
    """A message from its template; the raw template when it cannot be formatted at all."""
    if "{" not in template and "}" not in template:
        return template  # nothing to fill: format would give it back unchanged
    try:
        return _format(template, values)
    except (ValueError, IndexError, KeyError, AttributeError):
        return template


# A template as (literal text, placeholder name or None, format spec) pieces, parsed once per template text
# instead of on every finding: str.format_map scans the template character by character each time, ~10 K
# instructions for a message of ~100 Chinese characters. None for a template these pieces cannot render
# exactly as format_map does (a positional, attribute or index field, a conversion, a nested spec, a malformed
# template): those go through `_worded`. Keyed by the text, so an edited rule message is parsed anew.
_Pieces = tuple[tuple[str, str | None, str], ...]
_PIECES: dict[str, _Pieces | None] = {}
_NOT_PARSED: Any = object()  # a template not parsed yet (None: parsed, but not into pieces)


def _pieces(template: str) -> _Pieces | None:
    try:
        parsed = list(_TEMPLATE.parse(template))
    except ValueError:
        return None
    pieces = []
    for literal, name, spec, conversion in parsed:
        if name is not None and (not name.isidentifier() or conversion is not None or "{" in (spec or "")):
            return None
        pieces.append((literal, name, spec or ""))
    return tuple(pieces)


def _message(template: str, values: _Placeholders) -> str:
    """`_worded(template, values)`, from the template's pieces when it has them."""
    pieces = _PIECES.get(template, _NOT_PARSED)
    if pieces is _NOT_PARSED:
        if len(_PIECES) >= 1024:  # a process loads a few packs at most; never grow without bound
            _PIECES.clear()
        pieces = _PIECES[template] = _pieces(template)
    if pieces is None:
        return _worded(template, values)
    out = []
    try:
        for literal, name, spec in pieces:
            out.append(literal)
            if name is not None:
                value = values[name]  # an unknown name is "{name}" (_Placeholders.__missing__), as in format_map
                out.append(value if type(value) is str and not spec else format(value, spec))
    except Exception:  # noqa: BLE001 - where format_map would raise, the reference path decides
        return _worded(template, values)
    return "".join(out)


def _unknown_kind(kind: str) -> Callable[[Context, dict[str, Any]], Iterator[Violation]]:
    def check(ctx: Context, params: dict[str, Any]) -> Iterator[Violation]:
        return get_kind(kind).check(ctx, params)  # raises KeyError inside the run, as it always did
    return check


class _Step:
    """One rule as a run calls it: its kind's check function resolved once per pack."""

    __slots__ = ("rule", "check")

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        try:
            self.check = get_kind(rule.kind).check
        except Exception:  # noqa: BLE001 - an unknown kind fails in its run, as an INTERNAL finding
            self.check = _unknown_kind(rule.kind)


# Plans of the default rule selection (every enabled rule of a pack), per pack, edition, agency kind and
# whether a previous report is given. An entry holds the rules tuple it was made from (a frozen pack's
# rules never change; a tuple is immutable), so an id reused by another tuple is not served a stale plan.
_PLANS: dict[tuple[int, str, str | None, bool], tuple[tuple[Rule, ...], list[_Step]]] = {}


def _steps(rules: Sequence[Rule], edition: str, agency_kind: str | None, previous: bool) -> list[_Step]:
    return [_Step(rule) for rule in rules
            if rule.applies(edition, agency_kind) and (previous or not rule.needs_previous)]


def _plan(ruleset: Ruleset, edition: str, agency_kind: str | None, previous: bool) -> list[_Step]:
    rules = ruleset.rules
    key = (id(rules), edition, agency_kind, previous)
    hit = _PLANS.get(key)
    if hit is None or hit[0] is not rules:
        if len(_PLANS) >= 256:  # a process loads a few packs at most; never grow without bound
            _PLANS.clear()
        hit = _PLANS[key] = (rules, _steps([r for r in rules if r.enabled], edition, agency_kind, previous))
    return hit[1]


class _Wording:
    """What every finding of one run fills its message with (the report's edition, year, agency kind,
    its parts' labels), taken from the report once per run instead of once per finding."""

    __slots__ = ("bound", "base", "part_labels")

    def __init__(self, bound: BoundReport) -> None:
        self.bound = bound
        self.base = {
            "edition": bound.edition,
            "year": bound.meta.year if bound.meta.year is not None else "",
            "agency_kind": bound.meta.agency_kind or "",
        }
        self.part_labels: dict[str, str | None] = {}

    def part_label(self, part_id: str | None) -> str | None:
        """'三、收到和处理…' for a part of the report's format, else None."""
        key = part_id or ""
        if key not in self.part_labels:
            part = self.bound.parts.get(key)
            self.part_labels[key] = f"{part.spec.number}、{part.spec.heading}" if part else None
        return self.part_labels[key]

    def finding(self, rule: Rule, violation: Violation, lang: str) -> Finding:
        location = violation.location
        label = self.part_label(location.part)
        table = self.bound.tables.get(location.table or "")
        own = violation.values
        line, row_label, column_label = location.line, location.row_label, location.column_label
        # The placeholders as common | {"table": title} | own, per language: own values win, Bilingual ones worded.
        # One dict call with keywords (in C) instead of a store per placeholder.
        zh = _Placeholders(self.base, line=line if line is not None else "", row_label=row_label or "",
                           column_label=column_label or "", part=label if label is not None else "",
                           table=table.spec.title.get("zh", table.spec.id) if table else "")
        zh.update(own)
        en = _Placeholders(zh)
        if table and "table" not in own:
            en["table"] = table.spec.title.get("en", table.spec.id)
        for key, value in own.items():
            if isinstance(value, Bilingual):
                zh[key], en[key] = value.zh, value.en
        message = rule.message
        messages = {"zh": _message(message["zh"], zh), "en": _message(message["en"], en)}
        if label is not None and location.part_label is None:
            # dataclasses.replace, minus its cost; positional, in field order
            location = Location(location.part, label, location.table, location.row, location.column,
                                row_label, column_label, line, location.page)
        return Finding(rule.id, rule.severity, messages[lang], location, violation.evidence,
                       rule.basis.get(lang, ""), rule.title.get(lang, ""), messages)


def _internal(rule: Rule, exc: Exception) -> Finding:
    return Finding(
        rule="INTERNAL",
        severity=Severity.ERROR,
        message=f"internal error in rule {rule.id} ({rule.kind}): {type(exc).__name__}: {exc}",
        location=Location(),
        evidence={"rule": rule.id, "kind": rule.kind},
    )


def _cause(ruleset: Ruleset, kind: str | None, fired: set[str]) -> str | None:
    if kind is None:
        return None
    candidates = [r.id for r in ruleset.rules if r.kind == kind]
    return next((c for c in candidates if c in fired), candidates[0] if candidates else None)


def evaluate(bound: BoundReport, ruleset: Ruleset, *, lang: str = "zh", previous: BoundReport | None = None,
             rules: list[Rule] | None = None) -> CheckResult:
    """Run the rules (all enabled rules of the ruleset by default) on one bound report."""
    edition, agency_kind = bound.edition, bound.meta.agency_kind
    steps = (_plan(ruleset, edition, agency_kind, previous is not None) if rules is None
             else _steps(rules, edition, agency_kind, previous is not None))
    findings: list[Finding] = []
    # Why each rule was not assessed, not the exception itself: a kept exception's traceback holds this
    # frame, and through it the bound report, in a reference cycle that only the collector frees (~120-500
    # objects a report, which each young collection walked; docs/performance.md, sixth round).
    pending: list[tuple[Rule, str, dict[str, str], str | None]] = []
    wording = _Wording(bound)
    # One context for the run: a kind's generator is consumed before the next rule starts, so only the rule
    # id changes between rules; `shared` holds what the rules of this run derive alike (Context.shared).
    context = Context(bound=bound, previous=previous, lang=lang, shared={})
    for step in steps:
        rule = step.rule
        context.rule_id = rule.id
        try:
            violations = list(step.check(context, rule.params))
        except NotAssessable as exc:
            pending.append((rule, exc.reason, exc.reasons, exc.cause))
            continue
        except Exception as exc:  # noqa: BLE001 - a crashing kind must be loud, not fatal
            findings.append(_internal(rule, exc))
            continue
        for violation in violations:
            findings.append(wording.finding(rule, violation, lang))
    fired = {f.rule for f in findings}
    not_assessed = tuple(
        NotAssessed(rule.id, reasons.get(lang, reason), _cause(ruleset, cause, fired), reasons)
        for rule, reason, reasons, cause in pending
    )
    findings.sort(key=Finding.sort_key)
    return CheckResult(
        source=bound.source,
        findings=tuple(findings),
        not_assessed=not_assessed,
        meta=bound.meta.to_dict(),
        edition=edition,
        rules_evaluated=len(steps),
    )
