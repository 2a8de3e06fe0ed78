"""`readiness batch`: a report per answers file, in parallel, and the cohort's portfolio."""

from __future__ import annotations

import io
import os
import signal
import sys
import time
from pathlib import Path

import click

from readiness import api
from readiness.batch import Outcome
from readiness.cli.app import State, cli, command_lang, info, lang_option
from readiness.cli.report import check_templates, full_option, pdf_variant_option, templates_option
from readiness.formats import branding as branding_mod
from readiness.formats.messages import t


class _Bar:
    """A one-line progress bar on a terminal's stderr; silent anywhere else or with --quiet."""

    def __init__(self, lang: str, enabled: bool):
        self.lang = lang
        self.enabled = enabled
        self.total = 0
        self.done = 0
        self.failed = 0

    def start(self, total: int) -> None:
        self.total = total
        self.draw("")

    def draw(self, name: str) -> None:
        if not self.enabled or not self.total:
            return
        width = 30
        filled = width * self.done // self.total
        failed = (
            t(self.lang, f", {self.failed} failed", f"、失敗 {self.failed}") if self.failed else ""
        )
        line = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}{failed} {name}"
        sys.stderr.write("\r\033[K" + line[:120])
        sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

    def outcome(self, outcome: Outcome) -> None:
        if outcome.status == "interrupted":  # never started: Ctrl-C came first
            return
        self.done += 1
        if outcome.status == "failed":
            self.failed += 1
            self.clear()
            for problem in outcome.problems:
                click.echo(problem.format(), err=True)
        self.draw(Path(outcome.source).name)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the reports, portfolio.csv and portfolio.pdf (created if missing).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the CPUs this machine gives us).",
)
@lang_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "html"]),
    default="pdf",
    show_default=True,
    help="Format of the reports and the portfolio.",
)
@click.option(
    "--force", is_flag=True, help="Redo every report, even those newer than their answers file."
)
@click.option(
    "--branding",
    "branding_file",
    type=click.Path(path_type=Path),
    help="Branding YAML for every report (firm, logo, accent, footer, marking).",
)
@click.option("--redact", is_flag=True, help="Shareable reports: notes, evidence, names removed.")
@full_option
@pdf_variant_option("for every report and the portfolio")
@templates_option
@click.pass_context
def batch(
    ctx: click.Context,
    paths: tuple[Path, ...],
    out_dir: Path,
    jobs: int | None,
    lang: str | None,
    fmt: str,
    force: bool,
    branding_file: Path | None,
    redact: bool,
    full: bool,
    variant: str | None,
    templates: Path | None,
) -> None:
    """One report per answers file (PATH: files or folders of .yaml files), in parallel.

    Each report is named after its answers file. A bad file is reported (file:line:col) and
    skipped while the others complete; the exit code is 3 if any failed. Reports newer than
    their answers file are skipped (--force redoes them). Also writes portfolio.csv (one row
    per client and checklist) and portfolio.pdf (or .html). Ctrl-C lets the reports being
    written finish and starts no more; a second Ctrl-C stops them at once.
    """
    state: State = ctx.obj
    lang = command_lang(ctx, lang)
    check_templates(templates, lang)
    brand = branding_mod.load(branding_file) if branding_file else None
    options = api.BatchOptions(
        lang=lang,
        fmt=fmt,
        checklist_dirs=tuple(str(d) for d in state.checklist_dirs),
        branding=brand,
        redact=redact,
        full=full,
        pdf_variant=variant if fmt == "pdf" else None,
        templates=str(templates) if templates is not None else None,
    )
    bar = _Bar(lang, sys.stderr.isatty() and not state.quiet)

    def stopping() -> None:  # called from the signal handler: one unbuffered write
        line = t(
            lang,
            "stopping: the reports being written will finish and no more will start "
            "(Ctrl-C again stops them at once)",
            "停止します：作成中の報告書を完成させ、新たには始めません"
            "（もう一度 Ctrl-C で直ちに停止）",
        )
        text = ("\r\033[K" if bar.enabled else "") + line + "\n"
        try:
            os.write(sys.stderr.fileno(), text.encode(sys.stderr.encoding or "utf-8", "replace"))
        except (OSError, ValueError, io.UnsupportedOperation):  # no file descriptor (tests)
            sys.stderr.write(text)

    started = time.perf_counter()
    try:
        result = api.run_batch(
            paths,
            out_dir,
            options,
            jobs=jobs,
            force=force,
            on_outcome=bar.outcome,
            on_plan=bar.start,
            on_stopping=stopping,
        )
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # stopped already: more presses change nothing
        bar.clear()
        click.echo(
            t(
                lang,
                f"interrupted: {bar.done} of {bar.total} done; the reports written are kept and "
                "a re-run skips them",
                f"中断しました（{bar.total}件中 {bar.done}件完了）。作成済みの報告書は残り、"
                "再実行すると省略されます",
            ),
            err=True,
        )
        ctx.exit(130)
    bar.clear()
    for problem in result.portfolio_problems:
        click.echo(problem.format(), err=True)
    written, skipped, failed = (result.count(s) for s in ("written", "skipped", "failed"))
    seconds = time.perf_counter() - started
    info(
        t(
            lang,
            f"{written} report(s) written, {skipped} up to date, {failed} failed, in {seconds:.1f} s",
            f"報告書 {written}件を作成、{skipped}件は最新、{failed}件は失敗（{seconds:.1f} 秒）",
        )
    )
    if result.portfolio_files:
        info(t(lang, "Portfolio: ", "ポートフォリオ：") + ", ".join(result.portfolio_files))
    if result.exit_code:
        ctx.exit(result.exit_code)
