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

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.assess import scoring
from readiness.assess import validate as _validate
from readiness.assess.answers import Answers
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

__all__ = [
    "Answers",
    "Assessment",
    "Catalog",
    "ExitCode",
    "InputError",
    "OutputError",
    "Problem",
    "ReadinessError",
    "RenderError",
    "assess",
    "build_report_html",
    "load_answers",
    "load_catalog",
    "oscal_catalog",
    "oscal_documents",
    "oscal_draft_checklist",
    "render_pdf",
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
) -> str:
    """The report as HTML: the short board report, or with `full` every gap and answer.

    `standalone` inlines the CSS for a file opened in a browser."""
    from readiness.report import html  # Jinja2: only for reports

    return html.build_html(
        assessment,
        lang,
        branding=branding,
        redact=redact,
        templates=templates,
        standalone=standalone,
        full=full,
    )


def render_pdf(html: str, lang: str = "en", variant: str | None = None) -> bytes:
    """PDF bytes of report HTML; fetches nothing but bundled assets (`RenderError` otherwise)."""
    try:
        from readiness.report import pdf  # WeasyPrint: only for PDFs
    except (ImportError, OSError) as exc:  # WeasyPrint missing, or Pango/HarfBuzz not installed
        raise RenderError(
            [
                Problem(
                    file="",
                    message=f"cannot render PDFs here ({type(exc).__name__}: {str(exc)[:200]}). "
                    "WeasyPrint needs the Pango and HarfBuzz system libraries: on Debian or "
                    "Ubuntu run `sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
                    "libharfbuzz-subset0` (./dev does this), or write HTML with -o report.html",
                    code="system-libraries",
                )
            ]
        ) from None
    return pdf.render_pdf(html, lang, variant=variant)


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
