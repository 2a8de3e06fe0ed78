"""`readiness validate`: check checklists, answers and profile files, every problem at once."""

from __future__ import annotations

import json
from pathlib import Path

import click

from readiness.assess.validate import validate_paths
from readiness.cli.app import State, cli
from readiness.formats.messages import msg
from readiness.formats.problems import ExitCode
from readiness.formats.resources import resource


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
@click.option("-o", "--output", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], fmt: str) -> None:
    """Check checklists and answers files (kind detected); without PATH, the bundled checklists.

    Reports every problem as file:line:col: message, sorted. Exit 0 when all are valid, 1 when
    any error was found (warnings alone do not fail).
    """

    state: State = ctx.obj
    targets = list(paths) or [resource("checklists")]
    files, problems = validate_paths(targets, state.catalog, state.lang)
    errors = [p for p in problems if p.level == "error"]
    warnings = [p for p in problems if p.level == "warning"]
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "valid": not errors,
                    "files": [str(f) for f in files],
                    "problems": [p.as_dict() for p in problems],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for problem in problems:
            click.echo(problem.format())
        if problems:
            click.echo(
                msg(
                    "cli.invalid",
                    state.lang,
                    errors=len(errors),
                    warnings=len(warnings),
                    files=len(files),
                ),
                err=True,
            )
        else:
            click.echo(msg("cli.valid", state.lang, n=len(files)), err=True)
    ctx.exit(int(ExitCode.INVALID if errors else ExitCode.OK))
