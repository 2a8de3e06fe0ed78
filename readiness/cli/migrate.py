"""`readiness migrate`: move an answers file to a newer checklist version, losing no answer."""

from __future__ import annotations

from pathlib import Path

import click

from readiness.assess.migrate import migrate
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
from readiness.formats import yamlio
from readiness.formats.atomic import write_user_file
from readiness.formats.messages import t
from readiness.formats.problems import InputError, Problem


@cli.command("migrate")
@click.argument("answers", type=click.Path(path_type=Path, readable=False))
@click.option(
    "--to", "targets", multiple=True, required=True, help="ID@VERSION to move to (repeatable)."
)
@output_file_option("File to write.", required=False)
@click.option(
    "--in-place", is_flag=True, help="Rewrite ANSWERS itself (a numbered .bak copy is kept)."
)
@click.option("--force", is_flag=True, help="Replace an existing -o file (a .bak copy is kept).")
@lang_option
@click.pass_context
def migrate_(
    ctx: click.Context,
    answers: Path,
    targets: tuple[str, ...],
    out: Path | None,
    in_place: bool,
    force: bool,
    lang: str | None,
) -> None:
    """Move ANSWERS to newer checklist versions, printing what happens to every answer.

    Unchanged items keep their answers; renamed items follow `replaces`; answers whose question,
    criterion or scoring changed are kept and listed under `review`; answers to removed items
    move to `archived`; new items are left unanswered. Comments in the file are not kept.
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    if bool(out) == in_place:
        raise click.UsageError(
            t(
                lang,
                "give either -o FILE or --in-place",
                "-o FILE か --in-place のどちらかを指定してください",
            )
        )
    loaded, warnings = load_answers(answers, state.catalog, lang)
    echo_problems([w for w in warnings if w.code != "newer-release"])
    data = loaded.data
    for spec in targets:
        entry = state.catalog.resolve(spec)
        before = (data.get("checklists") or {}).get(entry.id, {}).get("version")
        data, decisions = migrate(data, state.catalog, entry, lang)
        for decision in decisions:
            click.echo(decision.describe(lang))
        if not decisions and before != entry.version:
            click.echo(
                t(
                    lang,
                    f"{entry.id}: moved {before} → {entry.version}; it had no answers to carry",
                    f"{entry.id}：{before} → {entry.version} に移行しました（引き継ぐ回答はありません）",
                )
            )
        elif not decisions:
            click.echo(
                t(
                    lang,
                    f"{entry.id}: already at {entry.ref}; nothing to do",
                    f"{entry.id}：既に {entry.ref} です。変更はありません",
                )
            )
    if in_place and data == loaded.data:
        click.echo(t(lang, f"{answers} is unchanged", f"{answers} は変更ありません"), err=True)
        return
    text = yamlio.dump(data)
    target = answers if in_place else out
    label = str(target)
    try:  # the result must be a valid answers file before it replaces anything
        yamlio.parse(text, label)
    except InputError as exc:  # pragma: no cover - a bug, never bad input
        raise InputError(
            [Problem(file=label, message=f"migrated file would not parse: {exc}")]
        ) from None
    backup = write_user_file(target, text.encode("utf-8"), force=force or in_place, lang=lang)
    echo_written(lang, target, backup)
    _, after = load_answers(target, state.catalog, lang)
    echo_problems([w for w in after if w.code not in ("newer-release", "profile-incomplete")])
