"""Building the review page as an ElementTree, so report text can only ever be text.

Every string from a report goes in as element text or an attribute value, and ``serialize`` passes
each through ``html.escape``, so ``<script>`` or ``</td>`` in a cell is shown, never parsed. Control
characters are made visible first (ESC → ␛) and characters XML cannot carry are dropped. The page is
self-contained: inline CSS, no script, and a Content-Security-Policy that forbids loading anything.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape
from typing import Any

from checker.formatters import _common as c

# No script may run and nothing may be fetched: the page works from a file, offline.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_VOID = {"meta", "br"}
_BLOCKS = {"html", "head", "body", "header", "main", "section", "div", "table", "thead", "tbody", "tr",
           "ul", "ol", "li", "h1", "h2", "h3", "p", "details", "style", "title", "meta", "caption", "footer"}

CSS = """
:root { --err: #b3261e; --warn: #8a5a00; --info: #1d5fa8; --ink: #1b1b1b; --mute: #5f6368; --line: #c8c8c8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 16px 24px; color: var(--ink); line-height: 1.5;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
h1 { font-size: 1.45em; margin: .2em 0; } h2 { font-size: 1.2em; border-bottom: 2px solid var(--ink);
  margin-top: 1.6em; } h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
.meta, .by, .note, small { color: var(--mute); } .by { font-size: .85em; }
.counts { display: flex; gap: 12px; flex-wrap: wrap; margin: .6em 0; }
.counts span { border: 1px solid var(--line); padding: 4px 10px; border-radius: 4px; }
.sev { display: inline-block; min-width: 4.5em; font-weight: bold; }
.sev-error { color: var(--err); } .sev-warning { color: var(--warn); } .sev-info { color: var(--info); }
.sev-error::before { content: "\\2716\\00a0"; } .sev-warning::before { content: "\\25B2\\00a0"; }
.sev-info::before { content: "\\2139\\00a0"; }
ol.findings { padding-left: 2.2em; } ol.findings li { margin: .3em 0; }
li:target, .part:target { outline: 3px solid var(--info); }
.msg { white-space: pre-wrap; } code { font-size: .9em; }
pre { white-space: pre-wrap; font-size: .8em; background: #f6f6f6; padding: 6px; }
.part { border-left: 4px solid var(--line); padding: 2px 10px; margin: .5em 0; }
.part.missing { border-left: 4px dashed var(--err); }
.part .written { color: var(--mute); }
.flag { display: block; margin: 2px 0; }
table.grid { border-collapse: collapse; width: 100%; font-size: .88em; margin: .4em 0 1em; }
.grid th, .grid td { border: 1px solid var(--line); padding: 3px 5px; vertical-align: top; }
.scroll { overflow-x: auto; } .grid th.label, .grid th.group { text-align: left; font-weight: normal; }
.grid thead th { background: #f0f0f0; } .grid td.num { text-align: right; white-space: nowrap; }
.grid td.na { background: repeating-linear-gradient(45deg, #f4f4f4, #f4f4f4 4px, #fff 4px, #fff 8px); }
.grid .label.missing { color: var(--err); text-decoration: line-through dashed; }
.grid td.state-invalid, .grid td.state-dash { font-style: italic; }
.grid td.mark { outline: 3px solid var(--err); outline-offset: -3px; background: #fde7e5; }
.grid td.mark.m-warning { outline-color: var(--warn); outline-style: dashed; background: #fff3d6; }
.grid td.mark.m-info { outline-color: var(--info); outline-style: dotted; background: #e6f0fb; }
.grid td.mark::before { content: "\\26A0"; float: left; font-size: .85em; }
.grid th.mark { color: var(--err); outline: 2px dashed var(--err); outline-offset: -2px; }
a.ref { font-size: .75em; vertical-align: super; text-decoration: none; margin-left: 2px; }
.grid small.cid { display: block; font-weight: normal; font-size: .7em; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; } a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; } table.grid, .part, ol.findings li { break-inside: avoid; }
  .grid td.mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.report { break-before: page; } section.report:first-of-type { break-before: auto; }
  details > pre { display: none; } .scroll { overflow: visible; }
}
"""


def clean(value: object) -> str:
    """Report text made safe to carry as text: control characters visible, XML-invalid ones dropped."""
    return c.xml_safe(c.visible(str(value)))


def el(parent: ET.Element | None, tag: str, text: object = None, attrs: dict[str, Any] | None = None,
       **kw: Any) -> ET.Element:
    """A child element of ``parent`` (or a root); ``cls=`` is the class, ``data_x=`` is ``data-x``."""
    attrib = {}
    for key, value in {**(attrs or {}), **kw}.items():
        if value is None or value is False:
            continue
        name = "class" if key == "cls" else key.replace("_", "-")
        attrib[name] = clean(value)
    node = ET.Element(tag, attrib) if parent is None else ET.SubElement(parent, tag, attrib)
    if text is not None:
        node.text = clean(text)
    if tag in _BLOCKS:
        node.tail = "\n"
    return node


def add_text(node: ET.Element, text: object) -> None:
    """Append ``text`` after the last child of ``node`` (mixed content)."""
    value = clean(text)
    if len(node):
        last = node[-1]
        last.tail = (last.tail or "") + value
    else:
        node.text = (node.text or "") + value


def page(title: str, lang: str, tool_version: str) -> tuple[ET.Element, ET.Element]:
    """The page skeleton: ``(html, body)``."""
    root = el(None, "html", lang="zh-CN" if lang == "zh" else "en")
    head = el(root, "head")
    el(head, "meta", charset="utf-8")
    el(head, "meta", attrs={"http-equiv": "Content-Security-Policy", "content": CSP})
    el(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    el(head, "meta", name="generator", content=f"reportlint {tool_version}")
    el(head, "title", title)
    style = el(head, "style")
    style.text = CSS  # our own constant, never report text
    return root, el(root, "body")


def _write(node: ET.Element, out: list[str]) -> None:
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in node.attrib.items())
    out.append(f"<{node.tag}{attrs}>")
    if node.tag not in _VOID:
        # <style> holds our CSS constant only; everything else is escaped, quotes included
        out.append(node.text or "" if node.tag == "style" else escape(node.text or ""))
        for child in node:
            _write(child, out)
        out.append(f"</{node.tag}>")
    out.append(escape(node.tail or ""))


def serialize(root: ET.Element) -> str:
    """The page as HTML; every text and attribute value goes through ``html.escape`` (``& < > " '``)."""
    out = ["<!DOCTYPE html>\n"]
    _write(root, out)
    return "".join(out).rstrip("\n") + "\n"
