"""previous_rectification: last year's problems listed again with nothing on their rectification."""

from __future__ import annotations

from checker.kinds import previous_rectification
from checker.kinds._base import Context
from checker.kinds.previous_rectification import items, problems_text

PARAMS = {
    "part": "problems",
    "measures_markers": ["改进情况", "改进措施", "下一步"],
    "rectification_words": ["整改", "上年度", "去年"],
    "item_threshold": 0.6,
}
NEW_PROBLEMS = "(一)存在的主要问题 一是政策解读形式比较单一，图解、视频等解读偏少。二是基层政务公开标准目录更新不够及时。(二)改进情况 一是丰富解读形式。"


def run(this, last, params=PARAMS):
    return list(previous_rectification.check(Context(bound=this, previous=last), params))


def test_problems_are_split_into_items_before_the_measures() -> None:
    text = "(一)存在的主要问题\n一是信息发布还不够及时准确。二是平台建设存在短板弱项；(二)改进情况\n一是加强巡查检查工作。"
    head = problems_text(text, PARAMS["measures_markers"])
    assert "加强巡查" not in head
    # the sub-heading is too short to be a problem; numbering and punctuation are separators
    assert items(head) == ["信息发布还不够及时准确", "平台建设存在短板弱项"]


def test_relisted_problems_without_rectification_are_reported_once(pair) -> None:
    this, last = pair()
    [violation] = run(this, last)
    assert violation.location.part == "problems" and violation.location.line == this.parts["problems"].line
    assert violation.values["count"] == 2
    assert violation.values["problem"].startswith("政府网站和政务新媒体信息发布")
    assert violation.evidence["repeated"][0]["similarity"] == 1.0
    assert "2024年" in violation.evidence["words_searched"]


def test_a_word_on_rectification_or_last_year_silences_it(pair) -> None:
    for words in ("上年度问题已整改到位。", "2024年报告所列问题已基本解决。"):
        this, last = pair({"append": {"problems": words}})
        assert run(this, last) == [], words


def test_new_problems_pass(pair) -> None:
    this, last = pair(None, {"parts": {"problems": NEW_PROBLEMS}})
    assert run(this, last) == []


def test_measures_repeated_word_for_word_are_not_problems(pair) -> None:
    # only last year's measures equal this year's text: nothing re-listed among the problems
    this, _ = pair()
    measures = this.parts["problems"].text.split("(二)改进情况")[1]
    this, last = pair(None, {"parts": {"problems": NEW_PROBLEMS.replace("一是丰富解读形式。", measures)}})
    assert run(this, last, PARAMS | {"min_repeated": 1}) == []


def _hostile_problems(first: str, n: int) -> str:
    # n distinct items: each numbered sentence differs in its wording, not only in its numbers
    words = "信息发布及时准确平台建设短板弱项解读形式单一目录更新滞后依申请办理规范队伍培训不足"
    pieces = [f"一是{first}。"] + [f"第{k}项问题{words[k % 40:k % 40 + 6]}{words[k * 7 % 40:k * 7 % 40 + 6]}有待加强。" for k in range(n)]
    return "(一)存在的主要问题 " + "".join(pieces) + "(二)改进情况 一是加强巡查。"


def test_only_the_first_items_of_each_year_are_compared(pair) -> None:
    # a hostile part 五 of thousands of items is capped at MAX_ITEMS per year, not compared pairwise
    repeated = "政府网站栏目内容更新维护机制仍不健全"
    n = 3 * previous_rectification.MAX_ITEMS
    this, last = pair({"parts": {"problems": _hostile_problems(repeated, n)}},
                      {"parts": {"problems": _hostile_problems(repeated, n)}})
    [violation] = run(this, last, PARAMS | {"item_threshold": 0.99})
    assert violation.location.part == "problems" and violation.location.line == this.parts["problems"].line
    assert violation.values["problem"] == repeated
    assert violation.values["count"] == previous_rectification.MAX_ITEMS  # identical lists: every compared item
    # a problem re-listed only after the first MAX_ITEMS items is beyond the cap
    late = _hostile_problems("本年新出现的一个问题需要说明", n).replace("。(二)", f"。{repeated}。(二)")
    this, last = pair({"parts": {"problems": late}}, {"parts": {"problems": _hostile_problems(repeated, 0)}})
    assert len(items(problems_text(this.parts["problems"].text, PARAMS["measures_markers"]))) > n
    assert run(this, last, PARAMS | {"item_threshold": 0.99}) == []
