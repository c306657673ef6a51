"""Matching one cell's text against a table template's row and column labels."""

from __future__ import annotations

from dataclasses import dataclass
from bisect import bisect_left, bisect_right
from typing import Any

from checker.structure import RowSpec, TableSpec
from checker.similarity import similarity, similarity_ceiling
from checker.textnorm import MEMO_MAX_CHARS, core, norm

TYPO_SIMILARITY = 0.85
HOW_RANK = {"exact": 0, "numbering": 1, "alias": 2, "typo": 3}


@dataclass(frozen=True, slots=True)
class LabelMatch:
    row: RowSpec
    how: str  # exact | numbering | alias | typo
    score: float = 1.0


class LabelIndex:
    """Precomputed label forms of one table template."""

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.rows = [r for r in spec.rows if r.label]
        self._norm = {r.id: norm(r.label or "") for r in self.rows}
        self._core = {r.id: core(r.label or "") for r in self.rows}
        self._aliases = {r.id: {core(a) for a in r.aliases} | {norm(a) for a in r.aliases} for r in self.rows}
        self.columns = {core(c.label) for c in spec.columns} | {core(a) for c in spec.columns for a in c.aliases}
        self.headers = {core(h) for h in spec.headers}
        self.groups = {core(r.group) for r in spec.rows if r.group}
        # Exact, numbering and alias matches are dictionary look-ups (first row wins, as in the
        # template's order); only typo candidates are compared, and only those of a length that
        # can reach TYPO_SIMILARITY (ratio <= 2*min/sum of the lengths), found by bisection.
        self._by_norm: dict[str, int] = {}
        self._by_core: dict[str, int] = {}
        self._by_alias: dict[str, int] = {}
        for i, r in enumerate(self.rows):
            self._by_norm.setdefault(self._norm[r.id], i)
            self._by_core.setdefault(self._core[r.id], i)
            for form in self._aliases[r.id]:
                self._by_alias.setdefault(form, i)
        typo = sorted((len(self._core[r.id]), i, frozenset(self._core[r.id])) for i, r in enumerate(self.rows))
        self._typo_lengths = [length for length, _, _ in typo]
        self._typo = typo
        self._key = (tuple(self.rows), spec.columns, spec.headers)  # all that matching reads
        # A cell of ASCII digits is its own normal form and core. It matches no row when no look-up
        # form is all digits and no row's core has a digit (a typo needs shared characters), and is
        # no header when no header starts with a digit (checker.bind.scoring relies on this).
        forms = (*self._by_norm, *self._by_core, *self._by_alias, *self.columns, *self.headers, *self.groups)
        self.digits_say_nothing = (not any(f.isascii() and f.isdigit() for f in forms)
                                   and not any(ch.isdigit() for c in self._core.values() for ch in c)
                                   and not any(h[:1].isdigit() for h in self.headers))
        # Equal templates match equally: a batch shares the first index's memos across reports and binds
        # (kept once per template, never one per report: that pinned them all).
        self._canon = _CANONICAL.setdefault(self._key, self)
        self.run_together_forms: tuple[str, ...] | None = None  # checker.bind.recover's, made on first use
        self.run_together_digits = True  # whether one of those forms is all ASCII digits (set with them)
        # checker.bind.plan's plans by skeleton: this index's own (one per spec object), as a plan also
        # names the template's unlabelled rows and columns, which equal label indexes need not share.
        self.plans: dict[tuple, tuple[list, list]] = {}
        # Answers for short texts, by question; every equal index shares the canonical one's.
        self._memos: dict[str, dict[str, Any]] = (
            {"match": {}, "header": {}} if self._canon is self else self._canon._memos)
        self._match_memo, self._header_memo = self._memos["match"], self._memos["header"]

    def memo(self, question: str) -> dict[str, Any]:
        """The bounded memo of short texts (see `remember`) for one question asked of this template:
        one per template, shared by every equal index, so a batch reuses the answers for its labels."""
        memo = self._memos.get(question)
        if memo is None:
            memo = self._memos[question] = {}
        return memo

    def match_row(self, text: str) -> LabelMatch | None:
        match = self._match_memo.get(text, _MISSING)
        if match is _MISSING:
            match = remember(self._match_memo, text, self._match_row(text))
        return match

    def _match_row(self, text: str) -> LabelMatch | None:
        n, c = norm(text), core(text)
        if not c:
            return None
        for table, how in ((self._by_norm, "exact"), (self._by_core, "numbering")):
            if (i := table.get(n if how == "exact" else c)) is not None:
                return LabelMatch(self.rows[i], how)
        aliased = [i for i in (self._by_alias.get(c), self._by_alias.get(n)) if i is not None]
        if aliased:
            return LabelMatch(self.rows[min(aliased)], "alias")
        return self._typo_match(c)

    def _typo_match(self, c: str) -> LabelMatch | None:
        """The closest label at TYPO_SIMILARITY or above (earliest row on a tie); most cells are
        numbers or short, and are rejected by length and shared characters before any alignment."""
        if len(c) < 4:
            return None
        # The length window, one wider each side; the exact test below decides at the edges.
        low = bisect_left(self._typo_lengths, len(c) * TYPO_SIMILARITY / (2 - TYPO_SIMILARITY) - 1)
        high = bisect_right(self._typo_lengths, len(c) * (2 - TYPO_SIMILARITY) / TYPO_SIMILARITY + 1)
        best: tuple[float, int] | None = None
        for length, i, chars in self._typo[low:high]:
            label = self._core[self.rows[i].id]
            if 2 * min(len(c), length) < TYPO_SIMILARITY * (len(c) + length):
                continue
            if similarity_ceiling(c, label, chars) < TYPO_SIMILARITY:
                continue
            score = similarity(c, label)
            if score >= TYPO_SIMILARITY and (best is None or (-score, i) < (-best[0], best[1])):
                best = (score, i)
        return LabelMatch(self.rows[best[1]], "typo", best[0]) if best else None

    def is_header(self, text: str) -> bool:
        header = self._header_memo.get(text)
        if header is None:
            header = remember(self._header_memo, text, self._is_header(text))
        return header

    def _is_header(self, text: str) -> bool:
        c = core(text)
        return c in self.columns or c in self.headers or c in self.groups or len(c) >= 6 and any(
            h and (c.startswith(h) or h.startswith(c)) for h in self.headers
        )

    def is_column(self, text: str) -> bool:
        return core(text) in self.columns


_CANONICAL: dict[tuple, LabelIndex] = {}  # one per distinct template


_BY_SPEC: dict[int, tuple[TableSpec, LabelIndex]] = {}  # by identity (specs hold dicts); the spec is kept


def label_index(spec: TableSpec) -> LabelIndex:
    """The label index of a table template, built once per spec object: its look-up tables cost more
    than a match, and recovery asked for a new index for every row label."""
    entry = _BY_SPEC.get(id(spec))
    if entry is None or entry[0] is not spec:
        if len(_BY_SPEC) >= 64:  # a handful of templates per pack; bounded for batches of packs
            _BY_SPEC.clear()
        entry = _BY_SPEC[id(spec)] = (spec, LabelIndex(spec))
    return entry[1]


_MISSING = object()
MEMO_ENTRIES = 1024  # per template and question: labels recur in every report of a batch, numbers churn; small enough that a 1k batch reaches it (flat memory beyond)


def remember(memo: dict[str, Any], text: str, answer: Any) -> Any:  # noqa: ANN401 - any answer
    """Keep `answer` for `text` when the text is short (a label or a number, not a paragraph), emptying
    the memo when it is full: a worker checks 10,000 reports and must not grow with them."""
    if len(text) <= MEMO_MAX_CHARS:
        if len(memo) >= MEMO_ENTRIES:
            memo.clear()
        memo[text] = answer
    return answer
