"""Many answers files at once: one report each, in parallel worker processes, and a portfolio.

`report_client(job, options)` is the unit of work: one answers file in, one report written
atomically (or skipped when it is newer than its input), and a small picklable `Outcome` back,
with the client's summary for the portfolio. It needs nothing but its arguments, so the same
function runs in this module's process pool, in a plain loop, or on a distributed engine's
workers. `run_batch` plans the outputs, fans the work out over `jobs` processes, writes the
portfolio, and on Ctrl-C stops every worker cleanly (no half-written file) before re-raising.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness import __version__
from readiness.assess import portfolio
from readiness.assess.scoring import assess
from readiness.assess.validate import expand, load_answers
from readiness.content.catalog import Catalog
from readiness.exchange.csv_table import write_table
from readiness.formats.atomic import atomic_write_bytes
from readiness.formats.branding import Branding
from readiness.formats.messages import t
from readiness.formats.problems import ExitCode, OutputError, Problem, ReadinessError

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

try:
    import resource
except ImportError:  # pragma: no cover - not on Windows
    resource = None  # type: ignore[assignment]

MANIFEST = ".readiness-batch.json"
PORTFOLIO = "portfolio"
STATUSES = ("written", "skipped", "failed", "interrupted")


@dataclass(frozen=True)
class Options:
    """What every report of a batch shares. Plain data: it travels to worker processes."""

    lang: str = "en"
    fmt: str = "pdf"  # pdf | html
    checklist_dirs: tuple[str, ...] = ()
    branding: Branding | None = None
    redact: bool = False

    def fingerprint(self) -> str:
        """Changes whenever a report written with these options would differ."""
        brand = asdict(self.branding) if self.branding else {}
        data = [__version__, self.lang, self.fmt, self.redact, brand, list(self.checklist_dirs)]
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Job:
    source: str  # the answers file
    output: str  # the report to write
    force: bool = False  # redo it even when it is newer than the answers file


@dataclass
class Outcome:
    """What happened to one client; picklable and JSON-able, for any engine that runs jobs."""

    source: str
    output: str
    status: str  # one of STATUSES
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    exit_code: int = 0
    summary: portfolio.ClientSummary | None = None
    seconds: float = 0.0
    peak_rss_kb: int = 0  # the worker process's peak resident memory so far

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["problems"] = [p.as_dict() for p in self.problems]
        out["warnings"] = [p.as_dict() for p in self.warnings]
        return out


_catalogs: dict[tuple[str, ...], Catalog] = {}


def _catalog(dirs: tuple[str, ...]) -> Catalog:
    """One catalog per process and folder list: checklists are parsed once per worker."""
    if dirs not in _catalogs:
        _catalogs[dirs] = Catalog([Path(d) for d in dirs])
    return _catalogs[dirs]


def _peak_rss_kb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) if resource else 0


def up_to_date(source: str, output: str) -> bool:
    """The report exists and is newer than its answers file."""
    try:
        return os.stat(output).st_mtime_ns > os.stat(source).st_mtime_ns
    except OSError:
        return False


def report_client(job: Job, options: Options) -> Outcome:
    """Score one answers file and write its report: the unit of work of a batch."""
    t0 = time.perf_counter()
    outcome = Outcome(job.source, job.output, "failed")
    try:
        catalog = _catalog(options.checklist_dirs)
        answers, warnings = load_answers(Path(job.source), catalog, options.lang)
        outcome.warnings = warnings
        assessment = assess(answers, catalog)
        outcome.summary = portfolio.summarise(assessment, job.source, job.output)
        if not job.force and up_to_date(job.source, job.output):
            outcome.status = "skipped"
        else:
            from readiness.report import html  # Jinja2: only for reports

            text = html.build_html(
                assessment,
                options.lang,
                branding=options.branding,
                redact=options.redact,
                standalone=options.fmt == "html",
            )
            if options.fmt == "html":
                data = text.encode("utf-8")
            else:
                from readiness.report.render import render_pdf

                data = render_pdf(text, options.lang)
            atomic_write_bytes(job.output, data)
            outcome.status = "written"
    except ReadinessError as exc:  # a problem without a file (rendering) is this client's
        outcome.problems = [p if p.file else replace(p, file=job.source) for p in exc.problems]
        outcome.exit_code, outcome.summary = int(exc.exit_code), None
    except Exception as exc:  # a bug: this client fails, the batch goes on
        outcome.problems = [
            Problem(
                file=job.source,
                message=f"internal error: {type(exc).__name__}: {exc} (a bug in readiness; "
                "run this file alone with READINESS_DEBUG=1 and report it)",
                code="internal",
            )
        ]
        outcome.exit_code, outcome.summary = int(ExitCode.INTERNAL), None
    outcome.seconds = time.perf_counter() - t0
    outcome.peak_rss_kb = _peak_rss_kb()
    return outcome


# -- worker processes ------------------------------------------------------------------------

_stop_event: Any = None
_interruptible = True


def _init_worker(stop: Any, interruptible: bool = True) -> None:
    """Idle workers ignore Ctrl-C (the parent decides); a running job turns it into a clean
    stop, unless the parent itself ignores Ctrl-C (a background job): then so does the job."""
    global _stop_event, _interruptible
    _stop_event = stop
    _interruptible = interruptible
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _interrupted(signum: int, frame: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up
    raise KeyboardInterrupt


def _pool_task(job: Job, options: Options) -> Outcome:
    if _stop_event is not None and _stop_event.is_set():
        return Outcome(job.source, job.output, "interrupted")
    if not _interruptible:
        return report_client(job, options)
    signal.signal(signal.SIGINT, _interrupted)
    try:
        return report_client(job, options)
    except KeyboardInterrupt:  # the atomic write removed its temporary file on the way out
        return Outcome(job.source, job.output, "interrupted")
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


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


def _stop(executor: ProcessPoolExecutor, futures: Iterable[Future], stop: Any) -> None:
    """Ctrl-C: no new job starts, running ones are interrupted (and clean up), workers exit."""
    stop.set()
    for f in futures:
        f.cancel()
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, AttributeError):
            if process.is_alive():
                os.kill(process.pid, signal.SIGINT)
    executor.shutdown(wait=True, cancel_futures=True)


def _run_pool(
    jobs: list[Job], options: Options, workers: int, done: Callable[[Outcome], None]
) -> None:
    import multiprocessing  # only for a pool: keeps `import readiness.api` quick
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")  # no fork: safe with threads, same everywhere
    stop = context.Event()
    interruptible = signal.getsignal(signal.SIGINT) is not signal.SIG_IGN
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(stop, interruptible),
    )
    futures = {executor.submit(_pool_task, job, options): job for job in jobs}
    try:
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                job = futures[future]
                try:
                    done(future.result())
                except BrokenProcessPool:
                    done(
                        Outcome(
                            job.source,
                            job.output,
                            "failed",
                            [
                                Problem(
                                    file=job.source,
                                    message="the worker process died (out of memory?); run this file alone to see why",
                                    code="worker",
                                )
                            ],
                            exit_code=int(ExitCode.INTERNAL),
                        )
                    )
    except BaseException:
        _stop(executor, futures, stop)
        raise
    executor.shutdown(wait=True)


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
) -> BatchResult:
    """One report per answers file in `out_dir`, `jobs` at a time, then the portfolio.

    Reports newer than their answers file (and made with the same options) are skipped unless
    `force`. `on_plan` gets the number of clients before any starts, `on_outcome` is called in
    this process as each one finishes. KeyboardInterrupt
    stops the workers, records what was finished (a re-run skips it) and is raised again.
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
    try:
        for job in quick:  # up to date: only scored here, for the portfolio
            done(report_client(job, options))
        if workers == 1:
            for job in slow:
                done(report_client(job, options))
        else:
            _run_pool(slow, options, workers, done)
    finally:
        _write_manifest(out, manifest)
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
        catalog = _catalog(options.checklist_dirs)
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

            data = render_pdf(html, lang)
        path = out / f"{PORTFOLIO}.{options.fmt}"
        atomic_write_bytes(path, data)
        result.portfolio_files.append(str(path))
    except ReadinessError as exc:
        result.portfolio_problems.extend(exc.problems)
