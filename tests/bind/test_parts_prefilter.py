"""bind_parts' third-round fast paths: a line is said to head no part (`_heads_none`) only when
`_match_line` finds it heads none of them, and bind_parts, which now reads only the lines that head some
part, finds what every candidate line read as before found (tests/bind/test_bind_memos.py holds `_find`)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.bind.parts import _find, _heads_none, _Line, _match_line, _template, bind_parts
from checker.model import Block
from checker.ruleset import load_ruleset

STRUCTURES = load_ruleset().structures
PARTS = [p for s in STRUCTURES.values() for p in s.parts]
WORDINGS = sorted({w for p in PARTS for w in (p.heading, *p.variants)})
NUMBERS = ["", "一、", "二、", "三、", "(一)", "（二）", "1.", "、", "第四部分、", "六.", "(3)"]
_NOISE = ["样例县人民政府办公室", "2023年", "政府信息公开工作年度报告", "年", "，", " ", "情况", "公开", "行政"]
_LONG = ["一、总体情况" + "字" * 40, "本年度" * 30, "二、主动公开政府信息情况2023年，" + "全年" * 20,
         "第三部分、收到和处理政府信息公开申请情况" + "。" * 30, "(一)主动公开" + "情况" * 30, "十、" + "其他" * 40]


def _edited(text: str, data: st.DataObject) -> str:
    """A wording with a character dropped, doubled or replaced: typos near the threshold."""
    if not text:
        return text
    at = data.draw(st.integers(0, len(text) - 1))
    how = data.draw(st.sampled_from(["drop", "double", "swap", "keep"]))
    if how == "drop":
        return text[:at] + text[at + 1:]
    if how == "double":
        return text[:at] + text[at] + text[at:]
    if how == "swap":
        return text[:at] + data.draw(st.sampled_from("法府信息公开政务的年度")) + text[at + 1:]
    return text


@settings(max_examples=500)
@given(st.data())
def test_a_line_said_to_head_nothing_heads_no_part(data: st.DataObject) -> None:
    structure = data.draw(st.sampled_from(list(STRUCTURES.values())))
    pieces = st.one_of(st.sampled_from(WORDINGS).map(lambda w: _edited(w, data)), st.sampled_from(_NOISE),
                       st.text(alphabet="政府信息公开行政复议诉讼情况主动申请年度报告其他事项问题改进0123", max_size=8))
    text = data.draw(st.sampled_from(NUMBERS)) + "".join(data.draw(st.lists(pieces, min_size=1, max_size=3)))
    line = _Line.of(text)
    if _heads_none(line, _template(structure.parts)):
        assert all(_match_line(line, spec) is None for spec in structure.parts)


def _bind_parts_reference(blocks: tuple[Block, ...], structure) -> dict:  # noqa: ANN001 - a Structure
    """The parts' headings as bind_parts found them before: every candidate line offered to `_find`."""
    candidates = [i for i, b in enumerate(blocks) if b.type in ("heading", "paragraph") and b.text.strip()]
    answers = {i: tuple(_match_line(_Line.of(blocks[i].text), spec) for spec in structure.parts) for i in candidates}
    used: set[int] = set()
    hits = {}
    for k, spec in enumerate(structure.parts):
        hit = _find(answers, [i for i in candidates if i not in used], k)
        if hit is not None:
            hits[spec.id] = hit
            used.add(hit[0])
    return hits


@settings(max_examples=200)
@given(st.data())
def test_parts_found_from_the_heading_lines_alone_are_those_found_from_every_line(data: st.DataObject) -> None:
    structure = data.draw(st.sampled_from(list(STRUCTURES.values())))
    line = st.one_of(st.tuples(st.sampled_from(NUMBERS), st.sampled_from(WORDINGS).map(lambda w: _edited(w, data)))
                     .map("".join), st.sampled_from(_NOISE), st.sampled_from(_LONG))
    blocks = tuple(Block(data.draw(st.sampled_from(["heading", "paragraph"])), text=t)
                   for t in data.draw(st.lists(line, max_size=12)))
    parts = bind_parts(blocks, structure)
    expected = _bind_parts_reference(blocks, structure)
    assert {pid: p.block for pid, p in parts.items() if p.found} == {pid: hit[0] for pid, hit in expected.items()}
    for pid, (_, deviations) in expected.items():
        assert [d for d in parts[pid].deviations if d["type"] != "out_of_order"] == deviations
