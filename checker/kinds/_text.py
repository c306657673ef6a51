"""What the text kinds share: which paragraphs a rule reads (the patterns themselves: `_patterns`).

A rule names its scope: `text` (the whole report), `title`, `intro` (what comes before part
一 — the paragraph that names the report, its basis and its statistical period) or `parts`
(a list of part ids). A scope is `bounded` when its end is known — a later part, or for the
whole text the last part, was found — so that rules about what is absent can stay silent on
excerpts and pages cut short. Patterns are matched on normalised text (`checker.textnorm.norm`: no
spaces or line breaks, half-width brackets, digits and commas, straight quotes), so a
line-broken label still matches. A plain string is a literal phrase (normalised the same
way); `{regex: ...}` is a regular expression on that normalised text; kinds list such params in
`REGEX_PARAMS`, so the pack loader refuses an unsafe one (`checker.regexsafe`) before any report.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from checker.bound import BoundReport, Paragraph
from checker.findings import Location
from checker.kinds._base import Context, NotAssessable
from checker.kinds._patterns import Entry, entry_label, may_match, required_words, selective_words  # noqa: F401
from checker.textnorm import cn_number, norm, split_numbering

_INTRO_FALLBACK = 5  # paragraphs taken as the introduction when no part heading was found


@dataclass
class Scope:
    paragraphs: list[Paragraph]
    location: Location  # where a finding about the scope as a whole points
    bounded: bool = True  # False when a later part was not found, so the scope may be cut short
    normalize: Callable[[str], str] = norm  # the report's memo (`BoundReport.norm`) once scoped
    bound: BoundReport | None = None  # the report whose memos serve the joined text, once scoped

    _joined: str | None = field(default=None, init=False, repr=False, compare=False)
    _starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    # Keyed by the regex's source and flags, all its answer depends on (`required_words`): hashing a compiled
    # pattern hashes its whole code (thousands of words for a class of Chinese characters) on every look-up.
    _may: dict[tuple[str, int], bool] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The normalised paragraphs joined by line breaks; computed once, as a scope lives for one run
        of one rule (which asks once per pattern) and its paragraphs do not change meanwhile."""
        if self._joined is None:
            texts = tuple(p.text for p in self.paragraphs)
            self._joined = (self.bound.joined_norm(texts) if self.bound is not None
                            else "\n".join(self.normalize(t) for t in texts))
        return self._joined

    def may_match(self, regex: re.Pattern[str]) -> bool:
        """`may_match(regex, self.text)`, with the report's memo of the words looked up in it; once per regex
        for the scope (rules sharing the scope ask of the same patterns, and a rule asks again for candidates)."""
        key = (regex.pattern, regex.flags)
        found = self._may.get(key)
        if found is None:
            found = self._may[key] = self._may_match(required_words(regex.pattern, regex.flags))
        return found

    def may(self, entry: Entry) -> bool:
        """`may_match(entry.regex)` from the words the entry found once per pack."""
        found = self._may.get(entry.key)
        if found is None:
            found = self._may[entry.key] = self._may_match(entry.words)
        return found

    def _may_match(self, requirements: tuple[tuple[str, ...], ...]) -> bool:
        text = self.text
        seen = self.bound.words_in(text) if self.bound is not None else {}  # the report's memo, read inline
        for words in requirements:  # all(any(...)) as loops: no generator per call
            for word in words:
                found = seen.get(word)
                if found is None:
                    found = seen[word] = word in text
                if found:
                    break
            else:
                return False
        return True

    def candidates(self, regexes: list[re.Pattern[str]]) -> list[Paragraph]:
        """The paragraphs, in order, for which `may_match(regex, normalize(p.text))` holds for some regex.

        The same list as testing every paragraph against every regex, found from where the words of
        one requirement of each regex occur in the joined text: a long report has hundreds of
        paragraphs, and a rule's statements are in few of them. A word without a line break lies
        within one paragraph of the joined text, so its occurrences name exactly the paragraphs
        holding it; the paragraphs found are then tested as before."""
        found: set[int] = set()
        for regex in regexes:
            found.update(self._holding(selective_words(regex.pattern, regex.flags), self.may_match(regex),
                                       lambda text, regex=regex: may_match(regex, text)))
        texts = self.paragraphs
        return [texts[n] for n in sorted(found)]

    def candidates_of(self, entries: list[Entry] | tuple[Entry, ...]) -> list[Paragraph]:
        """`candidates` of the entries' regexes, from what each entry found once per pack."""
        found: set[int] = set()
        for entry in entries:
            found.update(self._holding(entry.selective, self.may(entry), entry.may_match))
        texts = self.paragraphs
        return [texts[n] for n in sorted(found)]

    def _holding(self, words: tuple[str, ...] | None, may: bool, test: Callable[[str], bool]) -> list[int]:
        """Indexes of the paragraphs that may match a regex: `words` its most selective requirement, `may`
        whether the scope may match it, `test` its prefilter on one paragraph's text."""
        normalize = self.normalize
        # Any requirement names a superset of the answer; one of long words is found in fewer places.
        if words is None:
            return [n for n, p in enumerate(self.paragraphs) if test(normalize(p.text))]
        if not may:
            return []
        text, starts = self.text, self._offsets()
        holding = pieces_holding(text, starts, words)
        paragraphs = self.paragraphs
        return [n for n in holding if test(normalize(paragraphs[n].text))]

    def _offsets(self) -> list[int]:
        """Where each paragraph starts in `text`."""
        if self._starts is None:
            starts, at = [], 0
            for p in self.paragraphs:
                starts.append(at)
                at += len(self.normalize(p.text)) + 1
            self._starts = starts
        return self._starts


def pieces_holding(text: str, starts: list[int], words: tuple[str, ...]) -> set[int]:
    """Indexes of the pieces (paragraphs, sentences) of `text`, joined by line breaks and starting at `starts`,
    that hold one of `words` (none with a line break, so an occurrence lies within one piece)."""
    holding: set[int] = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            n = bisect_right(starts, at) - 1
            holding.add(n)
            at = text.find(word, starts[n + 1]) if n + 1 < len(starts) else -1  # the next piece on
    return holding


def in_years(ctx: Context, params: dict[str, Any]) -> bool:
    """Whether the rule's `years` range includes the reporting year (NotAssessable when unknown)."""
    years = params.get("years")
    if not years:
        return True
    year = ctx.bound.meta.year
    if year is None:
        raise NotAssessable("reporting year unknown", zh="无法确定报告年度")
    return years.get("from", 0) <= year <= years.get("to", 9999)


def _title(bound: BoundReport) -> Scope:
    """The title the document states (its metadata, or a line of its own), not one read from a sentence."""
    title = bound.meta.title
    if not title:
        raise NotAssessable("the report has no title", zh="报告没有标题")
    own_line = next((p for p in bound.paragraphs[:10] if bound.norm(p.text) == norm(title)), None)
    if own_line is None and bound.meta.sources.get("title") != "meta":
        raise NotAssessable("the report has no title line (the name comes from its first sentence)",
                            zh="报告没有单独的标题行（名称取自首句）")
    line = own_line.line if own_line is not None else None
    return Scope([Paragraph(title, line)], Location(line=line if line is not None else 1))


def _intro(bound: BoundReport) -> Scope:
    """Before part 一; when no part heading was found, before the first "一、" paragraph (at most 5)."""
    starts = [p.block for p in bound.parts.values() if p.found and p.block is not None]
    if starts:
        blocks = bound.report.blocks[: min(starts)]
        paragraphs = [Paragraph(b.text.strip(), b.line, b.page) for b in blocks if b.type != "table" and b.text.strip()]
    else:
        first = next((n for n, p in enumerate(bound.paragraphs) if split_numbering(bound.norm(p.text))[:2] == ("1", "一")),
                     _INTRO_FALLBACK)
        paragraphs = bound.paragraphs[: min(first, _INTRO_FALLBACK)]
    if not paragraphs:
        raise NotAssessable("the report has no introduction before part 一", zh="第一部分之前没有导语")
    return Scope(paragraphs, Location(line=paragraphs[0].line, page=paragraphs[0].page))


def _parts(bound: BoundReport, part_ids: list[str]) -> Scope:
    found = [bound.parts[p] for p in part_ids if p in bound.parts and bound.parts[p].found]
    if not found:
        names = "、".join(bound.parts[p].spec.heading for p in part_ids if p in bound.parts) or "、".join(part_ids)
        raise NotAssessable(f"part(s) not found: {', '.join(part_ids)}", cause="parts_present",
                            zh=f"未找到相关部分：{names}")
    first = found[0]
    paragraphs = [p for part in found for p in part.paragraphs]
    order = [p.id for p in bound.structure.parts]
    last = max(order.index(p.spec.id) for p in found)
    later = [bound.parts[pid] for pid in order[last + 1:] if pid in bound.parts]
    bounded = not later or any(p.found for p in later)
    return Scope(paragraphs, Location(part=first.spec.id, line=first.line, page=first.page), bounded)


def scope(ctx: Context, params: dict[str, Any]) -> Scope:
    """The rule's scope, made once per run for the rules that read the same one (a scope is not changed by
    the kinds; one that cannot be assessed is raised afresh each time, with the same reasons)."""
    kind = params.get("scope", "parts" if params.get("parts") else "text")
    key = ("scope", kind, tuple(params["parts"]) if kind == "parts" else None)
    found = ctx.shared.get(key)
    if found is None:
        try:
            found = _scope(ctx.bound, kind, params)
        except NotAssessable as exc:
            found = exc.detached()  # the raised one's traceback holds this frame, and `ctx` with it: a cycle
        ctx.shared[key] = found
    if isinstance(found, NotAssessable):
        raise found.detached()
    return found


def _scope(bound: BoundReport, kind: str, params: dict[str, Any]) -> Scope:
    if kind == "title":
        found = _title(bound)
    elif kind == "intro":
        found = _intro(bound)
    elif kind == "parts":
        found = _parts(bound, params["parts"])
    else:
        first = bound.paragraphs[0] if bound.paragraphs else None
        last = bound.parts.get(bound.structure.parts[-1].id) if bound.structure.parts else None
        found = Scope(list(bound.paragraphs),
                      Location(line=first.line if first else None, page=first.page if first else None),
                      bounded=last is None or last.found)
    found.normalize = bound.norm
    found.bound = bound
    return found


def located(bound: BoundReport, paragraph: Paragraph, base: Location) -> Location:
    """The scope's location narrowed to one paragraph: its line, page and the part it sits in."""
    part = base.part if base.part is not None else bound.part_of(paragraph)
    return Location(part=part, line=paragraph.line if paragraph.line is not None else base.line,
                    page=paragraph.page if paragraph.page is not None else base.page)


def number(text: str) -> Decimal | None:
    """A number as the narrative writes it: 1,234 or 一百二十三 (None when it is neither)."""
    try:
        return Decimal(text.replace(",", ""))
    except (InvalidOperation, ValueError):
        value = cn_number(text)
        return Decimal(value) if value is not None else None
