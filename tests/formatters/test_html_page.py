"""The HTML review page, parsed with lxml: marked cells match the findings' evidence, report text is inert.

Reports go through the real pipeline (reader → binder → engine, ``include_document=True``) so the
marks are checked against what the rules actually said.
"""

from __future__ import annotations

import dataclasses
import re

import lxml.html
import pytest
from _html_sample import HOSTILE, NEW_NATURAL_LINE, PROACTIVE_HEADING_LINE, write_defective
from click.testing import CliRunner

from checker.api import check
from checker.cli import main
from checker.describe import describe_document
from checker.engine import evaluate
from checker.examples import build
from checker.findings import CheckResult
from checker.formatters import html
from checker.ruleset import load_ruleset


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


@pytest.fixture(scope="module")
def defective(ruleset, tmp_path_factory):
    path = write_defective(tmp_path_factory.mktemp("html"))
    return check(path, ruleset, lang="en", include_document=True)


def _page(result, ruleset, lang="en"):
    text = html.render([result], ruleset.catalog(), lang=lang, tool_version="0.0.0-test")
    return text, lxml.html.document_fromstring(text)


def _marked(doc, anchor):
    cells = doc.xpath("//td[contains(concat(' ', @data-findings, ' '), $a)]", a=f" {anchor} ")
    return {(td.get("data-table"), td.get("data-row"), td.get("data-col")) for td in cells}


def _number(result, rule):
    return next(n for n, f in enumerate(result.findings, 1) if f.rule == rule)


def test_the_document_is_kept_only_when_asked(defective, ruleset, tmp_path):
    assert defective.document is not None and defective.document["layout"]["tables"]
    plain = check(write_defective(tmp_path), ruleset)
    assert plain.document is None
    assert "document" not in defective.to_dict()  # JSON output unchanged


def test_identity_marks_are_exactly_the_operands(defective, ruleset):
    balance = next(f for f in defective.findings if f.rule == "ID-T3-BALANCE")
    assert (balance.location.table, balance.location.column, balance.location.line) == ("t3", "natural",
                                                                                       NEW_NATURAL_LINE)
    _, doc = _page(defective, ruleset)
    identities = [(n, f) for n, f in enumerate(defective.findings, 1) if "operands" in f.evidence.get("left", {})]
    assert {f.rule for _, f in identities} >= {"ID-T3-BALANCE", "ID-T3-ROWSUM"}
    for number, finding in identities:
        expected = {(finding.location.table, o["row"], o["column"])
                    for side in ("left", "right") for o in finding.evidence[side]["operands"]}
        assert _marked(doc, f"f{number}") == expected, finding.rule
    assert _marked(doc, f"f{_number(defective, 'ID-T3-BALANCE')}") == {
        ("t3", "new", "natural"), ("t3", "carried_in", "natural"),
        ("t3", "result_total", "natural"), ("t3", "carried_over", "natural")}


def test_marked_cell_shows_the_published_text_links_and_hovers(defective, ruleset):
    _, doc = _page(defective, ruleset)
    number = _number(defective, "ID-T3-BALANCE")
    (cell,) = doc.xpath("//td[@data-table='t3'][@data-row='new'][@data-col='natural']")
    assert cell.text == "5"
    assert "mark" in cell.get("class").split() and "m-error" in cell.get("class").split()
    assert f"#f{number}" in [a.get("href") for a in cell.xpath("a")]
    assert "ID-T3-BALANCE" in cell.get("title") and "= 5" in cell.get("title")
    (item,) = doc.xpath(f"//li[@id='f{number}']")
    assert item.get("data-rule") == "ID-T3-BALANCE"
    unmarked = doc.xpath("//td[@data-table='t3'][@data-row='granted'][@data-col='natural']")[0]
    assert "mark" not in unmarked.get("class").split() and unmarked.get("title") is None


def test_part_finding_sits_beside_its_heading(defective, ruleset):
    finding = next(f for f in defective.findings if f.rule == "SEC-NUMBERING")
    assert (finding.location.part, finding.location.line) == ("proactive", PROACTIVE_HEADING_LINE)
    _, doc = _page(defective, ruleset)
    (part,) = doc.xpath("//div[@data-part='proactive']")
    assert f"#f{_number(defective, 'SEC-NUMBERING')}" in [a.get("href") for a in part.xpath(".//a")]
    assert "、主动公开政府信息情况" in part.text_content() and "as written" in part.text_content()
    (missing_free,) = doc.xpath("//div[@data-part='overview']")
    assert missing_free.get("class") == "part" and not missing_free.xpath(".//a")


def test_summary_counts_and_self_contained(defective, ruleset):
    text, doc = _page(defective, ruleset, lang="zh")
    errors = doc.xpath("//span[@data-count='error']")[0].text_content()
    assert errors.endswith(str(sum(1 for f in defective.active if f.severity.label == "error")))
    assert doc.xpath("//html/@lang") == ["zh-CN"] and "表三 收到和处理政府信息公开申请情况" in text
    assert not doc.xpath("//script | //link | //iframe | //img | //object | //@src")
    assert all(h.startswith("#") for h in doc.xpath("//a/@href"))
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp
    style = doc.xpath("//style")[0].text
    assert "@media print" in style and '"Noto Sans CJK SC"' in style and "Microsoft YaHei" in style
    assert "http" not in style


def test_report_text_is_escaped_everywhere(ruleset):
    given = {"cells": {"t3/new/natural": HOSTILE}, "meta": {"title": HOSTILE + "年度报告"},
             "rows": {"t3/carried_in": "二、上年结转政府信息公开申请数量" + HOSTILE}}
    bound = build(ruleset, given)
    bound.source = f"reports/{HOSTILE}.txt"
    result = dataclasses.replace(evaluate(bound, ruleset, lang="en"), document=describe_document(bound))
    assert any(f.location.row == "new" and f.location.column == "natural" for f in result.findings)
    text, doc = _page(result, ruleset)
    assert "<script" not in text and '</td>"' not in text and "\x1b" not in text
    assert not doc.xpath("//script | //b | //*[starts-with(name(@*), 'on')]")
    (cell,) = doc.xpath("//td[@data-table='t3'][@data-row='new'][@data-col='natural']")
    visible = HOSTILE.replace("\x1b", "\u241b")
    assert cell.text == visible and "mark" in cell.get("class").split()
    assert visible in doc.xpath("//section[@class='report']/h2")[0].text
    assert visible in doc.xpath("//div[@data-table='t3']")[0].text_content()  # the row label as written
    assert "[bold red]" in doc.xpath("//title")[0].text or "[bold red]" in doc.xpath("//p[@class='meta']")[0].text


def test_column_finding_marks_the_cells_it_lists(ruleset):
    bound = build(ruleset, {"cells": {"t3/carried_in/natural": "", "t3/granted/natural": " "}})
    result = dataclasses.replace(evaluate(bound, ruleset, lang="zh"), document=describe_document(bound))
    blank = next(f for f in result.findings if f.rule == "CELL-BLANK")
    assert (blank.location.table, blank.location.column) == ("t3", "natural")
    assert set(blank.evidence["blank_rows"]) == {"carried_in", "granted"}
    _, doc = _page(result, ruleset, lang="zh")
    number = _number(result, "CELL-BLANK")
    assert _marked(doc, f"f{number}") == {("t3", "carried_in", "natural"), ("t3", "granted", "natural")}


def test_row_finding_of_table_4_marks_the_blank_cells_it_lists(ruleset):
    bound = build(ruleset, {"cells": {"t4/counts/review_upheld": "", "t4/counts/after_total": ""}})
    result = dataclasses.replace(evaluate(bound, ruleset, lang="zh"), document=describe_document(bound))
    _, doc = _page(result, ruleset, lang="zh")
    number = _number(result, "CELL-BLANK")
    assert _marked(doc, f"f{number}") == {("t4", "counts", "review_upheld"), ("t4", "counts", "after_total")}


def test_without_document_the_findings_still_render(results, catalog):
    doc = lxml.html.document_fromstring(html.render(results, catalog, lang="en"))
    assert doc.xpath("//li[@data-rule='T3-BALANCE']")
    assert not doc.xpath("//table[@data-table]")
    assert "no report layout" in doc.xpath("//section[@class='tables']/p")[0].text
    rows = doc.xpath("//table[contains(@class,'index')]/tbody/tr")
    assert [r.get("data-source") for r in rows] == [r.source for r in results]


def test_page_names_are_safe_and_unique():
    sources = ["a/报告.txt", "b/报告.txt", "../../etc/passwd", "index", "CON.txt", 'x<y>"z.pdf', "c\\d\\e.md",
               "..", "报告.TXT"]
    names = html.page_names([CheckResult(source=s) for s in sources])
    assert len(set(n.lower() for n in names)) == len(names) and "index.html" not in names
    assert names[:2] == ["报告.txt.html", "报告.txt-2.html"]
    assert names[2] == "passwd.html" and names[4] == "_CON.txt.html" and names[6] == "e.md.html"
    for name in names:
        assert re.fullmatch(r"[\w.\-]+\.html", name) and not name.startswith(".") and "/" not in name


def test_cli_writes_a_page_and_a_batch_folder(tmp_path):
    one = write_defective(tmp_path, "one.txt")
    two = write_defective(tmp_path, "two.txt")
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    runner = CliRunner()
    page = tmp_path / "review.html"
    out = runner.invoke(main, ["check", str(one), "--format", "html", "--output", str(page), "--lang", "en"])
    assert out.exit_code == 1, out.output  # the report has errors
    doc = lxml.html.parse(str(page)).getroot()
    assert doc.xpath("//td[@data-row='new'][@data-col='natural'][contains(@class,'mark')]")
    folder = tmp_path / "pages"
    out = runner.invoke(main, ["check", str(one), str(two), str(tmp_path / "bad.docx"), "--format", "html",
                               "--output", f"{folder}/", "--lang", "zh"])
    assert out.exit_code == 1, out.output
    assert sorted(p.name for p in folder.iterdir()) == ["bad.docx.html", "index.html", "one.txt.html",
                                                       "two.txt.html"]
    index = lxml.html.parse(str(folder / "index.html")).getroot()
    links = index.xpath("//table[contains(@class,'index')]//a/@href")
    assert links == ["one.txt.html", "two.txt.html", "bad.docx.html"]
    assert all((folder / link).exists() for link in links)
    assert "无法读取" in (folder / "bad.docx.html").read_text(encoding="utf-8")
    missing_parent = tmp_path / "no" / "such" / ""
    out = runner.invoke(main, ["check", str(one), "--format", "html", "--output", f"{missing_parent}/"])
    assert out.exit_code == 2 and "cannot create folder" in out.output


def test_rendering_is_deterministic(defective, ruleset):
    assert _page(defective, ruleset)[0] == _page(defective, ruleset)[0]
