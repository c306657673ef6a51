"""Chinese wording of every `InputError` message and CLI one-line error, keyed by the English template.

A key is the message as its raise site writes it, with each interpolated value as ``{}`` (literal braces
doubled); ``tests/test_error_catalogue.py`` derives the keys from the source with ``ast`` and fails when
one has no entry here, so whoever adds an error adds its Chinese too. A value keeps the placeholders in
order (``{0}``, ``{1}``… to reorder or repeat). Interpolated values are shown as they are (paths,
line:column, numbers, library text), except that ``{:term}`` translates one of `TERMS` (words our own
code interpolates, such as the kind of a file) and ``{:msg}`` a nested message of ours. ASCII ``: ``
stays after a ``path:line:col`` prefix so editors still jump to it.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from typing import Any

ZH: dict[str, str] = {
    # reading reports
    "no such file": "文件不存在",
    "permission denied": "没有读取权限",
    "is a directory, not a report file": "是文件夹，不是报告文件",
    "file is {} bytes; the limit is {}": "文件大小为 {} 字节，上限为 {} 字节",
    "cannot read: {}": "无法读取：{}",
    "{} {}, more than the limit of {}; an annual report has {} — not checked":
        "{0} {1:term}，超过上限 {2}；一份年度报告通常只有{3:term}{1:term}——未检查",
    "more than {} table cells: not an annual report": "表格单元格超过 {} 个：不是年度报告",
    "not valid UTF-8, GB18030, Big5 or UTF-16 text": "不是有效的 UTF-8、GB18030、Big5 或 UTF-16 文本",
    "looks like binary data, not a report": "看起来是二进制数据，不是报告",
    "invalid {} after its byte-order mark": "字节顺序标记（BOM）之后不是有效的 {}",
    "empty text: nothing to check": "文本为空：没有可检查的内容",
    "cannot read text ({})": "无法读取文本（{}）",
    "not a DOCX file (not a valid zip archive)": "不是 DOCX 文件（不是有效的 zip 压缩包）",
    "unsafe entry name in the archive: {}": "压缩包中有不安全的条目名：{}",
    "archive entry {} has an absurd compression ratio (zip bomb?)": "压缩包条目 {} 的压缩比异常（疑似 zip 炸弹）",
    "archive unpacks to {} bytes; the limit is {}": "压缩包解压后为 {} 字节，上限为 {} 字节",
    "not a Word document: no word/document.xml in the archive": "不是 Word 文档：压缩包中没有 word/document.xml",
    "missing {}": "缺少 {}",
    "cannot unpack {}: {}": "无法解压 {}：{}",
    "{} unpacks to more than {} bytes": "{} 解压后超过 {} 字节",
    "{} is not well-formed XML: {}": "{} 不是格式正确的 XML：{}",
    "cannot parse HTML: {}": "无法解析 HTML：{}",
    "a single text on the page is longer than the HTML parser's limit (10 MB); the page would be read only in "
    "part — not checked": "页面中有一段文本超过 HTML 解析器的上限（10 MB），页面只能读取一部分——未检查",
    "malformed JSON at line {} column {}: {}": "JSON 格式错误（第 {} 行第 {} 列）：{}",
    "malformed JSON: nested too deeply": "JSON 格式错误：嵌套层数过深",
    "does not match the report schema: {}{}": "不符合报告的结构定义（schema）：{}{}",
    "reading PDF needs the optional extra: pip install 'reportlint[pdf]'":
        "读取 PDF 需要安装可选组件：pip install 'reportlint[pdf]'",
    "not a PDF file (no %PDF header)": "不是 PDF 文件（没有 %PDF 文件头）",
    "PDF has {} pages; the limit is {}": "PDF 共 {} 页，上限为 {} 页",
    "encrypted PDF: it cannot be read without its password": "PDF 已加密：没有密码无法读取",
    "not a readable PDF (damaged or not a PDF)": "无法读取的 PDF（文件损坏或不是 PDF）",
    "cannot read this PDF ({})": "无法读取此 PDF（{}）",
    "no text layer (a scanned or image-only PDF); OCR it first": "没有文字层（扫描件或纯图片 PDF）；请先进行 OCR 文字识别",
    # YAML files: rules, structures, baselines, configs
    "YAML file larger than {} bytes": "YAML 文件超过 {} 字节",
    "malformed YAML: {}": "YAML 格式错误：{}",
    "{}: malformed YAML: {}": "{}: YAML 格式错误：{}",
    "YAML nested too deeply": "YAML 嵌套层数过深",
    "{}: nested more than {} levels": "{}: 嵌套超过 {} 层",
    "{}: YAML aliases (*name) are not allowed in rule files": "{}: 规则文件中不允许使用 YAML 别名（*name）",
    "{}: YAML merge keys (<<) are not allowed in rule files": "{}: 规则文件中不允许使用 YAML 合并键（<<）",
    "{}: mapping keys must be plain scalars": "{}: 映射的键必须是普通标量",
    "{}:{}:{}: duplicate key '{}' (first at line {})": "{}:{}:{}: 键 '{}' 重复（首次出现在第 {} 行）",
    "no such {} file": "{:term}文件不存在",
    "{} files must be UTF-8": "{:term}文件必须使用 UTF-8 编码",
    "cannot read {} file: {}": "无法读取{:term}文件：{}",
    # rule packs
    "no such rules file or pack": "规则文件或规则包不存在",
    "not a rule pack (a folder with pack.yaml)": "不是规则包（应为包含 pack.yaml 的文件夹）",
    "table {} names unknown part {}": "表格 {} 引用了未知的部分 {}",
    "table {} row {} names unknown columns {}": "表格 {} 的行 {} 引用了未知的列 {}",
    # configuration
    "reading [tool.reportlint] needs Python 3.11+ (or tomli)": "读取 [tool.reportlint] 需要 Python 3.11 及以上版本（或安装 tomli）",
    "malformed TOML: {}": "TOML 格式错误：{}",
    "no [tool.reportlint] table": "没有 [tool.reportlint] 表",
    "{}:1:1: a config file must be a mapping of settings": "{}:1:1: 配置文件必须是由设置项组成的映射",
    "{}:{}:{}: unknown setting {} (known: {})": "{}:{}:{}: 未知的设置项 {}（可用的设置项：{}）",
    "--config and --isolated exclude each other": "--config 与 --isolated 不能同时使用",
    "{}: {}: {} matches no rule of pack {}": "{}: {}: {} 不匹配规则包 {} 中的任何规则",
    # baselines
    "{} must be a day as YYYY-MM-DD, not {}": "{} 必须是 YYYY-MM-DD 格式的日期，而不是 {}",
    "a baseline needs a reason (--reason)": "基线必须写明理由（--reason）",
    "cannot baseline an unreadable report: {}": "无法为读取失败的报告建立基线：{:msg}",
    "no such baseline file (create it with 'reportlint baseline')": "基线文件不存在（可用 'reportlint baseline' 生成）",
    # command line and output
    "no report files found in the given folders": "在指定的文件夹中没有找到报告文件",
    "no rule {}; see 'reportlint rules list'": "没有规则 {}；请查看 'reportlint rules list'",
    "unknown format {}; valid formats: {}": "未知的输出格式 {}；可用的格式：{}",
    "more --output files than --format options": "--output 文件数多于 --format 选项数",
    "cannot create folder {}: {}": "无法创建文件夹 {}：{}",
    "cannot read the input list: {}": "无法读取输入列表：{}",
    "cannot write {}: folder {} does not exist": "无法写入 {}：文件夹 {} 不存在",
    "cannot write {}: {}": "无法写入 {}：{}",
    "input nested too deeply": "输入嵌套层数过深",
    "out of memory reading the input": "读取输入时内存不足",
    "internal error: {}: {} (set REPORTLINT_DEBUG=1 for a traceback)":
        "内部错误：{}: {}（设置 REPORTLINT_DEBUG=1 可查看调用栈）",
}

# Words our code interpolates into messages (never user data): the kind of a file, a count's unit.
TERMS: dict[str, str] = {
    "baseline": "基线", "config": "配置", "rule": "规则", "structure": "结构",
    "lines": "行", "paragraphs, headings and tables": "个段落、标题和表格", "HTML elements": "个 HTML 元素",
    "a few hundred": "几百", "a few thousand": "几千",
}


class _Formatter(string.Formatter):
    """``{:term}`` and ``{:msg}`` translate a value; every other value is shown as it is."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "term":
            return TERMS.get(value, value)
        if format_spec == "msg":
            return translate_prefixed(value)
        return super().format_field(value, format_spec)


_FORMAT = _Formatter()


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """One pattern per template with values, the most specific (most literal text) first."""
    out = []
    for key, zh in ZH.items():
        pieces = list(string.Formatter().parse(key))
        if all(field is None for _, field, _, _ in pieces):
            continue  # no values: looked up directly
        regex = "".join(re.escape(literal) + ("(.*?)" if field is not None else "")
                        for literal, field, _, _ in pieces)
        literal_length = sum(len(literal) for literal, _, _, _ in pieces)
        out.append((literal_length, re.compile(regex, re.DOTALL), zh))
    out.sort(key=lambda item: -item[0])
    return [(pattern, zh) for _, pattern, zh in out]


def translate(message: str) -> str:
    """The Chinese wording of one of our English messages; anything else unchanged."""
    exact = ZH.get(message.replace("{", "{{").replace("}", "}}"))
    if exact is not None:
        return _FORMAT.format(exact)
    for pattern, zh in _patterns():
        match = pattern.fullmatch(message)
        if match:
            return _FORMAT.format(zh, *match.groups())
    return message


def translate_prefixed(text: str) -> str:
    """`translate`, allowing a ``source: `` prefix of unknown length before the message (kept as is)."""
    whole = translate(text)
    if whole != text:
        return whole
    for colon in re.finditer(": ", text):
        tail = text[colon.end():]
        done = translate(tail)
        if done != tail:
            return text[:colon.end()] + done
    return text
