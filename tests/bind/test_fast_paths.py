"""Binding's fast paths make exactly the decisions of the plain algorithms they replace.

Each reference below is the straightforward version (the code as it was before the fast path);
hypothesis feeds both texts built from the template's own labels, perturbed the ways reports
perturb them (numbering, width, spaces, a typo, digits glued on), plus arbitrary text.
"""

from __future__ import annotations

import dataclasses
import re
from difflib import SequenceMatcher

from hypothesis import given
from hypothesis import strategies as st

from checker.bind import identities_for
from checker.bind.labels import HOW_RANK, MEMO_ENTRIES, TYPO_SIMILARITY, LabelIndex, LabelMatch, label_index
from checker.bind.parts import MAX_HEADING_EXTRA, _wording
from checker.bind.parts import TYPO_SIMILARITY as HEADING_TYPO
from checker.bind.glued import _label_forms, is_run_together
from checker.bind.recover import identities_of
from checker.bind.tables import score
from checker.model import Block, Cell
from checker.ruleset import load_ruleset
from checker.structure import PartSpec
from checker.similarity import similarity
from checker.textnorm import MEMO_MAX_CHARS, core, norm

RULESET = load_ruleset()
TABLES = [t for s in RULESET.structures.values() for t in s.tables]
LABELS = sorted({x for t in TABLES for r in t.rows for x in (r.label or "", *r.aliases, r.group or "") if x}
                | {x for t in TABLES for c in t.columns for x in (c.label, *c.aliases)}
                | {h for t in TABLES for h in t.headers})
_NOISE = list("0123456789 　\n（）()、.一二三四五六七八九十其他情况总计申请公开０１２３“”") + ["\u200b", "(一)", "1.", "十二、"]


def _perturb(label: str, data: st.DataObject) -> str:
    """One of the ways a label is mistyped: a character dropped, doubled or replaced, or left intact."""
    if not label or data.draw(st.booleans()):
        return label
    at = data.draw(st.integers(0, len(label) - 1))
    how = data.draw(st.sampled_from(["drop", "double", "replace"]))
    if how == "drop":
        return label[:at] + label[at + 1:]
    if how == "double":
        return label[:at] + label[at] + label[at:]
    return label[:at] + data.draw(st.sampled_from(_NOISE)) + label[at + 1:]


@st.composite
def cell_texts(draw: st.DrawFn) -> str:
    """A cell: pieces of labels (possibly mistyped) and noise such as numbering, digits and spaces."""
    data = draw(st.data())
    label = st.sampled_from(LABELS).map(lambda x: _perturb(x, data))
    glued = st.tuples(label, st.sampled_from(["0", "12", "3", "０", " 5", "\n7", "①"])).map("".join)
    pieces = draw(st.lists(st.one_of(label, glued, st.sampled_from(_NOISE), st.text(max_size=4)), max_size=4))
    return "".join(pieces)


@st.composite
def labels_of(draw: st.DrawFn, spec) -> str:  # noqa: ANN001
    """A label of `spec` as a report writes it: renumbered, spaced, full-width or mistyped."""
    data = draw(st.data())
    forms = sorted({x for r in spec.rows for x in (r.label or "", *r.aliases, r.group or "") if x}
                   | {x for c in spec.columns for x in (c.label, *c.aliases)} | set(spec.headers))
    label = _perturb(draw(st.sampled_from(forms)), data)
    label = re.sub(r"^[(（][一二三四五六七八九十]+[)）]|^[一二三四五六七八九十]+、", "", label)
    numbering = draw(st.sampled_from(["", "", "（一）", "(三)", "一、", "1.", "、", "十二、", "（1）"]))
    label = numbering + label
    if draw(st.booleans()):
        at = draw(st.integers(0, len(label)))
        label = label[:at] + draw(st.sampled_from([" ", "\n", "　", "\u200b"])) + label[at:]
    return label


def texts_for(spec) -> st.SearchStrategy[str]:  # noqa: ANN001
    return st.one_of(labels_of(spec), cell_texts())


_DIGIT_AFTER = re.compile(r"[0-9]")


def _run_together_reference(cells: list[Cell], spec) -> bool:  # noqa: ANN001
    forms = _label_forms(spec)
    for cell in cells:
        text = norm(cell.text)
        for form in forms:
            start = text.find(form)
            while start >= 0:
                after = start + len(form)
                if after < len(text) and _DIGIT_AFTER.match(text[after]):
                    return True
                start = text.find(form, start + 1)
    return False


@given(st.lists(cell_texts(), min_size=1, max_size=4), st.sampled_from(TABLES))
def test_run_together_scan_from_the_digits_agrees_with_the_label_scan(texts: list[str], spec) -> None:  # noqa: ANN001
    cells = [Cell(t) for t in texts]
    assert is_run_together(cells, spec) == _run_together_reference(cells, spec)
    assert is_run_together(cells, spec) == _run_together_reference(cells, spec)  # from the memo
    for cell in cells:
        assert is_run_together([cell], spec) == _run_together_reference([cell], spec)


def _match_reference(index: LabelIndex, text: str) -> LabelMatch | None:
    """Every row compared in template order: exact returns at once, else the best by kind, then score."""
    n, c = norm(text), core(text)
    if not c:
        return None
    best: LabelMatch | None = None
    for row in index.rows:
        label = core(row.label or "")
        if n == norm(row.label or ""):
            return LabelMatch(row, "exact")
        if c == label:
            candidate = LabelMatch(row, "numbering")
        elif c in {core(a) for a in row.aliases} | {norm(a) for a in row.aliases}:
            candidate = LabelMatch(row, "alias")
        else:
            score = SequenceMatcher(None, c, label, autojunk=False).ratio() if len(c) >= 4 else 0.0
            if score < TYPO_SIMILARITY:
                continue
            candidate = LabelMatch(row, "typo", score)
        if best is None or (HOW_RANK[candidate.how], -candidate.score) < (HOW_RANK[best.how], -best.score):
            best = candidate
    return best


@given(st.data(), st.sampled_from(TABLES))
def test_label_look_ups_and_their_memo_agree_with_comparing_every_row(data: st.DataObject, spec) -> None:  # noqa: ANN001
    text = data.draw(texts_for(spec))
    index = label_index(spec)
    expected = _match_reference(index, text)
    assert index._match_row(text) == expected
    assert index.match_row(text) == expected  # memoised
    assert index.match_row(text) == expected  # served from the memo


def _score_reference(block: Block, index: LabelIndex) -> int:
    seen: set[str] = set()
    for row in block.rows:
        for cell in row:
            match = index._match_row(cell.text)
            if match and match.how != "typo":
                seen.add(match.row.id)
            else:
                run = re.match(r"^(.*?[^0-9.\s])\s*([0-9][0-9.]*)$", norm(cell.text))
                if run and (m := index._match_row(run.group(1))) and m.how != "typo":
                    seen.add(m.row.id)
    headers = sum(1 for row in block.rows for cell in row
                  if index._is_header(cell.text) and not index.is_column(cell.text))
    return len(seen) + min(headers, 3)


@given(st.data(), st.sampled_from(TABLES))
def test_memoised_block_score_agrees_with_scoring_every_cell(data: st.DataObject, spec) -> None:  # noqa: ANN001
    rows = data.draw(st.lists(st.lists(texts_for(spec), min_size=1, max_size=4), min_size=1, max_size=6))
    block = Block("table", rows=tuple(tuple(Cell(t) for t in row) for row in rows))
    index = label_index(spec)
    assert score(block, index) == _score_reference(block, index)
    assert score(block, index) == _score_reference(block, index)  # second time from the memo


def test_generated_tables_score_as_before_against_every_template() -> None:
    for spec in TABLES:
        rows = tuple((Cell(r.label or ""), Cell("12"), Cell("0")) for r in spec.rows)
        block = Block("table", rows=((Cell(spec.headers[0] if spec.headers else ""),), *rows))
        for other in TABLES:
            assert score(block, label_index(other)) == _score_reference(block, label_index(other))
        assert score(block, label_index(spec)) >= len([r for r in spec.rows if r.label])


def test_memos_stay_bounded() -> None:
    index = label_index(TABLES[0])
    for n in range(MEMO_ENTRIES * 2 + 10):
        index.match_row(str(n))
        index.is_header(f"x{n}")
    assert len(index.memo("match")) <= MEMO_ENTRIES and len(index.memo("header")) <= MEMO_ENTRIES
    assert index.match_row("x" * (MEMO_MAX_CHARS + 1)) is None
    assert "x" * (MEMO_MAX_CHARS + 1) not in index.memo("match")  # paragraphs are never kept


PARTS = [p for s in RULESET.structures.values() for p in s.parts]
WORDINGS = sorted({w for p in PARTS for w in (p.heading, *p.variants)})


def _wording_reference(rest: str, spec: PartSpec) -> tuple[str, float] | None:
    heading, variants = norm(spec.heading), [norm(v) for v in spec.variants]
    if rest == heading:
        return "exact", 1.0
    if rest in variants:
        return "variant", 1.0
    if rest.startswith(heading) and len(rest) - len(heading) <= MAX_HEADING_EXTRA:
        return "prefix", 1.0
    best = max((similarity(rest, w) for w in (heading, *variants)), default=0.0)
    return ("typo", best) if best >= HEADING_TYPO else None


@given(st.data(), st.sampled_from(PARTS))
def test_heading_wording_with_its_rejections_agrees_with_comparing_every_wording(data: st.DataObject, spec) -> None:  # noqa: ANN001
    pieces = st.one_of(st.sampled_from(WORDINGS).map(lambda w: _perturb(_perturb(w, data), data)),
                       st.sampled_from(_NOISE), st.text(max_size=3))
    rest = norm(data.draw(st.lists(pieces, min_size=1, max_size=3).map("".join)))
    assert _wording(rest, spec) == _wording_reference(rest, spec)


def test_identities_are_read_once_per_rule_set_and_follow_a_changed_one() -> None:
    expected = tuple(i for s in RULESET.structures.values() for i in identities_of(RULESET.rules, s))
    assert identities_for(RULESET) == expected and identities_for(RULESET) is identities_for(RULESET)
    fewer = dataclasses.replace(RULESET, rules=tuple(r for r in RULESET.rules if r.id != "ID-T3-ROWSUM"))
    assert {i.rule for i in identities_for(fewer)} == {i.rule for i in expected} - {"ID-T3-ROWSUM"}
    assert identities_for(RULESET) == expected
