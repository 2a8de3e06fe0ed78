"""`readiness compare`: progress between two assessments of one organisation."""

from __future__ import annotations

import json
from pathlib import Path

import click

from readiness.assess.compare import compare as compare_assessments
from readiness.assess.scoring import assess
from readiness.assess.validate import load_answers
from readiness.cli.app import (
    State,
    cli,
    command_lang,
    emit,
    force_option,
    format_option,
    lang_option,
    stdout_option,
)
from readiness.report.progress import render_text


@cli.command()
@click.argument("old", type=click.Path(path_type=Path, readable=False))
@click.argument("new", type=click.Path(path_type=Path, readable=False))
@format_option("text", "json", help="json: machine-readable, one object per checklist.")
@stdout_option()
@force_option
@lang_option
@click.pass_context
def compare(
    ctx: click.Context,
    old: Path,
    new: Path,
    fmt: str,
    out: Path,
    force: bool,
    lang: str | None,
) -> None:
    """What changed from OLD to NEW (two answers files): items remediated, new gaps, items that
    got worse, score and verdict deltas per checklist.

    Different versions of a checklist are compared on the items both have (renamed items
    followed); the items that could not be compared are listed.
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    before = assess(load_answers(old, state.catalog, lang)[0], state.catalog)
    after = assess(load_answers(new, state.catalog, lang)[0], state.catalog)
    comparison = compare_assessments(before, after)
    if fmt == "json":
        text = json.dumps(comparison.to_json(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_text(comparison, lang)
    emit(text, out, force, lang)
