"""Wording of the baseline notes in the human summaries (table, Markdown), in zh and en.

The CLI passes ``baseline_review`` (`checker.baseline.Outcome.review()`: plain data, so formatters need
not import the baseline module or YAML). Expired entries no longer suppress, so their findings count
again; stale entries match nothing any more. Neither fails a run, which is why the summaries say what to
do about them: otherwise the baseline file silently rots.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from checker.findings import Location
from checker.formatters import _common as c

KINDS = ("expired", "stale")
_WORDS = {
    "zh": {
        "title": "基线 {file}：{counts}",
        "count_expired": "{n} 条已过期", "count_stale": "{n} 条已失效",
        "columns": ("状态", "规则", "位置", "理由"),
        "expired": "已过期", "stale": "已失效",
        "entry": "基线第 {line} 行", "until": "（{expires} 到期）",
        "do_expired": "已过期的条目不再豁免，其问题重新报告：请修正问题；确需继续豁免的，"
                      "把 {file} 中该条目的 expires 改为更晚的日期以续期。",
        "do_stale": "已失效的条目不再对应任何问题：请从 {file} 中删除该条目，"
                    "或用 `reportlint baseline 报告… -o {file} --reason …` 对全部报告重新生成基线。",
    },
    "en": {
        "title": "Baseline {file}: {counts}",
        "count_expired": "{n} expired", "count_stale": "{n} stale",
        "columns": ("Status", "Rule", "Location", "Reason"),
        "expired": "expired", "stale": "stale",
        "entry": "baseline line {line}", "until": " (expired {expires})",
        "do_expired": "Expired entries no longer suppress, so their findings are reported again: fix the "
                      "finding, or renew the entry by setting a later expires in {file}.",
        "do_stale": "Stale entries no longer match a finding: delete them from {file}, or re-record the "
                    "baseline for all reports with `reportlint baseline REPORT... -o {file} --reason ...`.",
    },
}


@dataclass(frozen=True)
class Row:
    status: str
    rule: str
    location: str
    reason: str


def _w(lang: str) -> dict[str, Any]:
    return _WORDS.get(lang, _WORDS["en"])


def title(review: Mapping[str, Any], lang: str) -> str:
    """``Baseline FILE: 1 expired, 2 stale`` (empty when there is nothing to say)."""
    words = _w(lang)
    counts = [words[f"count_{kind}"].format(n=len(review.get(kind) or ())) for kind in KINDS if review.get(kind)]
    if not counts:
        return ""
    return words["title"].format(file=review.get("file", ""), counts=("，" if lang == "zh" else ", ").join(counts))


def rows(review: Mapping[str, Any], lang: str) -> list[Row]:
    """One row per expired or stale entry: status, rule, report › place · baseline line, reason."""
    words = _w(lang)
    out = []
    for kind in KINDS:
        for entry in review.get(kind) or ():
            place = c.location_label(Location.from_dict(entry.get("location") or {}), lang)
            where = " › ".join(p for p in (c.forward_slashes(entry["source"]), place) if p)
            where += " · " + words["entry"].format(line=entry["line"])
            reason = entry.get("reason", "")
            if kind == "expired" and entry.get("expires"):
                reason += words["until"].format(expires=entry["expires"])
            out.append(Row(words[kind], entry["rule"], where, reason))
    return out


def actions(review: Mapping[str, Any], lang: str) -> list[str]:
    """What to do, once per kind that occurs."""
    words = _w(lang)
    return [words[f"do_{kind}"].format(file=review.get("file", "")) for kind in KINDS if review.get(kind)]


def columns(lang: str) -> tuple[str, str, str, str]:
    return _w(lang)["columns"]  # type: ignore[no-any-return]
