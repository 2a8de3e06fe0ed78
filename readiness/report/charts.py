"""Small inline SVG charts for the report: no scripts, no external references, fixed sizes.

Only numbers and escaped labels go into the markup, so the output is safe to mark as HTML.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

from readiness.formats import glyphs

COLORS = {"good": "#1e7b3a", "warn": "#a86400", "bad": "#b3261e", "muted": "#8a8a8a"}


def _svg(width: int, height: int, body: str, label: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
        f'<g font-family="{_FAMILIES}">{body}</g></svg>'
    )


# the report's font chain (a fallback is declared only when the report's text needs it)
_FAMILIES = ", ".join(["Report Sans"] + [f["family"] for f in glyphs.fallback_fonts()])


def bars(rows: list[tuple[str, float | None, str]], label: str, width: int = 460) -> Markup:
    """Horizontal percentage bars: rows of (label, percent or None, colour class).

    Long labels wrap onto more lines (the row grows); a label is never cut.
    """
    line_h, label_w, bar_w = 11, 150, width - 150 - 48
    parts = []
    y = 0
    for name, percent, klass in rows:
        lines = wrap(name, LABEL_UNITS)
        row_h = max(20, line_h * len(lines) + 9)
        mid = y + row_h / 2
        first = mid - (len(lines) - 1) * line_h / 2 + 3
        spans = "".join(
            f'<tspan x="0" y="{round(first + i * line_h, 1)}">{escape(text)}</tspan>'
            for i, text in enumerate(lines)
        )
        parts.append(
            f'<text font-size="9" fill="#222">{spans}</text>'
            f'<rect x="{label_w}" y="{round(mid - 6, 1)}" width="{bar_w}" height="12" fill="#eceff3"/>'
        )
        if percent is not None:
            w = round(bar_w * max(0.0, min(percent, 100.0)) / 100, 1)
            color = COLORS.get(klass, COLORS["muted"])
            parts.append(
                f'<rect x="{label_w}" y="{round(mid - 6, 1)}" width="{w}" height="12" fill="{color}"/>'
                f'<text x="{label_w + bar_w + 4}" y="{round(mid + 3, 1)}" font-size="9" fill="#222">'
                f"{percent:.0f}%</text>"
            )
        else:
            parts.append(
                f'<text x="{label_w + bar_w + 4}" y="{round(mid + 3, 1)}" font-size="9" '
                'fill="#8a8a8a">—</text>'
            )
        y += row_h
    return _svg(width, max(y, 20), "".join(parts), label)


LABEL_UNITS = 30  # a label line holds about 30 Latin letters, or 15 kanji, at 9 pt in 150 px


def _units(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def wrap(text: str, units: int) -> list[str]:
    """Break `text` into lines of at most `units` (wide characters count two), at spaces when
    there are any; every character is kept."""
    lines: list[str] = []
    line, used = "", 0
    for word in re.findall(r"\S+\s*|\s+", text):
        size = sum(_units(c) for c in word.rstrip())
        if used and used + size > units:
            lines.append(line.rstrip())
            line, used = "", 0
        while size > units:  # a word wider than a line (Japanese has no spaces): cut it up
            head, width = "", 0
            for char in word:
                if width + _units(char) > units - used:
                    break
                head += char
                width += _units(char)
            lines.append((line + head).rstrip())
            word = word[len(head) :]
            line, used = "", 0
            size = sum(_units(c) for c in word.rstrip())
        line += word
        used += sum(_units(c) for c in word)
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def score_scale(
    score: int | None, low: int, high: int, marks: list[tuple[int, str]], label: str
) -> Markup:
    """A score on its full range (e.g. SPRS −203…110) with threshold marks (88, 110)."""
    width, height, left, right = 460, 46, 10, 450
    span = high - low

    def x(v: int) -> float:
        return round(left + (right - left) * (v - low) / span, 1)

    parts = [f'<rect x="{left}" y="14" width="{right - left}" height="10" fill="#eceff3"/>']
    for value, name in marks:
        parts.append(
            f'<line x1="{x(value)}" y1="8" x2="{x(value)}" y2="30" stroke="#1f4e79" '
            f'stroke-width="1"/><text x="{x(value) - 2}" y="40" font-size="8" fill="#1f4e79" '
            f'text-anchor="end">{escape(name)}</text>'
        )
    parts.append(f'<text x="{left}" y="40" font-size="8" fill="#666">{low}</text>')
    if score is not None:
        color = (
            COLORS["good"]
            if score >= high
            else COLORS["warn"]
            if score >= marks[0][0]
            else COLORS["bad"]
        )
        parts.append(
            f'<rect x="{left}" y="14" width="{x(score) - left}" height="10" fill="{color}"/>'
            f'<text x="{min(x(score) + 3, right - 20)}" y="10" font-size="9" font-weight="bold" '
            f'fill="{color}">{score}</text>'
        )
    return _svg(width, height, "".join(parts), label)
