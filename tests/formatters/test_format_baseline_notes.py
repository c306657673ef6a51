"""Expired and stale baseline entries in the table and Markdown summaries, zh and en, as snapshots.

The review is what `checker.baseline.Outcome.review()` returns (the CLI passes it as ``baseline_review``);
hostile text in a reason (Markdown pipes, HTML brackets, rich markup, ESC) must stay inert.
"""

from __future__ import annotations

import pytest

from checker.formatters import markdown, table

REVIEW = {
    "file": ".reportlint-baseline.yaml",
    "stale": [{"rule": "SEC-PRESENT", "source": "reports\\2023\\某镇人民政府.txt", "line": 14,
               "reason": "网页转存|丢失 <第五部分> [bold]x[/] \x1b[31m", "location": {"part": "problems"},
               "expires": None}],
    "expired": [{"rule": "T3-NONNEG", "source": "reports/2023/某区财政局 年报.html", "line": 5,
                 "reason": "2022 年已说明：数据口径调整",
                 "location": {"table": "t3", "row": "carried_out", "column": "total"}, "expires": "2026-06-30"}],
}
CASES = [("table", "zh"), ("table", "en"), ("markdown", "zh"), ("markdown", "en")]


@pytest.mark.parametrize(("fmt", "lang"), CASES, ids=[f"{f}_{lang}" for f, lang in CASES])
def test_snapshot_with_expired_and_stale_entries(render, snapshot, fmt, lang):
    text = render(fmt, lang=lang, baseline_review=REVIEW)
    snapshot(f"{fmt}_baseline_{lang}", text)
    assert text != render(fmt, lang=lang)  # the notes are added, not in the plain summary


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_a_baseline_with_nothing_to_say_adds_nothing(render, fmt):
    quiet = {"file": ".reportlint-baseline.yaml", "stale": [], "expired": []}
    assert render(fmt, baseline_review=quiet) == render(fmt)


def test_markdown_names_rule_place_reason_and_the_fix(results, catalog):
    text = markdown.render(results, catalog, lang="en", baseline_review=REVIEW)
    assert ("| expired | `T3-NONNEG` | reports/2023/某区财政局 年报.html › Table 3 › carried_out › total · "
            "baseline line 5 | 2022 年已说明：数据口径调整 (expired 2026-06-30) |") in text
    assert "网页转存\\|丢失 &lt;第五部分&gt; [bold]x[/] ␛[31m" in text
    assert "delete them from .reportlint-baseline.yaml" in text and "setting a later expires" in text
    zh = markdown.render(results, catalog, lang="zh", baseline_review=REVIEW)
    assert "## 基线 .reportlint-baseline.yaml：1 条已过期，1 条已失效" in zh
    assert "| 已失效 | `SEC-PRESENT` | reports/2023/某镇人民政府.txt › problems · 基线第 14 行 |" in zh


def test_table_shows_markup_in_a_reason_literally(results, catalog):
    text = table.render(results, catalog, lang="en", width=160, baseline_review=REVIEW)
    assert "[bold]x[/] ␛[31m" in text and "\x1b" not in text
    assert "Baseline .reportlint-baseline.yaml: 1 expired, 1 stale" in text
