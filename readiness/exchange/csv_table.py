"""CSV files a spreadsheet opens safely: UTF-8 with a byte-order mark, no formula injection."""

from __future__ import annotations

import csv
import io
from typing import Any

_RISKY = ("=", "+", "-", "@", "\t", "\r", "'")


def escape(value: Any) -> str:
    """Cell text a spreadsheet will not run as a formula (OWASP's CSV-injection advice): text
    starting with = + - @, tab, CR or ' gets a leading ', which `unescape` removes again."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(_RISKY) else text


def unescape(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def write_table(header: list[str], rows: list[list[Any]]) -> bytes:
    """CSV bytes, UTF-8 with a byte-order mark so that Excel reads Japanese correctly."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([escape(v) for v in row])
    return out.getvalue().encode("utf-8-sig")
