"""The reportlint command line: parse options, call the library, print, exit 0/1/2.

Only wiring lives here. Bad input of any kind ends with one line on stderr and exit 2.
"""

from __future__ import annotations

import json
import os
import sys

import click

from checker import __version__
from checker.errors import InputError

FORMATS = ["table", "json", "sarif", "junit", "github", "gitlab", "markdown", "csv", "html"]
KINDS = ["department", "government_own", "government_aggregate", "township"]


def _fail(message: InputError | str, ctx: click.Context) -> None:
    from checker.errors import localize

    lang = ctx.meta.get("reportlint.lang") or _lang(ctx.meta.get("reportlint.args", ()))
    text = localize(message, lang)
    click.echo(f"reportlint: error: {' '.join(text.split())}", err=True)
    sys.exit(2)


def _lang(args: list[str]) -> str:
    """The --lang of the command line, else the locale's (an error may come before the settings)."""
    from checker import run

    lang = None
    for arg, value in zip(args, [*args[1:], ""]):
        if arg == "--":
            break
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else value if arg == "--lang" else ""
        lang = value if value in ("zh", "en") else lang
    return lang or run.default_lang()


class _Group(click.Group):
    """Turns every InputError (and any unexpected crash) into one line and exit 2."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["reportlint.args"] = list(args)  # for the language of a one-line error
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            _fail(exc, ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except RecursionError:
            _fail("input nested too deeply", ctx)
        except MemoryError:
            _fail("out of memory reading the input", ctx)
        except Exception as exc:  # noqa: BLE001 - never a traceback for users
            if os.environ.get("REPORTLINT_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set REPORTLINT_DEBUG=1 for a traceback)", ctx)
        return None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportlint")
def main() -> None:
    """Check 政府信息公开工作年度报告 against the regulation's rules."""


def _ruleset(rules: str | None):
    from checker.ruleset import load_ruleset

    return load_ruleset(rules)


def _settings_options(func):
    """Options shared by check and baseline: where the settings come from and which rules run."""
    options = [
        click.option("--config", "config_file", metavar="FILE", help="Project config (default: the closest "
                     ".reportlint.yaml or [tool.reportlint], up to the repository root)."),
        click.option("--isolated", is_flag=True, help="Ignore every config file."),
        click.option("--rules", "rules", metavar="PATH", help="Rule pack folder (default: the bundled national pack)."),
        click.option("--select", multiple=True, metavar="IDS", help="Only these rule ids/prefixes (comma-separated)."),
        click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rule ids/prefixes (comma-separated)."),
        click.option("--agency-kind", type=click.Choice(KINDS), default=None, help="Override the inferred kind."),
        click.option("--previous", metavar="FILE", default=None, help="Last year's report, for the cross-year rules."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _load_inputs(inputs, settings, previous, use_cache=False):
    """The configured ruleset, the run options and the expanded input paths."""
    from checker import config, run

    options = run.Options(lang=settings.lang or run.default_lang(), agency_kind=settings.agency_kind,
                          previous=previous, fail_on=settings.fail_on, max_warnings=settings.max_warnings,
                          formats=list(settings.format))
    click.get_current_context().meta["reportlint.lang"] = options.lang  # a config's lang: too, for errors
    ruleset = config.load_configured_ruleset(settings, use_cache=use_cache)
    paths = run.expand_inputs(inputs)
    if not paths:
        raise InputError("no report files found in the given folders")
    return ruleset, options, paths


def _check_inputs(inputs, settings, previous, use_cache=False):
    """Load the configured ruleset and check every input: (ruleset, options, results)."""
    from checker import run

    ruleset, options, paths = _load_inputs(inputs, settings, previous, use_cache)
    return ruleset, options, run.check_all(paths, ruleset, options)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@_settings_options
@click.option("--format", "format", multiple=True, type=click.Choice(FORMATS), help="Output format; repeatable.")
@click.option("--output", "-o", "output", multiple=True, metavar="FILE",
              help="Write the last format(s) to FILE (html: a folder DIR/ gets one page per report).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that fails the run (default: error).")
@click.option("--max-warnings", type=click.IntRange(min=0), default=None, help="Fail when there are more warnings.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Message language (default: locale).")
@click.option("--baseline", metavar="FILE", default=None, help="Suppress the findings this baseline accepts.")
@click.option("--color/--no-color", default=None, help="Colour the table (default: when printing to a terminal).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: all cores).")
@click.option("--no-cache", is_flag=True, help="Load the rule pack afresh instead of from the cache.")
def check(inputs, config_file, isolated, previous, color, jobs, no_cache, **cli) -> None:
    """Check reports: files, folders (recursive), globs, or @LIST.txt (one path a line)."""
    import gc

    from checker import config, run

    # Start-up makes objects that live as long as the run (settings, the rule pack, modules): collecting
    # meanwhile finds nothing, and frozen (as batch workers do) they stay out of the check's collections and
    # the one at exit (~28 M of a cold check's ~540 M instructions). An in-process caller keeps them frozen.
    collecting = gc.isenabled()
    gc.disable()
    try:
        settings = config.resolve(cli, config_file=config_file, isolated=isolated)
        default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "table"
        plan = run.plan_outputs(list(settings.format) or [default], list(settings.output))
        ruleset, options, paths = _load_inputs(inputs, settings, previous, use_cache=not no_cache)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    if len(paths) > 1 and not settings.baseline and "html" not in settings.format:  # stream the batch
        from checker import batch

        use_color = sys.stdout.isatty() and not os.environ.get("NO_COLOR") if color is None else color
        sys.exit(batch.run_batch(paths, ruleset, options, plan, jobs=jobs or batch.default_jobs(),
                                 color=bool(use_color), progress=batch.show_progress(plan)))
    results, outcome = run.check_all(paths, ruleset, options), None
    if settings.baseline:  # imported only when configured: it needs YAML and hashlib
        from checker import baseline

        results, outcome = baseline.apply_file(results, settings.baseline)
    for line in outcome.warnings(options.lang) if outcome else ():
        click.echo(f"reportlint: warning: {line}", err=True)
    extra = {"baseline": outcome.to_dict(), "baseline_review": outcome.review()} if outcome else {}
    use_color = sys.stdout.isatty() and not os.environ.get("NO_COLOR") if color is None else color
    for fmt, target in plan:
        if fmt == "html" and target is not None and run.is_folder(target):
            run.write_pages(target, results, ruleset, options.lang)
            continue
        text = run.render(fmt, results, ruleset, options.lang, color=bool(use_color and target is None), **extra)
        if target is None:  # click.echo strips ANSI codes when stdout is not a terminal, unless told
            click.echo(text, nl=not text.endswith("\n"), color=True if use_color else None)
        else:
            from checker.output import write_atomic

            write_atomic(target, text)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file and "github" in [f for f, _ in plan]:
        from checker.formatters.github import step_summary

        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(step_summary(results, ruleset.catalog(), options.lang))
    sys.exit(run.exit_code(results, settings.fail_on, settings.max_warnings))


@main.command("baseline")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output", "-o", "target", default=".reportlint-baseline.yaml", show_default=True, metavar="FILE")
@click.option("--reason", required=True, help="Why these findings are accepted (stored with every new entry).")
@click.option("--expires", metavar="YYYY-MM-DD", default=None, help="Last day the entries suppress their findings.")
@_settings_options
def baseline_command(inputs, target, reason, expires, config_file, isolated, previous, **cli) -> None:
    """Record the current findings of REPORT... as accepted, with a reason."""
    from checker import baseline, config

    settings = config.resolve(cli, config_file=config_file, isolated=isolated)
    _, _, results = _check_inputs(inputs, settings, previous)
    count = baseline.record(results, target, reason, expires)
    click.echo(f"reportlint: wrote {count} baseline entries to {target}", err=True)


@main.command()
@click.argument("path")
@click.option("--bound", is_flag=True, help="Show how parts and tables were found and the keyed cells.")
@click.option("--rules", "rules", metavar="PATH", help="Rule pack whose structure to bind with.")
@click.option("--agency-kind", type=click.Choice(KINDS), default=None)
def extract(path, bound, rules, agency_kind) -> None:
    """Print the report model (or, with --bound, the binding) as JSON."""
    from checker.api import read_report

    report = read_report(path)
    if not bound:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    from checker.api import bind_report
    from checker.describe import describe_bound

    doc = describe_bound(bind_report(report, _ruleset(rules), path, agency_kind))
    click.echo(json.dumps(doc, ensure_ascii=False, indent=2))


@main.command()
@click.argument("rule_id")
@click.option("--rules", "rules", metavar="PATH")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None)
def explain(rule_id, rules, lang) -> None:
    """What a rule checks, why, its legal basis and its examples."""
    from checker import run
    from checker.describe import explain_rule

    ruleset = _ruleset(rules)
    rule = ruleset.rule(rule_id.upper())
    if rule is None:
        raise InputError(f"no rule {rule_id!r}; see 'reportlint rules list'")
    click.echo(explain_rule(rule, lang or run.default_lang()))


@main.group()
def rules() -> None:
    """List, lint and test rule packs."""


@rules.command("list")
@click.option("--rules", "path", metavar="PATH")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None)
def rules_list(path, lang) -> None:
    """Every rule: id, severity, title, editions, agency kinds."""
    from checker import run
    from checker.describe import list_rules

    click.echo(list_rules(_ruleset(path), lang or run.default_lang()))


@rules.command("test")
@click.argument("path", required=False)
@click.option("--all", "inherited", is_flag=True, help="Also run the unchanged rules of the packs this one extends.")
def rules_test(path, inherited) -> None:
    """Run every rule's examples and case files; exit 1 when one fails or a rule lacks a passing or failing case."""
    from checker.describe import test_rules

    ok, text = test_rules(_ruleset(path), inherited=inherited or path is None)
    click.echo(text)
    sys.exit(0 if ok else 1)


@rules.command("lint")
@click.argument("path", required=False)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Message language (default: from the locale).")
def rules_lint(path, lang) -> None:
    """Every problem of a pack (or one rule file) at file:line:column; exit 1 when there is one."""
    from checker import run
    from checker.lint import lint_path, render

    problems = lint_path(path)
    click.echo(render(problems, lang or run.default_lang()))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
