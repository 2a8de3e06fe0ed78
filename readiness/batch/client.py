"""The unit of work: one answers file in, one report written atomically (or skipped when it
is newer than its input), and a small picklable `Outcome` back, with the client's summary for
the portfolio. `report_client` needs nothing but its arguments, so it runs in our process pool,
in a plain loop, or on a distributed engine's workers."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from readiness import __version__
from readiness.assess import portfolio
from readiness.assess.scoring import assess
from readiness.assess.validate import load_answers
from readiness.content.catalog import Catalog
from readiness.formats.atomic import atomic_write_bytes
from readiness.formats.branding import Branding
from readiness.formats.problems import ExitCode, Problem, ReadinessError

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
    full: bool = False  # every gap and answer; default: the short board report
    pdf_variant: str | None = None  # "pdf/a-3b" or "pdf/ua-1"
    templates: str | None = None  # a folder of templates overriding the bundled ones

    def fingerprint(self) -> str:
        """Changes whenever a report written with these options would differ (an edited
        template included)."""
        brand = asdict(self.branding) if self.branding else {}
        data = [
            __version__,
            self.lang,
            self.fmt,
            self.redact,
            brand,
            list(self.checklist_dirs),
            self.full,
            self.pdf_variant,
            _folder_digest(self.templates),
        ]
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _folder_digest(folder: str | None) -> str | None:
    if folder is None:
        return None
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            with contextlib.suppress(OSError):
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


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


def catalog_for(dirs: tuple[str, ...]) -> Catalog:
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
        catalog = catalog_for(options.checklist_dirs)
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
                full=options.full,
                templates=Path(options.templates) if options.templates else None,
            )
            if options.fmt == "html":
                data = text.encode("utf-8")
            else:
                from readiness.report.render import render_pdf

                data = render_pdf(text, options.lang, options.pdf_variant)
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
