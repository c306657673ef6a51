"""GitHub workflow commands: levels, escaping per actions/toolkit, the per-step limit."""

from __future__ import annotations

from checker.formatters import github


def test_escaping_functions():
    assert github.escape_data("多行\n消息: 100%, 完成\r") == "多行%0A消息: 100%25, 完成%0D"
    assert github.escape_property("a:b,c%\r\n") == "a%3Ab%2Cc%25%0D%0A"
    assert github.command("error", "x", file="a,b:c.html", line=None) == "::error file=a%2Cb%3Ac.html::x"


def test_hostile_message_line(render):
    lines = render("github").splitlines()
    hostile = next(line for line in lines if "bold red" in line)
    props, message = hostile[len("::warning "):].split("::", 1)
    assert props == "file=reports/2023/某区财政局 年报.html,line=45,title=TEXT-TEMPLATE 模板残留"
    assert "100%25, 见下:%0D%0A第二行" in message
    assert "\r" not in hostile and "\n" not in hostile and "\x1b" not in hostile
    assert "%" not in message.replace("%25", "").replace("%0D", "").replace("%0A", "")


def test_levels_and_what_is_left_out(render):
    lines = render("github").splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == [
        "::warning", "::warning", "::notice", "::error", "::error", "::warning", "::error"]
    assert not any("T3-NONNEG" in line for line in lines)  # suppressed by baseline
    assert lines[-1].startswith("::error file=reports/2023/坏文件.docx,title=reportlint::")
    assert ",line=" not in lines[4]  # part-only location: no line property


def test_limit_then_one_summary_notice(render):
    lines = render("github", limit=1).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::warning", "::notice", "::error", "::error", "::notice"]
    assert "另有 3 条问题未标注" in lines[-1] and "step summary" in lines[-1]


def test_step_summary_is_markdown_without_sign_off(results, catalog):
    text = github.step_summary(results, catalog, "zh")
    assert text.startswith("# ") and "| 严重程度 |" in text and "审核人" not in text
