"""Binding's second-round fast paths agree with the plain versions they replace: the edition found from
each distinct text once, part headings matched from a bounded memo, full-width marks replaced in one
regex pass."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from checker.bind import detect_edition
from checker.bind.parts import _ANSWERS, MEMO_ENTRIES, MEMO_MAX_CHARS, _find, _Line, _match_line, _read_line
from checker.model import Block, Cell
from checker.ruleset import load_ruleset
from checker.textnorm import _FULL_WIDTH_NFKC, norm

RULESET = load_ruleset()
STRUCTURES = RULESET.structures
PARTS = [p for s in STRUCTURES.values() for p in s.parts]
KEYS = sorted({f for s in STRUCTURES.values() for f in s.fingerprints})
HEADINGS = sorted({f"{p.number}、{w}" for p in PARTS for w in (p.heading, *p.variants)})
_NOISE = ["0", "12", " ", "\n", "（一）", "一、", "、", "其他", "合计", "（", "）", "，", "\u3000"]


def _detect_reference(blocks: tuple[Block, ...], structures: dict) -> str | None:  # noqa: ANN001
    """detect_edition as it was: every cell and short paragraph normalised and joined in order."""
    cells = [norm(c.text) for b in blocks if b.type == "table" for row in b.rows for c in row]
    texts = cells + [norm(b.text) for b in blocks if b.type != "table" and len(b.text) < 120]
    blob = "\n".join(texts)
    counts = {e: sum(1 for f in s.fingerprint_keys() if f and f in blob) for e, s in structures.items()}
    best = max(counts.values(), default=0)
    if best == 0:
        return None
    winners = [e for e, n in counts.items() if n == best]
    return winners[0] if len(winners) == 1 else None


def _pieces_of(text: str, data: st.DataObject) -> str:
    """A key cut somewhere, as a table may split a label over two cells."""
    at = data.draw(st.integers(0, len(text)))
    return text[:at] + data.draw(st.sampled_from(["", "\n", " "])) + text[at:]


@given(st.data())
def test_edition_from_distinct_texts_agrees_with_joining_every_text(data: st.DataObject) -> None:
    text = st.one_of(st.sampled_from(KEYS).map(lambda k: _pieces_of(k, data)), st.sampled_from(_NOISE),
                     st.text(max_size=6))
    rows = data.draw(st.lists(st.lists(text, min_size=1, max_size=4), max_size=8))
    lines = data.draw(st.lists(st.lists(text, max_size=3).map("".join), max_size=4))
    blocks = (*(Block("paragraph", text=t) for t in lines),
              Block("table", rows=tuple(tuple(Cell(t) for t in row) for row in rows)))
    assert detect_edition(blocks, STRUCTURES) == _detect_reference(blocks, STRUCTURES)


@given(st.data())
def test_memoised_line_and_answers_agree_with_reading_and_matching_each_part(data: st.DataObject) -> None:
    structure = data.draw(st.sampled_from(list(STRUCTURES.values())))
    text = data.draw(st.one_of(st.sampled_from(HEADINGS), st.sampled_from(HEADINGS).map(lambda h: h[1:]),
                               st.lists(st.sampled_from(HEADINGS + _NOISE), max_size=3).map("".join)))
    text += data.draw(st.sampled_from(["", "字" * 30, "，全年" * 20, " " * 70, "1" * 50]))  # long lines too
    line = _Line.of(text)
    expected = (line, tuple(_match_line(line, spec) for spec in structure.parts))
    assert _read_line(text, line.normal, structure.parts) == expected
    assert _read_line(text, line.normal, structure.parts) == expected


@given(st.data())
def test_find_picks_the_first_best_line_and_hands_out_its_own_deviations(data: st.DataObject) -> None:
    structure = data.draw(st.sampled_from(list(STRUCTURES.values())))
    texts = data.draw(st.lists(st.one_of(st.sampled_from(HEADINGS), st.sampled_from(HEADINGS).map(lambda h: h[1:]),
                                         st.sampled_from(_NOISE)), max_size=8))
    answers = {i: _read_line(t, norm(t), structure.parts)[1] for i, t in enumerate(texts)}
    order = {"exact": 0, "glued": 0, "variant": 1, "prefix": 1, "typo": 2}
    for k, spec in enumerate(structure.parts):
        ranked = [(order[m[0]] + len(m[1]), i, m[1]) for i, t in enumerate(texts)
                  if (m := _match_line(_Line.of(t), spec))]
        expected = min(ranked, key=lambda r: (r[0], r[1]))[1:] if ranked else None
        found = _find(answers, list(answers), k)
        assert found == (None if expected is None else tuple(expected))
        if found is not None and found[1]:
            found[1][0]["mutated"] = True  # a caller changing its answer cannot change the next one
            assert _find(answers, list(answers), k) == tuple(expected)


def test_heading_memo_stays_bounded_and_keeps_no_paragraphs() -> None:
    specs = next(iter(STRUCTURES.values())).parts
    for n in range(MEMO_ENTRIES * 2 + 10):
        _read_line(f"一、{n}", norm(f"一、{n}"), specs)
    long = _Line.of("一、总体情况" + "字" * MEMO_MAX_CHARS)
    _read_line(long.text, long.normal, specs)
    memo = _ANSWERS[id(specs)][1]
    assert len(memo) <= MEMO_ENTRIES and (long.text, long.normal) not in memo


def test_every_full_width_form_is_one_character() -> None:
    """textnorm._norm searches on from the replaced character's position: that holds because each
    full-width mark and the ideographic space stand for exactly one character."""
    assert all(len(form) == 1 for form in _FULL_WIDTH_NFKC.values())
    assert _FULL_WIDTH_NFKC == {c: unicodedata.normalize("NFKC", c) for c in _FULL_WIDTH_NFKC}
    assert norm("（一）　主动公开，（二）；１２３：") == "(一)主动公开,(二);123:"
