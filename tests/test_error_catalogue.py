"""Every user-facing error message has Chinese wording (checker.errors_zh), and the CLI prints it.

The templates are derived from the source with ``ast``: each ``InputError(...)`` call in ``checker/``
(f-string values become ``{}``), the CLI's own ``_fail(...)`` lines, and the ``missing`` message callers
pass to ``load_yaml_file``. A new message without a translation fails here, naming its file and line.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.errors import InputError, localize
from checker.errors_zh import TERMS, ZH, translate

PACKAGE = Path(__file__).resolve().parent.parent / "checker"
HOLE = "{}"
# Sites whose message has no wording of its own: the text is built elsewhere.
PASS_THROUGH = {
    ("cli.py", "{}"),  # _fail(exc): the caught InputError, whose own site is walked
    ("schemas.py", "{}{}"),  # file:line:col: $.path: jsonschema's message; ...
    ("yamlsafe.py", "{}"),  # the caller's `missing` message (walked below) or the default
}


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


class _Module:
    """One module's message templates: literals, f-strings, +, `or`, module constants, local helpers."""

    def __init__(self, path: Path) -> None:
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.constants = {target.id: node.value.value for node in self.tree.body if isinstance(node, ast.Assign)
                          for target in node.targets if isinstance(target, ast.Name)
                          and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)}
        self.functions = {n.name: n for n in ast.walk(self.tree) if isinstance(n, ast.FunctionDef)}

    def templates(self, node: ast.expr) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [_escape(node.value)]
        if isinstance(node, ast.JoinedStr):
            return ["".join(_escape(v.value) if isinstance(v, ast.Constant) else HOLE for v in node.values)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return [a + b for a in self.templates(node.left) for b in self.templates(node.right)]
        if isinstance(node, ast.BoolOp):
            return [t for value in node.values for t in self.templates(value)]
        if isinstance(node, ast.Name) and node.id in self.constants:
            return [_escape(self.constants[node.id])]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in self.functions:
            returns = ast.walk(self.functions[node.func.id])  # e.g. pdf._describe: one message per case
            return [t for r in returns if isinstance(r, ast.Return) and r.value for t in self.templates(r.value)]
        return [HOLE]

    def messages(self) -> Iterator[tuple[int, str]]:
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if any(k.arg == "zh" for k in node.keywords):
                continue  # the site gives its own Chinese (a rule-pack problem carries both wordings)
            if name in ("InputError", "_fail") and node.args:
                argument: ast.expr | None = node.args[0]
            elif name == "load_yaml_file":
                keyword = next((k.value for k in node.keywords if k.arg == "missing"), None)
                argument = node.args[2] if len(node.args) > 2 else keyword
            else:
                continue
            for template in self.templates(argument) if argument is not None else ():
                yield node.lineno, template


def sites() -> list[tuple[str, int, str]]:
    return [(str(path.relative_to(PACKAGE)), line, template) for path in sorted(PACKAGE.rglob("*.py"))
            for line, template in _Module(path).messages()]


def _has_wording(template: str) -> bool:
    return re.search(r"[A-Za-z]", template.replace(HOLE, "")) is not None


def test_the_walk_finds_the_known_sites():
    found = sites()
    assert len([s for s in found if s[0] != "cli.py" or "_fail" not in s[2]]) >= 70
    assert ("readers/__init__.py", "no such file") in {(f, t) for f, _, t in found}
    assert "encrypted PDF: it cannot be read without its password" in {t for _, _, t in found}  # via _describe
    assert "no such baseline file (create it with 'reportlint baseline')" in {t for _, _, t in found}


def test_every_message_has_a_chinese_translation():
    missing = [f"checker/{f}:{line}: {t!r}" for f, line, t in sites() if _has_wording(t) and t not in ZH]
    assert not missing, "add these to checker/errors_zh.py ZH:\n" + "\n".join(missing)


def test_messages_without_wording_are_the_known_pass_throughs():
    bare = {(f, t) for f, _, t in sites() if not _has_wording(t)}
    assert bare == PASS_THROUGH, "a message built elsewhere hides its wording from this test"


def test_the_catalogue_has_no_entries_for_messages_that_are_gone():
    used = {t for _, _, t in sites()}
    assert sorted(set(ZH) - used) == []


@pytest.mark.parametrize("template", sorted(ZH))
def test_each_translation_keeps_the_values_and_is_chinese(template):
    fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    values = [f"/v{i}.txt" for i in range(len(fields))]
    english = template.format(*values)
    chinese = translate(english)
    assert re.search(r"[\u4e00-\u9fff]", chinese), chinese
    specs = [spec for _, f, spec, _ in string.Formatter().parse(ZH[template]) if f is not None]
    assert all(spec in ("", "term", "msg") for spec in specs)
    if not {"term", "msg"} & set(specs):  # translated values aside, every value is shown as it is
        assert all(value in chinese for value in values), chinese


def test_terms_nested_messages_and_library_text():
    assert localize(InputError("no such baseline file", "b.yaml"), "zh") == "b.yaml: 基线文件不存在"
    lines = "300001 lines, more than the limit of 300000; an annual report has a few hundred — not checked"
    assert localize(InputError(lines, "r.txt"), "zh") == "r.txt: 300001 行，超过上限 300000；一份年度报告通常只有几百行——未检查"
    nested = InputError("cannot baseline an unreadable report: r.txt: no such file", "r.txt")
    assert localize(nested, "zh") == "r.txt: 无法为读取失败的报告建立基线：r.txt: 文件不存在"
    library = InputError("malformed JSON at line 3 column 7: Expecting ',' delimiter", "r.json")
    assert localize(library, "zh") == "r.json: JSON 格式错误（第 3 行第 7 列）：Expecting ',' delimiter"
    assert localize(library, "en") == str(library)
    assert localize(InputError("something {new}", "x"), "zh") == "x: something {new}"  # unknown: English
    assert set(TERMS) >= {"baseline", "rule", "structure", "config"}


def _cli(*args: str, **env: str):
    return CliRunner().invoke(main, list(args), env={"REPORTLINT_LANG": "", "LC_ALL": "", "LC_MESSAGES": "",
                                                       "LANG": "", **env})


def test_cli_error_line_in_chinese_and_english(tmp_path):
    missing = str(tmp_path / "无此报告.txt")
    zh = _cli("check", missing, "--lang", "zh")
    assert (zh.exit_code, zh.stdout, zh.stderr) == (2, "", f"reportlint: error: {missing}: 文件不存在\n")
    en = _cli("check", missing, "--lang", "en")
    assert (en.exit_code, en.stdout, en.stderr) == (2, "", f"reportlint: error: {missing}: no such file\n")
    assert _cli("check", missing).stderr == en.stderr  # no locale: English
    by_locale = _cli("check", missing, LANG="zh_CN.UTF-8")
    assert (by_locale.exit_code, by_locale.stderr) == (2, zh.stderr)


def test_cli_error_with_library_text_translates_only_our_wording(tmp_path):
    report = tmp_path / "report.json"
    report.write_text('{"blocks": [1,}', encoding="utf-8")
    zh = _cli("check", str(report), "--lang=zh", "--format", "json")
    assert zh.exit_code == 2 and zh.stderr.count("\n") == 1
    assert re.fullmatch(rf"reportlint: error: {re.escape(str(report))}: JSON 格式错误（第 1 行第 \d+ 列）："
                        r"Expecting value\n", zh.stderr), zh.stderr
    broken = tmp_path / "baseline.yaml"
    broken.write_text("entries: [\n", encoding="utf-8")
    done = _cli("check", str(Path(__file__).parent.parent / "examples" / "000_2606f0613b160dcc.txt"),
                "--baseline", str(broken), "--lang", "zh")
    assert done.exit_code == 2 and done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"reportlint: error: {broken}:") and "YAML 格式错误：" in done.stderr
    assert re.search(r"[a-z]{4}", done.stderr.split("YAML 格式错误：")[1])  # PyYAML's own words stay


def test_cli_error_line_follows_the_config_lang(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".reportlint.yaml").write_text("lang: zh\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _cli("check", "gone.txt").stderr == "reportlint: error: gone.txt: 文件不存在\n"
    assert _cli("check", "gone.txt", "--lang", "en").stderr == "reportlint: error: gone.txt: no such file\n"


def test_cli_rule_pack_problem_in_chinese(tmp_path):
    """A broken rule pack stops the check with the lint problem in the user's language, at file:line:col."""
    pack = tmp_path / "pack"
    (pack / "rules").mkdir(parents=True)
    (pack / "pack.yaml").write_text("id: broken\ntitle: {zh: 坏, en: broken}\nversion: '1'\n"
                                           "extends: national\n", encoding="utf-8")
    (pack / "rules" / "R.yaml").write_text("id: R-X\nkind: no_such_kind\nseverity: error\n", encoding="utf-8")
    seed = str(Path(__file__).parent.parent / "examples" / "000_2606f0613b160dcc.txt")
    zh = _cli("check", seed, "--rules", str(pack), "--lang", "zh", "--no-cache")
    en = _cli("check", seed, "--rules", str(pack), "--lang", "en", "--no-cache")
    assert (zh.exit_code, en.exit_code) == (2, 2) and zh.stderr.count("\n") == en.stderr.count("\n") == 1
    where = re.escape(str(pack / "rules" / "R.yaml")) + r":\d+:\d+: "
    assert re.match(rf"reportlint: error: {where}", zh.stderr), zh.stderr
    assert re.search(r"[\u4e00-\u9fff]", zh.stderr) and not re.search(r"[\u4e00-\u9fff]", en.stderr), (zh.stderr,
                                                                                                    en.stderr)
