"""PDF reader: the real 淮安市政府 2024 report (009) and small synthetic PDFs built here."""

from __future__ import annotations

import builtins
import zlib

import pytest

from checker.errors import InputError
from checker.model import Block, Report
from checker.readers import read

pytest.importorskip("pdfplumber", reason="pdfplumber not installed (optional extra reportlint[pdf])")

from checker.readers import pdf as pdf_reader  # noqa: E402  (after the skip on purpose)

HUAIAN = "009_huaian-shizhengfu_2024.pdf"


# --- tiny PDF writer for synthetic cases (Helvetica text, optional ruled cells) ---------


def make_pdf(pages: list[list[tuple[float, float, str]]], rects: list[list[tuple[float, ...]]] | None = None) -> bytes:
    """A valid PDF: each page a list of (x, y_from_top, text) and optional stroked rects."""
    objects: list[bytes] = []
    kids = []
    font_id = 3 + 2 * len(pages)
    for n, lines in enumerate(pages):
        ops = []
        for x0, top, w, h in (rects[n] if rects else []):
            ops.append(f"{x0} {842 - top - h} {w} {h} re S")
        for x, top, text in lines:
            ops.append(f"BT /F1 12 Tf {x} {842 - top - 12} Td ({text}) Tj ET")
        stream = zlib.compress("\n".join(ops).encode("latin-1"))
        page_id, content_id = 3 + 2 * n, 4 + 2 * n
        kids.append(f"{page_id} 0 R")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
    head = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()]
    body = head + objects + [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(body, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref)
    return bytes(out)


# --- the real report -------------------------------------------------------------------


_READ: dict[str, Report] = {}


@pytest.fixture
def huaian(corpus) -> Report:
    path = corpus(HUAIAN)  # skips with a reason where ../shared is absent
    if HUAIAN not in _READ:  # read the 6 pages once for the whole module
        _READ[HUAIAN] = read(path)
    return _READ[HUAIAN]


def tables(report: Report) -> list[Block]:
    return [b for b in report.blocks if b.type == "table"]


def row_starting(table: Block, label: str) -> tuple:
    return next(row for row in table.rows if row and row[0].text.startswith(label))


def values(row: tuple) -> list[str]:
    return [c.text for c in row if c.text.replace(".", "").isdigit()]


def test_parts_one_to_six_in_order(huaian: Report) -> None:
    headings = [b.text[:2] for b in huaian.blocks if b.type == "heading" and b.level == 1]
    assert headings == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert huaian.reader == "pdf"
    assert all(b.page is not None for b in huaian.blocks)


def test_three_statistics_tables_follow_their_parts(huaian: Report) -> None:
    order = [(b.type, b.text[:2]) for b in huaian.blocks if b.type == "table" or b.level == 1]
    assert order == [
        ("heading", "一、"), ("heading", "二、"), ("table", ""), ("heading", "三、"), ("table", ""),
        ("heading", "四、"), ("table", ""), ("heading", "五、"), ("heading", "六、"),
    ]


def test_table_two_joined_across_page_break(huaian: Report) -> None:
    two = tables(huaian)[0]
    labels = [row[0].text for row in two.rows]
    assert labels[:4] == ["第二十条 第（一）项", "信息内容", "规章", "行政规范性文件"]
    assert "行政处罚" in labels and "行政事业性收费" in labels  # the page-4 half
    assert values(row_starting(two, "行政规范性文件")) == ["8", "26", "66"]
    assert values(row_starting(two, "行政处罚")) == ["3985758"]
    pages = {c.page for row in two.rows for c in row}
    assert pages == {3, 4}
    assert row_starting(two, "规章")[0].page == 3 and row_starting(two, "行政强制")[0].page == 4


def test_table_three_values_and_pages(huaian: Report) -> None:
    three = tables(huaian)[1]
    first = row_starting(three, "一、本年新收")
    assert values(first) == ["3001", "53", "0", "0", "61", "4", "3119"]
    assert {c.page for c in first} == {4}
    total = next(row for row in three.rows if any(c.text == "（七）总计" for c in row))
    assert values(total) == ["2932", "53", "0", "0", "61", "4", "3050"]
    assert {c.page for c in total} == {5}
    carried = row_starting(three, "四、结转下年度继续办理")
    assert values(carried) == ["103", "0", "0", "0", "0", "0", "103"]
    assert carried[0].colspan == 3


def test_table_three_spans_rebuilt_and_cut_labels_rejoined(huaian: Report) -> None:
    three = tables(huaian)[1]
    cells = {c.text: c for row in three.rows for c in row}
    assert cells["三、本年度办理结果"].rowspan == 22  # 予以公开 … 总计, across the page break
    assert cells["（四）无法提供"].rowspan == 3  # "（四）无" page 4 + "法提供" page 5
    assert cells["（四）无法提供"].page == 4
    assert "法提供" not in cells and cells["（五）不予处理"].rowspan == 5
    assert cells["申请人情况"].colspan == 7
    assert "table on page 4 continues on page 5; joined" in huaian.notes


def test_table_four_values(huaian: Report) -> None:
    four = tables(huaian)[2]
    assert [c.text for c in four.rows[-1]] == [
        "72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20",
    ]
    assert all(c.page == 5 for c in four.rows[-1])


def test_text_joined_and_furniture_dropped(huaian: Report) -> None:
    texts = [b.text for b in huaian.blocks if b.type != "table"]
    assert not any(t.strip("- ").isdigit() for t in texts)
    assert not any("- 1 -" in t or "- 5 -" in t for t in texts)
    # a paragraph that runs from page 1 onto page 2 is one block, joined without a gap
    opening = next(t for t in texts if t.startswith("（一）主动公开情况"))
    assert "“建设‘四最’一流营商环境高质量推进产业发展”" in opening
    assert opening.endswith("回应舆论关切。")
    assert any("全年收取政府信息公开信息处理费 3940 元" in t for t in texts)
    # the one-column text frame on page 3 is prose again, not a table
    assert any(t.startswith("（五）政府信息公开监督保障情况") for t in texts)


def test_meta_title(huaian: Report) -> None:
    assert huaian.meta.title is not None and "淮安市人民政府" in huaian.meta.title
    assert huaian.meta.title.endswith("政府信息公开工作年度报告")
    assert huaian.meta.published is None


# --- synthetic and failure cases -------------------------------------------------------


def test_synthetic_footer_dropped_lines_joined_and_pages_set() -> None:
    long = "x" * 60
    data = make_pdf([
        [(72, 72, long), (72, 90, "yy end."), (290, 800, "- 1 -")],
        [(72, 72, "Second page text."), (290, 800, "- 2 -")],
    ])
    report = pdf_reader.read_bytes(data, "s.pdf")
    texts = [(b.text, b.page) for b in report.blocks]
    assert texts == [(long + " yy end.", 1), ("Second page text.", 2)]


def test_synthetic_ruled_table_keeps_blank_cells() -> None:
    rects = [[(72, 100, 150, 20), (222, 100, 80, 20), (302, 100, 80, 20)]]
    data = make_pdf([[(76, 104, "Label"), (226, 104, "7")]], rects)
    report = pdf_reader.read_bytes(data, "t.pdf")
    table = tables(report)[0]
    assert [(c.text, c.page) for c in table.rows[0]] == [("Label", 1), ("7", 1), ("", 1)]


def test_missing_extra_message(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: object, **kwargs: object):
        if name == "pdfplumber":
            raise ImportError("no pdfplumber")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(InputError, match=r"reading PDF needs the optional extra: pip install 'reportlint\[pdf\]'"):
        pdf_reader.read_bytes(b"%PDF-1.4", "x.pdf")


def test_text_file_named_pdf(tmp_path) -> None:
    path = tmp_path / "report.pdf"
    path.write_text("一、总体情况\n这不是 PDF。", encoding="utf-8")
    with pytest.raises(InputError, match="not a PDF"):
        read(path)


@pytest.mark.parametrize("data", [b"%PDF-1.7\n\x00\x01garbage", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>", b"%PDF"])
def test_broken_pdf_is_input_error(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        pdf_reader.read_bytes(data, "b.pdf")
    assert "\n" not in str(info.value)


def test_image_only_pdf_has_no_text_layer() -> None:
    data = make_pdf([[]], [[(72, 72, 100, 100)]])
    with pytest.raises(InputError, match="no text layer"):
        pdf_reader.read_bytes(data, "scan.pdf")


def test_page_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 1)
    data = make_pdf([[(72, 72, "a")], [(72, 72, "b")]])
    with pytest.raises(InputError, match="the limit is 1"):
        pdf_reader.read_bytes(data, "long.pdf")


def test_encrypted_pdf_needs_password() -> None:
    data = make_pdf([[(72, 72, "secret")]])
    # Standard security handler with a user password that is not empty: pdfminer's
    # empty-password attempt fails, as it does for a real password-protected report.
    encrypt = (
        b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32
        + b"> /P -4 >> /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] "
    )
    data = data.replace(b"/Root 1 0 R", b"/Root 1 0 R " + encrypt)
    with pytest.raises(InputError, match="encrypted PDF"):
        pdf_reader.read_bytes(data, "locked.pdf")
