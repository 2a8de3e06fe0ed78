"""Small inline SVG charts for the report: no scripts, no external references, fixed sizes.

Only numbers and escaped labels go into the markup, so the output is safe to mark as HTML.
"""

from __future__ import annotations

from markupsafe import Markup, escape

COLORS = {"good": "#1e7b3a", "warn": "#a86400", "bad": "#b3261e", "muted": "#8a8a8a"}


def _svg(width: int, height: int, body: str, label: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
        f'<g font-family="Report Sans">{body}</g></svg>'
    )


def bars(rows: list[tuple[str, float | None, str]], label: str, width: int = 460) -> Markup:
    """Horizontal percentage bars: rows of (label, percent or None, colour class)."""
    row_h, label_w, bar_w = 20, 150, width - 150 - 48
    parts = []
    for n, (name, percent, klass) in enumerate(rows):
        y = n * row_h
        parts.append(
            f'<text x="0" y="{y + 14}" font-size="9" fill="#222">{escape(_clip(name, 30))}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="12" fill="#eceff3"/>'
        )
        if percent is not None:
            w = round(bar_w * max(0.0, min(percent, 100.0)) / 100, 1)
            color = COLORS.get(klass, COLORS["muted"])
            parts.append(
                f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="12" fill="{color}"/>'
                f'<text x="{label_w + bar_w + 4}" y="{y + 14}" font-size="9" fill="#222">'
                f"{percent:.0f}%</text>"
            )
        else:
            parts.append(
                f'<text x="{label_w + bar_w + 4}" y="{y + 14}" font-size="9" fill="#8a8a8a">—</text>'
            )
    return _svg(width, max(row_h * len(rows), row_h), "".join(parts), label)


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


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
