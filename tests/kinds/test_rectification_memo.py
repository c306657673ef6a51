"""previous_rectification reads each report's masked problem items once (next year's run reuses them); it
reports what the check that derived them per run (kept here verbatim, commit 59c170b) reported."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.findings import Location
from checker.kinds import previous_rectification
from checker.kinds._base import Context, Violation
from checker.kinds._previous import mask, previous_report
from checker.kinds.previous_rectification import MAX_ITEMS, items, problems_text
from checker.similarity import similarity, similarity_ceiling
from checker.textnorm import norm

PARAMS = {"part": "problems", "measures_markers": ["改进情况", "下一步"], "rectification_words": ["整改", "去年"],
          "item_threshold": 0.6}
ITEMS = st.sampled_from(["政策解读形式比较单一，图解视频偏少", "基层政务公开标准目录更新不够及时", "2023年信息发布不够及时准确",
                         "二〇二三年平台建设存在短板弱项", "依申请公开答复规范性有待提高", "短句", "整改到位情况良好需要加强",
                         "下一步加强培训提高业务水平"])
TEXTS = st.lists(ITEMS, max_size=5).map(lambda xs: "".join(f"{'一二三四五'[n]}是{x}。" for n, x in enumerate(xs)))


def reference(ctx: Context, params: dict[str, Any]):
    previous = previous_report(ctx)
    part_id = params.get("part", "problems")
    this_part, last_part = ctx.bound.parts.get(part_id), previous.parts.get(part_id)
    if this_part is None or last_part is None or not this_part.found or not last_part.found:
        return
    markers = params.get("measures_markers", [])
    threshold = float(params.get("item_threshold", 0.6))
    last_items = [(item, mask(item)) for item in items(problems_text(last_part.text, markers))[:MAX_ITEMS]]
    repeated: list[dict[str, Any]] = []
    for item in items(problems_text(this_part.text, markers))[:MAX_ITEMS]:
        masked = mask(item)
        best = max(((similarity(masked, m), old) for old, m in last_items
                    if similarity_ceiling(masked, m) >= threshold), default=(0.0, ""))
        if best[0] >= threshold:
            repeated.append({"problem": item, "previous_problem": best[1], "similarity": round(best[0], 3)})
    if len(repeated) < int(params.get("min_repeated", 1)):
        return
    text = norm(this_part.text)
    words = list(params.get("rectification_words", []))
    if previous.meta.year is not None:
        words.append(f"{previous.meta.year}年")
    said = [w for w in words if norm(w) in text]
    if said:
        return
    first = repeated[0]
    yield Violation(
        Location(part=part_id, line=this_part.line, page=this_part.page),
        {
            "count": len(repeated),
            "problem": first["problem"],
            "similarity": f"{first['similarity'] * 100:.0f}%",
            "previous_year": previous.meta.year if previous.meta.year is not None else "",
        },
        {"repeated": repeated, "words_searched": words, "previous_source": previous.source},
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS, TEXTS)
def test_memoised_items_report_what_the_per_run_items_did(pair, this_text, last_text) -> None:
    this, last = pair({"parts": {"problems": this_text}}, {"parts": {"problems": last_text}})
    for _ in range(2):  # cold, then from both reports' memos
        ctx = Context(bound=this, previous=last)
        assert list(previous_rectification.check(ctx, PARAMS)) == list(reference(ctx, PARAMS))
