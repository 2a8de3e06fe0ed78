"""`readiness report`: the gap report as PDF or HTML. WeasyPrint is imported only for PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from readiness import api
from readiness.assess.compare import compare
from readiness.assess.scoring import assess
from readiness.assess.validate import load_answers
from readiness.cli.app import (
    State,
    cli,
    command_lang,
    echo_problems,
    echo_written,
    force_option,
    format_of,
    lang_option,
    output_file_option,
    progress,
)
from readiness.formats import branding as branding_mod
from readiness.formats.atomic import refuse_existing, write_user_file
from readiness.formats.messages import msg, t
from readiness.formats.problems import InputError, OutputError, Problem
from readiness.report.html import build_html


def _refuse_overwriting_answers(out: Path, answers: Path, lang: str) -> None:
    """A report must never land on a YAML file: it could be someone's answers."""

    same = out.exists() and answers.exists() and out.resolve() == answers.resolve()
    if same or out.suffix.lower() in (".yaml", ".yml"):
        message = t(
            lang,
            "refusing to write a report over a YAML file (it may hold answers); "
            "choose a .pdf or .html name",
            "YAML ファイル（回答かもしれません）には報告書を書きません。"
            ".pdf か .html の名前にしてください",
        )
        raise OutputError([Problem(file=str(out), message=message, code="overwrite")])


# Options `report` and `batch` share: they mean the same for one report or a cohort's.
full_option = click.option(
    "--full",
    is_flag=True,
    help="Every gap, every answer (notes, evidence, owners), glossary and sources; "
    "default: the short board report.",
)
templates_option = click.option(
    "--templates",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of templates that override the bundled ones (extend them as default/NAME).",
)


def pdf_variant_option(detail: str) -> Any:
    return click.option(
        "--pdf-variant",
        "variant",
        type=click.Choice(["pdf/a-3b", "pdf/ua-1"]),
        default=None,
        help=f"Archival PDF/A-3b or accessible PDF/UA-1, {detail}.",
    )


def check_templates(templates: Path | None, lang: str) -> None:
    if templates is not None and not templates.is_dir():
        raise InputError(
            t(
                lang,
                f"--templates {templates}: no such folder",
                f"--templates {templates}：フォルダがありません",
            )
        )


@cli.command()
@click.argument("answers", type=click.Path(path_type=Path, readable=False))
@output_file_option("Report file to write (.pdf or .html; `-`: standard output).")
@lang_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "html"]),
    default=None,
    help="Default: from the output file's extension (pdf for `-`).",
)
@pdf_variant_option("tagged with the document language")
@force_option
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
@templates_option
@click.option(
    "--redact", is_flag=True, help="Shareable version: notes, evidence and names removed."
)
@full_option
@click.option(
    "--previous",
    type=click.Path(path_type=Path, readable=False),
    default=None,
    help='An earlier answers file of the same organisation: adds a "progress since" section.',
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
    force: bool,
    full: bool,
    variant: str | None,
    previous: Path | None,
) -> None:
    """Write the gap report for an answers file as PDF (or HTML).

    The same inputs give the same bytes: every date in the report comes from the answers file.
    """

    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    _refuse_overwriting_answers(out, answers, lang)
    fmt = report_format(out, fmt, lang)
    refuse_existing(out, force, lang)  # before the work of rendering, not after
    check_templates(templates, lang)
    brand = branding_mod.load(
        branding_file, firm=firm, logo=logo, accent=accent, footer=footer, marking=marking
    )
    loaded, warnings = load_answers(answers, state.catalog, lang)
    echo_problems(warnings)
    assessment = assess(loaded, state.catalog)
    progress_since = None
    if previous is not None:
        before = assess(load_answers(previous, state.catalog, lang)[0], state.catalog)
        progress_since = compare(before, assessment)
    options = {
        "branding": brand,
        "redact": redact,
        "templates": templates,
        "previous": progress_since,
        "full": full,
    }
    if fmt == "html":
        data = build_html(assessment, lang, standalone=True, **options).encode("utf-8")
    else:
        progress(msg("cli.rendering", lang))
        data = api.render_pdf(build_html(assessment, lang, **options), lang, variant)
    backup = write_user_file(out, data, force=True, lang=lang)
    echo_written(lang, out, backup)


SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html"}


def report_format(out: Path, fmt: str | None, lang: str) -> str:
    """pdf or html: the one asked for, or the output's extension's (pdf for `-`)."""
    return format_of(out, fmt, SUFFIXES, ("a report", "報告書"), lang)
