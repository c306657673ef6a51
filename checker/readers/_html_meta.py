"""What a government web page states about itself: title, publishing body, dates.

Sources, strongest first: the visible metadata block (索引号/发布机构/发布日期 … as a table
or as "key：value" lines), the CMS `<meta>` tags (ArticleTitle, ContentSource, PubDate),
then `<title>`. Raw visible fields go to `Meta.fields` unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from lxml import etree

from checker.model import Block, Meta
from checker.readers._cells import squash
from checker.readers._html_article import TextWeights
from checker.readers._html_blocks import table_rows
from checker.readers._html_text import BLOCK_TAGS, element_text, subtree_text

FIELD_KEYS = (
    "索引号", "发布机构", "发文机关", "发文机构", "发布日期", "成文日期", "生成日期", "发布时间",
    "文号", "发文字号", "主题分类", "主题词", "体裁分类", "组配分类", "服务对象分类", "信息分类",
    "名称", "标题", "信息来源", "文章来源", "来源", "时间", "有效性", "公开方式", "公开范围",
    "所属机构", "关键词", "责任部门",
)
_KEY_ALT = "|".join(r"\s*".join(map(re.escape, key)) for key in sorted(FIELD_KEYS, key=len, reverse=True))
_KEY_AT = re.compile(rf"(?:^|(?<=[\s|｜【\[]))({_KEY_ALT})\s*[:：]")
# Cheap pre-filter on raw text (C-speed itertext) before the careful line parse.
_KEY_ANYWHERE = re.compile(rf"(?:{_KEY_ALT})\s*[:：]")
_KEY_WORD = re.compile(_KEY_ALT)
_TABLE_KEY_WORDS = ("索引号", "发布机构", "发布日期", "成文日期", "发文机关")
_TABLE_KEYS = re.compile("|".join(r"\s*".join(key) for key in _TABLE_KEY_WORDS))
_KEY_ONLY = re.compile(rf"^({_KEY_ALT})\s*[:：]?$")
_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_REPORT_WORDS = ("年度报告", "工作报告", "年报")
SMALL = 300  # elements with more text than this are prose, not a metadata line
META_TABLE_MAX = 3000
_SCAN_MAX = 2000  # a subtree with more text than this is walked into rather than searched whole
_WHOLE_MAX = 20_000  # ... unless a search for key and colon in it is cheaper (_holds_no_fields)
# `_KEY_ANYWHERE` and `_TABLE_KEYS` read backwards, for `_has_key_colon` and `_has_table_key`.
_KEY_COLON_BACKWARDS = re.compile(r"[:：]\s*(?:" + "|".join(r"\s*".join(map(re.escape, key[::-1])) for key in FIELD_KEYS) + ")")
_TABLE_KEYS_BACKWARDS = re.compile("|".join(r"\s*".join(key[::-1]) for key in _TABLE_KEY_WORDS))
_TABLE_KEY_ENDS = "".join(sorted({key[-1] for key in _TABLE_KEY_WORDS}))


def iso_date(text: str | None) -> str | None:
    match = _DATE.search(text or "")
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None


def _key(raw: str) -> str:
    return "".join(raw.split())


def parse_field_line(text: str) -> list[tuple[str, str]]:
    """`来源：X 时间：Y` → [("来源", "X"), ("时间", "Y")]; empty values are kept out."""
    hits = list(_KEY_AT.finditer(text))
    out = []
    for i, hit in enumerate(hits):
        end = hits[i + 1].start() if i + 1 < len(hits) else len(text)
        value = squash(text[hit.end():end]).strip("|｜】]")
        out.append((_key(hit.group(1)), squash(value)))
    return [(k, v) for k, v in out if v]


def metadata_table_fields(table: etree._Element) -> list[tuple[str, str]]:
    """Fields of a 索引号/发布机构 table; empty unless at least two keys are present."""
    if not _TABLE_KEYS.search(subtree_text(table)):
        return []
    found: list[tuple[str, str]] = []
    keys = 0
    for row in table_rows(table):
        texts = [squash(c.text) for c in row]
        for i, text in enumerate(texts):
            only = _KEY_ONLY.match(text)
            if only:
                keys += 1
                if i + 1 < len(texts) and texts[i + 1] and not _KEY_ONLY.match(texts[i + 1]):
                    found.append((_key(only.group(1)), texts[i + 1]))
            elif _KEY_AT.match(text):
                keys += 1
                found.extend(parse_field_line(text))
    return found if keys >= 2 else []


def _line_container(el: etree._Element) -> etree._Element:
    """The nearest block-level element around a text node: the "line" it is on."""
    node = el
    while node.getparent() is not None and node.tag not in BLOCK_TAGS:
        node = node.getparent()
    return node


def _mentions_key(text: str | None) -> bool:
    # A text over SMALL is on a line over SMALL, which is never read: no regex over prose.
    return text is not None and len(text) <= SMALL and _KEY_WORD.search(text) is not None


def _found_backwards(text: str, ends: str, backwards_pattern: re.Pattern[str]) -> bool:
    """Whether a pattern whose matches all end in one of `ends` matches `text`: its reverse
    (`backwards_pattern`) tried only at those characters of the reversed text. A search
    from every position costs ~5-10x more on a page of prose, where they are few."""
    if not any(end in text for end in ends):
        return False
    backwards = text[::-1]
    for end in ends:
        at = backwards.find(end)
        while at >= 0:
            if backwards_pattern.match(backwards, at):
                return True
            at = backwards.find(end, at + 1)
    return False


def _has_key_colon(text: str) -> bool:
    """`_KEY_ANYWHERE.search(text) is not None`."""
    return _found_backwards(text, ":：", _KEY_COLON_BACKWARDS)


def _has_table_key(text: str) -> bool:
    """`_TABLE_KEYS.search(text) is not None`."""
    return _found_backwards(text, _TABLE_KEY_ENDS, _TABLE_KEYS_BACKWARDS)


def _holds_no_fields(block: etree._Element, text: str) -> bool:
    """`visible_fields` takes nothing from inside `block` (a block element whose text is
    `text`): each line inside it is a block at or below it, so its text is a piece of
    `text`, and a line is read only if it has a key and a colon; a table only if it names a
    table key. (Its tail is another matter: the caller looks at that.)"""
    if _has_key_colon(text):
        return False
    return next(block.iter("table"), None) is None or not _has_table_key(text)


_CHARACTERS = etree.XPath("string-length()")  # len(subtree_text(el)), counted in C


def _short_subtree_text(el: etree._Element, likely_long: bool) -> str | None:
    """`subtree_text(el)`, or None when that is longer than _WHOLE_MAX characters: a whole
    page's text is then not decoded into a str only to be measured. Below an element that was
    that long, the length is counted in C first; otherwise the text is made at once (a short
    text costs less than the count)."""
    if likely_long and _CHARACTERS(el) > _WHOLE_MAX:
        return None
    text = subtree_text(el)
    return None if len(text) > _WHOLE_MAX else text


def _short_leaf_text(leaf: etree._Element) -> str | None:
    """`leaf.text` (of an element without children) when it is short enough for `_mentions_key`
    to read, else None: a long paragraph's text is not decoded, its UTF-8 bytes (1 to 4 a
    character) are too many. Used below a long element, where paragraphs are long."""
    data = etree.tostring(leaf, method="text", encoding="utf-8", with_tail=False)
    return data.decode("utf-8") if len(data) <= 4 * SMALL else None


def _key_candidates(root: etree._Element, weights: TextWeights | None = None) -> Iterator[etree._Element]:
    """A superset, in document order, of the elements `visible_fields` takes anything from:
    those whose short text or tail mentions a key, and the tables among them. A subtree
    whose text (one C call) is short and mentions no key is skipped but for its root's
    tail; so is a long block (up to _WHOLE_MAX) without a key and a colon (prose names
    时间, 来源, 名称 …); any other long one is looked into, so no regex runs over a page of prose
    at every level of its nesting. `weights` gives the text weights already computed and the
    subtree texts already at hand (nothing is computed for the search)."""
    known = weights.known if weights is not None else lambda el: None
    known_text = weights.text_of if weights is not None else lambda el: None
    # (element, look into it, its text is longer than _WHOLE_MAX or not known); the root's is
    # not known, and the root of a big page is long.
    stack: list[tuple[etree._Element, bool, bool]] = [(root, True, True)]
    while stack:
        el, inside, long = stack.pop()
        yield el
        if not inside:
            continue
        below: list[tuple[etree._Element, bool, bool]] = []
        for child in el:
            if not isinstance(child.tag, str):
                continue
            # A weight the descent already knows is a lower bound of the text's length (it leaves
            # out links and whitespace): over a limit, so is the text, which is then not made.
            weight = known(child) if long else None
            if len(child):
                if weight is not None and weight > _WHOLE_MAX:
                    text = None
                else:
                    text = known_text(child)
                    if text is None:
                        text = _short_subtree_text(child, long)
                    elif len(text) > _WHOLE_MAX:
                        text = None
                if text is None:  # longer than _WHOLE_MAX: looked into, as below
                    below.append((child, True, True))
                    continue
                if len(text) > _SCAN_MAX:
                    if child.tag not in BLOCK_TAGS or not _holds_no_fields(child, text):
                        below.append((child, True, False))
                        continue
                elif _KEY_WORD.search(text):
                    below.append((child, True, False))
                    continue
            elif (weight is None or weight <= SMALL) and _mentions_key(child.text if not long else _short_leaf_text(child)):
                below.append((child, False, False))
                continue
            if _mentions_key(child.tail):
                below.append((child, False, False))
        stack.extend(reversed(below))


def visible_fields(
    root: etree._Element, weights: TextWeights
) -> tuple[dict[str, str], set[etree._Element]]:
    """Visible "key：value" metadata anywhere on the page (first occurrence wins), and
    the elements that hold only metadata (tables, byline lines), to be left out of the
    report's blocks.

    Only lines whose text nodes mention a key are read, and only short ones, so a
    50 MB page costs one regex scan of its text nodes.
    """
    fields: dict[str, str] = {}
    meta_elements: set[etree._Element] = set()
    seen: set[etree._Element] = set()
    for el in _key_candidates(root, weights):
        if el.tag in ("title", "head"):
            continue
        if el.tag == "table" and weights.get(el, 0) <= META_TABLE_MAX:
            found = metadata_table_fields(el)
            if found:
                meta_elements.add(el)
            for key, value in found:
                fields.setdefault(key, value)
        if not (_KEY_WORD.search(el.text or "") or _KEY_WORD.search(el.tail or "")):
            continue
        # A key in the tail belongs to the parent's line.
        anchor = el if _KEY_WORD.search(el.text or "") else (el.getparent() if el.getparent() is not None else el)
        line_el = _line_container(anchor)
        if line_el in seen:
            continue
        seen.add(line_el)
        text = subtree_text(line_el)
        if len(text) > SMALL or not _KEY_ANYWHERE.search(text):
            continue
        lines = element_text(line_el).split("\n")
        pure = line_el.tag not in ("td", "th", "tr", "table", "body", "html")
        for line in lines:
            pairs = parse_field_line(line)
            first = _KEY_AT.search(line)
            pure = pure and bool(pairs) and first is not None and not line[: first.start()].strip()
            for key, value in pairs:
                fields.setdefault(key, value)
        if pure:  # the element holds nothing but metadata: not report content
            meta_elements.add(line_el)
    return fields, meta_elements


def _meta_tags(root: etree._Element) -> dict[str, str]:
    tags: dict[str, str] = {}
    for el in root.iter("meta"):
        name = (el.get("name") or "").strip().lower()
        content = squash(el.get("content") or "")
        if name and content:
            tags.setdefault(name, content)
    return tags


def _looks_like_report_title(text: str) -> bool:
    return 6 <= len(text) <= 100 and any(word in text for word in _REPORT_WORDS)


def build_meta(root: etree._Element, fields: dict[str, str], blocks: list[Block], source: str) -> Meta:
    tags = _meta_tags(root)
    title_el = next(root.iterdescendants("title"), None)
    page_title = squash(subtree_text(title_el)) if title_el is not None else ""
    leading = [b.text for b in blocks[:5] if b.type != "table"]
    candidates = [
        tags.get("articletitle"), tags.get("title"), fields.get("标题"), fields.get("名称"),
        *leading,
        *re.split(r"\s*[_|｜—]+\s*|\s+-\s+", page_title),  # "报告_栏目_网站" → "报告"
    ]
    candidates = [squash(c) for c in candidates if c and squash(c)]
    title = next((c for c in candidates if _looks_like_report_title(c)), None)
    if title is None and page_title:
        title = re.split(r"\s*[_|｜]+\s*", page_title)[0] or None

    def first(*values: str | None) -> str | None:
        return next((v for v in values if v), None)

    agency = first(
        fields.get("发布机构"), fields.get("发文机关"), fields.get("发文机构"), tags.get("contentsource"),
        fields.get("信息来源"), fields.get("文章来源"), fields.get("来源"), tags.get("author"),
    )
    # 成文日期 is when the text was signed, not published: used only when nothing else says.
    published = first(*(iso_date(v) for v in (
        fields.get("发布日期"), fields.get("发布时间"), tags.get("pubdate"), tags.get("publishdate"),
        tags.get("firstpublishedtime"), fields.get("时间"), fields.get("成文日期"),
    )))
    return Meta(title=title, agency=agency, published=published, source=source, fields=fields)
