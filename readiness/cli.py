"""The `readiness` command: a thin click layer over the library.

Library errors become messages and documented exit codes here and nowhere else; no command
prints a traceback for bad input. WeasyPrint is imported only by `report --format pdf`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from readiness import __version__
from readiness.messages import LANGS, default_lang, msg
from readiness.problems import ExitCode, Problem, ReadinessError


class _Group(click.Group):
    """Maps library errors to messages and exit codes, and hides tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except ReadinessError as exc:
            for problem in exc.problems:
                click.echo(problem.format(), err=True)
            ctx.exit(int(exc.exit_code))
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:  # a bug: say so plainly, keep the traceback for developers
            if os.environ.get("READINESS_DEBUG"):
                raise
            click.echo(
                f"internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in readiness. Run again with READINESS_DEBUG=1 for details "
                "and report it.",
                err=True,
            )
            ctx.exit(int(ExitCode.INTERNAL))


class State:
    def __init__(self, lang: str, checklist_dirs: tuple[Path, ...]):
        self.lang = lang
        self.checklist_dirs = list(checklist_dirs)
        self._catalog = None

    @property
    def catalog(self):
        if self._catalog is None:
            from readiness.catalog import Catalog

            self._catalog = Catalog(self.checklist_dirs)
        return self._catalog


lang_option = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Language of the output (default: the global --lang).",
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="readiness")
@click.option(
    "--lang",
    type=click.Choice(LANGS),
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
@click.pass_context
def cli(ctx: click.Context, lang: str, checklist_dirs: tuple[Path, ...]) -> None:
    """Compliance readiness for defense and dual-use startups (CMMC, clearances, ATLA, export).

    Exit codes: 0 ok, 1 validation problems, 2 usage, 3 bad input file, 4 cannot write output,
    5 report rendering failed, 70 internal error.
    """
    ctx.obj = State(lang, checklist_dirs)


def _lang(ctx: click.Context, lang: str | None) -> str:
    return lang or ctx.obj.lang


# -- validate -----------------------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
@click.option("-o", "--output", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], fmt: str) -> None:
    """Check checklists and answers files (kind detected); without PATH, the bundled checklists.

    Reports every problem as file:line:col: message, sorted. Exit 0 when all are valid, 1 when
    any error was found (warnings alone do not fail).
    """
    from readiness.resources import resource
    from readiness.validate import validate_paths

    state: State = ctx.obj
    targets = list(paths) or [resource("checklists")]
    files, problems = validate_paths(targets, state.catalog, state.lang)
    errors = [p for p in problems if p.level == "error"]
    warnings = [p for p in problems if p.level == "warning"]
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "valid": not errors,
                    "files": [str(f) for f in files],
                    "problems": [p.as_dict() for p in problems],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for problem in problems:
            click.echo(problem.format())
        if problems:
            click.echo(
                msg(
                    "cli.invalid",
                    state.lang,
                    errors=len(errors),
                    warnings=len(warnings),
                    files=len(files),
                ),
                err=True,
            )
        else:
            click.echo(msg("cli.valid", state.lang, n=len(files)), err=True)
    ctx.exit(int(ExitCode.INVALID if errors else ExitCode.OK))


# -- list ---------------------------------------------------------------------------------------


@cli.command("list")
@click.option("-o", "--output", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_context
def list_(ctx: click.Context, fmt: str) -> None:
    """List the checklists: every version, its status, item count and content hash."""
    from readiness.model import tr

    state: State = ctx.obj
    rows = []
    for entry in state.catalog.entries:
        checklist = state.catalog.load(entry)
        rows.append(
            {
                "id": checklist.id,
                "version": checklist.version,
                "status": checklist.status,
                "items": len(checklist),
                "title": tr(checklist.title, state.lang),
                "sha256": checklist.sha256,
                "path": str(entry.path),
            }
        )
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    lang = state.lang
    head = [msg(k, lang) for k in ("cli.checklist", "cli.version", "cli.status", "cli.items")]
    widths = [max(len(head[0]), *(len(r["id"]) for r in rows)) if rows else len(head[0]), 8, 9, 6]
    click.echo(
        f"{head[0]:<{widths[0]}}  {head[1]:<8}  {head[2]:<9}  {head[3]:>6}  sha256        {msg('cli.title', lang)}"
    )
    for r in rows:
        click.echo(
            f"{r['id']:<{widths[0]}}  {r['version']:<8}  {r['status']:<9}  {r['items']:>6}  "
            f"{r['sha256'][:12]}  {r['title']}"
        )


# -- pin ----------------------------------------------------------------------------------------


@cli.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def pin(ctx: click.Context, folder: Path | None) -> None:
    """Pin newly released checklist versions: record their sha256 in releases.lock.

    Run after setting `status: released` and `released:` in a new version. FOLDER defaults to
    the first --checklists folder, else the bundled one. Existing pins are never changed.
    """
    from readiness.catalog import Catalog, pin_released
    from readiness.resources import resource

    state: State = ctx.obj
    root = folder or (state.checklist_dirs[0] if state.checklist_dirs else resource("checklists"))
    added = pin_released(Catalog([root], use_cache=False), root)
    for ref in added:
        click.echo(f"pinned {ref}")
    if not added:
        click.echo("nothing to pin", err=True)


# -- template -----------------------------------------------------------------------------------


@cli.command()
@click.argument("checklists", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Answers file to write.",
)
@lang_option
@click.option("--date", default=None, help="Assessment date YYYY-MM-DD (default: today).")
@click.option("--organisation", default="", help="Organisation name to fill in.")
@click.option("--force", is_flag=True, help="Replace an existing file (a .bak copy is kept).")
@click.pass_context
def template(
    ctx: click.Context,
    checklists: tuple[str, ...],
    out: Path,
    lang: str | None,
    date: str | None,
    organisation: str,
    force: bool,
) -> None:
    """Write an answers skeleton for CHECKLIST[@VERSION]... with each question as a comment.

    Never replaces an existing file unless --force is given, and then keeps a backup.
    """
    from readiness.fsio import write_user_file
    from readiness.problems import InputError
    from readiness.template import render_template

    state: State = ctx.obj
    lang = _lang(ctx, lang)
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise InputError(f"--date {date!r} is not a date; write YYYY-MM-DD") from None
    loaded = [state.catalog.load_spec(spec) for spec in checklists]
    text = render_template(
        loaded, state.catalog, lang, date or dt.date.today().isoformat(), organisation
    )
    backup = write_user_file(out, text.encode("utf-8"), force=force)
    click.echo(msg("cli.wrote", lang, path=out), err=True)
    if backup:
        click.echo(msg("cli.backup", lang, path=backup), err=True)
    click.echo(msg("cli.template_next", lang, path=out), err=True)


# -- score --------------------------------------------------------------------------------------


@cli.command()
@click.argument("answers", type=click.Path(path_type=Path, readable=False))
@click.option("-o", "--output", "fmt", type=click.Choice(["text", "json"]), default="text")
@lang_option
@click.pass_context
def score(ctx: click.Context, answers: Path, fmt: str, lang: str | None) -> None:
    """Score an answers file: verdict, percentages, SPRS score, POA&M and gaps per checklist."""
    from readiness.scoring import assess
    from readiness.validate import load_answers

    state: State = ctx.obj
    lang = _lang(ctx, lang)
    loaded, warnings = load_answers(answers, state.catalog, lang)
    _echo_warnings(warnings)
    assessment = assess(loaded, state.catalog)
    if fmt == "json":
        click.echo(json.dumps(assessment.to_json(), ensure_ascii=False, indent=2))
    else:
        from readiness.textreport import render_text

        click.echo(render_text(assessment, lang))


def _refuse_overwriting_answers(out: Path, answers: Path) -> None:
    """A report must never land on a YAML file: it could be someone's answers."""
    from readiness.problems import OutputError

    same = out.exists() and answers.exists() and out.resolve() == answers.resolve()
    if same or out.suffix.lower() in (".yaml", ".yml"):
        raise OutputError(
            [
                Problem(
                    file=str(out),
                    message="refusing to write a report over a YAML file (it may hold answers); "
                    "choose a .pdf or .html name",
                    code="overwrite",
                )
            ]
        )


def _echo_warnings(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(problem.format(), err=True)


# -- report -------------------------------------------------------------------------------------


@cli.command()
@click.argument("answers", type=click.Path(path_type=Path, readable=False))
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Report file to write (.pdf or .html).",
)
@lang_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "html"]),
    default=None,
    help="Default: from the output file's extension, else pdf.",
)
@click.option(
    "--branding",
    "branding_file",
    type=click.Path(path_type=Path),
    help="Branding YAML (firm, logo, accent, footer, marking).",
)
@click.option("--firm", default=None, help="Advisor firm name (overrides the branding file).")
@click.option("--logo", default=None, help="Local PNG or JPEG logo (overrides the branding file).")
@click.option("--accent", default=None, help="Accent colour, #RRGGBB.")
@click.option("--footer", default=None, help="Footer line on every page.")
@click.option("--marking", default=None, help="Confidentiality marking on every page.")
@click.option(
    "--templates",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of templates that override the bundled ones (extend them as default/NAME).",
)
@click.option(
    "--redact", is_flag=True, help="Shareable version: notes, evidence and names removed."
)
@click.pass_context
def report(
    ctx: click.Context,
    answers: Path,
    out: Path,
    lang: str | None,
    fmt: str | None,
    branding_file: Path | None,
    firm: str | None,
    logo: str | None,
    accent: str | None,
    footer: str | None,
    marking: str | None,
    templates: Path | None,
    redact: bool,
) -> None:
    """Write the gap report for an answers file as PDF (or HTML).

    The same inputs give the same bytes: every date in the report comes from the answers file.
    """
    from readiness import branding as branding_mod
    from readiness.fsio import atomic_write_bytes
    from readiness.problems import InputError
    from readiness.report import build_html
    from readiness.scoring import assess
    from readiness.validate import load_answers

    state: State = ctx.obj
    lang = _lang(ctx, lang)
    fmt = fmt or ("html" if out.suffix.lower() in (".html", ".htm") else "pdf")
    _refuse_overwriting_answers(out, answers)
    if templates is not None and not templates.is_dir():
        raise InputError(f"--templates {templates}: no such folder")
    brand = branding_mod.load(
        branding_file, firm=firm, logo=logo, accent=accent, footer=footer, marking=marking
    )
    loaded, warnings = load_answers(answers, state.catalog, lang)
    _echo_warnings(warnings)
    assessment = assess(loaded, state.catalog)
    options = {"branding": brand, "redact": redact, "templates": templates}
    if fmt == "html":
        html = build_html(assessment, lang, standalone=True, **options)
        atomic_write_bytes(out, html.encode("utf-8"))
    else:
        from readiness.pdf import render_pdf  # the only place WeasyPrint is imported

        html = build_html(assessment, lang, **options)
        atomic_write_bytes(out, render_pdf(html, lang))
    click.echo(msg("cli.wrote", lang, path=out), err=True)


def main() -> None:
    cli(prog_name="readiness")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
