"""Which characters the bundled report font can draw, and a visible stand-in for the rest.

The coverage ships as ranges (`reports/fonts/coverage.txt`, generated from the fonts and
checked against them by a test), so answering costs a bisect, not a font parse.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from readiness.formats.resources import resource

REPLACEMENT = "〓"  # the geta mark: Japanese typesetting's sign for a missing glyph
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@cache
def _ranges() -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    text = resource("reports", "fonts", "coverage.txt").read_text(encoding="ascii")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            a, _, b = line.partition("-")
            starts.append(int(a, 16))
            ends.append(int(b, 16))
    return starts, ends


def drawable(char: str) -> bool:
    """True if the bundled fonts have a glyph for `char` (controls count as drawable)."""
    cp = ord(char)
    if cp < 0x20 or char in "\u2028\u2029":
        return True
    starts, ends = _ranges()
    i = bisect.bisect_right(starts, cp) - 1
    return i >= 0 and cp <= ends[i]


def missing(text: str) -> list[str]:
    """Distinct characters of `text` the report cannot draw, in order of first appearance."""
    if text.isascii():
        return []
    seen: dict[str, None] = {}
    for char in _NON_ASCII.findall(text):
        if char not in seen and not drawable(char):
            seen[char] = None
    return list(seen)


def replace_missing(text: str) -> str:
    """`text` with every character the fonts cannot draw shown as the geta mark."""
    table = {ord(c): REPLACEMENT for c in missing(text)}
    return text.translate(table) if table else text
