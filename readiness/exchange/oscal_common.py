"""What every OSCAL document we write shares: version, namespace, UUIDs, control ids, bytes.

UUIDs are version-5 (name-based) UUIDs, so the same inputs always give the same document: a
re-export is byte-identical and two exports diff cleanly. They name the subject (organisation,
checklist id@version, item id), never the moment; dates sit in `collected`, `start`, `deadline`.

Control ids: CMMC Level 2 and 3 items carry NIST numbers (`AC.L2-3.1.1` is SP 800-171 r2
requirement 3.1.1, `AC.L3-3.1.2e` is SP 800-172 3.1.2e). OSCAL ids are tokens that must start
with a letter or `_`, so a bare `3.1.1` is not allowed; we follow NIST's own generator, which
names controls `<CPRT framework id>_<requirement number>` (SP 800-171 r3:
`SP_800_171_03.01.01`), and write `SP_800_171_3.1.1` and `SP_800_172_3.1.2e`, with the plain
number as the `label` property and the CMMC id as `alt-identifier`. Every other item keeps its
own id (already a valid token), or gets a leading `_` if it starts with a digit.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any
from urllib.parse import quote

OSCAL_VERSION = "1.2.1"  # schemas/oscal/v1.2.1 (README there says why this one)
NS = "https://readiness.example/ns/oscal"  # our properties and parts
_UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, NS)

NIST_FRAMEWORKS = {"cmmc-l2": "SP_800_171", "cmmc-l3": "SP_800_172"}
_CMMC_ID = re.compile(r"^[A-Z]{2}\.L[23]-(?P<number>3\.\d+\.\d+e?)$")
_TOKEN = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")  # our ids are ASCII slugs
_URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def uid(kind: str, *names: str) -> str:
    """A stable UUID for one kind of object and the names that identify it."""
    return str(uuid.uuid5(_UUID_NAMESPACE, "\x1f".join((kind, *names))))


def one_line(text: Any) -> str:
    """Text fit for an OSCAL string or title: one line, no leading or trailing space."""
    return " ".join(str(text).split())


def timestamp(date: str) -> str:
    """An OSCAL date-time for a calendar date (midnight UTC: our dates carry no time)."""
    return f"{date}T00:00:00Z"


def prop(name: str, value: Any, *, ns: str | None = NS, cls: str | None = None) -> dict[str, Any]:
    """One property; `ns=None` for OSCAL's own names (label, sort-id, alt-identifier)."""
    out: dict[str, Any] = {"name": name}
    if ns:
        out["ns"] = ns
    out["value"] = one_line(str(value).lower() if isinstance(value, bool) else value)
    if cls:
        out["class"] = cls
    return out


def props(*items: tuple[str, Any] | dict[str, Any] | None) -> list[dict[str, Any]]:
    """Properties in our namespace from (name, value) pairs; blank values are left out."""
    out = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, dict):
            out.append(item)
            continue
        name, value = item
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        out.append(prop(name, value))
    return out


def ja_prop(name: str, text: dict[str, str] | None) -> dict[str, Any] | None:
    """The Japanese of a bilingual text as a property in our namespace (class `ja`)."""
    if not text or not str(text.get("ja", "")).strip():
        return None
    return prop(name, text["ja"], cls="ja")


def href(text: str) -> str | None:
    """A URI reference for an evidence entry that names a file or URL, else None (free text)."""
    text = text.strip()
    if not text or any(ch.isspace() for ch in text):
        return None
    safe = "/:?#@!$&'()*+,;=~-._" if _URI_SCHEME.match(text) else "/@!$&'()*+,;=~-._"
    return quote(text, safe=safe)


def nist_number(checklist_id: str, item_id: str) -> str | None:
    """The NIST requirement number of a CMMC Level 2/3 item (`3.1.1`, `3.1.2e`), else None."""
    match = _CMMC_ID.match(item_id)
    if checklist_id in NIST_FRAMEWORKS and match:
        return match["number"]
    return None


def control_id(checklist_id: str, item_id: str) -> str:
    """The OSCAL control id of an item (see the module docstring for the mapping)."""
    number = nist_number(checklist_id, item_id)
    if number:
        return f"{NIST_FRAMEWORKS[checklist_id]}_{number}"
    return item_id if _TOKEN.match(item_id) else f"_{item_id}"


def statement_id(checklist_id: str, item_id: str) -> str:
    """The id of a control's statement part: what a finding's target points at."""
    return f"{control_id(checklist_id, item_id)}_smt"


def sort_id(number: str) -> str:
    """NIST's zero-padded sort key: 3.1.2e -> 03.01.02e."""
    return ".".join(re.sub(r"^\d+", lambda m: m[0].zfill(2), p) for p in number.split("."))


def dump(document: dict[str, Any]) -> bytes:
    """The document's bytes: UTF-8 JSON, two-space indent, keys in the order built, final newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
