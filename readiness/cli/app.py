"""The root `readiness` group: options every command shares, and errors mapped to exit codes.

Library errors become messages and documented exit codes here and nowhere else; no command
prints a traceback for bad input. Each command lives in its own module, imported only when it
runs (so `score` never pays for Jinja2 or WeasyPrint).
"""

from __future__ import annotations

import difflib
import importlib
import os
import sys
from pathlib import Path
from typing import Any

import click

from readiness import __version__
from readiness.cli.usage import show_usage_error
from readiness.content.catalog import Catalog
from readiness.formats.atomic import write_user_file
from readiness.formats.messages import LANGS, default_lang, msg, parse_lang, t
from readiness.formats.problems import ExitCode, Problem, ReadinessError

# command name -> "module:function"; the module is imported when the command runs
COMMANDS = {
    "validate": "readiness.cli.validate:validate",
    "list": "readiness.cli.checklists:list_",
    "pin": "readiness.cli.checklists:pin",
    "template": "readiness.cli.answers:template",
    "score": "readiness.cli.answers:score",
    "report": "readiness.cli.report:report",
    "migrate": "readiness.cli.migrate:migrate_",
    "show": "readiness.cli.show:show",
    "interview": "readiness.cli.interview:interview",
    "serve": "readiness.cli.serve:serve",
    "example": "readiness.cli.example:example",
    "new-version": "readiness.cli.authoring:new_version_",
    "diff": "readiness.cli.authoring:diff_",
    "release": "readiness.cli.authoring:release_",
    "export-checklist": "readiness.cli.authoring:export_checklist",
    "import-checklist": "readiness.cli.authoring:import_checklist",
    "oscal": "readiness.cli.oscal:oscal",
    "import-oscal-catalog": "readiness.cli.oscal:import_oscal_catalog",
    "batch": "readiness.cli.batch:batch",
    "export": "readiness.cli.sheets:export_",
    "import": "readiness.cli.sheets:import_",
    "poam": "readiness.cli.sheets:poam",
    "compare": "readiness.cli.compare:compare",
}


# `readiness --help`, by what each user does, in the order they do it. The lines are kept here
# so that the listing loads no command module (it took 0.5 s when it imported them all).
SECTIONS = (
    (
        "Answer and score",
        {
            "example": "Copy the example startup's answers to try",
            "template": "Blank answers for checklists (YAML, XLSX or CSV)",
            "interview": "Answer in the terminal, one question at a time",
            "serve": "Answer in a browser, on this computer only",
            "validate": "Check answers or checklists (file:line:col)",
            "score": "Verdicts, SPRS score, POA&M and gaps",
            "report": "The gap report, PDF or HTML (--full: everything)",
            "show": 'Explain an item: question, what "met" means',
            "migrate": "Move answers to newer checklist versions",
        },
    ),
    (
        "Many clients and other tools",
        {
            "batch": "A report per answers file, in parallel",
            "export": "Answers as a questionnaire (XLSX or CSV)",
            "import": "A filled questionnaire back into answers",
            "poam": "The POA&M of the CMMC gaps (XLSX or CSV)",
            "compare": "What changed between two answers files",
            "oscal": "OSCAL JSON for GRC tools and assessors",
        },
    ),
    (
        "Checklist versions",
        {
            "list": "Checklists, versions, status, item counts",
            "new-version": "Start the next draft of a checklist",
            "diff": "What changed between two checklist versions",
            "release": "Check, date and pin a draft version",
            "export-checklist": "A checklist version as an XLSX workbook",
            "import-checklist": "An edited workbook back into a draft",
            "import-oscal-catalog": "An OSCAL catalog as a draft checklist",
            "pin": "Record the sha256 of versions released by hand",
        },
    ),
)


class _Group(click.Group):
    """Loads commands lazily, maps library errors to messages and exit codes, hides tracebacks."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        width = max(len(name) for _, lines in SECTIONS for name in lines)  # one column for all
        for title, lines in SECTIONS:
            with formatter.section(title):
                formatter.write_dl([(name.ljust(width), line) for name, line in lines.items()])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, name = target.partition(":")
        return getattr(importlib.import_module(module), name)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if args and self.get_command(ctx, name) is None and not name.startswith("-"):
            close = difflib.get_close_matches(name, list(COMMANDS), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise click.UsageError(f"No such command '{name}'.{hint}", ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except ReadinessError as exc:
            for problem in exc.problems:
                click.echo(problem.format(), err=True)
            ctx.exit(int(exc.exit_code))
        except BrokenPipeError:  # `readiness list | head`: the reader left; nothing to say
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)
        except UnicodeError:  # a command-line value that is not UTF-8 (bytes from a bad locale)
            click.echo(
                "error: a command-line value is not valid UTF-8 text; retype it, or check the "
                "terminal's encoding",
                err=True,
            )
            ctx.exit(int(ExitCode.INPUT))
        except KeyboardInterrupt:
            _say_interrupted(getattr(ctx.obj, "lang", None) or _argv_lang(sys.argv[1:]))
            ctx.exit(130)
        except Exception as exc:  # a bug: say so plainly, keep the traceback for developers
            if os.environ.get("READINESS_DEBUG"):
                raise
            click.echo(
                f"internal error: {type(exc).__name__}: {str(exc)[:200]}\n"
                "This is a bug in readiness. Run again with READINESS_DEBUG=1 for details "
                "and report it.",
                err=True,
            )
            ctx.exit(int(ExitCode.INTERNAL))


class State:
    """What the root options decided: language and checklist folders (catalog made on demand)."""

    def __init__(self, lang: str, checklist_dirs: tuple[Path, ...], quiet: bool = False):
        self.lang = lang
        self.quiet = quiet
        self.checklist_dirs = list(checklist_dirs)
        self._catalog: Catalog | None = None

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = Catalog(self.checklist_dirs)
        return self._catalog


lang_option = click.option(
    "--lang",
    type=click.Choice(LANGS, case_sensitive=False),
    default=None,
    help="Language of the output (default: the global --lang).",
)


def command_lang(ctx: click.Context, lang: str | None) -> str:
    """A command's own --lang, else the global one."""
    return lang or ctx.obj.lang


def output_file_option(help: str, required: bool = True) -> Any:
    """`-o/--output FILE`: the file a command writes."""
    return click.option(
        "-o",
        "--output",
        "out",
        type=click.Path(dir_okay=False, path_type=Path),
        required=required,
        help=help,
    )


def format_option(*choices: str, help: str | None = None) -> Any:
    """`--format`: the output's format (the first choice is the default)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help,
    )


force_option = click.option(
    "--force", is_flag=True, help="Replace an existing output file (a numbered .bak copy is kept)."
)


def stdout_option(help: str = "File to write (default: standard output, `-`).") -> Any:
    """`-o/--output FILE` for text a command prints; `-` (the default) is standard output."""
    return click.option(
        "-o",
        "--output",
        "out",
        type=click.Path(dir_okay=False, path_type=Path),
        default=Path("-"),
        help=help,
    )


def format_of(
    path: Path,
    fmt: str | None,
    suffixes: dict[str, str],
    what: tuple[str, str],
    lang: str,
    option: str = "-o",
) -> str:
    """The format asked for, or the one the file's extension implies (the first suffix's for
    `-`); an unknown extension or a mismatch is a usage error. `what` names the kind (en, ja)."""
    if str(path) == "-":
        return fmt or next(iter(suffixes.values()))
    implied = suffixes.get(path.suffix.lower())
    if implied is None:
        names = " / ".join(sorted(suffixes))
        raise click.UsageError(
            t(
                lang,
                f"{option} {path}: {what[0]} is {names}",
                f"{option} {path}：{what[1]}の拡張子は {names} です",
            )
        )
    if fmt is not None and fmt != implied:
        raise click.UsageError(
            t(
                lang,
                f"--format {fmt} does not match {option} {path}; name the file .{fmt}",
                f"--format {fmt} と {option} {path} が一致しません。ファイル名を .{fmt} にしてください",
            )
        )
    return implied


def info(message: str) -> None:
    """A progress or status line on stderr, unless --quiet."""
    ctx = click.get_current_context(silent=True)
    if ctx is None or not getattr(ctx.find_root().obj, "quiet", False):
        click.echo(message, err=True)


def progress(message: str) -> None:
    """A line for a person waiting: on a terminal only, and never with --quiet."""
    if sys.stderr.isatty():
        info(message)


def echo_written(lang: str, path: Path, backup: Path | None = None) -> None:
    """Say on stderr what was written, and where the replaced file was kept."""
    if str(path) == "-":
        return
    info(msg("cli.wrote", lang, path=path))
    if backup:
        info(msg("cli.backup", lang, path=backup))


def emit(text: str, out: Path, force: bool, lang: str) -> None:
    """Print `text`, or write it to `out` (one rule everywhere: replace only with --force)."""
    if str(out) == "-":
        click.echo(text, nl=not text.endswith("\n"))
        return
    backup = write_user_file(out, text.encode("utf-8"), force=force, lang=lang)
    echo_written(lang, out, backup)


def echo_problems(problems: list[Problem]) -> None:
    """Warnings (and other problems) on stderr, one `file:line:col: level: message` a line."""
    for problem in problems:
        click.echo(problem.format(), err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="readiness")
@click.option(
    "--lang",
    type=click.Choice(LANGS, case_sensitive=False),
    default=default_lang,
    show_default="READINESS_LANG or the locale",
    help="Language of messages and output: ja or en.",
)
@click.option(
    "--checklists",
    "checklist_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Extra folder of checklists (<id>/<version>.yaml), searched before the bundled ones.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress or status lines on stderr.")
@click.pass_context
def cli(ctx: click.Context, lang: str, checklist_dirs: tuple[Path, ...], quiet: bool) -> None:
    """Compliance readiness for defense and dual-use startups (CMMC, clearances, ATLA, export).

    Exit codes: 0 ok, 1 validation problems, 2 usage, 3 bad input file, 4 cannot write output,
    5 report rendering failed, 70 internal error.
    """
    ctx.obj = State(lang, checklist_dirs, quiet)


def _argv_lang(argv: list[str]) -> str:
    """The language a usage error should speak: --lang from the command line, else the default."""
    for i, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value and parse_lang(value):
            return parse_lang(value) or "en"
    return default_lang()


def _say_interrupted(lang: str, new_line: bool = True) -> None:
    """After Ctrl-C: further presses ignored (they must not cut the exit short), then one line
    in the user's language, below the terminal's "^C"."""
    import signal  # only here: every command would pay for a module-level import

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if new_line and sys.stderr.isatty():
        click.echo(err=True)
    click.echo(t(lang, "interrupted", "中断しました"), err=True)


def main() -> None:
    """The console script: click's own errors in the user's language, documented exit codes."""
    argv = sys.argv[1:]
    try:
        code = cli.main(args=argv, prog_name="readiness", standalone_mode=False)
    except click.exceptions.UsageError as exc:
        show_usage_error(exc, _argv_lang(argv))
        sys.exit(int(ExitCode.USAGE))
    except click.exceptions.Abort:  # click's own Ctrl-C (at a prompt, say); it ended the line
        _say_interrupted(_argv_lang(argv), new_line=False)
        sys.exit(130)
    except click.exceptions.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
