"""Reader for plain text copied from a web page or written by a crawler (reader "text").

What belongs here: turning text lines into ordered heading / paragraph / table blocks with
1-based source lines, and the metadata the text states about itself (a one-line pipe
header like `| 发布机构 | … | 发布日期 | … |`, a crawler's `标题: …` header, `key：value`
lines at the top). Table layouts live in `_text_tables.py`. Nothing here knows the
regulation: no part names, no table labels, no year or agency-kind guessing.
"""

from __future__ import annotations

import datetime as _dt
import re

from checker.errors import InputError
from checker.model import Block, Cell, Meta, Report
from checker.readers import MAX_TEXT_LINES, refuse_oversized
from checker.readers import _text_tables as tt
from checker.readers.decode import decode_text

READER = "text"

# Website metadata keys seen on government sites; a header line is metadata only when its
# first key is one of these, so ordinary `| a | b |` tables are never taken for metadata.
META_KEYS = (
    "索引号", "主题分类", "发布机构", "发文机关", "发布日期", "成文日期", "发布时间", "发表日期",
    "名称", "标题", "文号", "发文字号", "有效性", "来源", "文章来源", "信息来源", "栏目", "原文链接",
    "本地目录", "体裁分类", "组配分类", "服务对象", "主题词", "生效日期", "废止日期", "公开方式",
    "公开范围", "公开时限", "责任部门", "作者", "浏览次数", "时间", "信息分类", "发布单位",
)
_META_KEY_RE = "|".join(sorted(META_KEYS, key=len, reverse=True))
# `key: value` pairs, several per line allowed (028: "发表日期:2025-01-16    文章来源:东风路街道").
_KV = re.compile(rf"({_META_KEY_RE})\s*[:：]\s*(.*?)\s*(?=(?:\s(?:{_META_KEY_RE})\s*[:：])|$)")
_KV_LINE = re.compile(rf"\s*(?:{_META_KEY_RE})\s*[:：]")
_CRAWLER_RULE = re.compile(r"={3,}\s*正文\s*={3,}")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_TITLE_WORDS = ("年度报告", "工作报告", "年报")
# Site chrome that may sit above the article; it must never be taken for the title.
_CHROME = re.compile(r"(当前位置|您的位置|您现在的位置|所在位置|首页\s*[>＞»]|长者版|无障碍|打印本页|关闭窗口|附件下载|【\s*字体)")
_HEADING2 = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")
_LOST_NUMERAL = re.compile(r"、\S")  # a part heading whose numeral was lost (seed: "、主动公开…")
_MD_HEADING = re.compile(r"(#{1,6})\s+(.+?)\s*#*")
_SENTENCE_END = ("。", "；", ";")
_DATE_KEYS = ("发布日期", "发布时间", "发表日期", "成文日期")


def read_bytes(data: bytes, source: str) -> Report:
    """Read plain text into the report model; any failure is a one-line `InputError`."""
    text = decode_text(data, source)
    if not text.strip():
        raise InputError("empty text: nothing to check", source)
    try:
        return parse_text(text, source)
    except InputError:
        raise
    except (ValueError, IndexError, KeyError, RecursionError) as exc:
        # A reader bug must still not traceback at the user (design: exit 2, one line).
        raise InputError(f"cannot read text ({type(exc).__name__})", source) from None


def split_lines(text: str) -> list[str]:
    """Split on \\r\\n, \\r and \\n only, so line numbers match what an editor shows
    (str.splitlines also breaks on \\x0c, \\u2028 …)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_text(text: str, source: str) -> Report:
    lines = split_lines(text)
    refuse_oversized(len(lines), MAX_TEXT_LINES, "lines", "a few hundred", source)
    fields: dict[str, str] = {}
    start = _read_header(lines, fields)
    blocks: list[Block] = []
    tails: list[int] = []
    notes: list[str] = []
    title: str | None = None
    title_line: int | None = None
    found = _find_title(lines, start)
    if found:
        title, first, last = found
        title_line = first + 1
        blocks.append(Block("paragraph", text=title, line=title_line))
        for k in range(start, last + 1):
            if k < first:  # chrome above the title stays as paragraphs, in order
                if lines[k].strip() and not _header_line(lines[k].strip(), fields):
                    blocks.insert(len(blocks) - 1, _line_block(lines[k].strip(), k + 1))
        start = last + 1
    i = start
    n = len(lines)
    while i < n:
        raw = lines[i]
        s = raw.strip()
        if not s:
            i += 1
            continue
        if i < 30 and _header_line(s, fields):
            i += 1
            continue
        if raw.rstrip() == "|":
            rows, i = tt.read_pipe_per_cell(lines, i, tails)
            if rows:
                blocks.append(_table(rows))
            continue
        if tt.is_pipe_row(s):
            rows, i = tt.read_pipe_rows(lines, i)
            if rows:
                blocks.append(_table(rows))
            else:
                i += 1  # a lone `|---|` rule
            continue
        nums = tt.number_row(s, i + 1)
        if nums:
            rows = []
            while i < n and (nums := tt.number_row(lines[i], i + 1)):
                rows.append(nums)
                i += 1
            blocks.append(_table(rows))
            continue
        got = tt.read_cell_per_line(lines, i)
        if got:
            rows, i = got
            blocks.append(_table(rows))
            continue
        if len(s) > tt.LONG_LINE:
            blocks.extend(_segment_blocks(s, i + 1))
        else:
            blocks.append(_line_block(s, i + 1))
        i += 1
    if tails:
        shown = ", ".join(str(t) for t in tails[:8]) + (" …" if len(tails) > 8 else "")
        notes.append(f"merged cells lost in pasted text ({len(tails)} row tails at lines {shown})")
    if title is None and fields.get("标题"):
        title = fields["标题"]
    meta = Meta(
        title=title,
        agency=(fields.get("发布机构") or fields.get("发文机关") or None),
        published=_published(fields),
        source=fields.get("原文链接") or source,
        fields=fields,
    )
    return Report(meta=meta, blocks=tuple(blocks), reader=READER, notes=tuple(notes))


def _segment_blocks(s: str, lineno: int) -> list[Block]:
    """A crawler's one-line article → blocks, all on that line. Consecutive run-together
    segments (and short header segments between them) become one table of one-cell rows,
    text kept as is: splitting labels from digits needs the template (the binder's job)."""
    out: list[Block] = []
    run: list[list[Cell]] = []
    segs = tt.split_long_line(s)
    for k, seg in enumerate(segs):
        nxt = segs[k + 1] if k + 1 < len(segs) else ""
        if tt.is_run_together(seg) or (_header_seg(seg) and (run or _values_ahead(segs, k + 1))) or (
            run and _is_label(seg) and tt.is_run_together(nxt)
        ):
            run.append([Cell(seg, line=lineno)])
            continue
        if run:
            out.append(_table(run))
            run = []
        out.append(_line_block(seg, lineno))
    if run:
        out.append(_table(run))
    return out


def _is_label(seg: str) -> bool:
    return len(seg) <= 70 and not tt._PROSE.search(tt.bare(seg))


def _header_seg(seg: str) -> bool:
    return _is_label(seg) and not tt.HEADING1.match(seg)


def _values_ahead(segs: list[str], k: int, within: int = 12) -> bool:
    """Whether run-together values follow after only label-like segments (a header)."""
    for seg in segs[k:k + within]:
        if tt.is_run_together(seg):
            return True
        if not _is_label(seg):
            return False
    return False


def _table(rows: list[list[Cell]]) -> Block:
    return Block("table", rows=tuple(tuple(r) for r in rows), line=rows[0][0].line)


def _line_block(s: str, lineno: int) -> Block:
    """One text line → heading (numbered and short) or paragraph."""
    md = _MD_HEADING.fullmatch(s)
    if md:
        return Block("heading", text=md.group(2), level=len(md.group(1)), line=lineno)
    short = len(s) <= 40 and not s.endswith(_SENTENCE_END)
    if tt.HEADING1.match(s) and len(s) <= 60 and not s.endswith(_SENTENCE_END):
        return Block("heading", text=s, level=1, line=lineno)
    if _HEADING2.match(s) and short:
        return Block("heading", text=s, level=2, line=lineno)
    if _LOST_NUMERAL.match(s) and short:
        return Block("heading", text=s, level=1, line=lineno)
    return Block("paragraph", text=s, line=lineno)


def _read_header(lines: list[str], fields: dict[str, str]) -> int:
    """A crawler header (`标题: …` lines closed by `=== 正文 ===`, 002–005): every line up
    to the rule is metadata or crawler noise, none of it is report text. Returns the index
    of the first body line (0 when there is no such header)."""
    for k, line in enumerate(lines[:20]):
        if _CRAWLER_RULE.fullmatch(line.strip()):
            for head in lines[:k]:
                _header_line(head.strip(), fields)
            return k + 1
    return 0


def _header_line(s: str, fields: dict[str, str]) -> bool:
    """Record a metadata line (`| 发布机构 | X | 发布日期 | Y |` or `发布时间: Y`) in
    `fields`; False when the line is not metadata."""
    if s.startswith("|"):
        cells = tt.split_pipe_line(s, 0)
        if not cells or _norm_key(cells[0].text) not in META_KEYS:
            return False
        for k in range(0, len(cells), 2):
            key = _norm_key(cells[k].text)
            if key:
                fields[key] = cells[k + 1].text if k + 1 < len(cells) else ""
        return True
    if not _KV_LINE.match(s):
        return False
    for m in _KV.finditer(s):
        fields[m.group(1)] = m.group(2)
    return True


def _norm_key(key: str) -> str:
    return re.sub(r"\s+", "", key).rstrip(":：")


def _find_title(lines: list[str], start: int) -> tuple[str, int, int] | None:
    """The title: the first content line when it reads like one (short, names a report),
    or an agency line followed by such a line (015: "甘谷县人民政府办公室" / "2024年…报告").
    Chrome and metadata lines above it are skipped; gives (title, first, last index)."""
    seen = 0
    k = start
    while k < len(lines) and seen < 4:
        s = lines[k].strip()
        if not s or _CHROME.search(s) or _KV_LINE.match(s) or s.startswith("|") or s == "正文":
            k += 1
            continue
        seen += 1
        if _is_title(s):
            return s, k, k
        if len(s) <= 30 and not tt._PROSE.search(s):
            nxt = k + 1
            while nxt < len(lines) and not lines[nxt].strip():
                nxt += 1
            if nxt < len(lines) and _is_title(lines[nxt].strip()) and lines[nxt].strip()[:1].isdigit():
                return s + lines[nxt].strip(), k, nxt
            k += 1
            continue
        return None
    return None


def _is_title(s: str) -> bool:
    return len(s) <= 60 and any(w in s for w in _TITLE_WORDS) and not tt._PROSE.search(s)


def _published(fields: dict[str, str]) -> str | None:
    for key in _DATE_KEYS:
        m = _DATE.search(fields.get(key, ""))
        if m:
            try:
                return _dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                continue
    return None
