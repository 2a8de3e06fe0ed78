"""`readiness oscal` and `readiness import-oscal-catalog`: OSCAL out and in.

Out: per checklist of an answers file, the checklist as an OSCAL catalog, the assessment
results and (where there are gaps) a POA&M, into one folder; or one checklist as a catalog.
In: an OSCAL catalog (JSON or XML) as a draft checklist for guidance staff to translate.
"""

from __future__ import annotations

from pathlib import Path

import click

from readiness import api
from readiness.cli.app import (
    State,
    cli,
    command_lang,
    echo_problems,
    echo_written,
    force_option,
    info,
    lang_option,
)
from readiness.content.catalog import Catalog
from readiness.content.drafts import destination
from readiness.exchange.oscal_import import SOURCE_ID
from readiness.formats import yamlio
from readiness.formats.atomic import atomic_write_bytes, write_user_file
from readiness.formats.messages import t
from readiness.formats.problems import OutputError, Problem
from readiness.formats.schemas import schema


def _write(path: Path, data: bytes, force: bool, lang: str) -> None:
    """Write one document; an existing file with the very same bytes is left as it is."""
    if str(path) == "-":
        atomic_write_bytes("-", data)
        return
    if path.is_file() and path.read_bytes() == data:
        info(t(lang, f"Unchanged {path}", f"{path} は変更なし"))
        return
    echo_written(lang, path, write_user_file(path, data, force=force, lang=lang))


@cli.command("oscal")
@click.argument("answers", required=False, type=click.Path(path_type=Path, readable=False))
@click.option(
    "--catalog",
    "catalog_spec",
    metavar="ID[@VERSION]",
    default=None,
    help="Write this checklist as an OSCAL catalog instead (no answers file).",
)
@click.option(
    "--checklist",
    "only",
    multiple=True,
    metavar="ID",
    help="Only this checklist of the answers file (repeat for more).",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder for the documents (with ANSWERS); the catalog file with --catalog (`-`: stdout).",
)
@force_option
@lang_option
@click.pass_context
def oscal(
    ctx: click.Context,
    answers: Path | None,
    catalog_spec: str | None,
    only: tuple[str, ...],
    out: Path,
    force: bool,
    lang: str | None,
) -> None:
    """Write OSCAL (v1.2.1 JSON) that GRC tools, primes and C3PAOs can load.

    With ANSWERS: per checklist, <id>.catalog.json, <id>.assessment-results.json and, where
    there are gaps, <id>.poam.json, into the folder -o. The same answers give the same bytes.
    With --catalog ID[@VERSION]: that checklist as an OSCAL catalog, to the file -o.
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    if (answers is None) == (catalog_spec is None):
        raise click.UsageError(
            t(
                lang,
                "give either an answers file or --catalog ID[@VERSION]",
                "回答ファイルか --catalog ID[@版] のどちらか一方を指定してください",
            )
        )
    if catalog_spec is not None:
        if only:
            raise click.UsageError(
                t(
                    lang,
                    "--checklist goes with an answers file",
                    "--checklist は回答ファイルと一緒に使います",
                )
            )
        _write(out, api.oscal_catalog(state.catalog.load_spec(catalog_spec)), force, lang)
        return
    if str(out) == "-" or out.is_file():
        raise OutputError(
            [
                Problem(
                    file=str(out),
                    message=t(
                        lang,
                        "give a folder for the documents (several files are written)",
                        "出力先にはフォルダを指定してください（複数のファイルを書き出します）",
                    ),
                    code="not-a-folder",
                )
            ]
        )
    loaded, warnings = api.load_answers(answers, state.catalog, lang)
    echo_problems(warnings)
    for name, data in api.oscal_documents(api.assess(loaded, state.catalog), only, lang):
        path = out / name
        if data is not None:
            _write(path, data, force, lang)
        elif path.is_file():
            info(
                t(
                    lang,
                    f"Note: {path} is from an earlier export; there are no gaps now, so no POA&M was written.",
                    f"注意：{path} は以前の書き出しのものです。現在は未実施項目がないため POA&M は作成していません。",
                )
            )


@cli.command("import-oscal-catalog")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path, readable=False))
@click.option(
    "--id", "checklist_id", required=True, help="Id of the new checklist, e.g. nist-171r3."
)
@click.option("--version", default="1.0.0", show_default=True, help="Version of the draft.")
@click.option(
    "--regime",
    type=click.Choice(schema("checklist").schema["properties"]["regime"]["enum"]),
    default="cyber",
    show_default=True,
    help="Regime the checklist belongs to.",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Checklists folder to write ID/VERSION.yaml into (default: the first --checklists "
    "folder, or a checkout's own).",
)
@force_option
@lang_option
@click.pass_context
def import_oscal_catalog(
    ctx: click.Context,
    file: Path,
    checklist_id: str,
    version: str,
    regime: str,
    out: Path | None,
    force: bool,
    lang: str | None,
) -> None:
    """Turn an OSCAL catalog (JSON or XML, e.g. NIST SP 800-171 r3) into a draft checklist.

    Ids, titles, statements and assessment objectives come across in English; every Japanese
    text is left empty for translators and `validate` lists each as a missing translation.
    Withdrawn controls are skipped. Review weights, effort and verification before release.
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    root = out or destination(state.catalog, lang)
    data, warnings = api.oscal_draft_checklist(file, checklist_id, version, regime, lang=lang)
    target = root / checklist_id / f"{version}.yaml"
    existing = Catalog([root]).find(checklist_id, version)
    if existing is not None and Catalog([root]).lock_for(existing.root).get(existing.ref):
        raise OutputError(
            t(
                lang,
                f"{checklist_id}@{version} is released and never changes; import with --version NEW",
                f"{checklist_id}@{version} はリリース済みで変更できません。--version で新しい版を指定してください",
            )
        )
    text = f"# Imported from {file.name} by readiness import-oscal-catalog: a draft to translate and review.\n"
    text += yamlio.dump(data)
    echo_written(
        lang, target, write_user_file(target, text.encode("utf-8"), force=force, lang=lang)
    )
    echo_problems(warnings)
    _files, problems = api.validate_paths([target], Catalog([root, *state.checklist_dirs]), lang)
    missing = [
        p
        for p in problems
        if p.code in ("schema.pattern", "translation") and p.path.endswith(".ja")
    ]
    echo_problems([p for p in problems if p not in missing])
    items = sum(len(s["items"]) for s in data["sections"])
    info(
        t(
            lang,
            f"{len(data['sections'])} sections, {items} items. {len(missing)} Japanese texts are "
            f"left for translators: `readiness --checklists {root} validate {target}` lists them. "
            f"Then review weights, effort and verification, and cite the source ({SOURCE_ID}) "
            "more precisely where you can.",
            f"{len(data['sections'])} 章、{items} 項目。日本語の {len(missing)} 件は翻訳者が記入します："
            f"`readiness --checklists {root} validate {target}` で一覧できます。その後、重み・工数・"
            f"検証状況を見直し、出典（{SOURCE_ID}）をできるだけ詳しく示してください。",
        )
    )
