"""What the cross-year kinds share: is the previous report really last year's, and text masking.

A comparison with "last year" means something only when LAST is the report for the year
before THIS, by the same reporting body. `pair_problems` says what is wrong with the pair
(the `previous_pair` kind reports it as a finding); `previous_report` hands the other
cross-year kinds the previous report or makes them not assessable with that cause, so a
wrong `--previous` gives one finding, not a carry-over warning in every column.
"""

from __future__ import annotations

import re

from checker.bind.meta import agency_from_title
from checker.bound import BoundReport, BoundTable
from checker.kinds._base import Context, NotAssessable
from checker.similarity import similarity
from checker.textnorm import norm

# Two names of one body differ in wording ("平潭综合实验区" / "平潭综合实验区管委会"); below
# this similarity, and with neither contained in the other, they are different bodies.
SAME_BODY_SIMILARITY = 0.6

_CN_YEAR = re.compile(r"[一二三四五六七八九〇零○]{4}\s*年")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def body_name(bound: BoundReport) -> str | None:
    """The reporting body as the title names it (the most stable name), else the metadata's."""
    name = agency_from_title(bound.meta.title) or bound.meta.agency
    return norm(name) if name else None


def pair_problems(this: BoundReport, previous: BoundReport) -> list[tuple[str, str, str, dict[str, object]]]:
    """(code, English, Chinese, evidence) for each reason the pair is not (this year, last year)."""
    problems: list[tuple[str, str, str, dict[str, object]]] = []
    year, last = this.meta.year, previous.meta.year
    if year is not None and last is not None and last != year - 1:
        problems.append((
            "years",
            f"the previous report is for {last}, not {year - 1} (the year before {year})",
            f"上年报告的年度是{last}年，而不是{year - 1}年（{year}年的上一年）",
            {"year": year, "previous_year": last, "expected_previous_year": year - 1},
        ))
    name, other = body_name(this), body_name(previous)
    if name and other and name not in other and other not in name and similarity(name, other) < SAME_BODY_SIMILARITY:
        problems.append((
            "agency",
            f"the previous report is by {other}, not {name}",
            f"上年报告的编制主体是{other}，不是{name}",
            {"agency": name, "previous_agency": other},
        ))
    return problems


def previous_report(ctx: Context) -> BoundReport:
    """The previous-year report, or NotAssessable when there is none or it is not last year's."""
    previous = ctx.previous
    if previous is None:
        raise NotAssessable("no previous-year report given (--previous)", zh="未提供上年度报告（--previous）")
    key = ("pair problems", id(previous))  # once per run for the cross-year rules (names, similarity)
    problems = ctx.shared.get(key)
    if problems is None:
        problems = ctx.shared[key] = pair_problems(ctx.bound, previous)
    if problems:
        _, en, zh, _ = problems[0]
        raise NotAssessable(en, cause="previous_pair", zh=zh)
    return previous


def previous_table(previous: BoundReport, table_id: str) -> BoundTable:
    """A table of the previous report; its absence is said as such (no rule fired on that report)."""
    try:
        return Context(bound=previous).table(table_id)
    except NotAssessable as exc:
        raise NotAssessable(f"previous report ({previous.edition} format): {exc.reasons['en']}",
                            zh=f"上年报告（{previous.edition}年格式）：{exc.reasons['zh']}") from None


def mask(text: str, numbers: bool = True) -> str:
    """Text for comparing years: width/space-normalised, years (and all numbers) replaced by '#'."""
    return masked_norm(norm(text), numbers)


def masked_norm(text: str, numbers: bool = True) -> str:
    """`mask` of a text already normalised: `norm` applies NFKC itself, and NFKC is idempotent, so
    `norm(NFKC(text))` (what mask computed) is `norm(text)`, which the kinds may already hold."""
    text = _CN_YEAR.sub("#年", text)
    if numbers:
        return _NUMBER.sub("#", text)
    return re.sub(r"(?:19|20)[0-9]{2}(?=年)", "#", text)
