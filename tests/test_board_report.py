"""The board report is the default: short, one verdict per regime, top gaps, a roadmap."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from readiness import api
from readiness.report.html import build_html, natural
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def example():
    catalog = api.load_catalog()
    answers, _ = api.load_answers(EXAMPLE, catalog)
    return api.assess(answers, catalog)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_board_report_is_at_most_25_pages(example, lang: str) -> None:
    pdf = api.render_pdf(build_html(example, lang), lang)
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 25


def test_out_of_scope_checklists_take_one_line_and_no_pages(example) -> None:
    html = build_html(example, "en")
    assert 'id="cl-cmmc-l3"' not in html and "cmmc-l3@1.1.0" in html  # in the summary table
    assert 'href="#cl-cmmc-l3"' not in html  # no dead link either


def test_board_shows_top_gaps_and_full_shows_all(example) -> None:
    board, full = build_html(example, "en"), build_html(example, "en", full=True)
    assert "Top 5 of" in board and "readiness report --full" in board
    assert 'id="answers"' not in board and 'id="answers"' in full
    assert board.count('<span class="met">') < full.count('<span class="met">')
    assert 'id="method"' in board and "This tool&#39;s heuristic" in board


def test_requirement_ids_sort_naturally() -> None:
    ids = ["AC.L2-3.1.10", "AC.L2-3.1.4", "AC.L2-3.1.2"]
    assert sorted(ids, key=natural) == ["AC.L2-3.1.2", "AC.L2-3.1.4", "AC.L2-3.1.10"]


def test_glossary_sorts_in_the_report_language_without_duplicates(example) -> None:
    html = build_html(example, "ja", full=True)
    table = html.split('class="glossary"', 1)[1].split("</table>", 1)[0]
    terms = re.findall(r"<tr><td>(.*?)</td>", table)
    assert len(terms) == len(set(terms))
    assert terms == sorted(terms, key=str.lower)


def test_emptying_any_block_still_renders(tmp_path, example) -> None:
    from readiness.report.html import build_html as build

    for block in ("cover", "toc", "summary", "method", "checklists", "roadmap", "appendix"):
        folder = tmp_path / block
        folder.mkdir()
        (folder / "report.html.j2").write_text(
            '{% extends "default/report.html.j2" %}{% block ' + block + " %}{% endblock %}",
            encoding="utf-8",
        )
        html = build(example, "en", templates=folder, full=True)
        for anchor in re.findall(r'href="#([^"]+)"', html):
            assert f'id="{anchor}"' in html, (block, anchor)
        api.render_pdf(html, "en")  # no undefined anchors, nothing logged


def test_pdf_author_is_the_advisor_when_branded(example) -> None:
    from readiness.formats.branding import Branding

    html = build_html(example, "en", branding=Branding(firm="Sakura Advisory LLC"))
    pdf = PdfReader(io.BytesIO(api.render_pdf(html, "en")))
    assert pdf.metadata.author == "Sakura Advisory LLC"


def test_any_character_renders_with_a_visible_stand_in(tmp_path) -> None:
    import subprocess
    import sys

    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["organisation"]["name"] = "Soratobi 🚀"
    answers = data["checklists"]["jp-cesi"]["answers"]
    answers["CESI-PRO-02"]["note"] = "🚀 𠮷 한국어 𓀀 " + answers["CESI-PRO-02"]["note"]
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "readiness", "report", str(path), "-o", str(tmp_path / "r.pdf"), "--full"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # the bundled fallback fonts draw the rocket, the extension kanji and the Hangul; only
    # the hieroglyph, which no bundled font has, becomes the geta mark, with its position
    assert f"{path}:" in result.stderr and "U+13000" in result.stderr and "〓" in result.stderr
    assert "U+20BB7" not in result.stderr and "U+1F680" not in result.stderr
    pages = PdfReader(str(tmp_path / "r.pdf")).pages
    text = "".join(p.extract_text() for p in pages).replace("\ufe0e", "")  # text-style emoji
    assert "〓" in text and "𓀀" not in text
    assert all(word in text for word in ("Soratobi 🚀", "🚀 𠮷 한국어"))


@pytest.mark.slow
# WeasyPrint 70 leaves its sRGB ICC profile file open when it writes PDF/A (its bug, not ours)
@pytest.mark.filterwarnings("ignore:unclosed file.*sRGB2014:ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize(
    ("variant", "lang", "marker"),
    [("pdf/a-3b", "en", 'pdfaid:part="3"'), ("pdf/ua-1", "ja", 'pdfuaid:part="1"')],
)
def test_archival_and_accessible_variants(example, variant: str, lang: str, marker: str) -> None:
    pdf = PdfReader(io.BytesIO(api.render_pdf(build_html(example, lang), lang, variant)))
    root = pdf.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert marker in xmp and root["/Lang"] == lang
    fonts = {
        f.get_object()["/BaseFont"]
        for page in pdf.pages[:3]
        for f in (page["/Resources"].get("/Font") or {}).values()
    }
    assert fonts and all("+" in str(name) for name in fonts)  # embedded subsets


def test_every_chart_label_is_kept_whole() -> None:
    from readiness.report.charts import bars

    labels = [
        "Identification and Authentication",
        "（800-171 3.1）アクセス制御の徹底と管理責任者の任命",
        "x" * 80,
    ]
    svg = str(bars([(name, 50.0, "good") for name in labels], "t"))
    spans = "".join(re.findall(r"<tspan[^>]*>(.*?)</tspan>", svg))
    for name in labels:
        assert name.replace(" ", "") in spans.replace(" ", ""), name


def test_standalone_html_loads_nothing_a_browser_cannot(example) -> None:
    html = build_html(example, "en", standalone=True)
    assert "asset:" not in html and "@font-face" not in html
    assert "sans-serif" in html  # falls back to the system's fonts
