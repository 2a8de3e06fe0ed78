"""`readiness validate`: check checklists, answers and profile files, every problem at once."""

from __future__ import annotations

import json
from pathlib import Path

import click

from readiness import __version__
from readiness.assess.validate import validate_paths
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
from readiness.formats.messages import msg
from readiness.formats.problems import ExitCode, Problem
from readiness.formats.resources import resource


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
@format_option(
    "text",
    "json",
    "sarif",
    help="text: file:line:col: level: message; json; sarif (code scanning).",
)
@stdout_option()
@force_option
@lang_option
@click.pass_context
def validate(
    ctx: click.Context, paths: tuple[Path, ...], fmt: str, out: Path, force: bool, lang: str | None
) -> None:
    """Check checklist, answers and profile files (kind detected); `-` reads standard input.

    Without PATH, the bundled checklists. Reports every problem as file:line:col: message,
    sorted. Exit 0 when all are valid, 1 when any error was found (warnings do not fail).
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    targets = list(paths) or [resource("checklists")]
    files, problems = validate_paths(targets, state.catalog, lang)
    errors = [p for p in problems if p.level == "error"]
    warnings = [p for p in problems if p.level == "warning"]
    if fmt == "sarif":
        emit(json.dumps(sarif(problems), ensure_ascii=False, indent=2) + "\n", out, force, lang)
    elif fmt == "json":
        document = {
            "valid": not errors,
            "files": [str(f) for f in files],
            "problems": [p.as_dict() for p in problems],
        }
        emit(json.dumps(document, ensure_ascii=False, indent=2) + "\n", out, force, lang)
    else:
        emit("".join(p.format() + "\n" for p in problems), out, force, lang)
        if problems:
            counts = {"errors": len(errors), "warnings": len(warnings), "files": len(files)}
            info(msg("cli.invalid", lang, **counts))
        else:
            info(msg("cli.valid", lang, n=len(files)))
    ctx.exit(int(ExitCode.INVALID if errors else ExitCode.OK))


def sarif(problems: list[Problem]) -> dict:
    """SARIF 2.1.0, the format code-scanning in CI systems annotates pull requests from."""
    results = []
    for p in problems:
        location = {"artifactLocation": {"uri": p.file}}
        if p.line:
            location["region"] = {"startLine": p.line, "startColumn": p.column or 1}
        results.append(
            {
                "ruleId": p.code or "problem",
                "level": "error" if p.level == "error" else "warning",
                "message": {"text": f"{p.path}: {p.message}" if p.path else p.message},
                "locations": [{"physicalLocation": location}],
            }
        )
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "readiness", "version": __version__}},
                "results": results,
            }
        ],
    }
