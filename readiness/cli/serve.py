"""`readiness serve`: the questionnaire in a browser, on this computer only."""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path

import click

from readiness.assess.session import Session
from readiness.cli.app import State, cli, command_lang, info, lang_option
from readiness.formats.messages import t


@cli.command()
@click.argument("answers", type=click.Path(dir_okay=False, path_type=Path), default="answers.yaml")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Port (default: any free one)."
)
@click.option(
    "--checklist",
    "checklists",
    multiple=True,
    help="Checklist[@VERSION] to answer (repeatable; default: those the profile says apply).",
)
@click.option("--no-browser", is_flag=True, help="Only print the address; do not open a browser.")
@lang_option
@click.pass_context
def serve(
    ctx: click.Context,
    answers: Path,
    port: int,
    checklists: tuple[str, ...],
    no_browser: bool,
    lang: str | None,
) -> None:
    """Answer ANSWERS (default answers.yaml; created when missing) in a local web page.

    Listens on 127.0.0.1 only; the printed address carries a secret for this run, and
    requests without it are refused. Every change is saved to ANSWERS at once; a change made
    to the file meanwhile is never overwritten. Stop with Ctrl+C.
    """
    from readiness.web import server as web  # Flask: only for this command

    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    session = Session(answers, state.catalog, list(checklists), lang)
    if session.can_save and checklists:
        session.save()
    try:
        httpd, address = web.make(session, port)
    except OSError as exc:
        raise click.ClickException(
            t(
                lang,
                f"cannot listen on port {port}: {exc.strerror}",
                f"ポート {port} で待ち受けできません：{exc.strerror}",
            )
        ) from None
    click.echo(address)
    info(
        t(
            lang,
            f"Answers are saved to {answers}. Stop with Ctrl+C.",
            f"回答は {answers} に保存されます。Ctrl+C で終了します。",
        )
    )
    if not no_browser:
        webbrowser.open(address)
    try:
        httpd.serve_forever()  # werkzeug's returns on Ctrl+C: it catches KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    if sys.stderr.isatty():
        click.echo(err=True)  # past the terminal's "^C"
    info(
        t(
            lang,
            f"Stopped. Your answers are saved in {answers}.",
            f"終了しました。回答は {answers} に保存されています。",
        )
    )
