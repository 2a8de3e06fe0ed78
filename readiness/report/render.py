"""HTML → PDF bytes, with WeasyPrint imported only here and only when a PDF is asked for.

A machine without WeasyPrint or its system libraries (Pango, HarfBuzz) gets a `RenderError`
that says what to install, never an ImportError traceback.
"""

from __future__ import annotations

from readiness.formats.problems import Problem, RenderError


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
