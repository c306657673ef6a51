"""A report bound to a format edition: parts found by heading, tables read into keyed cells.

This is what rule kinds read. It is mutable on purpose: rule examples start from a clean
bound report and patch a few cells or a part's text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from checker.model import Report
from checker.structure import PartSpec, Structure, TableSpec
from checker.textnorm import norm
from checker.values import CellValue


@dataclass
class Paragraph:
    text: str
    line: int | None = None
    page: int | None = None


@dataclass
class BoundPart:
    spec: PartSpec
    found: bool = False
    heading: str | None = None
    line: int | None = None
    page: int | None = None
    block: int | None = None
    deviations: list[dict[str, Any]] = field(default_factory=list)  # {"type": ..., ...}
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class BoundCell:
    row: str
    column: str
    value: CellValue
    line: int | None = None
    page: int | None = None
    recovered: bool = False  # digits split out of run-together crawler text


@dataclass
class RowMatch:
    label: str  # the label as written
    how: str  # exact | numbering | alias | typo | unlabelled
    line: int | None = None
    page: int | None = None
    values: int = 0  # how many value cells the row had


@dataclass
class BoundTable:
    spec: TableSpec
    found: bool = False
    line: int | None = None
    page: int | None = None
    cells: dict[tuple[str, str], BoundCell] = field(default_factory=dict)
    rows: dict[str, RowMatch] = field(default_factory=dict)
    unknown_rows: list[Paragraph] = field(default_factory=list)
    unreadable: str | None = None  # why the numbers could not be read
    unassessable: set[str] = field(default_factory=set)  # rule ids that a recovery relied on
    blocks: list[int] = field(default_factory=list)  # indexes of the source table blocks
    notes: list[str] = field(default_factory=list)

    def cell(self, row: str, column: str) -> BoundCell | None:
        return self.cells.get((row, column))

    def number(self, row: str, column: str) -> Decimal | None:
        cell = self.cells.get((row, column))
        return cell.value.value if cell is not None else None

    @property
    def missing_rows(self) -> list[str]:
        return [r.id for r in self.spec.rows if r.id not in self.rows]


@dataclass
class ResolvedMeta:
    """Metadata after inference; each value says where it came from."""

    title: str | None = None
    agency: str | None = None
    year: int | None = None
    published: str | None = None
    agency_kind: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # field → "meta" | "title" | "inferred: …"
    fields: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = {
            k: getattr(self, k)
            for k in ("title", "agency", "year", "published", "agency_kind")
            if getattr(self, k) is not None
        }
        if self.sources:
            out["sources"] = dict(self.sources)
        return out


@dataclass
class BoundReport:
    report: Report
    source: str
    structure: Structure
    meta: ResolvedMeta
    detected_edition: str | None = None  # what the labels say
    parts: dict[str, BoundPart] = field(default_factory=dict)
    tables: dict[str, BoundTable] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)  # every text block, in order
    # Per-report memos for the text rules. Keyed by content (a patched paragraph is a new key) and
    # by the parts' shape, so patching a bound report cannot serve a stale answer.
    _norms: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _part_index: tuple[Any, dict[tuple[int | None, str], str]] | None = field(
        default=None, init=False, repr=False, compare=False)
    _joined: dict[tuple[str, ...], str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _words: dict[str, dict[str, bool]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _derived: dict[tuple[Any, ...], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def norm(self, text: str) -> str:
        """`textnorm.norm(text)`, once per report: some thirty text rules read the same paragraphs,
        and NFKC on every paragraph per rule was most of the time on long reports."""
        cached = self._norms.get(text)
        if cached is None:
            cached = self._norms[text] = norm(text)
        return cached

    def joined_norm(self, texts: tuple[str, ...]) -> str:
        """The normalised texts joined by line breaks, once per report: a dozen text rules read the
        whole text or the same parts, and joining a long report was a good part of each rule."""
        joined = self._joined.get(texts)
        if joined is None:
            joined = self._joined[texts] = "\n".join(self.norm(t) for t in texts)
        return joined

    def contains(self, text: str, word: str) -> bool:
        """`word in text`, once per report for a joined text: rules look up the same words in it, and
        a word that is not there costs a scan of the whole text."""
        seen = self._words.get(text)
        if seen is None:
            seen = self._words[text] = {}
        found = seen.get(word)
        if found is None:
            found = seen[word] = word in text
        return found

    def words_in(self, text: str) -> dict[str, bool]:
        """The memo `contains` keeps for `text` (word -> whether it is in it), for callers that look up many
        words at once without a method call per word; they fill it as `contains` does."""
        seen = self._words.get(text)
        if seen is None:
            seen = self._words[text] = {}
        return seen

    def derived(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """`compute()`, once per report for `key`, which names the computation and holds the content
        it reads (so a patched report is a new key): in a batch this year's report is next year's
        previous year, and the cross-year rules would derive the same from it twice."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    def part_of(self, paragraph: Paragraph) -> str | None:
        """The first found part (in part order) holding a paragraph of this line and text; one
        dictionary look-up instead of a scan of every part for every finding."""
        shape = tuple((pid, p.found, len(p.paragraphs)) for pid, p in self.parts.items())
        if self._part_index is None or self._part_index[0] != shape:
            index: dict[tuple[int | None, str], str] = {}
            for pid, part in self.parts.items():
                for q in part.paragraphs if part.found else ():
                    index.setdefault((q.line, q.text), pid)
            self._part_index = (shape, index)
        return self._part_index[1].get((paragraph.line, paragraph.text))

    @property
    def edition(self) -> str:
        return self.structure.edition

    @property
    def full_text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def part_text(self, part_ids: list[str] | tuple[str, ...] | None) -> str:
        if not part_ids:
            return self.full_text
        return "\n".join(self.parts[p].text for p in part_ids if p in self.parts and self.parts[p].found)
