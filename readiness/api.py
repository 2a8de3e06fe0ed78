"""The public API: what the CLI, the benchmarks, batch workers, scripts and the web app call.

    from readiness import api

    catalog = api.load_catalog()
    answers, warnings = api.load_answers("answers.yaml", catalog)
    assessment = api.assess(answers, catalog)
    html = api.build_report_html(assessment, "ja")
    pdf = api.render_pdf(html, "ja")

Every function raises a `ReadinessError` (with file:line:col problems and an exit code) for
bad input and never prints. Importing this module does not import WeasyPrint or Jinja2: each
is imported by the one call that needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness import batch
from readiness.assess import compare as _compare
from readiness.assess import scoring
from readiness.assess import validate as _validate
from readiness.assess.answers import Answers
from readiness.assess.compare import Comparison
from readiness.assess.results import Assessment
from readiness.content.catalog import Catalog
from readiness.content.model import Checklist
from readiness.formats.problems import (
    ExitCode,
    InputError,
    OutputError,
    Problem,
    ReadinessError,
    RenderError,
)

if TYPE_CHECKING:
    from readiness.formats.branding import Branding

BatchJob = batch.Job  # one answers file and the report to write
BatchOptions = batch.Options  # language, format, branding: what every report of a batch shares
BatchOutcome = batch.Outcome  # what happened to one client (picklable, to_json())

__all__ = [
    "Answers",
    "Assessment",
    "BatchJob",
    "BatchOptions",
    "BatchOutcome",
    "Catalog",
    "Comparison",
    "ExitCode",
    "InputError",
    "OutputError",
    "Problem",
    "ReadinessError",
    "RenderError",
    "answers_template",
    "assess",
    "build_report_html",
    "compare",
    "export_answers",
    "import_answers",
    "load_answers",
    "load_catalog",
    "oscal_catalog",
    "oscal_documents",
    "oscal_draft_checklist",
    "poam",
    "render_pdf",
    "report_client",
    "run_batch",
    "validate_paths",
]


def load_catalog(dirs: Iterable[Path | str] = (), use_cache: bool | None = None) -> Catalog:
    """Every checklist version in `dirs` (searched first) and the bundled folder."""
    return Catalog([Path(d) for d in dirs], use_cache=use_cache)


def load_answers(
    path: Path | str, catalog: Catalog, lang: str = "en"
) -> tuple[Answers, list[Problem]]:
    """A valid answers file and its warnings; `InputError` listing every error otherwise."""
    return _validate.load_answers(Path(path), catalog, lang)


def validate_paths(
    paths: Iterable[Path | str], catalog: Catalog, lang: str = "en"
) -> tuple[list[Path], list[Problem]]:
    """(files checked, every problem sorted by position) for files or folders of any kind."""
    return _validate.validate_paths([Path(p) for p in paths], catalog, lang)


def assess(answers: Answers, catalog: Catalog) -> Assessment:
    """Score every checklist the answers name: verdicts, percentages, SPRS score, POA&M."""
    return scoring.assess(answers, catalog)


def build_report_html(
    assessment: Assessment,
    lang: str = "en",
    *,
    branding: Branding | None = None,
    redact: bool = False,
    templates: Path | None = None,
    standalone: bool = False,
    full: bool = False,
    previous: Assessment | None = None,
) -> str:
    """The report as HTML: the short board report, or with `full` every gap and answer.

    `standalone` inlines the CSS for a file opened in a browser; `previous`, an earlier
    assessment of the same organisation, adds "progress since"."""
    from readiness.report import html  # Jinja2: only for reports

    return html.build_html(
        assessment,
        lang,
        branding=branding,
        redact=redact,
        templates=templates,
        standalone=standalone,
        full=full,
        previous=_compare.compare(previous, assessment) if previous is not None else None,
    )


def render_pdf(html: str, lang: str = "en", variant: str | None = None) -> bytes:
    """PDF bytes of report HTML; fetches nothing but bundled assets (`RenderError` otherwise)."""
    from readiness.report import render  # WeasyPrint: only for PDFs

    return render.render_pdf(html, lang, variant)


def oscal_documents(
    assessment: Assessment, checklists: Iterable[str] = (), lang: str = "en"
) -> list[tuple[str, bytes | None]]:
    """OSCAL files for an assessment: (file name, bytes) per checklist, catalog, assessment
    results and POA&M (None when there are no gaps); `checklists` limits it to those ids.

    The same answers always give the same bytes (UUIDs are derived, dates come from the file).
    """
    from readiness.exchange import oscal_bundle

    return oscal_bundle.bundle(assessment, checklists, lang)


def oscal_catalog(checklist: Checklist) -> bytes:
    """One checklist version as an OSCAL catalog (JSON bytes); CMMC ids in NIST numbering."""
    from readiness.exchange import oscal_catalog as catalog_doc
    from readiness.exchange.oscal_common import dump

    return dump(catalog_doc.catalog(checklist))


def oscal_draft_checklist(
    path: Path | str,
    checklist_id: str,
    version: str = "1.0.0",
    regime: str = "cyber",
    today: str | None = None,
    lang: str = "en",
) -> tuple[dict, list[Problem]]:
    """(draft checklist data, warnings) from an OSCAL catalog file, JSON or XML (`-`: stdin).

    English comes from the catalog; every Japanese text is left empty for translators.
    """
    import datetime as dt

    from readiness.exchange import oscal_import
    from readiness.formats.inputs import label_for, read_bytes

    label = label_for(path)
    raw = read_bytes(path, label, lang)
    document = oscal_import.read(raw, label, lang)
    return oscal_import.draft(
        document, checklist_id, version, regime, today or dt.date.today().isoformat(), label, lang
    )


# -- advisors: comparisons, POA&M, spreadsheets, batches -----------------------------------------


def compare(old: Assessment, new: Assessment) -> Comparison:
    """OLD → NEW per checklist answered in both: remediated items, new gaps, items that got
    worse or better, verdict, score and readiness deltas; items only one version has are listed
    as not compared."""
    return _compare.compare(old, new)


def poam(assessment: Assessment, lang: str = "en", fmt: str = "xlsx") -> bytes:
    """The POA&M (every CMMC gap, eligible or not, and why) as XLSX or CSV bytes."""
    from readiness.exchange import poam_sheet  # openpyxl: only here

    if fmt == "csv":
        return poam_sheet.write_csv(assessment, lang)
    return poam_sheet.write_xlsx(assessment, lang)


def export_answers(
    answers: Answers, catalog: Catalog, lang: str = "en", fmt: str = "xlsx"
) -> bytes:
    """The questionnaire with the answers as XLSX (protected, drop-downs) or CSV bytes."""
    return _sheet_module(fmt).write(answers.data, catalog, lang)


def answers_template(
    specs: Iterable[str],
    catalog: Catalog,
    date: str,
    organisation: str = "",
    lang: str = "en",
    fmt: str = "xlsx",
) -> bytes:
    """A blank questionnaire (XLSX or CSV) for CHECKLIST[@VERSION]s: `template -o FILE.xlsx`."""
    data: dict = {
        "format": 1,
        "organisation": {"name": organisation} if organisation else {},
        "assessment_date": date,
        "profile": {},
        "checklists": {},
    }
    for spec in specs:
        checklist = catalog.load_spec(spec)
        data["checklists"][checklist.id] = {
            "version": checklist.version,
            "sha256": checklist.sha256,
            "answers": {},
        }
    return _sheet_module(fmt).write(data, catalog, lang)


def import_answers(
    raw: bytes, label: str, catalog: Catalog, lang: str = "en", fmt: str = "xlsx"
) -> dict:
    """The answers document in a filled XLSX or CSV questionnaire; `InputError` names every
    rejected cell (`cmmc-l2!D14`, or file:line:column for CSV)."""
    return _sheet_module(fmt).read(raw, label, catalog, lang)


def _sheet_module(fmt: str) -> Any:
    """answers_csv or answers_sheet: two modules with the same read/write interface."""
    if fmt == "csv":
        from readiness.exchange import answers_csv

        return answers_csv
    from readiness.exchange import answers_sheet  # openpyxl: only here

    return answers_sheet


def report_client(job: batch.Job, options: batch.Options) -> batch.Outcome:
    """One answers file → one report (skipped when newer than its input) and its portfolio
    summary: the unit of work of `run_batch`, callable on any engine's workers."""
    return batch.report_client(job, options)


def run_batch(
    paths: Iterable[Path | str],
    out_dir: Path | str,
    options: batch.Options,
    *,
    jobs: int | None = None,
    force: bool = False,
    on_outcome: Callable[[batch.Outcome], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
    on_stopping: Callable[[], None] | None = None,
) -> batch.BatchResult:
    """A report per answers file in `out_dir`, `jobs` worker processes at a time (default: the
    CPUs), then portfolio.csv and portfolio.pdf (or .html); a bad file fails alone. Reports
    newer than their answers file are skipped unless `force`. Ctrl-C lets the reports being
    written finish (`on_stopping` is called from the signal handler; a second press ends them
    at once), then KeyboardInterrupt is raised."""
    return batch.run_batch(
        paths,
        out_dir,
        options,
        jobs=jobs,
        force=force,
        on_outcome=on_outcome,
        on_plan=on_plan,
        on_stopping=on_stopping,
    )
