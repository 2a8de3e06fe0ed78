"""`readiness template` and `readiness score`: start an answers file, and score one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from readiness.assess.scoring import assess
from readiness.assess.template import render_template
from readiness.assess.validate import load_answers
from readiness.cli.app import (
    State,
    cli,
    command_lang,
    echo_problems,
    echo_written,
    emit,
    force_option,
    format_option,
    info,
    lang_option,
    output_file_option,
    stdout_option,
)
from readiness.formats.atomic import write_user_file
from readiness.formats.messages import msg
from readiness.formats.problems import InputError
from readiness.report.text import render_text


@cli.command()
@click.argument("checklists", nargs=-1, required=True)
@output_file_option(
    "Answers file to write (`-`: standard output); .xlsx or .csv writes a questionnaire "
    "spreadsheet to fill in and bring back with `readiness import`."
)
@lang_option
@click.option("--date", default=None, help="Assessment date YYYY-MM-DD (default: today).")
@click.option("--organisation", default="", help="Organisation name to fill in.")
@force_option
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
    """Write an answers skeleton for CHECKLIST[@VERSION]... with each question as a comment
    (or, for -o FILE.xlsx or .csv, a blank questionnaire spreadsheet).

    Never replaces an existing file unless --force is given, and then keeps a backup.
    """

    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    if date is not None:
        try:
            year = dt.date.fromisoformat(date).year
        except ValueError:
            raise InputError(f"--date {date!r} is not a date; write YYYY-MM-DD") from None
        if not 1990 <= year <= 2199:  # the same rule `validate` applies to the answers file
            raise InputError(f"--date {date!r} is not a plausible assessment date; check the year")
    if out.suffix.lower() in (".xlsx", ".csv"):
        from readiness import api  # openpyxl: only for a spreadsheet

        fmt = out.suffix.lower()[1:]
        day = date or dt.date.today().isoformat()
        data = api.answers_template(checklists, state.catalog, day, organisation, lang, fmt)
        backup = write_user_file(out, data, force=force, lang=lang)
        echo_written(lang, out, backup)
        info(msg("cli.template_sheet_next", lang, path=out))
        return
    loaded = [state.catalog.load_spec(spec) for spec in checklists]
    text = render_template(
        loaded, state.catalog, lang, date or dt.date.today().isoformat(), organisation
    )
    emit(text, out, force, lang)
    if str(out) != "-":
        info(msg("cli.template_next", lang, path=out))


# -- score --------------------------------------------------------------------------------------


@cli.command()
@click.argument("answers", type=click.Path(path_type=Path, readable=False))
@format_option(
    "text", "json", help="json: machine-readable, described by schemas/score.schema.json."
)
@stdout_option()
@force_option
@lang_option
@click.pass_context
def score(
    ctx: click.Context, answers: Path, fmt: str, out: Path, force: bool, lang: str | None
) -> None:
    """Score an answers file (`-`: standard input): verdicts, SPRS score, POA&M, gaps."""

    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    loaded, warnings = load_answers(answers, state.catalog, lang)
    echo_problems(warnings)
    assessment = assess(loaded, state.catalog)
    if fmt == "json":
        emit(
            json.dumps(assessment.to_json(), ensure_ascii=False, indent=2) + "\n", out, force, lang
        )
    else:
        emit(render_text(assessment, lang), out, force, lang)
