"""HTML reader: a web page (any charset, GBK included) → `Report`.

Bytes are decoded here, never by lxml: libxml2 given GBK bytes labelled gb2312 silently
stops at the first GBK-only character (镕, 堃) and the page "parses" with no tables
(dependencies.md §1). The decoded text is parsed with lxml.html (`huge_tree` off), site
chrome is dropped, the article is picked by non-link text weight (`_html_article`), and
walked into blocks (`_html_blocks`); page metadata goes to `Meta` (`_html_meta`).
"""

from __future__ import annotations

import re

from checker.errors import InputError
from checker.model import Meta, Report
from checker.readers import MAX_HTML_ELEMENTS, refuse_oversized
from checker.readers.decode import decode_with_utf8

_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.I)
# libxml2 (huge_tree off, on purpose) stops at a text of 10 MB ("Buffer size limit exceeded") and
# silently drops the rest of the page. Script and style are chrome: a body over 1 MB is blanked
# before parsing (its line breaks kept, so source lines stay right); any other such text is refused.
_RAW_TEXT = re.compile(r"(<(script|style)\b[^>]*>)(.*?)(</\2\s*>)", re.I | re.S)
MAX_RAW_TEXT = 1_000_000


def declared_charset(data: bytes) -> str | None:
    """The charset the page declares in its first 4 KB (`<meta charset>`, http-equiv, or
    an XML declaration), as written; `decode_text` maps gb2312/gbk to gb18030."""
    head = data[:4096]
    match = _CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii") if match else None


def _blank_huge_scripts(text: str) -> str:
    def blank(match: re.Match[str]) -> str:
        body = match.group(3)
        return match.group(0) if len(body) <= MAX_RAW_TEXT else match.group(1) + "\n" * body.count("\n") + match.group(4)

    return _RAW_TEXT.sub(blank, text) if len(text) > MAX_RAW_TEXT else text


def read_bytes(data: bytes, source: str) -> Report:
    report = _read(data, source, cells=True)
    assert report is not None  # only the cell-less read declines
    return report


# Above this many elements the cell-less read declines: it could not also prove that the full read
# stays under the readers' cell and block limits (a report has a few thousand elements at most).
HEAD_MAX_ELEMENTS = 5000


def read_head(data: bytes, source: str, limit: int | None = None) -> Report | None:
    """The page read as `read_bytes` reads it, but every table's cells left out: a data table is
    an empty table block where the full read has its block, so block positions stay put. The
    meta and the non-table blocks are the full read's; None when only the full read can tell
    (a page of megabytes of script, or of more than HEAD_MAX_ELEMENTS elements). Raises what
    `read_bytes` raises. With `limit`, only the first `limit` blocks (the meta is the same: it
    looks at the first 5). For the previous-year pairing key, which never depends on a cell."""
    return _read(data, source, cells=False, limit=limit)


_COUNT_ELEMENTS = None  # etree.XPath("count(//*)"), compiled on first use (lxml is imported lazily)


def _read(data: bytes, source: str, cells: bool, limit: int | None = None) -> Report | None:
    global _COUNT_ELEMENTS
    from lxml import etree  # readers are imported lazily; lxml only when needed

    from checker.readers._html_article import drop, pick_article, strip_chrome, text_weights, weigh_descent_start
    from checker.readers._html_blocks import walk_blocks
    from checker.readers._html_meta import build_meta, visible_fields

    decoded, utf8 = decode_with_utf8(data, source, declared=declared_charset(data))
    text = _blank_huge_scripts(decoded)
    if text is not decoded:
        if not cells:
            return None  # a page of megabytes: its size alone is worth the full read's checks
        utf8 = None  # scripts were blanked: the source bytes are not this text any more
    if not text or text.isspace():  # `not text.strip()` without copying the page
        return Report(meta=Meta(source=source), blocks=(), reader="html")
    # Plain etree elements (not lxml.html's): no per-element Python class lookup, ~30% faster.
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        # utf-8 bytes + an explicit encoding: lxml ignores the page's own (now wrong)
        # charset declaration and accepts a leading <?xml encoding=…?>.
        root = etree.fromstring(utf8 if utf8 is not None else text.encode("utf-8", "surrogatepass"), parser)
    except (etree.LxmlError, ValueError, UnicodeError) as exc:
        raise InputError(f"cannot parse HTML: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", source) from None

    messages = [str(e.message).lower() for e in parser.error_log]
    if any("buffer size limit" in message for message in messages):
        raise InputError("a single text on the page is longer than the HTML parser's limit (10 MB); the page would"
                         " be read only in part — not checked", source)
    notes: list[str] = []
    if any("depth" in message for message in messages):
        # libxml2 (huge_tree off, on purpose) stops at 256 levels; say so rather than
        # let the binder report "missing parts" for a page it never saw.
        notes.append("markup nested deeper than the HTML parser's limit; the page was read only up to that point")
    if root is None:  # only whitespace or comments
        return Report(meta=Meta(source=source), blocks=(), reader="html")
    if _COUNT_ELEMENTS is None:
        _COUNT_ELEMENTS = etree.XPath("count(//*)")
    # Counted in C before any Python walk: 50 MB of paragraphs, cells or nested divs (millions of
    # elements) ends here in seconds instead of minutes of reading, binding and rules.
    elements = int(_COUNT_ELEMENTS(root))
    if not cells and elements > HEAD_MAX_ELEMENTS:
        return None
    refuse_oversized(elements, MAX_HTML_ELEMENTS, "HTML elements", "a few thousand", source)
    strip_chrome(root)
    weights = text_weights(root)
    # Taken now (lazy weights stay those of this tree as elements are dropped).
    weigh_descent_start(root, weights)
    fields, meta_elements = visible_fields(root, weights)
    for el in meta_elements:
        if any(a in meta_elements for a in el.iterancestors()):
            continue  # dropped with its ancestor
        drop(el, weights)
    article = pick_article(root, weights)
    blocks = walk_blocks(article, cells=cells, limit=limit)
    meta = build_meta(root, fields, blocks, source)
    return Report(meta=meta, blocks=tuple(blocks), reader="html", notes=tuple(notes))
