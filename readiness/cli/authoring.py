"""`readiness new-version`, `diff` and `release`: the checklist maintainer's commands."""

from __future__ import annotations

import datetime as dt
import json

import click

from readiness.cli.app import State, cli, command_lang, lang_option
from readiness.content.diff import diff
from readiness.content.drafts import new_version
from readiness.content.release import release
from readiness.formats.messages import t
from readiness.formats.problems import InputError
from readiness.report.changes import render


@cli.command("new-version")
@click.argument("checklist")
@click.option("--version", "version", default=None, help="Version to create (default: next minor).")
@lang_option
@click.pass_context
def new_version_(ctx: click.Context, checklist: str, version: str | None, lang: str | None) -> None:
    """Start the next draft of CHECKLIST, copied from its latest version (status: draft).

    Written to the first --checklists folder, or to a checkout's own checklists folder; never
    inside an installed package. Edit it, run `readiness validate`, then `readiness release`.
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    source, target = new_version(state.catalog, checklist, version, lang)
    click.echo(
        t(
            lang,
            f"Wrote {target} (a draft copied from {source.ref}). Next: edit it, add a changelog "
            f"entry, run `readiness validate {target}`, then `readiness release "
            f"{checklist}@{target.stem}`.",
            f"{target} を作成しました（{source.ref} から複製した草案）。次に：編集し、変更履歴を追加し、"
            f"`readiness validate {target}` を実行してから `readiness release {checklist}@{target.stem}` を実行してください。",
        ),
        err=True,
    )


@cli.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text")
@lang_option
@click.pass_context
def diff_(ctx: click.Context, old: str, new: str, fmt: str, lang: str | None) -> None:
    """What changed between two versions: OLD and NEW are ID@VERSION (or NEW just VERSION).

    Lists items added, removed, renamed (through `replaces`) and changed, with each changed
    field before and after. `--format markdown` is ready to paste into published change notes.
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    if "@" not in new:
        new = f"{old.partition('@')[0]}@{new}"
    if old.partition("@")[0] != new.partition("@")[0]:
        raise InputError(
            t(
                lang,
                "compare two versions of one checklist",
                "同じチェックリストの版同士を比較してください",
            )
        )
    result = diff(state.catalog.load_spec(old), state.catalog.load_spec(new))
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render(result, lang, markdown=fmt == "markdown"), nl=False)


@cli.command("release")
@click.argument("spec")
@click.option("--date", default=None, help="Release date YYYY-MM-DD (default: today).")
@lang_option
@click.pass_context
def release_(ctx: click.Context, spec: str, date: str | None, lang: str | None) -> None:
    """Release a draft ID@VERSION: check it, set status and date, pin its sha256.

    Refuses, listing every reason, unless the draft validates, has complete translations and
    references, resolves its `replaces` links and has a changelog entry for its version.
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise InputError(f"--date {date!r} is not a date; write YYYY-MM-DD") from None
    entry = state.catalog.resolve(spec)
    digest = release(state.catalog, entry, date or dt.date.today().isoformat(), lang)
    click.echo(
        t(
            lang,
            f"Released {entry.ref} (sha256 {digest}); pinned in releases.lock.",
            f"{entry.ref} をリリースしました（sha256 {digest}）。releases.lock に記録しました。",
        ),
        err=True,
    )
