"""An OSCAL catalog in XML, read into the shape of its JSON form (what `oscal_import` reads).

Only what a draft checklist needs is read: metadata (title, dates, version, links, parties and
who is responsible), groups, controls, parameters, properties, links, parts with their prose,
and back-matter resources. Prose markup becomes plain text (paragraphs, list items), and a
parameter insert becomes `{{ insert: param, ID }}` as in OSCAL JSON. Documents that declare a
DOCTYPE or entities are refused: an OSCAL catalog never needs them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from readiness.formats.messages import t
from readiness.formats.problems import InputError, Problem

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote"}
_LISTS = {"ul", "ol"}


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) == name]


def _child(el: ET.Element, name: str) -> ET.Element | None:
    found = _children(el, name)
    return found[0] if found else None


def _inline(el: ET.Element) -> str:
    """Text of a markup-line element, with parameter inserts kept as OSCAL JSON writes them."""
    out = [el.text or ""]
    for sub in el:
        if _local(sub.tag) == "insert":
            out.append(f"{{{{ insert: {sub.get('type', 'param')}, {sub.get('id-ref', '')} }}}}")
        else:
            out.append(_inline(sub))
        out.append(sub.tail or "")
    return " ".join("".join(out).split())


def _prose(el: ET.Element) -> str:
    """The block markup directly inside `el` as plain text: paragraphs and list items."""
    blocks: list[str] = []
    for sub in el:
        name = _local(sub.tag)
        if name in _BLOCKS:
            blocks.append(_inline(sub))
        elif name in _LISTS:
            blocks += [f"- {_inline(li)}" for li in sub if _local(li.tag) == "li"]
        elif name == "table":
            rows = [r for r in sub.iter() if _local(r.tag) == "tr"]
            blocks += [" | ".join(_inline(c) for c in r) for r in rows]
    return "\n\n".join(b for b in blocks if b)


def _text(el: ET.Element | None) -> str | None:
    return None if el is None else _inline(el)


def _props(el: ET.Element) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in p.attrib.items() if k in ("name", "value", "ns", "class")}
        for p in _children(el, "prop")
    ]


def _links(el: ET.Element) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in a.attrib.items() if k in ("href", "rel")} | _maybe("text", _text(a))
        for a in _children(el, "link")
    ]


def _maybe(key: str, value: Any) -> dict[str, Any]:
    return {key: value} if value else {}


def _part(el: ET.Element) -> dict[str, Any]:
    out: dict[str, Any] = {k: v for k, v in el.attrib.items() if k in ("id", "name", "ns", "class")}
    out |= _maybe("title", _text(_child(el, "title")))
    out |= _maybe("props", _props(el))
    out |= _maybe("prose", _prose(el))
    out |= _maybe("parts", [_part(p) for p in _children(el, "part")])
    out |= _maybe("links", _links(el))
    return out


def _param(el: ET.Element) -> dict[str, Any]:
    out: dict[str, Any] = {"id": el.get("id", "")}
    out |= _maybe("label", _text(_child(el, "label")))
    out |= _maybe("usage", _prose(u) if (u := _child(el, "usage")) is not None else None)
    out |= _maybe("values", [_inline(v) for v in _children(el, "value")])
    select = _child(el, "select")
    if select is not None:
        out["select"] = {"choice": [_inline(c) for c in _children(select, "choice")]}
        out["select"] |= _maybe("how-many", select.get("how-many"))
    return out


def _control(el: ET.Element) -> dict[str, Any]:
    out: dict[str, Any] = {k: v for k, v in el.attrib.items() if k in ("id", "class")}
    out["title"] = _text(_child(el, "title")) or ""
    out |= _maybe("params", [_param(p) for p in _children(el, "param")])
    out |= _maybe("props", _props(el))
    out |= _maybe("links", _links(el))
    out |= _maybe("parts", [_part(p) for p in _children(el, "part")])
    out |= _maybe("controls", [_control(c) for c in _children(el, "control")])
    return out


def _group(el: ET.Element) -> dict[str, Any]:
    out = _control(el)
    out |= _maybe("groups", [_group(g) for g in _children(el, "group")])
    return out


def _metadata(el: ET.Element | None) -> dict[str, Any]:
    if el is None:
        return {}
    out: dict[str, Any] = {}
    for key in ("title", "published", "last-modified", "version", "oscal-version"):
        out |= _maybe(key, _text(_child(el, key)))
    out |= _maybe("links", _links(el))
    out |= _maybe(
        "parties",
        [
            {"uuid": p.get("uuid", ""), "name": _text(_child(p, "name")) or ""}
            for p in _children(el, "party")
        ],
    )
    out |= _maybe(
        "responsible-parties",
        [
            {
                "role-id": r.get("role-id", ""),
                "party-uuids": [_inline(u) for u in _children(r, "party-uuid")],
            }
            for r in _children(el, "responsible-party")
        ],
    )
    return out


def _resource(el: ET.Element) -> dict[str, Any]:
    out: dict[str, Any] = {"uuid": el.get("uuid", "")}
    out |= _maybe("title", _text(_child(el, "title")))
    out |= _maybe("rlinks", [{"href": r.get("href", "")} for r in _children(el, "rlink")])
    return out


def read_catalog(raw: bytes, label: str, lang: str = "en") -> dict[str, Any]:
    """`{"catalog": {...}}` in OSCAL JSON's shape, from the bytes of an OSCAL XML catalog."""
    upper = raw.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise InputError(
            [
                Problem(
                    file=label,
                    message=t(
                        lang,
                        "an OSCAL catalog has no DOCTYPE or entities; refused",
                        "OSCAL カタログに DOCTYPE やエンティティは不要です。読み込みを拒否しました",
                    ),
                    code="xml",
                )
            ]
        )
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError(
            [
                Problem(
                    file=label,
                    line=line,
                    column=column + 1,
                    message=t(
                        lang, f"not well-formed XML ({exc})", f"XML として読めません（{exc}）"
                    ),
                    code="xml",
                )
            ]
        ) from None
    if _local(root.tag) != "catalog":
        raise InputError(
            [
                Problem(
                    file=label,
                    message=t(
                        lang,
                        f"the root element is <{_local(root.tag)}>, not an OSCAL <catalog>",
                        f"ルート要素が <{_local(root.tag)}> です。OSCAL の <catalog> ではありません",
                    ),
                    code="not-a-catalog",
                )
            ]
        )
    back = _child(root, "back-matter")
    catalog: dict[str, Any] = {
        "uuid": root.get("uuid", ""),
        "metadata": _metadata(_child(root, "metadata")),
    }
    catalog |= _maybe("params", [_param(p) for p in _children(root, "param")])
    catalog |= _maybe("controls", [_control(c) for c in _children(root, "control")])
    catalog |= _maybe("groups", [_group(g) for g in _children(root, "group")])
    if back is not None:
        catalog["back-matter"] = {"resources": [_resource(r) for r in _children(back, "resource")]}
    return {"catalog": catalog}


def looks_like_xml(raw: bytes) -> bool:
    """Whether the bytes start (after a BOM and blanks) with markup rather than JSON."""
    return re.match(rb"^(\xef\xbb\xbf)?\s*<", raw) is not None
