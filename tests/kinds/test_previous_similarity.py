"""previous_similarity: a part that is last year's text with the years and numbers changed."""

from __future__ import annotations

from checker.kinds import previous_similarity
from checker.kinds._base import Context
from checker.kinds._previous import mask

PARAMS = {"parts": ["overview", "problems", "other"], "threshold": 0.9, "min_chars": 150}
OTHER_OVERVIEW = ("2024年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，围绕年度政务公开工作要点，加强组织领导，"
                  "完善制度机制，推进重点领域信息公开，回应社会关切，规范依申请公开办理。全年通过政府网站发布各类信息3000余条，"
                  "办理依申请公开2件，未发生行政复议和行政诉讼。加强政府网站和政务新媒体管理，开展季度检查，及时整改发现的问题。")
OTHER_PROBLEMS = ("一是政策解读形式比较单一，图解、视频等解读偏少。二是基层政务公开标准目录更新不够及时。下一步，我们将丰富解读形式，"
                  "定期更新标准目录，并加强对各单位的业务培训和督促检查，持续提升政务公开的质量与实效，回应群众关切。")


def run(this, last, params=PARAMS):
    return list(previous_similarity.check(Context(bound=this, previous=last), params))


def test_mask_hides_years_and_numbers_and_normalises_width() -> None:
    assert mask("2025年收到申请12件，二〇二四年为３件") == mask("2024年收到申请7件，二〇二三年为15件") == "#年收到申请#件,#年为#件"
    assert mask("2025年收到申请12件", numbers=False) == "#年收到申请12件"


def test_a_copied_part_five_is_reported_at_its_heading(pair) -> None:
    this, last = pair(None, {"parts": {"overview": OTHER_OVERVIEW}})
    [violation] = run(this, last)
    assert violation.location.part == "problems" and violation.location.line == this.parts["problems"].line
    assert violation.evidence["similarity"] == 1.0 and violation.values["similarity"] == "100%"
    assert violation.values["previous_year"] == 2024


def test_changing_only_years_and_numbers_does_not_hide_a_copy(pair) -> None:
    this, _ = pair()
    this_overview = this.parts["overview"].text
    copied = this_overview.replace("2025", "2024").replace("4109", "3870").replace("47人", "39人")
    this, last = pair(None, {"parts": {"overview": copied, "problems": OTHER_PROBLEMS}})
    [violation] = run(this, last)
    assert violation.location.part == "overview"
    assert violation.evidence["similarity"] == 1.0
    assert violation.evidence["similarity_with_numbers"] < 1.0  # the figures were updated


def test_rewritten_parts_pass_and_short_parts_are_not_compared(pair) -> None:
    this, last = pair(None, {"parts": {"overview": OTHER_OVERVIEW, "problems": OTHER_PROBLEMS}})
    assert run(this, last) == []
    # part 六 of the base is short boilerplate, identical in both years: below min_chars
    assert len(mask(this.parts["other"].text)) < 150
    assert [v.location.part for v in run(this, last, PARAMS | {"min_chars": 20})] == ["other"]


def test_threshold_is_inclusive(pair) -> None:
    this, last = pair(None, {"parts": {"overview": OTHER_OVERVIEW}})
    assert [v.location.part for v in run(this, last, PARAMS | {"threshold": 1.0})] == ["problems"]


TABLES = {"tables": [{"table": "t3", "min_nonzero": 5, "ignore_columns": ["total"]},
                     {"table": "t4", "min_nonzero": 1}]}
MORE = {"t3/new/research": 1, "t3/new/total": 3, "t3/granted/research": 1, "t3/granted/total": 3,
        "t3/result_total/research": 1, "t3/result_total/total": 3}


def test_a_table_identical_to_last_years_with_data_is_reported_at_the_table(pair) -> None:
    this, last = pair({"cells": MORE}, {"cells": MORE})
    [violation] = run(this, last, TABLES)
    assert violation.location.table == "t3" and violation.location.line == this.tables["t3"].line
    assert violation.evidence["nonzero"] == 7  # the natural and research columns; 总计 is not counted
    assert violation.values["nonzero"] == 7 and violation.values["previous_year"] == last.meta.year


def test_one_changed_cell_makes_the_table_new(pair) -> None:
    this, last = pair({"cells": MORE}, {"cells": {**MORE, "t3/carried_over/other_org": 1}})
    assert run(this, last, TABLES) == []


def test_all_zero_and_sparse_tables_may_repeat(pair) -> None:
    """Table 4 is all zero in the base; table 3 has 4 non-zero cells outside 总计, under the 5 asked."""
    this, last = pair()
    assert run(this, last, TABLES) == []


def test_tables_missing_from_either_report_are_skipped(pair) -> None:
    this, last = pair({"cells": MORE}, {"cells": MORE, "remove_tables": ["t3"]})
    assert run(this, last, TABLES) == []
