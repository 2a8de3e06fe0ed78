"""Make report HTML drawable with the bundled fonts alone, loading only what the text needs.

A character no bundled font has becomes the geta mark (validate warns about each one with its
position). Fallback fonts (Hangul, extension kanji, emoji, symbols, more Latin) are declared
only when the text uses them: they cost a fraction of a second each to load, and a report
without such characters keeps exactly the bytes it had before the chain existed.
"""

from __future__ import annotations

import re
from functools import cache

from readiness.formats import glyphs
from readiness.formats.resources import resource

_BASE_FAMILY = '"Report Sans"'


@cache
def _stylesheet_families() -> str:
    """The font list of report.css's `html` rule (one place says which fonts a report uses)."""
    css = resource("reports", "report.css").read_text(encoding="utf-8")
    found = re.search(r"^html \{ font-family: ([^;]+);", css, re.M)
    return found.group(1) if found else _BASE_FAMILY


def fallback_css(fonts: list[dict]) -> str:
    """@font-face rules for `fonts` and the font list with them after the base font."""
    rules = [
        f'@font-face {{ font-family: "{f["family"]}"; src: url("asset:fonts/{face["file"]}"); '
        f"font-weight: {face['weight']}; }}"
        for f in fonts
        for face in f["faces"]
    ]
    added = "".join(f', "{f["family"]}"' for f in fonts)  # right after the bundled base font
    families = _stylesheet_families().replace(_BASE_FAMILY, _BASE_FAMILY + added, 1)
    rules.append(f"html {{ font-family: {families}; }}")
    return "\n".join(rules)


def finish(html: str, *, standalone: bool = False) -> str:
    """`html` with undrawable characters replaced and the fallback fonts it needs declared,
    emoji asked for in text style (see `glyphs.as_text_presentation`).

    A standalone HTML file (opened in a browser, which cannot load `asset:` URLs) gets
    neither: the browser's own fonts draw what the system font list does not."""
    html = glyphs.replace_missing(html)
    if standalone:
        return html
    html = glyphs.as_text_presentation(html)
    fonts = glyphs.fallbacks_needed(html)
    if not fonts:
        return html
    style = f"<style>\n{fallback_css(fonts)}\n</style>\n"
    head_end = html.find("</head>")
    if head_end < 0:  # a custom template without a head: the style still applies in body
        return style + html
    return html[:head_end] + style + html[head_end:]
