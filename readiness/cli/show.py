"""`readiness show`: one item's question, what "met" means, guidance, sources and equivalents."""

from __future__ import annotations

from pathlib import Path

import click

from readiness.cli.app import (
    State,
    cli,
    command_lang,
    emit,
    force_option,
    lang_option,
    stdout_option,
)
from readiness.formats.messages import suggest, t
from readiness.formats.problems import InputError
from readiness.report.item import render_item


@cli.command()
@click.argument("item_id")
@click.option(
    "--checklist",
    "spec",
    default=None,
    help="ID[@VERSION] to look in (default: all, latest versions).",
)
@stdout_option()
@force_option
@lang_option
@click.pass_context
def show(
    ctx: click.Context, item_id: str, spec: str | None, out: Path, force: bool, lang: str | None
) -> None:
    """Explain ITEM_ID: its question, what "met" means, remediation, sources and equivalents."""
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    catalog = state.catalog
    if spec:
        checklists = [catalog.load_spec(spec)]
    else:
        checklists = [catalog.load(catalog.find(cid)) for cid in catalog.ids()]
    for checklist in checklists:
        item = checklist.item(item_id)
        if item is not None:
            emit(render_item(catalog, checklist, item, lang), out, force, lang)
            return
    known = [i.id for c in checklists for i in c.items()]
    raise InputError(
        t(
            lang,
            f"no item {item_id!r}{suggest(item_id, known, lang)}",
            f"項目 {item_id!r} はありません{suggest(item_id, known, lang)}",
        )
    )
