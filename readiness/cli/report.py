"""`readiness report`: the gap report as PDF or HTML. WeasyPrint is imported only for PDF."""

from __future__ import annotations

from pathlib import Path

import click

from readiness.assess.scoring import assess
from readiness.assess.validate import load_answers
from readiness.cli.app import (
    State,
    cli,
    command_lang,
    echo_problems,
    echo_written,
    lang_option,
    output_file_option,
)
from readiness.formats.atomic import atomic_write_bytes
from readiness.formats.problems import InputError, OutputError, Problem
from readiness.report import branding as branding_mod
from readiness.report.html import build_html


def _refuse_overwriting_answers(out: Path, answers: Path) -> None:
    """A report must never land on a YAML file: it could be someone's answers."""

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


@cli.command()
@click.argument("answers", type=click.Path(path_type=Path, readable=False))
@output_file_option("Report file to write (.pdf or .html).")
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

    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    fmt = fmt or ("html" if out.suffix.lower() in (".html", ".htm") else "pdf")
    _refuse_overwriting_answers(out, answers)
    if templates is not None and not templates.is_dir():
        raise InputError(f"--templates {templates}: no such folder")
    brand = branding_mod.load(
        branding_file, firm=firm, logo=logo, accent=accent, footer=footer, marking=marking
    )
    loaded, warnings = load_answers(answers, state.catalog, lang)
    echo_problems(warnings)
    assessment = assess(loaded, state.catalog)
    options = {"branding": brand, "redact": redact, "templates": templates}
    if fmt == "html":
        html = build_html(assessment, lang, standalone=True, **options)
        atomic_write_bytes(out, html.encode("utf-8"))
    else:
        from readiness.report.pdf import render_pdf  # the only place WeasyPrint is imported

        html = build_html(assessment, lang, **options)
        atomic_write_bytes(out, render_pdf(html, lang))
    echo_written(lang, out)
