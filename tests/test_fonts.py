"""The report's font chain: every character drawn by a bundled font, the same one on every machine."""

from __future__ import annotations

import io
from functools import cache

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from readiness.formats import glyphs
from readiness.formats.resources import resource
from readiness.report import fonts

FONTS = resource("reports", "fonts")


@cache
def _cmap(file: str) -> frozenset[int]:
    return frozenset(TTFont(str(FONTS / file)).getBestCmap())


def _listed() -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for starts, ends, keys in (glyphs._base_ranges(), glyphs._fallback_ranges()):
        for a, b, key in zip(starts, ends, keys, strict=True):
            out.setdefault(key, set()).update(range(a, b + 1))
    return out


@pytest.mark.parametrize("ranges", [glyphs._base_ranges, glyphs._fallback_ranges])
def test_coverage_ranges_are_sorted_and_disjoint(ranges) -> None:
    starts, ends, _ = ranges()
    assert all(a <= b for a, b in zip(starts, ends, strict=True))
    assert all(ends[i] < starts[i + 1] for i in range(len(starts) - 1))


def test_coverage_file_matches_the_bundled_fonts() -> None:
    listed = _listed()
    base = _cmap("BIZUDPGothic-Regular.ttf") & _cmap("BIZUDPGothic-Bold.ttf")
    assert listed["base"] == base
    owned_before = set(base)
    for font in glyphs.fallback_fonts():
        mine = listed[font["key"]]
        assert not (mine & owned_before), f"{font['key']} lists characters an earlier font owns"
        for face in font["faces"]:
            cmap = _cmap(face["file"])
            assert mine <= cmap, f"{face['file']} lacks characters coverage.txt gives it"
            # anything else it maps is an earlier font's (spaces, joiners it keeps for runs)
            assert not (cmap - mine - owned_before), f"{face['file']} draws unlisted characters"
        owned_before |= mine
    assert set(listed) == {"base"} | {f["key"] for f in glyphs.fallback_fonts()}


def test_fallback_fonts_carry_their_own_names_and_keep_a_space() -> None:
    """Renamed, so a copy of Noto installed on the machine can never stand in for one; each
    keeps U+0020 because Pango draws a space in the font of the text around it."""
    for font in glyphs.fallback_fonts():
        assert "Noto" not in font["family"]
        for face in font["faces"]:
            ttf = TTFont(str(FONTS / face["file"]))
            assert ttf["name"].getDebugName(1) == font["family"]
            assert 0x20 in ttf.getBestCmap()
    assert (FONTS / "fallback" / "OFL.txt").is_file()


@pytest.mark.parametrize(
    ("char", "key"),
    [("A", "base"), ("漢", "base"), ("ơ", "latin"), ("한", "cjk"), ("𠮷", "cjk"),
     ("🚀", "emoji"), ("😀", "emoji"), ("\u200d", "base"), ("\ufe0f", "base"), ("𓀀", None)],
)  # fmt: skip
def test_each_character_has_the_font_that_draws_it(char: str, key: str | None) -> None:
    assert glyphs.font_of(char) == key
    assert glyphs.drawable(char) is (key is not None)


def test_only_the_fallbacks_a_text_needs_are_loaded() -> None:
    assert glyphs.fallbacks_needed("株式会社 ABC") == []
    keys = [f["key"] for f in glyphs.fallbacks_needed("🚀 한국어 Nguyễn 𓀀")]
    assert keys == ["latin", "cjk", "emoji"]  # chain order; 𓀀 has no font at all
    plain = "<html><head></head><body>株式会社</body></html>"
    assert fonts.finish(plain) == plain  # no emoji, no fallback: the HTML is untouched
    css = fonts.fallback_css(glyphs.fallbacks_needed("한"))  # report.css's list, CJK slotted in
    assert 'font-family: "Report Sans", "Report Fallback CJK", "BIZ UDPGothic",' in css


def test_emoji_are_asked_for_in_text_style() -> None:
    assert glyphs.as_text_presentation("a 😀 b") == "a 😀\ufe0e b"
    assert glyphs.as_text_presentation("❤\ufe0f") == "❤\ufe0e"  # emoji style → text style
    assert glyphs.as_text_presentation("😀\ufe0e") == "😀\ufe0e"  # never twice
    assert glyphs.as_text_presentation("😀\ufe0e 😀") == "😀\ufe0e 😀\ufe0e"  # each one
    assert glyphs.as_text_presentation("☺ © 1") == "☺ © 1"  # text by default: untouched


def _pdf_fonts(pdf: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return {
        str(f.get_object()["/BaseFont"]).split("+", 1)[-1]
        for page in reader.pages
        for f in (page["/Resources"].get("/Font") or {}).values()
    }


@pytest.mark.slow
def test_hangul_extension_kanji_and_emoji_render_from_bundled_fonts_only() -> None:
    from readiness import api

    text = "🚀 𠮷 한국어 😀 ❤\ufe0f 🇯🇵 👨\u200d👩\u200d👧 Nguyễn ∮ ⌘ ⚠\ufe0f 𓀀"
    body = f"<h1>{text}</h1><p>{text}</p><p><b>{text}</b></p>"
    html = fonts.finish(f'<html><head><link rel="stylesheet" href="asset:report.css"></head>'
                        f'<body>{glyphs.replace_missing(body)}</body></html>')  # fmt: skip
    pdf = api.render_pdf(html, "en")  # any .notdef or refused font fails the render
    used = _pdf_fonts(pdf)
    # never a font the machine happens to have: `./dev test` installs Noto Color Emoji and
    # Nanum beside Debian's DejaVu, each of which Pango would otherwise take for some of these
    assert used and all(name.startswith("Report-") for name in used), used
    assert {"Report-Fallback-CJK", "Report-Fallback-Emoji", "Report-Fallback-Latin"} <= used
    pages = PdfReader(io.BytesIO(pdf)).pages
    extracted = "".join(p.extract_text() for p in pages).replace("\ufe0e", "")
    for word in ("🚀", "𠮷", "한국어", "Nguyễn", "〓"):
        assert word in extracted
    assert api.render_pdf(html, "en") == pdf  # same bytes every time


def test_validate_warns_about_checklist_text_the_report_cannot_show(tmp_path) -> None:
    from click.testing import CliRunner

    from readiness.cli import cli

    text = resource("checklists", "jp-cesi", "1.2.0.yaml").read_text(encoding="utf-8")
    text = text.replace("status: released", "status: draft").replace(
        "  en: Japan security clearance", "  en: 𓀀 Japan security clearance", 1
    )
    draft = tmp_path / "jp-cesi" / "1.3.0.yaml"
    draft.parent.mkdir()
    draft.write_text(text.replace('version: "1.2.0"', 'version: "1.3.0"', 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "en", "validate", str(draft)])
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "𓀀" in row)
    assert f"{draft}:{line}:" in result.output
    assert "the report cannot show 𓀀 (U+13000)" in result.output
