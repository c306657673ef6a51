"""Specific hostile inputs: rule files (alias bomb, duplicate keys, catastrophic regex), encodings,
markup and terminal escapes in report text, absurd spans, a huge repetitive previous-year part."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.api import check
from checker.errors import InputError
from checker.model import Block, Cell, Meta, Report
from checker.readers import read
from checker.regexsafe import UnsafePattern, compile_safe
from checker.similarity import similarity
from checker.yamlsafe import load_yaml

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"


def _pack(tmp: Path, rule_text: str) -> Path:
    pack = tmp / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("id: hostile\ntitle: {zh: 测, en: test}\nextends: national\n", encoding="utf-8")
    (pack / "X-1.yaml").write_text(rule_text, encoding="utf-8")
    return pack


@pytest.mark.parametrize("text,words", [
    (ALIAS_BOMB, "aliases"),
    ("id: X-1\nkind: text_pattern\nkind: cell_values\n", "duplicate key 'kind'"),
    ("id: X-1\nbase: &b {severity: error}\nother:\n  <<: *b\n", "merge keys"),
])
def test_rule_file_alias_bomb_and_duplicate_keys_exit_2(cli, tmp_path: Path, text: str, words: str) -> None:
    pack = _pack(tmp_path, text)
    line = cli.exit2(*(lambda r: (r.exit_code, r.stderr))(cli.invoke("check", str(cli.seed), "--rules", str(pack))))
    assert words in line and "X-1.yaml:" in line
    with pytest.raises(InputError, match=words.split()[0]):
        load_yaml(text, "X-1.yaml")


def test_catastrophic_rule_regex_is_refused_when_the_pack_loads(cli, tmp_path: Path) -> None:
    residue = (Path(__file__).resolve().parents[2] / "rules/national/metadata/META-RESIDUE.yaml").read_text("utf-8")
    hostile = residue.replace("id: META-RESIDUE", "id: X-1").replace('"20[Xx×]{2}年"', '"(年+)+$"')
    assert "(年+)+$" in hostile
    done = cli.run("check", str(cli.seed), "--rules", str(_pack(tmp_path, hostile)), timeout=60)
    line = cli.exit2(done.returncode, done.stderr)
    assert "X-1" in line and ("nested" in line or "backtrack" in line), line
    for pattern in ("(a+)+$", "(a|aa)*b", "(.*)*x"):
        with pytest.raises(UnsafePattern):
            compile_safe(pattern)


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""), ("utf-16-be", b""), ("gb18030", b""),
])
def test_encodings_read_the_same_text(cli, encoding: str, prefix: bytes) -> None:
    report = read("seed.txt", prefix + cli.seed.read_text(encoding="utf-8").encode(encoding))
    assert report.to_dict() == read("seed.txt", cli.seed.read_bytes()).to_dict()


def test_big5_text_is_read() -> None:
    text = "一、總體情況\n本機關全年共收到政府資訊公開申請12件，均已按時答覆。\n二、主動公開政府資訊情況\n"
    report = read("big5.txt", text.encode("big5") * 3)
    assert report.blocks[0].text == "一、總體情況"
    assert any("申請12件" in b.text for b in report.blocks)


def test_nul_bytes_are_dropped_not_fatal(cli, ruleset) -> None:
    data = cli.seed.read_bytes().replace("总体情况".encode(), "总体\x00情况".encode())
    result = check(read("seed.txt", data), ruleset, lang="en")
    assert any(f.rule == "SEC-NUMBERING" and f.location.part == "proactive" for f in result.findings)


def test_rich_markup_and_ansi_in_report_text_are_shown_literally(cli, tmp_path: Path) -> None:
    doc = json.loads(cli.run("extract", str(cli.seed)).stdout)
    doc["meta"]["title"] = "[bold red]伪造[/] \x1b[31m红字\x1b[0m \x1b]8;;http://x\x07链接"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    done = cli.run("check", str(path), "--format", "table", "--color", "--lang", "en")
    assert done.returncode == 1, done.stderr
    assert "[bold red]伪造[/]" in done.stdout
    assert "\x1b[31m红字" not in done.stdout and "\x1b]8" not in done.stdout and "\x07" not in done.stdout
    assert "SEC-NUMBERING" in done.stdout


def test_absurd_spans_in_the_report_model(ruleset) -> None:
    huge = Cell("本年新收政府信息公开申请数量", rowspan=10**9, colspan=10**9)
    report = Report(Meta(year=2025), (Block("heading", "三、收到和处理政府信息公开申请情况", line=1),
                                      Block("table", rows=((huge, Cell("3", colspan=10**9)),) * 50, line=2)))
    result = check(report, ruleset, lang="en")
    assert {f.rule for f in result.findings} >= {"SEC-PRESENT"}


def test_absurd_spans_in_html_are_clamped() -> None:
    page = ('<html><body><table><tr><td rowspan="999999999" colspan="999999999">本年新收</td>'
            '<td colspan="-5">1</td><td rowspan="abc">2</td></tr></table></body></html>').encode()
    report = read("p.html", page)
    cells = [c for b in report.blocks if b.type == "table" for row in b.rows for c in row]
    assert cells and all(c.rowspan <= 1000 and c.colspan <= 1000 for c in cells)


def test_similarity_of_a_huge_repetitive_part_is_estimated_not_quadratic() -> None:
    # 10,000 × 年 took 80 s in SequenceMatcher; the shingle estimate agrees on the verdict.
    assert similarity("年" * 10_000, "年" * 10_000 + "x") > 0.99
    assert similarity("本年度没有收取费用。" * 2000, "本年度我局积极推进。" * 2000) < 0.6
    assert similarity("主动公开政府信息情况", "主动公开政府信息情况") == 1.0


def test_narrow_repeats_between_literals_are_accepted_but_three_wildcards_are_not() -> None:
    from checker.regexsafe import UnsafePattern, compile_safe

    assert compile_safe(r"\d+年\d+月\d+日").search("2025年1月16日")
    assert compile_safe("统计.*1月1日.*12月31日")
    with pytest.raises(UnsafePattern):
        compile_safe("a.*b.*c.*d")


def test_output_files_follow_the_umask(tmp_path) -> None:
    import os
    import stat

    from checker.output import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "out.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.json").stat().st_mode) == 0o644
