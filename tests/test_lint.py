"""`reportlint rules lint`: each class of problem, at the line and column where it is written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.errors import InputError
from checker.lint import LintProblem, lint_path
from checker.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent

# A valid rule; line numbers below refer to this text (line 1 is `id:`).
RULE = """\
id: CITY-T3-TEST
kind: linear_identity
severity: warning
title: {zh: 测试, en: test}
message: {zh: "{left}与{right}", en: "{left} vs {right}"}
basis: {zh: 测试, en: test}
rationale: {zh: 测试, en: test}
params:
  table: t3
  each: column
  identities:
    - left: [new, carried_in]
      right: [result_total, carried_over]
examples:
  - name: passes_on_the_base
    expect: []
  - name: fails_when_new_is_wrong
    given:
      cells: {t3/new/natural: 9}
    expect:
      - location: {table: t3, column: natural}
"""

PACK = """\
id: city
title: {zh: 某市, en: city}
extends: national
"""


def make_pack(root: Path, rules: dict[str, str], pack: str = PACK, cases: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pack.yaml").write_text(pack, encoding="utf-8")
    for name, text in rules.items():
        (root / "rules").mkdir(exist_ok=True)
        (root / "rules" / name).write_text(text, encoding="utf-8")
    for name, text in (cases or {}).items():
        (root / "cases").mkdir(exist_ok=True)
        (root / "cases" / name).write_text(text, encoding="utf-8")
    return root


def only(problems: list[LintProblem]) -> LintProblem:
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


def where(problem: LintProblem) -> tuple[str, int, int, str]:
    return Path(problem.path).name, problem.line, problem.column, problem.code


def test_a_valid_pack_has_no_problems(tmp_path):
    assert lint_path(make_pack(tmp_path / "p", {"A.yaml": RULE})) == []


@pytest.mark.parametrize(
    ("old", "new", "at", "text"),
    [
        ("severity: warning\n", "severity: warning\nseverity: error\n", (4, 1, "yaml"), "duplicate key 'severity'"),
        ("severity: warning\n", "severity: warning\nseverty: error\n", (4, 1, "schema"), "不认识的键 severty"),
        ("kind: linear_identity", "kind: linear_identy", (2, 7, "unknown-kind"), "未知的规则类型“linear_identy”"),
        ("each: column", "each: columns", (10, 9, "params"), "$.params.each：取值须为 column / row"),
        ('en: "{left} vs {right}"', 'en: "{left} vs {rigth}"', (5, 37, "placeholder"), "未知的占位符 ['rigth']"),
    ],
    ids=["yaml", "schema", "unknown-kind", "params", "placeholder"],
)
def test_one_problem_at_its_line_and_column(tmp_path, old, new, at, text):
    problem = only(lint_path(make_pack(tmp_path / "p", {"A.yaml": RULE.replace(old, new)})))
    assert where(problem) == ("A.yaml", *at)
    assert text in problem.message_zh + problem.message_en


def test_schema_every_missing_key_is_reported(tmp_path):
    text = RULE.replace("basis: {zh: 测试, en: test}\n", "").replace("rationale: {zh: 测试, en: test}\n", "")
    problems = lint_path(make_pack(tmp_path / "p", {"A.yaml": text}))
    assert [where(p) for p in problems] == [("A.yaml", 1, 1, "schema")] * 2
    assert sorted(p.message_zh for p in problems) == ["$：缺少必填项 basis", "$：缺少必填项 rationale"]


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "zh"),
    [
        ("table: t3", "table: t5", 9, 10, "没有统计表“t5”"),
        ("left: [new, carried_in]", "left: [new, carried_inn]", 12, 19, "没有行“carried_inn”"),
        ("right: [result_total, carried_over]", "right: [\"@result\"]", 13, 15, "没有分组“@result”"),
    ],
)
def test_unknown_table_row_and_group(tmp_path, old, new, line, column, zh):
    problem = only(lint_path(make_pack(tmp_path / "p", {"A.yaml": RULE.replace(old, new)})))
    assert where(problem) == ("A.yaml", line, column, "reference")
    assert zh in problem.message_zh


def test_unknown_column_and_part(tmp_path):
    by_row = RULE.replace("each: column", "each: row").replace(
        "left: [new, carried_in]\n      right: [result_total, carried_over]", "left: [total]\n      right: [\"@applicants\", lawyer]")
    part = RULE.replace("kind: linear_identity", "kind: parts_present").replace(
        'message: {zh: "{left}与{right}", en: "{left} vs {right}"}', "message: {zh: \"缺{heading}\", en: \"no {heading}\"}").split("params:")[0]
    part += "params:\n  parts: [overview, problem]\nexamples:\n  - name: passes_x\n    expect: []\n"
    problems = lint_path(make_pack(tmp_path / "p", {"A.yaml": by_row, "B.yaml": part.replace("CITY-T3-TEST", "CITY-PART")}))
    by_file = {Path(p.path).name: p for p in problems if p.code == "reference"}
    assert where(by_file["A.yaml"]) == ("A.yaml", 13, 30, "reference")
    assert "没有栏“lawyer”" in by_file["A.yaml"].message_zh
    assert where(by_file["B.yaml"]) == ("B.yaml", 9, 21, "reference")
    assert "没有部分“problem”" in by_file["B.yaml"].message_zh and "是否应为“problems”" in by_file["B.yaml"].message_zh


TEXT_RULE = """\
id: CITY-TEXT
kind: text_pattern
severity: info
title: {zh: 测试, en: test}
message: {zh: "出现{matched}", en: "found {matched}"}
basis: {zh: 测试, en: test}
rationale: {zh: 测试, en: test}
params:
  scope: text
  forbid:
    - 编写说明
    - {regex: "(填写)+$"}
    - {regex: "(说明+)+"}
    - {regex: "[说明"}
examples:
  - name: passes_x
    expect: []
  - name: fails_x
    append: {overview: 编写说明}
    expect: [{}]
"""


def test_regexes_that_backtrack_or_do_not_compile(tmp_path):
    text = TEXT_RULE.replace("    append: {overview: 编写说明}\n", "    given: {append: {overview: 编写说明}}\n")
    problems = lint_path(make_pack(tmp_path / "p", {"T.yaml": text}))
    assert [where(p) for p in problems] == [("T.yaml", 13, 15, "regex"), ("T.yaml", 14, 15, "regex")]
    assert "灾难性回溯" in problems[0].message_zh
    assert "无法编译" in problems[1].message_zh


def test_duplicate_ids_across_files_and_with_the_parent(tmp_path):
    again = RULE.replace("passes_on_the_base", "passes_again")
    parent = RULE.replace("CITY-T3-TEST", "ID-T3-BALANCE")
    problems = lint_path(make_pack(tmp_path / "p", {"A.yaml": RULE, "B.yaml": again, "C.yaml": parent}))
    assert [where(p) for p in problems] == [("B.yaml", 1, 5, "duplicate-id"), ("C.yaml", 1, 5, "duplicate-id")]
    assert "A.yaml" in problems[0].message_en
    assert "overrides" in problems[1].message_zh


def test_override_of_a_rule_that_does_not_exist(tmp_path):
    pack = PACK + "overrides:\n  CELL-BLANK:\n    severity: error\n  CELL-BLANKS:\n    severity: error\n"
    problem = only(lint_path(make_pack(tmp_path / "p", {}, pack)))
    assert where(problem) == ("pack.yaml", 7, 3, "unknown-override")
    assert problem.message_zh == "覆盖了不存在的规则 CELL-BLANKS"


def test_override_params_are_checked_like_a_rule(tmp_path):
    pack = PACK + "overrides:\n  CELL-BLANK:\n    params:\n      tables: [t2, t33]\n"
    problem = only(lint_path(make_pack(tmp_path / "p", {}, pack)))
    assert where(problem) == ("pack.yaml", 7, 20, "reference")


def test_a_rule_without_a_failing_example(tmp_path):
    text = RULE.replace("fails_when_new_is_wrong", "passes_too").split("    given:")[0] + "    expect: []\n"
    problem = only(lint_path(make_pack(tmp_path / "p", {"A.yaml": text})))
    assert where(problem) == ("A.yaml", 14, 1, "examples")
    assert "no example that fails" in problem.message_en


def test_case_files_are_named_after_a_rule_and_checked(tmp_path):
    cases = {"CITY-T3-TEST.yaml": "- name: fails_x\n  expect: [{}]\n  given: {cels: {}}\n", "NOPE.yaml": "- name: passes_x\n  expect: []\n"}
    problems = lint_path(make_pack(tmp_path / "p", {"A.yaml": RULE}, cases=cases))
    assert [where(p) for p in problems] == [("CITY-T3-TEST.yaml", 3, 11, "schema"), ("NOPE.yaml", 1, 1, "cases")]


def test_extends_a_pack_that_does_not_exist(tmp_path):
    problem = only(lint_path(make_pack(tmp_path / "p", {}, PACK.replace("national", "nationl"))))
    assert where(problem) == ("pack.yaml", 3, 10, "pack")


def test_all_problems_at_once_and_the_loader_stops_at_the_first(tmp_path):
    broken = RULE.replace("table: t3", "table: t5").replace('en: "{left} vs {right}"', 'en: "{oops}"')
    pack = make_pack(tmp_path / "p", {"A.yaml": broken, "B.yaml": RULE.replace("kind: linear_identity", "kind: nope")},
                     PACK + "overrides:\n  NOPE-RULE: {enabled: false}\n")
    problems = lint_path(pack)
    assert {p.code for p in problems} == {"reference", "placeholder", "unknown-kind", "unknown-override"}
    with pytest.raises(InputError) as raised:
        load_ruleset(pack)
    first = re.match(r"^(.+):(\d+):(\d+): ", str(raised.value))
    assert first is not None
    assert any((p.path, p.line, p.column) == (first[1], int(first[2]), int(first[3])) for p in problems)


def test_cli_prints_each_problem_and_exits_1(tmp_path):
    pack = make_pack(tmp_path / "p", {"A.yaml": RULE.replace("table: t3", "table: t5")})
    runner = CliRunner()
    zh = runner.invoke(main, ["rules", "lint", str(pack), "--lang", "zh"])
    assert zh.exit_code == 1
    assert zh.output.splitlines() == [f"{pack / 'rules' / 'A.yaml'}:9:10: [reference] 没有统计表“t5”（可用：t2, t3, t4）", "共 1 个问题"]
    en = runner.invoke(main, ["rules", "lint", str(pack / "rules" / "A.yaml"), "--lang", "en"])
    assert en.exit_code == 1
    assert en.output.splitlines()[0].endswith("A.yaml:9:10: [reference] no table 't5' (known: t2, t3, t4)")
    missing = runner.invoke(main, ["rules", "lint", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2 and missing.output.count("\n") == 1


@pytest.mark.parametrize("pack", ["national", "rules/packs/example-province"])
def test_shipped_packs_lint_clean(pack):
    assert [p.format() for p in lint_path(pack if pack == "national" else ROOT / pack)] == []


def test_every_shipped_yaml_carries_a_schema_modeline_that_resolves():
    expected = {"pack.yaml": "pack.schema.json"}
    files = sorted((ROOT / "rules").rglob("*.yaml"))
    assert len(files) > 20
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path} does not start with the schema modeline"
        target = (path.parent / match[1]).resolve()
        assert target.is_file(), f"{path}: {match[1]} does not resolve"
        if path.name in expected:
            want = expected[path.name]
        elif path.name.startswith("structure-"):
            want = "structure.schema.json"
        elif path.parent.name == "cases":
            want = "cases.schema.json"
        else:
            want = "rule.schema.json"
        assert target == ROOT / "schemas" / want, path


@pytest.mark.parametrize("name", ["rule", "pack", "cases"])
def test_editor_schemas_have_an_id_descriptions_and_valid_examples(name):
    from checker.schemas import errors

    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == f"https://reportlint.dev/schemas/{name}.schema.json"
    assert schema["description"]
    assert schema["examples"]
    for example in schema["examples"]:
        assert errors(example, name) == []
    for key, prop in schema.get("properties", {}).items():
        assert "description" in prop or "$ref" in prop or key in ("url", "enabled", "params"), key


# --- names inside examples, text_pattern's when_nonzero, previous_cells' this./prev. ----------------

@pytest.mark.parametrize(
    ("old", "new", "line", "column", "zh"),
    [
        ("cells: {t3/new/natural: 9}", "cells: {t3/new/natrual: 9}", 19, 15, "“t3/new/natrual”：表 t3（2021年格式）没有栏“natrual”"),
        ("cells: {t3/new/natural: 9}", "cells: {t3/neww/natural: 9}", 19, 15, "没有行“neww”"),
        ("cells: {t3/new/natural: 9}", "cells: {t9/new/natural: 9}", 19, 15, "没有统计表“t9”"),
        ("cells: {t3/new/natural: 9}", "cells: {t3/new: 9}", 19, 15, "应写作 表/行/栏"),
        ("cells: {t3/new/natural: 9}", "rows: {t3/carried: 二、上年结转}", 19, 14, "没有行“carried”"),
        ("cells: {t3/new/natural: 9}", "headings: {overveiw: 一、总体情况}", 19, 18, "没有部分“overveiw”"),
        ("cells: {t3/new/natural: 9}", "parts: {problem: 无。}", 19, 15, "是否应为“problems”"),
        ("cells: {t3/new/natural: 9}", "append: {other: 无。, sixth: 无。}", 19, 27, "没有部分“sixth”"),
        ("cells: {t3/new/natural: 9}", "remove_parts: [overview, sixth]", 19, 32, "没有部分“sixth”"),
        ("cells: {t3/new/natural: 9}", "remove_tables: [t3, t5]", 19, 27, "没有统计表“t5”"),
    ],
    ids=["cell-column", "cell-row", "cell-table", "cell-shape", "rows", "headings", "parts", "append", "remove_parts",
         "remove_tables"],
)
def test_names_in_an_example_are_checked_where_written(tmp_path, old, new, line, column, zh):
    problem = only(lint_path(make_pack(tmp_path / "p", {"A.yaml": RULE.replace(old, new)})))
    assert where(problem) == ("A.yaml", line, column, "reference")
    assert zh in problem.message_zh


def test_names_in_a_previous_report_and_in_case_files(tmp_path):
    text = RULE.replace("    given:\n      cells: {t3/new/natural: 9}\n",
                        "    previous:\n      cells: {t3/carried_over/naturl: 2}\n")
    case = "- name: fails_x\n  given: {parts: {overveiw: 无。}}\n  expect: [{}]\n"
    problems = lint_path(make_pack(tmp_path / "p", {"A.yaml": text}, cases={"CITY-T3-TEST.yaml": case}))
    assert [where(p) for p in problems] == [("CITY-T3-TEST.yaml", 2, 19, "reference"), ("A.yaml", 19, 15, "reference")]
    assert "没有部分“overveiw”" in problems[0].message_zh and "没有栏“naturl”" in problems[1].message_zh


def test_when_nonzero_cells_are_checked(tmp_path):
    text = TEXT_RULE.replace("  scope: text\n", "  scope: text\n  when_nonzero: [t3/new/total, t3/neww/total]\n")
    text = text.replace('    - {regex: "(填写)+$"}\n    - {regex: "(说明+)+"}\n    - {regex: "[说明"}\n', "")
    text = text.replace("    append: {overview: 编写说明}\n", "    given: {append: {overview: 编写说明}}\n")
    problem = only(lint_path(make_pack(tmp_path / "p", {"T.yaml": text})))
    assert where(problem) == ("T.yaml", 10, 32, "reference")
    assert "没有行“neww”" in problem.message_zh


CROSS_RULE = """\
id: CITY-X-TEST
kind: previous_cells
severity: warning
needs_previous: true
title: {zh: 测试, en: test}
message: {zh: "{left}与{right}", en: "{left} vs {right}"}
basis: {zh: 测试, en: test}
rationale: {zh: 测试, en: test}
params:
  table: t2
  each: row
  rows: [normative]
  left: [this.in_force, this.repealed]
  right: [prev.in_forse, this.issued]
examples:
  - name: passes_x
    previous: {}
    expect: []
  - name: fails_x
    previous:
      cells: {t2/normative/in_force: 9}
    expect: [{}]
"""


def test_this_and_prev_names_are_checked_and_prev_may_be_of_another_edition(tmp_path):
    """prev.in_force is absent from the 2019 trial table 2, but the 2021 one has it: no problem for that."""
    problem = only(lint_path(make_pack(tmp_path / "p", {"X.yaml": CROSS_RULE})))
    assert where(problem) == ("X.yaml", 14, 11, "reference")
    assert "没有栏“in_forse”" in problem.message_zh and "是否应为“in_force”" in problem.message_zh
    this_typo = CROSS_RULE.replace("prev.in_forse", "prev.in_force").replace("this.repealed", "this.repeled")
    assert where(only(lint_path(make_pack(tmp_path / "q", {"X.yaml": this_typo})))) == ("X.yaml", 13, 25, "reference")
