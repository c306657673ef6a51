"""Finding the six parts by their headings, and recording every deviation.

A heading is matched after normalisation (checker.textnorm). Deviations are kept, not
fixed: a lost numeral ("、主动公开政府信息情况"), a wrong numeral, a recognised wording
variant, a typo ("行政法复议"), a part out of order. Level-2 headings such as "（一）主动公开
情况" inside part 一 are never taken for a part heading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from checker.bound import BoundPart, Paragraph
from checker.model import Block
from checker.structure import PartSpec, Structure
from checker.similarity import similarity, similarity_ceiling
from checker.textnorm import norm, split_numbering

MAX_HEADING_EXTRA = 12  # characters a heading line may carry beyond the heading itself
TYPO_SIMILARITY = 0.8
UNNUMBERED_TYPO = 0.9  # a heading that lost its numeral and has a typo ("政府信息公开行政法复议…")

# The template's own wordings, normalised once: they are compared with every candidate line.
_label = lru_cache(maxsize=512)(norm)
_chars = lru_cache(maxsize=512)(frozenset)  # a wording's characters, for similarity_ceiling


def _wording(rest: str, spec: PartSpec) -> tuple[str, float] | None:
    """How the heading wording matches: exact, variant, prefix (text runs on), or typo."""
    heading = _label(spec.heading)
    if rest == heading:
        return "exact", 1.0
    variants = [_label(v) for v in spec.variants]
    if rest in variants:
        return "variant", 1.0
    if rest.startswith(heading) and len(rest) - len(heading) <= MAX_HEADING_EXTRA:
        return "prefix", 1.0
    # ratio() is at most 2*min/(sum) of the lengths: skipping hopeless pairs keeps a report of
    # 200k one-number lines (hostile or cell-per-line text) linear, not 5 ms per line. The shared
    # characters bound it too (similarity_ceiling): most lines near a heading's length are another
    # part's heading, and a wording under the threshold cannot change the best one above it.
    close = [w for w in (heading, *variants) if 2 * min(len(rest), len(w)) >= TYPO_SIMILARITY * (len(rest) + len(w))
             and similarity_ceiling(rest, w, _chars(w)) >= TYPO_SIMILARITY]
    best = max((similarity(rest, w) for w in close), default=0.0)
    if best >= TYPO_SIMILARITY:
        return "typo", best
    return None


@dataclass(frozen=True, slots=True)
class _Line:
    """A candidate line, normalised and split from its numbering once for all six headings."""

    text: str
    normal: str
    level: str | None
    numeral: str | None
    rest: str

    @classmethod
    def of(cls, text: str, normalize: Callable[[str], str] = norm) -> _Line:
        normal = normalize(text)
        return cls(text, normal, *split_numbering(normal))


@lru_cache(maxsize=64)  # a handful of part templates per pack
def _glue_wordings(spec: PartSpec) -> tuple[str, ...]:
    return tuple(sorted((norm(w) for w in (spec.heading, *spec.variants)), key=len, reverse=True))


def _line_too_long(normal: str, spec: PartSpec) -> bool:
    return len(normal) > len(_label(spec.heading)) + MAX_HEADING_EXTRA + 4


def glued_heading(text: str, spec: PartSpec, normalize: Callable[[str], str] = norm) -> str | None:
    """The heading at the start of a line that runs straight on into body text.

    Crawler text glues a heading to what follows ("一、总体情况2021年，…"). Only the exact
    numeral of this part followed by its exact wording (or a listed variant) counts, so a body
    sentence that merely mentions a heading is never taken for one.
    """
    return _glued(_Line.of(text, normalize), spec)


def _glued(line: _Line, spec: PartSpec) -> str | None:
    if line.level != "1" or line.numeral != spec.number:
        return None
    for wording in _glue_wordings(spec):
        if line.rest.startswith(wording):
            return f"{spec.number}、{wording}"
    return None


def match_heading(text: str, spec: PartSpec,
                  normalize: Callable[[str], str] = norm) -> tuple[str, list[dict[str, object]]] | None:
    """Whether `text` is the heading of `spec`; returns (quality, deviations) or None."""
    return _match_line(_Line.of(text, normalize), spec)


def _match_line(line: _Line, spec: PartSpec) -> tuple[str, list[dict[str, object]]] | None:
    if _line_too_long(line.normal, spec):
        glued = _glued(line, spec)
        if glued is None:
            return None
        variant = _label(spec.heading) not in glued
        return ("glued", [{"type": "variant", "expected": spec.heading, "found": glued}] if variant else [])
    level, numeral, rest, text = line.level, line.numeral, line.rest, line.text
    if level in ("2", "3"):
        return None
    wording = _wording(rest, spec)
    if wording is None:
        return None
    quality, score = wording
    if level is None and quality not in ("exact", "variant") and not (quality == "typo" and score >= UNNUMBERED_TYPO):
        return None  # an unnumbered line must read (almost) exactly like the heading
    deviations: list[dict[str, object]] = []
    if level == "lost" or level is None:
        deviations.append({"type": "numeral_missing", "expected": spec.number})
    elif numeral != spec.number:
        deviations.append({"type": "numeral_wrong", "expected": spec.number, "found": numeral})
    if quality == "variant":
        deviations.append({"type": "variant", "expected": spec.heading, "found": text.strip()})
    elif quality == "typo":
        deviations.append(
            {"type": "typo", "expected": spec.heading, "found": text.strip(), "similarity": round(score, 2)}
        )
    return quality, deviations


MEMO_MAX_CHARS = 64  # headings and short lines recur in every report of a batch; paragraphs do not
MEMO_ENTRIES = 256  # per part template set: its headings recur; the one-off lines (titles, names) are dropped at the bound, which a 1k batch must reach so memory stays flat beyond it
_Answer = tuple[str, list[dict[str, object]]] | None
_Memo = dict[tuple[str, str], tuple[_Line, tuple[_Answer, ...]]]
# Per part template set (by id; the specs kept): the answers memo, then what `_heads_none` and
# `_read_line` read of the wordings (every wording, their characters, the widest; the longest line)
_ANSWERS: dict[int, tuple[tuple[PartSpec, ...], _Memo, tuple[str, ...], frozenset[str], int, int]] = {}
_ORDER = {"exact": 0, "glued": 0, "variant": 1, "prefix": 1, "typo": 2}
_LEVEL_1_STARTS = "第一二三四五六七八九十"  # what level-1 numbering (textnorm._NUMBERING's l1) starts with


def _read_line(text: str, normal: str, specs: tuple[PartSpec, ...],
               longest: int | None = None) -> tuple[_Line, tuple[_Answer, ...]]:
    """A candidate line and `_match_line` of it against every part heading, remembered for short lines
    per template (one look-up per line instead of one per line and part; bounded: a worker checks
    10,000 reports). The answers are shared: a caller copies the deviation dicts it keeps (`_find`).
    `longest` is the longest line of `_template(specs)`, which a caller reading many lines looks up once."""
    if len(text) > MEMO_MAX_CHARS:
        line = _Line(text, normal, *split_numbering(normal))
        if line.level != "1" and len(normal) > (_template(specs)[5] if longest is None else longest):
            return line, (None,) * len(specs)  # a body paragraph: too long for a heading, and no glued one
        return line, tuple(_match_line(line, spec) for spec in specs)
    template = _template(specs)
    memo, key = template[1], (text, normal)  # a tuple compares in C
    found = memo.get(key)
    if found is None:
        if len(memo) >= MEMO_ENTRIES:
            memo.clear()
        line = _Line(text, normal, *split_numbering(normal))
        answers = ((None,) * len(specs) if _heads_none(line, template) else
                   tuple(_match_line(line, spec) for spec in specs))
        found = memo[key] = (line, answers)
    return found


def _template(specs: tuple[PartSpec, ...]) -> tuple[tuple[PartSpec, ...], _Memo, tuple[str, ...], frozenset[str], int,
                                                   int]:
    """The `_ANSWERS` entry of a part template set, made on first use (found by identity: hashing six
    frozen specs for an `lru_cache` look-up cost more than reading a line)."""
    entry = _ANSWERS.get(id(specs))
    if entry is None or entry[0] is not specs:
        if len(_ANSWERS) >= 64:  # a handful of part templates per pack
            _ANSWERS.clear()
        wordings = tuple(_label(w) for spec in specs for w in (spec.heading, *spec.variants))
        longest = max((len(_label(spec.heading)) + MAX_HEADING_EXTRA + 4 for spec in specs), default=0)
        entry = _ANSWERS[id(specs)] = (specs, {}, wordings, frozenset("".join(wordings)),
                                       max(map(len, wordings), default=0), longest)
    return entry


TYPO_BOUND_CHARS = 10_000  # len(rest) * len(wording) below which similarity is difflib's ratio (budget 60,000)


def _heads_none(line: _Line, template: tuple) -> bool:
    """True only when `_match_line(line, spec)` is None for every spec of `template` (`_template`),
    decided for all six at once: a sub-heading, or a line (a title, a name, a date) that starts with no
    wording and shares too few characters with all of them for a typo. (A line that heads nothing may
    still answer False.)"""
    if line.level in ("2", "3"):
        return True  # never a part heading, glued or not (`_match_line`, `_glued`)
    if line.level == "1":
        return False  # a glued heading or a wrong numeral: the full reading
    rest = line.rest
    _, _, wordings, chars, widest, _ = template
    if rest.startswith(wordings) or len(rest) * widest > TYPO_BOUND_CHARS:
        return False  # an exact, variant or prefix wording; or too long for the bound below
    # difflib's ratio is 2M/(len(rest)+len(w)), M <= min(len(w), the characters of rest found in w)
    # <= min(len(w), shared): at most 2*shared/(len(rest)+shared), whatever the wording.
    shared = sum(map(chars.__contains__, rest))
    return 2 * shared < TYPO_SIMILARITY * (len(rest) + shared)


def _find(answers: dict[int, tuple[_Answer, ...]], indices: list[int],
          k: int) -> tuple[int, list[dict[str, object]]] | None:
    """The best line for part k (the first of the best rank), with its own copy of the deviations."""
    best: tuple[int, int, list[dict[str, object]]] | None = None
    for i in indices:
        found = answers[i][k]
        if found:
            quality, deviations = found
            rank = _ORDER[quality] + len(deviations)
            if rank == 0:
                return i, [dict(d) for d in deviations]
            if best is None or rank < best[0]:
                best = (rank, i, deviations)
    return None if best is None else (best[1], [dict(d) for d in best[2]])


def _increasing(indices: list[int]) -> set[int]:
    """Positions (into `indices`) of a longest strictly increasing subsequence."""
    if all(map(int.__lt__, indices, indices[1:])):
        return set(range(len(indices)))  # parts in order (most reports): the only longest one is all
    best: list[list[int]] = []
    for pos, value in enumerate(indices):
        chain = max((c for c in best if indices[c[-1]] < value), key=len, default=[])
        best.append([*chain, pos])
    return set(max(best, key=len, default=[]))


def bind_parts(blocks: tuple[Block, ...], structure: Structure,
               normalize: Callable[[str], str] | None = None) -> dict[str, BoundPart]:
    """Each part's best heading anywhere; parts off the longest in-order run are out of order.
    `normalize` is `norm` memoised for this report (bind passes `BoundReport.norm`, which the text
    rules then reuse); by default `norm` (each line is normalised once here)."""
    parts: dict[str, BoundPart] = {}
    hits: dict[str, tuple[int, list[dict[str, object]]]] = {}
    used: set[int] = set()
    normalize = normalize or norm
    specs = structure.parts
    longest = _template(specs)[5]
    lines: dict[int, _Line] = {}
    answers: dict[int, tuple[_Answer, ...]] = {}  # only the lines that head some part: no other is ever picked
    for i, block in enumerate(blocks):
        text = block.text
        if block.type in ("heading", "paragraph") and text.strip():
            normal = normalize(text)
            if len(normal) > longest and normal[:1] not in _LEVEL_1_STARTS:
                continue  # a body paragraph: too long for any heading, and no level-1 numbering to glue one
            line, found = _read_line(text, normal, specs, longest)
            if any(found):
                lines[i], answers[i] = line, found
    for k, spec in enumerate(specs):
        hit = _find(answers, [i for i in answers if i not in used], k)
        if hit is not None:
            hits[spec.id] = hit
            used.add(hit[0])
    found_ids = [pid for pid in (p.id for p in structure.parts) if pid in hits]
    in_order = {found_ids[k] for k in _increasing([hits[pid][0] for pid in found_ids])}
    for spec in structure.parts:
        part = BoundPart(spec=spec)
        if spec.id in hits:
            index, deviations = hits[spec.id]
            block = blocks[index]
            line = lines[index]
            glued = _glued(line, spec) if _line_too_long(line.normal, spec) else None
            part.found, part.block, part.heading = True, index, glued or block.text.strip()
            part.line, part.page = block.line, block.page
            part.deviations = list(deviations)
            if spec.id not in in_order:
                part.deviations.append({"type": "out_of_order"})
        parts[spec.id] = part
    _attach_bodies(blocks, parts, lines)
    return parts


def _attach_bodies(blocks: tuple[Block, ...], parts: dict[str, BoundPart], lines: dict[int, _Line]) -> None:
    """Each found part's paragraphs up to the next part (`lines`: the heading lines, read already)."""
    starts = sorted((p.block, p) for p in parts.values() if p.block is not None)
    for n, (start, part) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(blocks)
        # A heading line that runs on into text ("一、总体情况2024年，…") keeps the rest as body.
        line, rest = lines[start].normal, lines[start].rest
        heading = norm(part.heading) if part.heading else ""
        if heading and line.startswith(heading) and len(line) > len(heading):
            extra = line[len(heading):]
        else:
            wording = norm(part.spec.heading)
            extra = rest[len(wording):] if rest.startswith(wording) else ""
        if extra:
            part.paragraphs.append(Paragraph(extra, part.line, part.page))
        part.paragraphs += [Paragraph(text, block.line, block.page) for block in blocks[start + 1 : end]
                            if block.type != "table" and (text := block.text.strip())]
