"""Scoring a table block against a table template: how many of its labels the block carries.

Every table block is scored against every template. A block's score depends on its label texts and,
in principle, on its value cells too; but a value cell that says nothing to the template (no row
label, no header: a number, mostly) adds nothing. So a block whose value cells all say nothing is
scored from its other texts alone, remembered per template: a batch's tables repeat their labels.
"""

from __future__ import annotations

from collections import Counter
from itertools import compress

from checker.bind.labels import LabelIndex, remember
from checker.bind.rows import RUN_TOGETHER
from checker.model import Block
from checker.textnorm import norm

MIN_SCORE = 2
SCORES_PER_TEMPLATE = 256  # label sets remembered per template: a batch has a handful; bounded
_NOT_VALUE = bytes.maketrans(b"\x00\x01", b"\x01\x00")


def score(block: Block, index: LabelIndex) -> int:
    """How many distinct template labels a table block carries (plus up to 3 for header cells)."""
    return score_texts(_text_counts(block), index)


def _text_counts(block: Block) -> Counter[str]:
    """How often each text occurs in the block: a table repeats its numbers, and every block is
    scored against every template, so each distinct text is looked up once per template."""
    return Counter(cell.text for row in block.rows for cell in row)


def score_texts(counts: Counter[str], index: LabelIndex) -> int:
    """`score` of a block from its `_text_counts`."""
    memo = index.memo("score")
    seen: set[str] = set()
    headers = 0
    for text, times in counts.items():
        signal = memo.get(text)
        if signal is None:
            signal = remember(memo, text, _signal(text, index))
        label, header = signal
        if label is not None:
            seen.add(label)
        if header:
            headers += times
    return len(seen) + min(headers, 3)


def _signal(text: str, index: LabelIndex) -> tuple[str | None, bool]:
    """What one cell adds to a score: the row it labels (not by a typo; a label with its value glued
    on counts), and whether it is a header cell other than a column label. Memoised per template:
    each table block is scored against every template, and labels recur in every report."""
    match = index.match_row(text)
    if not (match and match.how != "typo"):
        run = RUN_TOGETHER.match(norm(text))
        match = index.match_row(run.group(1)) if run else None
    label = match.row.id if match and match.how != "typo" else None
    return label, index.is_header(text) and not index.is_column(text)


def block_scores(texts: list[str], kinds: bytes, indexes: dict[str, LabelIndex]) -> dict[str, int]:
    """`score` of a block against each template (by table id), from the block's `row_kinds`."""
    values = set(compress(texts, kinds))
    digits = "".join(values)
    if digits.isascii() and digits.isdigit() and all(index.digits_say_nothing for index in indexes.values()):
        values &= {""}  # ASCII digits say nothing to these templates (LabelIndex.digits_say_nothing)
    if not all(_say_nothing(values, index) for index in indexes.values()):
        counts = Counter(texts)
        return {table_id: score_texts(counts, index) for table_id, index in indexes.items()}
    labels = tuple(compress(texts, kinds.translate(_NOT_VALUE)))
    memo = _label_scores(indexes)
    found = memo.get(labels)
    if found is None:
        if len(memo) >= SCORES_PER_TEMPLATE:
            memo.clear()
        counts = Counter(labels)
        found = memo[labels] = {table_id: score_texts(counts, index) for table_id, index in indexes.items()}
    return found


_LABEL_SCORES: dict[tuple[int, ...], tuple[tuple[LabelIndex, ...], dict[tuple[str, ...], dict[str, int]]]] = {}


def _label_scores(indexes: dict[str, LabelIndex]) -> dict[tuple[str, ...], dict[str, int]]:
    """The memo of scores by label texts for one set of templates (an edition's tables)."""
    shape = tuple(indexes.values())
    key = tuple(map(id, shape))
    entry = _LABEL_SCORES.get(key)
    if entry is None or any(a is not b for a, b in zip(entry[0], shape)):  # an index names its table
        if len(_LABEL_SCORES) >= 16:
            _LABEL_SCORES.clear()
        entry = _LABEL_SCORES[key] = (shape, {})
    return entry[1]


def _say_nothing(values: set[str], index: LabelIndex) -> bool:
    """Whether none of these texts adds to a score (`_signal` of each is (None, False))."""
    quiet = index.memo("quiet")
    signals = index.memo("score")
    for text in values:
        if text in quiet:
            continue
        signal = signals.get(text)
        if signal is None:
            signal = remember(signals, text, _signal(text, index))
        if signal != (None, False):
            return False
        remember(quiet, text, True)
    return True
