"""A batch from start to end: plan the outputs, skip what is up to date, run the rest (in a
pool when more than one worker helps), record what was done, write the portfolio."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from readiness.assess import portfolio
from readiness.assess.validate import expand
from readiness.batch.client import (
    MANIFEST,
    PORTFOLIO,
    Job,
    Options,
    Outcome,
    catalog_for,
    report_client,
    up_to_date,
)
from readiness.batch.pool import Presses, default_jobs, run_pool
from readiness.exchange.csv_table import write_table
from readiness.formats.atomic import atomic_write_bytes
from readiness.formats.messages import t
from readiness.formats.problems import ExitCode, OutputError, Problem, ReadinessError

# -- planning ---------------------------------------------------------------------------------


def plan(
    paths: Iterable[Path], out_dir: Path, fmt: str, lang: str = "en"
) -> tuple[list[Job], list[Outcome]]:
    """A job per answers file (folders searched for .yaml/.yml), each report named after its
    file (a folder's sub-folders kept); clashing names fail here, before anything runs."""
    jobs: list[Job] = []
    failed: list[Outcome] = []
    taken: dict[Path, str] = {
        (out_dir / f"{PORTFOLIO}.{ext}").resolve(): PORTFOLIO for ext in ("csv", fmt)
    }
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = expand([path])
            if not found:
                failed.append(
                    Outcome(
                        str(path),
                        "",
                        "failed",
                        [
                            Problem(
                                file=str(path),
                                message=t(
                                    lang,
                                    "no .yaml answers files here",
                                    ".yaml の回答ファイルがありません",
                                ),
                                code="no-files",
                            )
                        ],
                        exit_code=int(ExitCode.INPUT),
                    )
                )
            pairs = [(f, out_dir / f.relative_to(path).with_suffix(f".{fmt}")) for f in found]
        else:
            pairs = [(path, out_dir / path.with_suffix(f".{fmt}").name)]
        for source, output in pairs:
            key = source.resolve()
            if key in seen:
                continue
            seen.add(key)
            other = taken.get(output.resolve())
            if other is not None:
                message = (
                    t(
                        lang,
                        f"its report {output} would replace the batch's portfolio; rename the file",
                        f"報告書 {output} がポートフォリオと重なります。ファイル名を変えてください",
                    )
                    if other == PORTFOLIO
                    else t(
                        lang,
                        f"its report {output} would replace the one for {other}; rename one of the files",
                        f"報告書 {output} が {other} の報告書と重なります。どちらかのファイル名を変えてください",
                    )
                )
                failed.append(
                    Outcome(
                        str(source),
                        str(output),
                        "failed",
                        [Problem(file=str(source), message=message, code="clash")],
                        exit_code=int(ExitCode.OUTPUT),
                    )
                )
                continue
            taken[output.resolve()] = str(source)
            jobs.append(Job(str(source), str(output)))
    return jobs, failed


# -- running ------------------------------------------------------------------------------------


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    portfolio_files: list[str] = field(default_factory=list)
    portfolio_problems: list[Problem] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def exit_code(self) -> int:
        """0 when every client got a report; 3 if any answers file was bad; else the first
        failure's code (4 cannot write, 5 cannot render)."""
        codes = [o.exit_code for o in self.outcomes if o.status == "failed"]
        if self.portfolio_problems:
            codes.append(int(ExitCode.RENDER))
        if not codes:
            return 0
        return int(ExitCode.INPUT) if ExitCode.INPUT in codes else codes[0]


def _read_manifest(out_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.get("reports", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def _write_manifest(out_dir: Path, entries: dict[str, str]) -> None:
    """Which options each report was made with: a re-run with other options redoes it."""
    text = json.dumps({"format": 1, "reports": dict(sorted(entries.items()))}, indent=1)
    with contextlib.suppress(ReadinessError):  # only a missed skip next time
        atomic_write_bytes(out_dir / MANIFEST, text.encode("utf-8"))


def _size(job: Job) -> int:
    try:
        return os.stat(job.source).st_size
    except OSError:
        return 0


def run_batch(
    paths: Iterable[Path | str],
    out_dir: Path | str,
    options: Options,
    *,
    jobs: int | None = None,
    force: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
    on_stopping: Callable[[], None] | None = None,
) -> BatchResult:
    """One report per answers file in `out_dir`, `jobs` at a time, then the portfolio.

    Reports newer than their answers file (and made with the same options) are skipped unless
    `force`. `on_plan` gets the number of clients before any starts, `on_outcome` is called in
    this process as each one finishes. A first Ctrl-C lets the reports being written finish and
    starts no more (`on_stopping` is called from the signal handler: keep it to a write); a
    second ends them at once. Either way what was finished is recorded (a re-run skips it) and
    KeyboardInterrupt is raised.
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        message = "is a file; give a folder for the reports" if out.is_file() else exc.strerror
        raise OutputError(
            [Problem(file=str(out), message=str(message), code="not-a-dir")]
        ) from None
    jobs_list, failed = plan([Path(p) for p in paths], out, options.fmt, options.lang)
    manifest = _read_manifest(out)
    fingerprint = options.fingerprint()

    def rel(output: str) -> str:
        return Path(output).relative_to(out).as_posix()

    jobs_list = [
        Job(j.source, j.output, force or manifest.get(rel(j.output)) != fingerprint)
        for j in jobs_list
    ]
    outcomes: dict[str, Outcome] = {}

    def done(outcome: Outcome, planned: bool = True) -> None:
        outcomes[outcome.source] = outcome
        if planned and outcome.status in ("written", "skipped"):
            manifest[rel(outcome.output)] = fingerprint
        elif planned:
            manifest.pop(rel(outcome.output), None)
        if on_outcome is not None:
            on_outcome(outcome)

    if on_plan is not None:
        on_plan(len(jobs_list) + len(failed))
    for outcome in failed:
        done(outcome, planned=False)
    quick = [j for j in jobs_list if not j.force and up_to_date(j.source, j.output)]
    slow = [j for j in jobs_list if j not in quick]
    slow.sort(key=_size, reverse=True)  # biggest first: no long report left alone at the end
    workers = max(1, min(jobs or default_jobs(), len(slow)))
    with Presses(on_stopping) as presses:
        try:
            for job in quick:  # up to date: only scored here, for the portfolio
                if not presses.count:
                    done(report_client(job, options))
            if workers > 1:
                run_pool(slow, options, workers, done, presses)
            for job in slow if workers == 1 else ():
                if not presses.count:  # a first Ctrl-C lets the report being written finish
                    done(report_client(job, options))
        finally:
            presses.hard = False
            _write_manifest(out, manifest)
    if presses.count:
        raise KeyboardInterrupt
    order = {o.source: i for i, o in enumerate(failed)}
    order.update({j.source: len(failed) + i for i, j in enumerate(jobs_list)})
    result = BatchResult(sorted(outcomes.values(), key=lambda o: order.get(o.source, 0)))
    write_portfolio(result, out, options)
    return result


def write_portfolio(result: BatchResult, out: Path, options: Options) -> None:
    """portfolio.csv (one row per client and checklist) and portfolio.pdf (or .html)."""
    clients = [o.summary for o in result.outcomes if o.summary is not None]
    if not clients:
        return
    lang = options.lang
    rows = portfolio.csv_rows(clients)
    table = [
        [r[c] for c in portfolio.CSV_COLUMNS] + [portfolio.short_verdict(r["verdict"], lang)]
        for r in rows
    ]
    path = out / f"{PORTFOLIO}.csv"
    try:
        atomic_write_bytes(path, write_table([*portfolio.CSV_COLUMNS, "verdict_label"], table))
        result.portfolio_files.append(str(path))
        from readiness.report import portfolio as pages  # Jinja2: only here

        failed = [Path(o.source).name for o in result.outcomes if o.status == "failed"]
        cohort = portfolio.build(clients)
        catalog = catalog_for(options.checklist_dirs)
        html = pages.build_html(
            cohort,
            catalog,
            lang,
            failed=failed,
            branding=options.branding,
            standalone=options.fmt == "html",
        )
        if options.fmt == "html":
            data = html.encode("utf-8")
        else:
            from readiness.report.render import render_pdf

            data = render_pdf(html, lang, options.pdf_variant)
        path = out / f"{PORTFOLIO}.{options.fmt}"
        atomic_write_bytes(path, data)
        result.portfolio_files.append(str(path))
    except ReadinessError as exc:
        result.portfolio_problems.extend(exc.problems)
