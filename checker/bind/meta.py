"""Resolving title, year, agency, publication date and agency kind.

The document's own metadata wins; what is missing is inferred from the title and the text,
and every inferred value records where it came from, so a finding can say "agency kind
inferred from the title" and the user can override it (meta.agency_kind, --agency-kind).
"""

from __future__ import annotations

import re

from checker.bound import ResolvedMeta
from checker.model import Block, Meta
from checker.regexsafe import compile_known  # module regexes from a cached pack's forms: see rulecache

_TITLE_WORDS = ("年度报告", "工作报告", "年报")
_YEAR_IN_TITLE = compile_known(r"(20[0-9]{2}|19[0-9]{2})\s*年(?:度)?")
_PERIOD = compile_known(r"(20[0-9]{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|-|～|~)\s*(?:(20[0-9]{2})\s*年\s*)?12\s*月\s*31\s*日")
_DATE = compile_known(r"(20[0-9]{2})\s*[年\-/.]\s*([0-9]{1,2})\s*[月\-/.]\s*([0-9]{1,2})")
_SIGN_DATE = compile_known(r"^\s*(20[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*$")

_TOWNSHIP = compile_known(r"(街道办事处|街道办|街道|[乡镇]人民政府|[乡镇]政府|[^城]镇|乡)$")
_GOVERNMENT = compile_known(r"(人民政府|自治[区州县旗]|[省市县区旗]|实验区|新区|开发区管委会|管理委员会|管委会)$")
_OFFICE = compile_known(r"人民政府办公[室厅]$")
_AGGREGATE = compile_known(r"(汇总|综合)[^。]{0,40}(各|所属|下属)[^。]{0,30}(部门|单位|乡|镇|街道)")
_AGGREGATE_WORDS = ("汇总", "综合")  # what every match of _AGGREGATE starts with
AGGREGATE_SPAN = 3000  # the characters of the text that may say the report aggregates others


def _aggregates(text: str) -> bool:
    """`_AGGREGATE.search(text[:AGGREGATE_SPAN])`, tried only where one of its words starts (found by
    `str.find` in C): the regex scan of 3,000 characters was half of resolving the metadata."""
    for word in _AGGREGATE_WORDS:
        at = text.find(word, 0, AGGREGATE_SPAN)
        while at >= 0:
            if _AGGREGATE.match(text, at, AGGREGATE_SPAN):
                return True
            at = text.find(word, at + 1, AGGREGATE_SPAN)
    return False


def iso_date(text: str | None) -> str | None:
    if not text:
        return None
    m = _DATE.search(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


# "现将富县人民政府2024年政府信息公开工作年度报告予以公开": the report names itself in its first sentence
_TITLE_IN_INTRO = compile_known(
    r"(?:现将|现公布|现向社会公布|编制完成|特发布|现发布)\s*"
    r"(?P<title>[^，。,；;：:“”《》()（）]{0,40}?(?:19|20)[0-9]{2}\s*年度?[^，。,；;“”《》()（）]{0,30}?(?:年度报告|工作报告))"
)


def find_title(meta: Meta, blocks: tuple[Block, ...]) -> tuple[str | None, str]:
    """The title and where it came from: the metadata, a title line, or the intro sentence."""
    if meta.title:
        return meta.title.strip(), "meta"
    for block in blocks[:8]:
        text = block.text.strip()
        if block.type != "table" and 6 <= len(text) <= 80 and any(w in text for w in _TITLE_WORDS):
            return text, "first line"
    for block in blocks[:3]:
        m = _TITLE_IN_INTRO.search(block.text[:400]) if block.type != "table" else None
        if m:
            title = m.group("title").strip()
            before = re.split(r"[，,。；;）)]", block.text[: m.start()])[-1].strip()
            if "编制完成" in m.group(0) and 2 <= len(before) <= 30 and _YEAR_IN_TITLE.match(title):
                title = before + title  # "铜川市公安局编制完成2024年政府信息公开年度报告"
            return title, "the report's first sentence (no title line)"
    return None, ""


def agency_from_title(title: str | None) -> str | None:
    if not title:
        return None
    m = _YEAR_IN_TITLE.search(title)
    name = title[: m.start()] if m else ""
    if m and not name.strip():  # "2024年深圳市公安局龙华分局政府信息公开工作年度报告": the year comes first
        name = re.split(r"政府信息|信息公开|工作年度报告|年度报告", title[m.end():])[0]
    name = re.sub(r"^关于|的$|[《》\s]", "", name.strip())
    return name or None


def infer_kind(name: str | None, text: str) -> tuple[str | None, str]:
    """Agency kind from the body's name (and, for a 办公室, whether it aggregates others)."""
    if not name:
        return None, "no agency name to infer from"
    if _OFFICE.search(name):
        if _aggregates(text):
            return "government_aggregate", f"{name}: the government office compiles the region-wide report"
        return "department", f"{name}: a government office reports as a department"
    if _TOWNSHIP.search(name):
        return "township", f"{name}: a 乡镇/街道"
    if re.search(r"(局|委|委员会|厅|办|办公室|中心|院|部|署|所|站|队|处|会)$", name):
        return "department", f"{name}: a government department"
    if _GOVERNMENT.search(name):
        if _aggregates(text):
            return "government_aggregate", f"{name}: a government's region-wide report"
        return "government_own", f"{name}: a government"
    return None, f"{name}: kind not recognised"


def resolve_meta(meta: Meta, blocks: tuple[Block, ...], text: str, agency_kind: str | None = None) -> ResolvedMeta:
    out = ResolvedMeta(fields=dict(meta.fields))
    out.title, title_source = find_title(meta, blocks)
    if out.title:
        out.sources["title"] = title_source
    title_year = _YEAR_IN_TITLE.search(out.title or "")
    if meta.year is not None:
        out.year, out.sources["year"] = meta.year, "meta"
    elif title_year:
        out.year, out.sources["year"] = int(title_year.group(1)), "title"
    elif period := _PERIOD.search(text):  # only then: a scan of the whole text
        out.year, out.sources["year"] = int(period.group(1)), "statistical period"
    out.agency = meta.agency or meta.fields.get("发布机构") or agency_from_title(out.title)
    if out.agency:
        out.sources["agency"] = "meta" if (meta.agency or meta.fields.get("发布机构")) else "title"
    out.published = meta.published or iso_date(meta.fields.get("发布日期")) or iso_date(meta.fields.get("成文日期"))
    if out.published:
        out.sources["published"] = "meta"
    else:
        for block in reversed(blocks[-6:]):
            m = _SIGN_DATE.match(block.text) if block.type != "table" else None
            if m:
                out.published = iso_date(block.text)
                out.sources["published"] = "date under the signature (the publication date is not stated)"
                break
    if agency_kind:
        out.agency_kind, out.sources["agency_kind"] = agency_kind, "command line"
    elif meta.agency_kind:
        out.agency_kind, out.sources["agency_kind"] = meta.agency_kind, "meta"
    else:
        name = agency_from_title(out.title) or out.agency
        kind, reason = infer_kind(name, text)
        out.agency_kind = kind
        out.sources["agency_kind"] = f"inferred: {reason}"
    return out
