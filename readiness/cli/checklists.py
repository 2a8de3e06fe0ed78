"""`readiness list` and `readiness pin`: the checklist versions there are, and releasing them."""

from __future__ import annotations

import json
from pathlib import Path

import click

from readiness.cli.app import (
    State,
    cli,
    command_lang,
    emit,
    force_option,
    format_option,
    info,
    lang_option,
    stdout_option,
)
from readiness.content.catalog import Catalog
from readiness.content.model import tr
from readiness.content.release import pin_released
from readiness.formats.messages import msg, t
from readiness.formats.resources import resource


@cli.command("list")
@format_option("text", "json")
@stdout_option()
@force_option
@lang_option
@click.pass_context
def list_(ctx: click.Context, fmt: str, out: Path, force: bool, lang: str | None) -> None:
    """List the checklists: every version, its status, item count and content hash."""
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    rows = []
    for entry in state.catalog.entries:
        checklist = state.catalog.load(entry)
        rows.append(
            {
                "id": checklist.id,
                "version": checklist.version,
                "status": checklist.status,
                "items": len(checklist),
                "title": tr(checklist.title, lang),
                "sha256": checklist.sha256,
                "path": str(entry.path),
            }
        )
    if fmt == "json":
        emit(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", out, force, lang)
        return
    head = [msg(k, lang) for k in ("cli.checklist", "cli.version", "cli.status", "cli.items")]
    widths = [max(len(head[0]), *(len(r["id"]) for r in rows)) if rows else len(head[0]), 8, 9, 6]
    lines = [
        f"{head[0]:<{widths[0]}}  {head[1]:<8}  {head[2]:<9}  {head[3]:>6}  sha256        "
        f"{msg('cli.title', lang)}"
    ]
    lines += [
        f"{r['id']:<{widths[0]}}  {r['version']:<8}  {r['status']:<9}  {r['items']:>6}  "
        f"{r['sha256'][:12]}  {r['title']}"
        for r in rows
    ]
    emit("\n".join(lines) + "\n", out, force, lang)


# -- pin ----------------------------------------------------------------------------------------


@cli.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@lang_option
@click.pass_context
def pin(ctx: click.Context, folder: Path | None, lang: str | None) -> None:
    """Pin released versions set by hand: record their sha256 in releases.lock.

    `readiness release` does this for you; `pin` is for versions marked released by hand.
    FOLDER defaults to the first --checklists folder, else the bundled one. Existing pins are
    never changed.
    """
    state: State = ctx.obj
    root = folder or (state.checklist_dirs[0] if state.checklist_dirs else resource("checklists"))
    added = pin_released(Catalog([root], use_cache=False), root)
    for ref in added:
        click.echo(f"pinned {ref}")
    if not added:
        info(t(command_lang(ctx, lang), "nothing to pin", "記録するものはありません"))
