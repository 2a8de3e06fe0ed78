"""The checklist maintainer's commands: new-version, diff, release, and spreadsheets in and out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from readiness.assess.validate import validate_paths
from readiness.cli.app import (
    State,
    cli,
    command_lang,
    echo_problems,
    echo_written,
    emit,
    force_option,
    format_option,
    lang_option,
    output_file_option,
    stdout_option,
)
from readiness.content.catalog import Catalog, Entry
from readiness.content.diff import diff
from readiness.content.drafts import destination, new_version, next_version
from readiness.content.release import release
from readiness.formats import yamlio
from readiness.formats.atomic import atomic_write_text, write_user_file
from readiness.formats.inputs import read_bytes
from readiness.formats.messages import t
from readiness.formats.problems import InputError, OutputError
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
@format_option("text", "markdown", "json")
@stdout_option()
@force_option
@lang_option
@click.pass_context
def diff_(
    ctx: click.Context, old: str, new: str, fmt: str, out: Path, force: bool, lang: str | None
) -> None:
    """What changed between two versions: OLD and NEW are ID@VERSION (or NEW just VERSION),
    or checklist files (a draft being edited: `checklists/ID/VERSION.yaml`).

    Lists items added, removed, renamed (through `replaces`) and changed, with each changed
    field before and after. `--format markdown` is ready to paste into published change notes.
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    catalog = state.catalog

    def entry(spec: str, checklist_id: str = "") -> Entry:
        """A file (a draft being edited, or a copy kept elsewhere), ID@VERSION or VERSION."""
        if spec.endswith((".yaml", ".yml")):
            return Catalog.entry_for_file(Path(spec), lang)
        return catalog.resolve(
            spec if "@" in spec or not checklist_id else f"{checklist_id}@{spec}"
        )

    before = entry(old)
    after = entry(new, before.id)
    if before.id != after.id:
        versions = ", ".join(e.version for e in catalog.versions(before.id)) or before.version
        raise InputError(
            t(
                lang,
                f"{before.ref} and {after.ref} are different checklists; compare two versions "
                f"of one ({before.id} has {versions})",
                f"{before.ref} と {after.ref} は別のチェックリストです。同じチェックリストの版同士を"
                f"比較してください（{before.id} の版：{versions}）",
            )
        )
    result = diff(catalog.load(before), catalog.load(after))
    if fmt == "json":
        emit(json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n", out, force, lang)
    else:
        emit(render(result, lang, markdown=fmt == "markdown"), out, force, lang)


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


@cli.command("export-checklist")
@click.argument("spec")
@output_file_option("Workbook to write (.xlsx).")
@click.option("--force", is_flag=True, help="Replace an existing file (a .bak copy is kept).")
@lang_option
@click.pass_context
def export_checklist(
    ctx: click.Context, spec: str, out: Path, force: bool, lang: str | None
) -> None:
    """Write checklist ID[@VERSION] as an XLSX workbook: one row per item, ja and en side by side.

    Edit it in Excel or LibreOffice, then bring it back as a draft with `import-checklist`.
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    if out.suffix.lower() != ".xlsx":
        raise click.UsageError(
            t(lang, "the workbook must be a .xlsx file", "出力は .xlsx にしてください")
        )
    checklist = state.catalog.load_spec(spec)
    from readiness.exchange import checklist_sheet  # openpyxl: only for spreadsheets

    backup = write_user_file(out, checklist_sheet.write(checklist), force=force, lang=lang)
    echo_written(lang, out, backup)


@cli.command("import-checklist")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--version",
    "version",
    default=None,
    help="Draft version to write (default: the sheet's, or the next minor if that one is released).",
)
@lang_option
@click.pass_context
def import_checklist(
    ctx: click.Context, workbook: Path, version: str | None, lang: str | None
) -> None:
    """Turn an edited checklist workbook back into a draft YAML version.

    Every rejected cell is named by sheet and cell (Items!K14). The draft goes to the first
    --checklists folder (or a checkout's own); a released version is never overwritten.
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    label = str(workbook)
    from readiness.exchange import checklist_sheet  # openpyxl: only for spreadsheets

    data = checklist_sheet.read(read_bytes(workbook, label), label, lang)
    problems = checklist_sheet.schema_problems(data, label, lang)
    if problems:
        raise InputError(problems)
    cid = data["id"]
    latest = state.catalog.versions(cid)
    sheet_version = data["version"]
    if version is None:
        existing = state.catalog.find(cid, sheet_version)
        released = existing is not None and state.catalog.lock_for(existing.root).get(existing.ref)
        version = next_version(latest[-1].version) if released and latest else sheet_version
    data["version"] = version
    data["status"] = "draft"
    data.pop("released", None)
    target = destination(state.catalog, lang) / cid / f"{version}.yaml"
    existing = state.catalog.find(cid, version)
    if existing is not None and state.catalog.lock_for(existing.root).get(existing.ref):
        raise OutputError(
            t(
                lang,
                f"{cid}@{version} is released and never changes; import with --version NEW",
                f"{cid}@{version} はリリース済みで変更できません。--version で新しい版を指定してください",
            )
        )
    text = f"# Imported from {workbook.name}\n" + yamlio.dump(data)
    atomic_write_text(target, text)
    echo_written(lang, target)
    _files, after = validate_paths([target], Catalog(state.checklist_dirs), lang)
    echo_problems(after)
    click.echo(
        t(
            lang,
            f"Next: `readiness diff {cid}@{latest[-1].version if latest else version} {cid}@{version}`, then `readiness release {cid}@{version}`.",
            f"次に：`readiness diff {cid}@{latest[-1].version if latest else version} {cid}@{version}`、続いて `readiness release {cid}@{version}`。",
        ),
        err=True,
    )
