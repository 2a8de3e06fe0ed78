"""`readiness interview`: answer the questions that apply, one line each, in a terminal."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from readiness.assess import interview as flow
from readiness.assess.session import Session
from readiness.cli.app import State, cli, command_lang, lang_option
from readiness.content.model import tr
from readiness.formats.messages import t
from readiness.report.text import verdict_label


def summary_lines(session: Session, lang: str) -> list[str]:
    """A score line per checklist and the command that writes the report."""
    lines = [t(lang, "Score so far:", "現時点のスコア：")]
    progress = session.progress()
    for r in session.assessment().results:
        done, total = progress[r.checklist.id]
        percent = "—" if r.percent is None else f"{r.percent}%"
        score = f" SPRS {r.score}" if r.score is not None else ""
        lines.append(
            f"  {tr(r.checklist.title, lang)} ({r.checklist.id}): {percent}{score} · "
            f"{verdict_label(r, lang)} · {done}/{total} {t(lang, 'answered', '回答済み')}"
        )
    path = shlex.quote(str(session.path))
    lines.append(
        t(lang, "Write the report: ", "報告書の作成：")
        + f"readiness report {path} -o report.pdf --lang {lang}"
    )
    return lines


@cli.command()
@click.argument("answers", type=click.Path(dir_okay=False, path_type=Path), default="answers.yaml")
@click.option(
    "--checklist",
    "checklists",
    multiple=True,
    help="Checklist[@VERSION] to answer (repeatable; default: those the profile says apply).",
)
@lang_option
@click.pass_context
def interview(
    ctx: click.Context, answers: Path, checklists: tuple[str, ...], lang: str | None
) -> None:
    """Answer ANSWERS (default answers.yaml; created when missing) one question at a time.

    Saves after every answer and resumes where it stopped. Per item type met, partial,
    not_met or na (m/p/n; はい/一部/いいえ/該当なし), optionally followed by `: a note`;
    skip, back or quit (s/b/q; スキップ/戻る/終了) at any question.
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    session = Session(answers, state.catalog, list(checklists), lang)
    if session.can_save and (checklists or not answers.exists()):
        session.save()
    stdin = click.get_text_stream("stdin")

    def read() -> str | None:
        line = stdin.readline()
        return None if line == "" else line.rstrip("\n")

    finished = flow.run(session, read, click.echo)
    click.echo("")
    if finished:
        click.echo(
            t(lang, "Every applicable question is answered.", "対象の質問にすべて回答しました。")
        )
    elif session.can_save:
        click.echo(
            t(
                lang,
                f"Saved. Run `readiness interview {answers}` again to go on where you stopped.",
                f"保存しました。続きは `readiness interview {answers}` で再開できます。",
            )
        )
    if session.can_save and session.data["checklists"]:
        for line in summary_lines(session, lang):
            click.echo(line)
