"""Helpers every formatter shares: wording in both languages, location labels, text hygiene, keys.

Only presentation lives here (labels, escaping, stable hashes of what a finding already says). Nothing
here decides whether something is a problem; that is the engine's job.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TypeVar
from urllib.parse import quote

from checker.findings import CheckResult, Finding, Location, RuleInfo, Severity
from checker.formatters._tally import Tally
from checker.regexsafe import compile_known  # module regexes from a cached pack's forms: see rulecache

R = TypeVar("R", CheckResult, Tally)

_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "error": "错误", "warning": "警告", "info": "提示",
        "line": "第 {} 行", "page": "第 {} 页",
        "counts": "{e} 个错误，{w} 个警告，{i} 条提示 · 已检查 {r} 条规则 · {s} 条无法评估",
        "suppressed": "{n} 条已按基线豁免",
        "unreadable": "无法读取",
        "not_assessed": "无法评估",
        "no_problems": "未发现问题",
        "batch": "共检查 {n} 份报告 · {f} 份有错误 · {u} 份无法读取",
        "top_rules": "最常见的问题规则", "worst": "问题最多的报告",
        "more": "另有 {n} 条问题未显示（完整结果请用 --format json）",
    },
    "en": {
        "error": "error", "warning": "warning", "info": "info",
        "line": "line {}", "page": "p. {}",
        "counts": "{e} errors, {w} warnings, {i} info · {r} rules evaluated · {s} not assessable",
        "suppressed": "{n} suppressed by baseline",
        "unreadable": "unreadable",
        "not_assessed": "not assessable",
        "no_problems": "no problems found",
        "batch": "{n} reports checked · {f} failing · {u} unreadable",
        "top_rules": "Rules failing most", "worst": "Worst reports",
        "more": "{n} more findings not shown (use --format json for all)",
    },
}
_CN_DIGITS = "零一二三四五六七八九"
_CONTROL = compile_known(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_XML_INVALID = compile_known(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TABLE_ID = compile_known(r"t(\d)")
# What CSV cells need `visible` for (a control character or a tab; line breaks are kept), and a
# cell start (after the comma or line break the texts are joined by) that needs CSV's formula guard.
CSV_CONTROL = compile_known(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
CSV_FORMULA_STARTS = ("=", "+", "-", "@")  # a cell Excel reads as a formula (`csv.neutralise`)
_FORMULA_CLASS = "[" + re.escape("".join(CSV_FORMULA_STARTS)) + "]"
CSV_FORMULA_AFTER_COMMA = compile_known("," + _FORMULA_CLASS)
CSV_FORMULA_AFTER_BREAK = compile_known("\n" + _FORMULA_CLASS)


def word(key: str, lang: str, **values: object) -> str:
    """A fixed UI string in ``lang`` (falls back to English), formatted with ``values``."""
    text = _WORDS.get(lang, _WORDS["en"]).get(key) or _WORDS["en"][key]
    return text.format(**values) if values else text


def message(finding: Finding, lang: str) -> str:
    """The finding's message in ``lang``, else its default message."""
    return finding.messages.get(lang) or finding.message


def rule_title(rule_id: str, catalog: Mapping[str, RuleInfo], lang: str, fallback: str = "") -> str:
    info = catalog.get(rule_id)
    return (info.text("title", lang) if info else "") or fallback


def table_name(table_id: str, lang: str) -> str:
    """``t3`` → ``表三`` / ``Table 3``; other ids unchanged."""
    match = _TABLE_ID.fullmatch(table_id)
    if not match:
        return table_id
    return f"表{_CN_DIGITS[int(match[1])]}" if lang == "zh" else f"Table {match[1]}"


def location_parts(loc: Location, lang: str) -> list[str]:
    """Part › table › row label › column label, whichever are known."""
    parts = [loc.part_label or loc.part, table_name(loc.table, lang) if loc.table else None,
             loc.row_label or loc.row, loc.column_label or loc.column]
    return [p for p in parts if p]


def position(loc: Location, lang: str) -> str:
    """``line N`` and/or ``p. N`` (empty when neither is known)."""
    bits = []
    if loc.line is not None:
        bits.append(word("line", lang).format(loc.line))
    if loc.page is not None:
        bits.append(word("page", lang).format(loc.page))
    return ", ".join(bits)


def location_label(loc: Location, lang: str, sep: str = " › ") -> str:
    """A one-line human label: ``applications › 表三 › 一、本年新收 › 自然人 · line 12``."""
    where = sep.join(location_parts(loc, lang))
    pos = position(loc, lang)
    return " · ".join(p for p in (where, pos) if p)


def forward_slashes(source: str) -> str:
    return source.replace("\\", "/")


def source_uri(source: str) -> str:
    """The source as given, with forward slashes and percent-encoding where a URI needs it."""
    return quote(forward_slashes(source), safe="/:@!$&'()*+,;=-._~")


def visible(text: str, keep: str = "\n") -> str:
    """Make control characters visible (ESC → ␛) so report text cannot drive a terminal.

    Characters in ``keep`` (newline by default) pass unchanged; tabs become spaces.
    """
    def picture(match: re.Match[str]) -> str:
        code = ord(match[0])
        if match[0] in keep:
            return match[0]
        if code < 0x20:
            return chr(0x2400 + code)
        return "\u2421" if code == 0x7F else f"\\x{code:02x}"

    return _CONTROL.sub(picture, text.replace("\t", " "))


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (common in text scraped from Word)."""
    return _XML_INVALID.sub("", text)


def meta_line(result: CheckResult) -> str:
    """Title · agency · year · edition, whichever the report states."""
    meta = result.meta
    bits = [meta.get("title"), meta.get("agency"), meta.get("year"), result.edition]
    return " · ".join(str(b) for b in bits if b not in (None, ""))


def counts_line(result: CheckResult | Tally, lang: str) -> str:
    """The footer: ``N errors, M warnings, K info · R rules evaluated · S not assessable``."""
    t = Tally.of(result)
    line = word("counts", lang, e=t.errors, w=t.warnings, i=t.infos, r=t.rules_evaluated, s=t.not_assessed)
    return f"{line} · {word('suppressed', lang, n=t.suppressed)}" if t.suppressed else line


def rule_ids(results: Sequence[CheckResult], catalog: Mapping[str, RuleInfo]) -> list[str]:
    """Catalog rule ids, then any rule a finding names that the catalog lacks, in first-seen order."""
    ids = list(catalog)
    seen = set(ids)
    for result in results:
        for item in (*result.findings, *result.not_assessed):
            if item.rule not in seen:
                seen.add(item.rule)
                ids.append(item.rule)
    return ids


def top_rules(results: Sequence[CheckResult | Tally], n: int = 5) -> list[tuple[str, int]]:
    """Rules with an active error or warning, by the number of reports they fail."""
    counter: Counter[str] = Counter()
    for result in results:
        counter.update(Tally.of(result).failing_rules)
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def worst_reports(results: Sequence[R], n: int = 5) -> list[R]:
    """Readable reports with active errors or warnings, most errors first (results or their tallies)."""
    tallied = [(Tally.of(r), r) for r in results]
    return [r for t, r in sorted((tr for tr in tallied if tr[0].is_bad), key=lambda tr: tr[0].rank)][:n]
