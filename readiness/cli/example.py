"""`readiness example`: copy the bundled example startup's answers to try every command on."""

from __future__ import annotations

from pathlib import Path

import click

from readiness.cli.app import cli, command_lang, echo_written, force_option, lang_option
from readiness.formats.atomic import write_user_file
from readiness.formats.messages import t
from readiness.formats.resources import resource

EXAMPLE = ("examples", "soratobi-autonomy", "answers.yaml")


@cli.command()
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to copy the example into.",
)
@force_option
@lang_option
@click.pass_context
def example(ctx: click.Context, out: Path, force: bool, lang: str | None) -> None:
    """Copy the example startup's answers (Soratobi Autonomy, fictional) into a folder."""
    lang = command_lang(ctx, lang)
    target = out / "soratobi-answers.yaml"
    backup = write_user_file(target, resource(*EXAMPLE).read_bytes(), force=force, lang=lang)
    echo_written(lang, target, backup)
    click.echo(
        t(
            lang,
            f"Try: readiness score {target} · readiness report {target} -o report.pdf",
            f"試すには：readiness score {target} · readiness report {target} -o report.pdf",
        ),
        err=True,
    )
