"""Reports checked by their properties: text, fonts, safety — never by bytes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from readiness.assess.answers import Answers
from readiness.assess.scoring import assess
from readiness.assess.validate import load_answers
from readiness.content.catalog import Catalog
from readiness.formats.problems import RenderError
from readiness.report.html import build_html
from tests.conftest import EXAMPLE, answers_doc

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def example(catalog: Catalog):
    answers, _ = load_answers(EXAMPLE, catalog)
    return assess(answers, catalog)


@pytest.fixture(scope="module", params=["en", "ja"])
def rendered(request, example):
    from readiness.report.pdf import render_pdf

    lang = request.param
    pdf = render_pdf(build_html(example, lang, full=True), lang)  # --full: every answer
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return lang, pdf, reader, re.sub(r"\s+", "", text)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def test_pdf_names_organisation_checklists_and_hashes(rendered, example) -> None:
    lang, _, _, text = rendered
    org = "株式会社ソラトビ・オートノミー" if lang == "ja" else "SoratobiAutonomyK.K."
    assert org in text
    for result in example.results:
        assert squash(result.checklist.ref) in text
        assert result.checklist.sha256[:16] in text


def test_pdf_contains_every_gap_note(rendered, example) -> None:
    _, _, _, text = rendered
    notes = [
        r.answer.note for res in example.results for r in res.items if r.answer and r.answer.note
    ]
    assert len(notes) > 10
    missing = [n for n in notes if squash(n) not in text]
    assert missing == []


def test_pdf_shows_sprs_score_and_closeout(rendered) -> None:
    lang, _, _, text = rendered
    assert "94/110" in text
    assert ("SPRSスコア" if lang == "ja" else "SPRSscore") in text


def test_fonts_are_embedded_and_subset(rendered) -> None:
    _, _, reader, _ = rendered
    fonts = {}
    for page in reader.pages[:3]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    assert fonts and all(fonts.values()), fonts
    assert all(re.match(r"/?[A-Z]{6}\+Report-Sans", name) for name in fonts), fonts


def test_pdf_metadata_and_language(rendered) -> None:
    lang, _, reader, _ = rendered
    assert reader.metadata.title.startswith("コンプライアンス" if lang == "ja" else "Compliance")
    assert reader.trailer["/Root"]["/Lang"] == lang


def test_pdf_has_bookmarks(rendered) -> None:
    _, _, reader, _ = rendered
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert len(titles) >= 4


def test_hostile_notes_render_as_text_and_fetch_nothing(catalog: Catalog, tmp_path: Path) -> None:
    from readiness.report.pdf import render_pdf

    canary = tmp_path / "secret.txt"
    canary.write_text("TOP-SECRET-CANARY", encoding="utf-8")
    payloads = [
        f'<img src="file://{canary}">',
        f'<link rel="stylesheet" href="file://{canary}">',
        "<style>body{background:url(http://127.0.0.1:9/x.png)}</style>",
        f"<svg><image href='file://{canary}'/></svg>",
        "</td></tr></table><script>alert(1)</script>",
    ]
    ids = [i.id for i in catalog.load_spec("cmmc-l1").items()]
    answers = {
        i: {"status": "not_met", "note": payloads[n % len(payloads)]} for n, i in enumerate(ids)
    }
    assessment = assess(Answers(answers_doc({"cmmc-l1": answers}), "<test>"), catalog)
    html = build_html(assessment, "en")
    assert "<img src" not in html and "<script>" not in html
    assert "&lt;img src=&#34;file://" in html
    pdf = render_pdf(html, "en")  # would raise RenderError had anything been fetched
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "TOP-SECRET-CANARY" not in text
    assert "<script>alert(1)</script>" in text.replace("\n", "")


def test_foreign_urls_in_html_fail_the_render() -> None:
    from readiness.report.pdf import render_pdf

    with pytest.raises(RenderError) as info:
        render_pdf('<html><body><img src="file:///etc/hostname"><p>x</p></body></html>', "en")
    assert "file:///etc/hostname" in str(info.value)


def test_hostile_checklist_text_is_escaped_and_fetches_nothing(tmp_path: Path) -> None:
    """A checklist maintainer's file cannot make the report read files or reach the network."""
    import shutil

    from readiness.formats.resources import resource
    from readiness.report.pdf import render_pdf

    root = tmp_path / "checklists"
    (root / "cmmc-l1").mkdir(parents=True)
    shutil.copy(resource("checklists", "profile.yaml"), root / "profile.yaml")
    text = resource("checklists", "cmmc-l1", "1.0.0.yaml").read_text(encoding="utf-8")
    payload = (
        "<img src='file:///etc/hostname'><link rel=stylesheet href='http://127.0.0.1:9/x.css'>"
    )
    text = text.replace("version: 1.0.0", "version: 1.0.1", 1).replace(
        "status: released", "status: draft", 1
    )
    text = text.replace("en: CMMC 2.0 Level 1 (FAR 52.204-21)", f'en: "CMMC L1 {payload}"', 1)
    (root / "cmmc-l1" / "1.0.1.yaml").write_text(text, encoding="utf-8")
    catalog = Catalog([root], use_cache=False)
    ids = [i.id for i in catalog.load_spec("cmmc-l1@1.0.1").items()]
    doc = answers_doc({"cmmc-l1": dict.fromkeys(ids, "met")})
    doc["checklists"]["cmmc-l1"]["version"] = "1.0.1"
    html = build_html(assess(Answers(doc, "<test>"), catalog), "en")
    assert "<img src='file" not in html and "&lt;img src=&#39;file:///etc/hostname&#39;&gt;" in html
    render_pdf(html, "en")  # raises RenderError if anything was fetched
