"""`readiness export`, `import` and `poam`: answers and POA&Ms as spreadsheets (XLSX or CSV)."""

from __future__ import annotations

from pathlib import Path

import click

from readiness import api
from readiness.assess import poam as poam_rows
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
    info,
    lang_option,
    output_file_option,
)
from readiness.formats import yamlio
from readiness.formats.atomic import write_user_file
from readiness.formats.inputs import read_bytes
from readiness.formats.messages import t
from readiness.formats.problems import InputError, Problem

SHEETS = {".xlsx": "xlsx", ".csv": "csv"}


def sheet_format(path: Path, fmt: str | None, lang: str, option: str = "-o") -> str:
    """xlsx or csv: the one asked for, or the file's extension's (xlsx for `-`)."""
    return format_of(path, fmt, SHEETS, ("a spreadsheet", "表計算ファイル"), lang, option)


sheet_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    default=None,
    help="Default: from the file's extension (xlsx for `-`).",
)


@cli.command("export")
@click.argument("answers", type=click.Path(path_type=Path, readable=False))
@output_file_option("Spreadsheet to write (.xlsx or .csv; `-`: standard output).")
@sheet_format_option
@force_option
@lang_option
@click.pass_context
def export_(
    ctx: click.Context, answers: Path, out: Path, fmt: str | None, force: bool, lang: str | None
) -> None:
    """Write ANSWERS as a questionnaire spreadsheet: one row per item, question in --lang.

    XLSX: a status drop-down and note, evidence, owner and due columns; ids and the checklist's
    id@version@sha256 protected. Fill it in, then bring it back with `readiness import`.
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    fmt = sheet_format(out, fmt, lang)
    loaded, warnings = load_answers(answers, state.catalog, lang)
    echo_problems(warnings)
    data = api.export_answers(loaded, state.catalog, lang, fmt)
    backup = write_user_file(out, data, force=force, lang=lang)
    echo_written(lang, out, backup)
    if str(out) != "-":
        info(
            t(
                lang,
                f"Next: fill it in, then `readiness import {out} -o ANSWERS.yaml`.",
                f"次に記入して、`readiness import {out} -o ANSWERS.yaml` で取り込んでください。",
            )
        )


@cli.command("import")
@click.argument("sheet", type=click.Path(path_type=Path, readable=False))
@output_file_option("Answers file to write (`-`: standard output).")
@sheet_format_option
@force_option
@lang_option
@click.pass_context
def import_(
    ctx: click.Context, sheet: Path, out: Path, fmt: str | None, force: bool, lang: str | None
) -> None:
    """Read a filled questionnaire (.xlsx or .csv) back into an answers file.

    Every rejected cell is named by sheet and cell (cmmc-l2!D14; file:line:column in a CSV).
    A sheet made for a checklist version this readiness does not have, or for another text of
    it, is refused (import it where that version exists, then `readiness migrate`).
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    fmt = sheet_format(sheet, fmt, lang, option="SHEET")
    if str(out) != "-" and out.suffix.lower() in SHEETS:
        raise click.UsageError(
            t(
                lang,
                f"-o {out}: the answers file is YAML; name it .yaml",
                f"-o {out}：回答ファイルは YAML です。拡張子を .yaml にしてください",
            )
        )
    label = str(sheet)
    data = api.import_answers(read_bytes(sheet, label, lang), label, state.catalog, lang, fmt)
    text = f"# Imported from {sheet.name} by `readiness import`\n" + yamlio.dump(data)
    backup = write_user_file(out, text.encode("utf-8"), force=force, lang=lang)
    echo_written(lang, out, backup)
    if str(out) != "-":
        _, after = load_answers(out, state.catalog, lang)
        echo_problems(after)


@cli.command("poam")
@click.argument("answers", type=click.Path(path_type=Path, readable=False))
@output_file_option("POA&M to write (.xlsx or .csv; `-`: standard output).")
@sheet_format_option
@force_option
@lang_option
@click.pass_context
def poam(
    ctx: click.Context, answers: Path, out: Path, fmt: str | None, force: bool, lang: str | None
) -> None:
    """Write the POA&M of ANSWERS: every CMMC gap with its points, whether it may go on a
    POA&M and why, owner, milestones, planned and close-out dates.

    Gaps that may not go on a POA&M are listed too, marked NO, never silently.
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    fmt = sheet_format(out, fmt, lang)
    loaded, warnings = load_answers(answers, state.catalog, lang)
    echo_problems(warnings)
    assessment = assess(loaded, state.catalog)
    cmmc = [r for r in assessment.results if poam_rows.is_cmmc(r) and r.applicable]
    if not cmmc:
        raise InputError(
            [
                Problem(
                    file=str(answers),
                    message=t(
                        lang,
                        "answers no CMMC checklist in scope: a POA&M is CMMC's (32 CFR 170.21); "
                        "other regimes' gaps are in the report's roadmap",
                        "対象となる CMMC のチェックリストがありません。POA&M は CMMC の制度です"
                        "（32 CFR 170.21）。他の制度の未対応事項は報告書のロードマップにあります",
                    ),
                    code="no-cmmc",
                )
            ]
        )
    data = api.poam(assessment, lang, fmt)
    backup = write_user_file(out, data, force=force, lang=lang)
    echo_written(lang, out, backup)
    rows = poam_rows.rows(assessment, lang)
    allowed = sum(1 for r in rows if r.poam_eligible)
    info(
        t(
            lang,
            f"{len(rows)} gap(s): {allowed} may go on a POA&M, {len(rows) - allowed} may not "
            "(marked NO: they must be met before the assessment)",
            f"未対応 {len(rows)}件：POA&M可 {allowed}件、不可 {len(rows) - allowed}件"
            "（「不可」は評価前に実施が必要）",
        )
    )
