"""HTML → PDF with WeasyPrint, fetching nothing but our bundled report assets.

Every stylesheet, font and image passes through one URL fetcher that serves files under
`reports/` (addressed as `asset:NAME`) and `data:` URLs, and refuses everything else — no
`file://`, no network. A refused or failed fetch, or anything WeasyPrint logs at warning level,
fails the render: a silently missing font or image is a defect in a compliance report.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

# Fontconfig names fonts in the locale's language (BIZ UDPGothic has a Japanese family name),
# and WeasyPrint derives the PDF's font resource names from them: without this, the same report
# has other bytes under LC_ALL=ja_JP. Set before WeasyPrint (and so fontconfig) is loaded.
os.environ["FC_LANG"] = "en"

import weasyprint
from weasyprint.urls import URLFetcher

from readiness.formats.problems import Problem, RenderError
from readiness.formats.resources import resource

ASSET_SCHEME = "asset:"


class AssetFetcher(URLFetcher):
    """Serve `asset:` URLs from the bundled reports folder; refuse every other URL."""

    def __init__(self, root: Path | None = None, extra: dict[str, Path] | None = None):
        super().__init__()
        self.root = (root or resource("reports")).resolve()
        self.extra = extra or {}
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(ASSET_SCHEME):
            name = url[len(ASSET_SCHEME) :]
            path = self.extra.get(name) or (self.root / name).resolve()
            if path.is_file() and (name in self.extra or path.is_relative_to(self.root)):
                return super().fetch(path.as_uri(), headers)
        self.refused.append(url)
        raise ValueError(f"refused to fetch {url!r}: reports may use only bundled assets")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


VARIANTS = ("pdf/a-3b", "pdf/ua-1")  # archival (PDF/A-3b) and accessible (PDF/UA-1)


def render_pdf(
    html: str,
    lang: str,
    extra_assets: dict[str, Path] | None = None,
    variant: str | None = None,
) -> bytes:
    """Render report HTML to PDF bytes; RenderError if anything was refused or logged.

    `variant` asks WeasyPrint for PDF/A-3b or PDF/UA-1; the document language comes from the
    HTML's `lang` attribute, which the report template sets to the report's language."""
    fetcher = AssetFetcher(extra=extra_assets)
    collector = _Collect()
    loggers = [logging.getLogger("weasyprint"), logging.getLogger("fontTools")]
    for lg in loggers:
        lg.addHandler(collector)
    try:
        document = weasyprint.HTML(string=html, base_url=ASSET_SCHEME, url_fetcher=fetcher)
        # deterministic: dates come from the HTML, no random /ID
        pdf = document.write_pdf(pdf_variant=variant) if variant else document.write_pdf()
    except Exception as exc:
        raise RenderError([Problem(file="", message=f"report rendering failed: {exc}")]) from None
    finally:
        for lg in loggers:
            lg.removeHandler(collector)
    problems = [f"refused to fetch {u}" for u in fetcher.refused] + collector.records
    if problems:
        raise RenderError(
            [
                Problem(file="", message=f"report rendering problem: {p}", code="render")
                for p in problems
            ]
        )
    return pdf
