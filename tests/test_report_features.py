"""The advisor's report: golden HTML, determinism, redaction, branding, template overrides."""

from __future__ import annotations

import html as htmllib
import io
import os
import re
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from readiness.assess.scoring import assess
from readiness.assess.validate import load_answers
from readiness.cli import cli
from readiness.content.catalog import Catalog
from readiness.formats.problems import ExitCode
from readiness.formats.resources import resource
from readiness.report.html import build_html
from tests.conftest import EXAMPLE

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def example(catalog: Catalog):
    answers, _ = load_answers(EXAMPLE, catalog)
    return assess(answers, catalog)


def scrub(html: str) -> str:
    html = re.sub(r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD", html)
    return re.sub(r"readiness \d+\.\d+\.\d+", "readiness X.Y.Z", html)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_html_matches_golden(example, lang: str) -> None:
    html = scrub(build_html(example, lang))
    golden = GOLDEN / f"report-{lang}.html"
    if os.environ.get("READINESS_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8"), (
        "report HTML changed; if intended, rerun with READINESS_UPDATE_GOLDEN=1 and review the diff"
    )


def test_one_language_per_page(example) -> None:
    en = build_html(example, "en")
    for label in ("要件", "対応策", "付録", "判定"):
        assert label not in re.sub(r"<[^>]+>", "", en.split('id="cl-')[1].split("</section>")[0]), (
            label
        )
    ja = build_html(example, "ja")
    assert "Gaps, most urgent first" not in ja and "未対応事項（優先度順）" in ja


def test_every_user_word_reaches_the_report(example) -> None:
    html = htmllib.unescape(build_html(example, "en", full=True))
    for result in example.results:
        for r in result.items:
            a = r.answer
            if not a:
                continue
            for text in [a.note, a.owner, a.due, *a.evidence]:
                assert not text or text in html, (r.item.id, text)


@pytest.mark.slow
def test_same_inputs_give_same_pdf_bytes(example) -> None:
    from readiness.report.pdf import render_pdf

    html = build_html(example, "ja")
    assert render_pdf(html, "ja") == render_pdf(html, "ja")


def test_bundled_font_has_every_glyph_the_report_uses(example) -> None:
    font = TTFont(str(resource("reports", "fonts", "BIZUDPGothic-Regular.ttf")))
    cmap = font.getBestCmap()
    for lang in ("en", "ja"):
        text = htmllib.unescape(re.sub(r"<[^>]+>", " ", build_html(example, lang)))
        missing = sorted({c for c in text if not c.isspace() and ord(c) not in cmap})
        assert missing == [], (lang, missing)


def test_redacted_report_drops_notes_evidence_and_names(example) -> None:
    html = htmllib.unescape(build_html(example, "en", redact=True))
    assert "Mika Saito" not in html
    for result in example.results:
        for r in result.items:
            a = r.answer
            if a:
                for text in [a.note, a.owner, *a.evidence]:
                    assert not text or text not in html, text
    assert "[redacted]" not in html  # redacted lines are dropped, not left as placeholders
    assert '<p class="marking">Shareable version' in html  # the marking runs on every page


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def run(*args: str):
    return CliRunner().invoke(cli, ["--lang", "en", *args], catch_exceptions=False)


def test_branding_file_puts_firm_logo_colour_and_footer_in(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(tiny_png())
    (tmp_path / "brand.yaml").write_text(
        'firm: Sakura Advisory\nlogo: logo.png\naccent: "#0a6e5c"\nfooter: For the board only\n',
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    result = run("report", str(EXAMPLE), "-o", str(out), "--branding", str(tmp_path / "brand.yaml"))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Sakura Advisory" in html and "--accent: #0a6e5c" in html
    assert 'src="data:image/png;base64,' in html and "For the board only" in html


@pytest.mark.slow
def test_branded_pdf_renders_the_logo(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(tiny_png())
    out = tmp_path / "r.pdf"
    result = run(
        "report",
        str(EXAMPLE),
        "-o",
        str(out),
        "--logo",
        str(tmp_path / "logo.png"),
        "--firm",
        "Sakura",
    )
    assert result.exit_code == 0, result.output
    first = PdfReader(io.BytesIO(out.read_bytes())).pages[0]
    assert "/Image" in str(
        first["/Resources"]
        .get("/XObject", {})
        .values()
        .__iter__()
        .__next__()
        .get_object()["/Subtype"]
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--logo", "https://example.com/logo.png"], "refused"),
        (["--logo", "file:///etc/passwd"], "refused"),
        (["--logo", "/etc/hostname"], "not a PNG or JPEG"),
        (["--logo", "missing.png"], "file not found"),
        (["--accent", "red"], "not a colour"),
    ],
)
def test_bad_branding_options_are_refused(tmp_path: Path, args: list[str], expected: str) -> None:
    result = run("report", str(EXAMPLE), "-o", str(tmp_path / "r.html"), *args)
    assert result.exit_code == ExitCode.INPUT and expected in result.output
    assert not (tmp_path / "r.html").exists()


def test_branding_file_errors_have_positions(tmp_path: Path) -> None:
    brand = tmp_path / "brand.yaml"
    brand.write_text(
        'firm: X\nlogo: "http://evil.test/x.png"\ncolour: "#123456"\n', encoding="utf-8"
    )
    result = run("report", str(EXAMPLE), "-o", str(tmp_path / "r.html"), "--branding", str(brand))
    assert result.exit_code == ExitCode.INPUT
    assert f"{brand}:3:1:" in result.output and "unknown field 'colour'" in result.output
    brand.write_text('firm: X\nlogo: "http://evil.test/x.png"\n', encoding="utf-8")
    result = run("report", str(EXAMPLE), "-o", str(tmp_path / "r.html"), "--branding", str(brand))
    assert f"{brand}:2:7:" in result.output and "refused" in result.output


def test_advisor_template_overrides_one_block(tmp_path: Path) -> None:
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "report.html.j2").write_text(
        '{% extends "default/report.html.j2" %}\n'
        '{% block cover %}<section class="cover"><h1>Sakura Advisory readiness review</h1>'
        "<p>{{ organisation }}</p></section>{% endblock %}\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    result = run("report", str(EXAMPLE), "-o", str(out), "--templates", str(tmp_path / "tpl"))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Sakura Advisory readiness review" in html
    assert "Compliance readiness gap report</h1>" not in html  # the default cover is gone
    assert "Remediation roadmap" in html  # the rest of the default report remains


def test_advisor_template_cannot_reach_python_internals(tmp_path: Path) -> None:
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "report.html.j2").write_text(
        "{{ organisation.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8"
    )
    result = run(
        "report", str(EXAMPLE), "-o", str(tmp_path / "r.html"), "--templates", str(tmp_path / "tpl")
    )
    assert result.exit_code == ExitCode.RENDER and "Traceback" not in result.output


def test_standalone_html_keeps_its_stylesheet_intact(example) -> None:
    from readiness.report.html import standalone_css

    html = build_html(example, "ja", standalone=True)
    css = standalone_css()  # the bundled stylesheet less its asset: @font-face rules
    assert "Report Sans" in css and "@font-face" not in css
    assert f"<style>{css}</style>" in html  # inlined verbatim, not HTML-escaped
    assert 'font-family: "Report Sans"' in html
