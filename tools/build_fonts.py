"""Build the report's fallback fonts and the coverage table from openly licensed sources.

The bundled BIZ UDPGothic draws Japanese and Latin text but not Hangul, Chinese-only or
extension kanji (𠮷), most symbols or emoji. Each fallback here is an OFL font cut down to
the characters that the fonts before it in the chain lack, renamed so that a copy installed on
the machine can never stand in for it. The result is committed (`reports/fonts/fallback/`),
so every machine renders the same glyphs; this script is only for maintainers refreshing it:

    ./dev fonts            # downloads the sources (Debian and npm packages), then runs this

Inputs: a folder with the Debian packages fonts-noto-core, fonts-noto-cjk and unicode-data
unpacked (`dpkg-deb -x`), and the npm package @fontsource/noto-emoji unpacked (its `package/`).
Outputs: `fallback/*.woff2`, `fallback.json` (the chain, read by the report),
`coverage.txt` and `coverage-fallback.txt` (which font draws each code point, read by
`readiness.formats.glyphs`) and
`emoji-presentation.txt` (characters to be asked for in text style).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

NOTO = "usr/share/fonts/truetype/noto"
CJK = "usr/share/fonts/opentype/noto"
LICENSE = "OFL-1.1 (SIL Open Font License 1.1); see reports/fonts/fallback/OFL.txt"

# (key, family, faces as (weight, source)): order is the fallback order after the base font.
CHAIN = [
    ("latin", "Report Fallback Latin", [("normal", f"{NOTO}/NotoSans-Regular.ttf"),
                                        ("bold", f"{NOTO}/NotoSans-Bold.ttf")]),
    ("cjk", "Report Fallback CJK", [("normal", f"{CJK}/NotoSansCJK-Regular.ttc#JP")]),
    ("emoji", "Report Fallback Emoji", [("normal", "fontsource:noto-emoji-400")]),
    ("symbols2", "Report Fallback Symbols 2",
     [("normal", f"{NOTO}/NotoSansSymbols2-Regular.ttf")]),
    ("symbols", "Report Fallback Symbols", [("normal", f"{NOTO}/NotoSansSymbols-Regular.ttf"),
                                            ("bold", f"{NOTO}/NotoSansSymbols-Bold.ttf")]),
    ("math", "Report Fallback Math", [("normal", f"{NOTO}/NotoSansMath-Regular.ttf")]),
]  # fmt: skip
SOURCES = {
    "latin": "Noto Sans 2.x, Debian fonts-noto-core 20201225-1",
    "cjk": "Noto Sans CJK JP 2.004, Debian fonts-noto-cjk 1:20220127+repack1-1",
    "emoji": "Noto Emoji (monochrome), npm @fontsource/noto-emoji 5.3.2",
    "symbols2": "Noto Sans Symbols 2, Debian fonts-noto-core 20201225-1",
    "symbols": "Noto Sans Symbols, Debian fonts-noto-core 20201225-1",
    "math": "Noto Sans Math, Debian fonts-noto-core 20201225-1",
}
BASE = ["BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf"]
# Kept in every fallback that has them although an earlier font owns them: Pango draws a
# space or an invisible format character in the font of the text around it, so a fallback
# without U+0020 would print .notdef between two emoji (HarfBuzz derives the other widths
# of space from U+0020).
NEUTRAL = {0x20, 0xA0, 0x3000, *range(0x200B, 0x2010), *range(0x2060, 0x2065),
           *range(0xFE00, 0xFE10), 0xFEFF}  # fmt: skip


def _open(source: str, debs: Path, emoji: Path) -> TTFont:
    if source.startswith("fontsource:"):
        return _emoji(emoji)
    path, _, region = source.partition("#")
    if region:
        for font in TTCollection(str(debs / path), recalcTimestamp=False).fonts:
            if font["name"].getDebugName(4).endswith(f" {region}"):
                return font
        raise SystemExit(f"no {region} face in {path}")
    return TTFont(str(debs / path), recalcTimestamp=False)


def _emoji(package: Path) -> TTFont:
    """Google Fonts' whole-font slice of Noto Emoji (the numbered slices are parts of it)."""
    return TTFont(
        str(package / "files" / "noto-emoji-emoji-400-normal.woff2"), recalcTimestamp=False
    )


def _emoji_presentation(debs: Path) -> set[int]:
    """Characters Pango sends to the system's "emoji" fonts unless told to draw them as text:
    Emoji_Presentation and Emoji_Modifier_Base in Unicode's emoji-data.txt."""
    out: set[int] = set()
    text = (debs / "usr/share/unicode/emoji/emoji-data.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        fields = line.split("#")[0].split(";")
        if len(fields) == 2 and fields[1].strip() in ("Emoji_Presentation", "Emoji_Modifier_Base"):
            a, _, b = fields[0].strip().partition("..")
            out.update(range(int(a, 16), int(b or a, 16) + 1))
    return out


def _cmap(font: TTFont) -> set[int]:
    return set(font.getBestCmap())


def _rename(font: TTFont, family: str, weight: str) -> None:
    """Our family name, so the fallback never resolves to (or is confused with) a system copy;
    the copyright and licence records are kept, as the OFL asks."""
    style = "Bold" if weight == "bold" else "Regular"
    ps = family.replace(" ", "") + "-" + style
    names = {1: family, 2: style, 3: f"{ps};readiness-subset", 4: f"{family} {style}", 6: ps,
             16: family, 17: style}  # fmt: skip
    table = font["name"]
    for rec in list(table.names):
        if rec.nameID in names or rec.nameID in (21, 22):
            table.removeNames(nameID=rec.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [ps]
        top = cff.topDictIndex[0]
        top.FamilyName, top.FullName = family, f"{family} {style}"


def _subset(font: TTFont, codepoints: set[int]) -> None:
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.drop_tables += ["DSIG"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=codepoints)
    sub.subset(font)


def _match_space(font: TTFont, space_em: float) -> None:
    """Give the fallback's spaces the base font's width: Pango draws a space after an emoji
    in the emoji font, whose own space is 1.27 em wide."""
    upm = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    for cp in (0x20, 0xA0):
        if cp in cmap:
            _, lsb = font["hmtx"][cmap[cp]]
            font["hmtx"][cmap[cp]] = (round(space_em * upm), lsb)


def _ranges(codepoints: set[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for cp in sorted(codepoints):
        if out and out[-1][1] == cp - 1:
            out[-1] = (out[-1][0], cp)
        else:
            out.append((cp, cp))
    return out


def build(debs: Path, emoji: Path, fonts: Path) -> None:
    base_fonts = [TTFont(str(fonts / f)) for f in BASE]
    base = set.intersection(*(_cmap(f) for f in base_fonts))
    first = base_fonts[0]
    space_em = first["hmtx"][first.getBestCmap()[0x20]][0] / first["head"].unitsPerEm
    covered = set(base)
    owners: list[tuple[str, set[int]]] = [("base", base)]
    chain = []
    out_dir = fonts / "fallback"
    out_dir.mkdir(exist_ok=True)
    for key, family, faces in CHAIN:
        opened = [(weight, _open(src, debs, emoji)) for weight, src in faces]
        # every face of a family must draw the same characters (bold falls back as a whole)
        mine = set.intersection(*(_cmap(f) for _, f in opened)) - covered
        mine = {cp for cp in mine if cp > 0x20 and not 0x7F <= cp <= 0x9F}  # no controls
        files = []
        for weight, font in opened:
            _subset(font, mine | (_cmap(font) & NEUTRAL))
            _match_space(font, space_em)
            _rename(font, family, weight)
            font.flavor = "woff2"
            name = f"{family.replace(' ', '')}-{'Bold' if weight == 'bold' else 'Regular'}.woff2"
            font.save(str(out_dir / name))
            files.append({"weight": weight, "file": f"fallback/{name}"})
            print(f"{name}: {len(mine)} code points, {(out_dir / name).stat().st_size} bytes")
        chain.append({"key": key, "family": family, "faces": files, "source": SOURCES[key],
                      "license": LICENSE})  # fmt: skip
        owners.append((key, mine))
        covered |= mine
    (fonts / "fallback.json").write_text(json.dumps(chain, indent=2) + "\n", encoding="utf-8")
    # two files, so that text the base font draws (nearly all) never parses the fallbacks
    lines = [
        "# Code points both bundled BIZ UDPGothic faces draw, as hex ranges. Generated by",
        "# tools/build_fonts.py; tests/test_fonts.py checks it against the font files.",
    ]
    lines += [f"{a:X}-{b:X}" for a, b in _ranges(base)]
    (fonts / "coverage.txt").write_text("\n".join(lines) + "\n", encoding="ascii")
    lines = [
        "# Code points only a fallback font draws: hex range, then the key of the first font in",
        "# fallback.json that has them. Generated by tools/build_fonts.py; tests/test_fonts.py checks",
        "# it against the font files.",
    ]
    rows = [(a, b, key) for key, cps in owners[1:] for a, b in _ranges(cps)]
    lines += [f"{a:X}-{b:X} {key}" for a, b, key in sorted(rows)]
    (fonts / "coverage-fallback.txt").write_text("\n".join(lines) + "\n", encoding="ascii")
    lines = [
        "# Code points Pango would draw from the machine's emoji fonts (Unicode 15.0",
        "# emoji-data.txt: Emoji_Presentation and Emoji_Modifier_Base); the report asks for",
        "# text presentation (U+FE0E) after each, so the bundled emoji font draws them.",
    ]
    lines += [f"{a:X}-{b:X}" for a, b in _ranges(_emoji_presentation(debs))]
    (fonts / "emoji-presentation.txt").write_text("\n".join(lines) + "\n", encoding="ascii")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("debs", type=Path, help="folder with the unpacked Debian font packages")
    parser.add_argument("emoji", type=Path, help="unpacked @fontsource/noto-emoji package")
    parser.add_argument(
        "--fonts", type=Path, default=Path(__file__).parent.parent / "reports" / "fonts"
    )
    args = parser.parse_args(argv)
    build(args.debs, args.emoji, args.fonts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
