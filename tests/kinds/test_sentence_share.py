"""sentence_share: the share of a part's sentences that match a vocabulary, and a length cap."""

from __future__ import annotations

from typing import Any

import pytest

from checker.examples import build
from checker.kinds import sentence_share
from checker.kinds._base import Context, NotAssessable

TOPIC = {"parts": ["overview"], "terms": ["公开", "申请", "平台"], "min_share": 0.5, "min_sentences": 3}
STOCK = {"parts": ["problems"], "terms": ["内容不够丰富", {"regex": "业务水平有待提[高升]", "label": "业务水平"}],
         "max_share": 0.5, "min_sentences": 2, "unless": [{"regex": "[0-9]+个", "label": "数量"}]}
SUMMARY = "本县经济持续发展。新建农田2万亩。新引进项目12个。全年主动公开信息100条。"


def run(ruleset, params: dict[str, Any], given: dict[str, Any] | None = None, text: str | None = None) -> list:
    return list(sentence_share.check(Context(bound=build(ruleset, given, text), lang="en"), params))


def test_sentences_split_at_stops_and_listed_items_and_skip_headings() -> None:
    found = sentence_share.sentences(["(一)存在的主要问题", "一是内容不够丰富,二是解读形式单一。下一步将加强培训;持续改进!"])
    assert found == ["一是内容不够丰富,", "二是解读形式单一", "下一步将加强培训", "持续改进"]


def test_an_overview_about_disclosure_passes(ruleset) -> None:
    assert run(ruleset, TOPIC) == []


def test_an_off_topic_overview_is_reported_with_its_share(ruleset) -> None:
    [violation] = run(ruleset, TOPIC, {"parts": {"overview": SUMMARY}})
    assert violation.location.part == "overview"
    assert violation.evidence["sentences"] == 4 and violation.evidence["matching"] == 1
    assert violation.values["share"] == "25%" and violation.values["threshold"] == "50%"
    assert violation.evidence["share_off"] is True and violation.evidence["too_long"] is False


def test_too_few_sentences_are_not_judged(ruleset) -> None:
    assert run(ruleset, TOPIC, {"parts": {"overview": "本县经济持续发展。新建农田2万亩。"}}) == []


def test_the_length_cap_reports_an_on_topic_but_long_overview(ruleset) -> None:
    [violation] = run(ruleset, {**TOPIC, "max_chars": 300})
    assert violation.location.part == "overview"
    assert violation.evidence["too_long"] is True and violation.evidence["share_off"] is False
    assert violation.values["length"] > 300 and violation.values["max_chars"] == 300


def test_stock_phrases_are_reported_with_what_matched(ruleset) -> None:
    given = {"parts": {"problems": "一是公开内容不够丰富,二是业务水平有待提高。下一步将改进。"}}
    [violation] = run(ruleset, STOCK, given)
    assert violation.location.part == "problems"
    assert violation.evidence["matched"] == ["内容不够丰富", "业务水平"]
    assert violation.values["share"] == "67%"


def test_concrete_specifics_silence_the_share(ruleset) -> None:
    given = {"parts": {"problems": "一是公开内容不够丰富,3个栏目未更新,二是业务水平有待提高。"}}
    assert run(ruleset, STOCK, given) == []


def test_a_part_that_may_be_cut_short_is_not_assessed(ruleset) -> None:
    text = "某局2025年政府信息公开工作年度报告\n一、总体情况\n" + SUMMARY
    with pytest.raises(NotAssessable):
        run(ruleset, TOPIC, text=text)


def test_gen_focus_passes_the_seed_nationally_and_a_local_1000_character_cap_flags_it(ruleset) -> None:
    """武威 (武政办发〔2025〕54号) caps the overview at 1000 characters; the seed's has 1154."""
    params = ruleset.rule("GEN-FOCUS").params
    assert run(ruleset, params) == []
    [violation] = run(ruleset, {**params, "max_chars": 1000})
    assert violation.location.part == "overview"
    assert violation.evidence["too_long"] is True and violation.values["length"] == 1154
