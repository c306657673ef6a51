"""Matching one cell's text against a table template's row and column labels."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from checker.structure import RowSpec, TableSpec
from checker.textnorm import core, norm, similarity

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
        self._key = (tuple(self.rows), spec.columns, spec.headers)  # all that matching reads
        self._hash = hash(self._key)

    # Equal templates match equally, so a batch shares one memo across reports and binds.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, LabelIndex) and (self is other or self._key == other._key)

    def __hash__(self) -> int:
        return self._hash

    def match_row(self, text: str) -> LabelMatch | None:
        return _memo_match(self, text)

    def _match_row(self, text: str) -> LabelMatch | None:
        n, c = norm(text), core(text)
        if not c:
            return None
        best: LabelMatch | None = None
        for row in self.rows:
            if n == self._norm[row.id]:
                return LabelMatch(row, "exact")
            if c == self._core[row.id]:
                candidate = LabelMatch(row, "numbering")
            elif c in self._aliases[row.id] or n in self._aliases[row.id]:
                candidate = LabelMatch(row, "alias")
            else:
                # Cheap rejections first: ratio() can never exceed 2*min/(sum) of the lengths, and
                # most cells are numbers; SequenceMatcher on every cell × row dominated a check.
                label = self._core[row.id]
                if len(c) < 4 or 2 * min(len(c), len(label)) < TYPO_SIMILARITY * (len(c) + len(label)):
                    continue
                score = similarity(c, label)
                if score < TYPO_SIMILARITY:
                    continue
                candidate = LabelMatch(row, "typo", score)
            if best is None or (HOW_RANK[candidate.how], -candidate.score) < (HOW_RANK[best.how], -best.score):
                best = candidate
        return best

    def is_header(self, text: str) -> bool:
        return _memo_header(self, text)

    def _is_header(self, text: str) -> bool:
        c = core(text)
        return c in self.columns or c in self.headers or c in self.groups or any(
            c and h and (c.startswith(h) or h.startswith(c)) and len(c) >= 6 for h in self.headers
        )

    def is_column(self, text: str) -> bool:
        return core(text) in self.columns


@lru_cache(maxsize=4096)  # bounded: labels recur across reports, numbers churn
def _memo_match(index: LabelIndex, text: str) -> LabelMatch | None:
    return index._match_row(text)


@lru_cache(maxsize=4096)
def _memo_header(index: LabelIndex, text: str) -> bool:
    return index._is_header(text)
