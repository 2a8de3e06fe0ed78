"""A checklist version as an OSCAL catalog, so GRC tools can load our requirements.

Sections become groups and items become controls. English is the main text (OSCAL has one
language per document): the control's title, its `statement` part (the question a founder
answers), its `guidance` part (what "met" means) and a `remediation` part in our namespace.
The Japanese sits beside it, marked as ours: a `translation` part (class `ja`) per control
with the Japanese title, question, guidance and remediation, and `title` properties of class
`ja` on groups and the catalog. Scoring data (points, POA&M rule, weight, effort) are
properties in our namespace; references are links to back-matter resources, one per source.
Control ids for CMMC follow NIST numbering (see `oscal_common`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from readiness.content.model import Checklist, Item, Section, Text, tr
from readiness.exchange.oscal_common import (
    NS,
    OSCAL_VERSION,
    control_id,
    ja_prop,
    nist_number,
    one_line,
    prop,
    props,
    sort_id,
    statement_id,
    timestamp,
    uid,
)

# Item fields exported as properties in our namespace: (field, property name).
_ITEM_PROPS = (
    ("effort", "effort"),
    ("weight", "weight"),
    ("verification", "verification"),
    ("points", "points"),
    ("partial_points", "partial-points"),
    ("poam", "poam"),
)
_FLAGS = (("blocking", True, "blocking"), ("gate", True, "gate"), ("allow_na", False, "allow-na"))


def catalog_date(checklist: Checklist, today: str | None = None) -> str:
    """The date a catalog carries: the release date, else the newest changelog entry's, else today."""
    if checklist.data.get("released"):
        return checklist.data["released"]
    dates = [c["date"] for c in checklist.data.get("changelog") or []]
    return max(dates) if dates else today or dt.date.today().isoformat()


def catalog(checklist: Checklist, today: str | None = None) -> dict[str, Any]:
    """The OSCAL catalog document (a dict ready for `oscal_common.dump`)."""
    ref = checklist.ref
    data = checklist.data
    scoring = checklist.scoring
    metadata: dict[str, Any] = {"title": one_line(tr(checklist.title, "en") or ref)}
    if data.get("released"):
        metadata["published"] = timestamp(data["released"])
    metadata.update(
        {
            "last-modified": timestamp(catalog_date(checklist, today)),
            "version": checklist.version,
            "oscal-version": OSCAL_VERSION,
            "document-ids": [{"scheme": f"{NS}/checklist", "identifier": ref}],
            "props": props(
                ja_prop("title", checklist.title),
                ("checklist-id", checklist.id),
                ("checklist-version", checklist.version),
                ("checklist-status", checklist.status),
                ("checklist-sha256", checklist.sha256),
                ("regime", data["regime"]),
                ("scoring-method", scoring["method"]),
                ("max-score", scoring.get("max_score")),
                ("conditional-min-ratio", scoring.get("conditional_min_ratio")),
                ("poam-closeout-days", scoring.get("poam_closeout_days")),
                ("ready-percent", scoring.get("ready_percent")),
                ("nearly-ready-percent", scoring.get("conditional_percent")),
            ),
        }
    )
    summary = [data["summary"].get(lang, "").strip() for lang in ("en", "ja")]
    if any(summary):
        metadata["remarks"] = "\n\n".join(s for s in summary if s)
    resources = {s: uid("resource", ref, s) for s in checklist.sources}
    return {
        "catalog": {
            "uuid": uid("catalog", ref),
            "metadata": metadata,
            "groups": [
                _group(checklist, s, si, resources) for si, s in enumerate(checklist.sections)
            ],
            "back-matter": {"resources": _resources(checklist, resources)},
        }
    }


def _group(
    checklist: Checklist, section: Section, si: int, resources: dict[str, str]
) -> dict[str, Any]:
    numbers = [nist_number(checklist.id, i.id) for i in section.items]
    families = {n.rsplit(".", 1)[0] for n in numbers if n}
    label = families.pop() if len(families) == 1 and all(numbers) else section.id
    return {
        "id": control_id(checklist.id, section.id),
        "class": "section",
        "title": one_line(tr(section.title, "en") or section.id),
        "props": [
            prop("label", label, ns=None),
            prop("sort-id", sort_id(label) if label != section.id else f"{si + 1:02d}", ns=None),
            *props(ja_prop("title", section.title)),
        ],
        "controls": [
            _control(checklist, item, si, ii, resources) for ii, item in enumerate(section.items)
        ],
    }


def _control(
    checklist: Checklist, item: Item, si: int, ii: int, resources: dict[str, str]
) -> dict[str, Any]:
    cid = control_id(checklist.id, item.id)
    number = nist_number(checklist.id, item.id)
    official = item.data.get("official_title")
    title = official or item.title
    control_props = [
        prop("label", number or item.id, ns=None),
        prop("sort-id", sort_id(number) if number else f"{si + 1:02d}.{ii + 1:03d}", ns=None),
    ]
    if cid != item.id:
        control_props.append(prop("alt-identifier", item.id, ns=None))
    control_props += props(
        ("item-id", item.id),
        ja_prop("title", title),
        ("plain-title", item.title.get("en")) if official else None,
        ja_prop("plain-title", item.title) if official else None,
        *((name, item.data.get(field)) for field, name in _ITEM_PROPS),
        *((name, value) for field, value, name in _FLAGS if item.data.get(field) is value),
        *(("same-as", target) for target in item.same_as),
    )
    links = [
        {"href": f"#{resources[r['source']]}", "rel": "reference", "text": one_line(r["section"])}
        for r in item.references
        if r["source"] in resources
    ]
    return {
        "id": cid,
        "class": "requirement",
        "title": one_line(tr(title, "en") or item.id),
        "props": control_props,
        "links": links,
        "parts": [
            {
                "id": statement_id(checklist.id, item.id),
                "name": "statement",
                "prose": tr(item.question, "en"),
            },
            {"id": f"{cid}_gdn", "name": "guidance", "prose": tr(item.guidance, "en")},
            {
                "id": f"{cid}_rem",
                "name": "remediation",
                "ns": NS,
                "prose": tr(item.remediation, "en"),
            },
            *_japanese(cid, item, title),
        ],
    }


def _japanese(cid: str, item: Item, title: Text) -> list[dict[str, Any]]:
    """The control's Japanese, together in one part of ours (OSCAL has no per-text language).

    A draft whose Japanese is still missing gets no such part (or only the texts it has).
    """
    parts = [
        {"name": name, "ns": NS, "class": "ja", "prose": item.data[field]["ja"]}
        for name, field in (
            ("statement", "question"),
            ("guidance", "guidance"),
            ("remediation", "remediation"),
        )
        if str(item.data[field].get("ja", "")).strip()
    ]
    heading = one_line(title.get("ja", ""))
    if not parts and not heading:
        return []
    part: dict[str, Any] = {"id": f"{cid}_ja", "name": "translation", "ns": NS, "class": "ja"}
    if heading:
        part["title"] = heading
    part["props"] = [prop("lang", "ja")]
    if parts:
        part["parts"] = parts
    return [part]


def _resources(checklist: Checklist, resources: dict[str, str]) -> list[dict[str, Any]]:
    """One back-matter resource per source, and one for the checklist file itself (its hash)."""
    out = []
    for sid, source in checklist.sources.items():
        resource: dict[str, Any] = {
            "uuid": resources[sid],
            "title": one_line(tr(source["title"], "en") or sid),
            "props": props(
                ("source-id", sid),
                ja_prop("title", source["title"]),
                ("date", source["date"]),
                ("date-precision", source.get("date_precision")),
            ),
            "citation": {
                "text": one_line(
                    f"{source.get('publisher', '')} {tr(source['title'], 'en')} ({source['date']})."
                )
            },
        }
        if source.get("url"):
            resource["rlinks"] = [{"href": source["url"]}]
        out.append(resource)
    out.append(
        {
            "uuid": uid("resource", checklist.ref, "checklist-file"),
            "title": f"readiness checklist {checklist.ref}",
            "props": props(("checklist-sha256", checklist.sha256)),
            "rlinks": [
                {
                    "href": f"checklists/{checklist.id}/{checklist.version}.yaml",
                    "media-type": "application/yaml",
                    "hashes": [{"algorithm": "SHA-256", "value": checklist.sha256}],
                }
            ],
        }
    )
    return out
