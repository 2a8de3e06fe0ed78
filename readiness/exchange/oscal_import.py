"""An OSCAL catalog (JSON or XML) as a draft checklist, for guidance staff to finish.

Groups become sections and controls become items: the id, the title, the statement (with
parameters shown as `[Assignment: …]` or `[Selection: …]`) and, for "what met means", the
assessment objectives (else the guidance). English is filled in; every Japanese text is left
empty for translators, so `readiness validate` flags each one as a missing translation and
`release` refuses the draft until they are done. Weight, effort, verification and the score
bands get neutral defaults to review. Withdrawn controls are skipped.

The reader is lenient by design: it reads what a draft needs and reports the rest as warnings
rather than rejecting a catalog. The community OSCAL JSON of SP 800-171 r2 (FATHOM5), for one,
is not schema-valid (its ids start with digits, one has spaces); such ids are trimmed and,
where needed, turned into valid checklist ids, each change reported with its JSON path.
"""

from __future__ import annotations

import json
import re
from typing import Any

from readiness.content.catalog import VERSION_RE
from readiness.exchange.oscal_common import one_line
from readiness.exchange.oscal_xml import looks_like_xml, read_catalog
from readiness.formats.messages import t
from readiness.formats.problems import InputError, Problem

_INSERT = re.compile(r"\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}")
_SLUG_BAD = re.compile(r"[^A-Za-z0-9._-]+")
_OBJECTIVES = ("assessment-objective", "objective")
_CHECKLIST_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")  # schemas/checklist.schema.json
SOURCE_ID = "oscal-catalog"


def read(raw: bytes, label: str, lang: str = "en") -> dict[str, Any]:
    """The catalog object (`{"catalog": ...}` in JSON's shape) from JSON or XML bytes."""
    if looks_like_xml(raw):
        return read_catalog(raw, label, lang)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _error(label, lang, "not UTF-8 text", "UTF-8 のテキストではありません") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            [
                Problem(
                    file=label,
                    line=exc.lineno,
                    column=exc.colno,
                    message=t(lang, f"not JSON ({exc.msg})", f"JSON として読めません（{exc.msg}）"),
                    code="json",
                )
            ]
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("catalog"), dict):
        kind = next(iter(data), "?") if isinstance(data, dict) and data else type(data).__name__
        raise _error(
            label,
            lang,
            f"not an OSCAL catalog (its top level is {kind!r}; expected 'catalog')",
            f"OSCAL カタログではありません（最上位が {kind!r} です。'catalog' が必要です）",
        )
    return data


def _error(label: str, lang: str, en: str, ja: str) -> InputError:
    return InputError([Problem(file=label, message=t(lang, en, ja), code="not-a-catalog")])


def _prop(node: dict[str, Any], name: str) -> str | None:
    """An OSCAL-defined property (no namespace) by name, preferring one without a class."""
    found = [p for p in node.get("props") or [] if p.get("name") == name and not p.get("ns")]
    found.sort(key=lambda p: "class" in p)
    return str(found[0].get("value", "")).strip() if found else None


def _withdrawn(control: dict[str, Any]) -> bool:
    return (_prop(control, "status") or "").lower() == "withdrawn"


class _Draft:
    """Walks a catalog once, collecting sections, parameters and warnings."""

    def __init__(self, catalog: dict[str, Any], label: str, lang: str):
        self.catalog = catalog
        self.label = label
        self.lang = lang
        self.warnings: list[Problem] = []
        self.params: dict[str, dict[str, Any]] = {}
        self.ids: set[str] = set()
        self.section_ids: set[str] = set()
        self.withdrawn = 0
        self._collect_params(catalog)

    def warn(self, path: str, en: str, ja: str, code: str) -> None:
        self.warnings.append(
            Problem(
                file=self.label, message=t(self.lang, en, ja), code=code, level="warning", path=path
            )
        )

    def _collect_params(self, node: dict[str, Any]) -> None:
        for p in node.get("params") or []:
            if isinstance(p, dict) and p.get("id"):
                self.params[str(p["id"]).strip()] = p
        for key in ("groups", "controls"):
            for child in node.get(key) or []:
                if isinstance(child, dict):
                    self._collect_params(child)

    def slug(self, raw: Any, path: str, taken: set[str], fallback: str) -> str:
        """A checklist id (slug) for an OSCAL id, unique among `taken`; changes are reported."""
        text = str(raw or "").strip()
        slug = _SLUG_BAD.sub("-", text).lstrip("._-") or fallback
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        if slug != raw:
            self.warn(
                path,
                f"id {raw!r} is not a valid checklist id; imported as {slug!r}",
                f"id {raw!r} はチェックリストの id に使えません。{slug!r} として取り込みました",
                "id",
            )
        return slug

    def prose(self, text: str) -> str:
        """Prose with each parameter insert written out the way NIST prints it."""
        return _INSERT.sub(lambda m: self._param_text(m[1]), text or "").strip()

    def _param_text(self, pid: str) -> str:
        p = self.params.get(pid)
        if p is None:
            return f"[Assignment: {pid}]"
        if p.get("values"):
            return ", ".join(map(str, p["values"]))
        select = p.get("select")
        if isinstance(select, dict) and select.get("choice"):
            how = " (one or more)" if select.get("how-many") == "one-or-more" else ""
            return f"[Selection{how}: {'; '.join(self.prose(str(c)) for c in select['choice'])}]"
        usage = p.get("usage") or p.get("label") or pid
        return f"[Assignment: {one_line(self.prose(str(usage)))}]"

    def statement(self, part: dict[str, Any], depth: int = 0) -> list[str]:
        """A statement part and its items, one line each, labelled as in the publication."""
        text = self.prose(part.get("prose", ""))
        lines = []
        if depth == 0:
            if text:
                lines.append(text)
        elif text:
            label = _prop(part, "label") or ""
            short = (
                label.rsplit(".", 1)[-1] if "." in label and len(label) > 4 else label.rstrip(".")
            )
            lines.append(f"{'  ' * (depth - 1)}- {f'{short}. ' if short else ''}{text}")
        for sub in part.get("parts") or []:
            if isinstance(sub, dict):
                lines += self.statement(sub, depth + 1)
        return lines

    def objectives(self, parts: list[Any]) -> list[str]:
        """Leaf texts of the assessment-objective parts (SP 800-171A's determination statements)."""
        found: list[str] = []
        for part in parts:
            if not isinstance(part, dict):
                continue
            subs = [s for s in part.get("parts") or [] if isinstance(s, dict)]
            if part.get("name") in _OBJECTIVES:
                leaves = self.objectives(subs) if subs else []
                text = self.prose(part.get("prose", ""))
                found += leaves or ([text] if text and not text.endswith(":") else [])
        return found


def _ordered(nodes: Any) -> list[dict[str, Any]]:
    """Groups or controls in `sort-id` order when each has one (NIST's rev3 XML lists families
    out of order), else as the file lists them."""
    found = [n for n in nodes or [] if isinstance(n, dict)]
    keys = [_prop(n, "sort-id") for n in found]
    if found and all(keys):
        return [
            n for _, n in sorted(zip(map(_natural, keys), found, strict=True), key=lambda kn: kn[0])
        ]
    return found


def _natural(key: str | None) -> list[tuple[int, str]]:
    """A sort key where 3.1.10 comes after 3.1.2 (not every catalog zero-pads its sort-ids)."""
    return [(int(p), "") if p.isdigit() else (-1, p) for p in re.findall(r"\d+|\D+", key or "")]


def _parts(node: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [p for p in node.get("parts") or [] if isinstance(p, dict) and p.get("name") == name]


def _items(d: _Draft, control: dict[str, Any], path: str) -> list[dict[str, Any]]:
    """The items one control gives: itself, then its enhancements (nested controls).

    A control whose own statement is empty but whose nested controls have one (SP 800-171 r3
    XML 1.0.0 keeps each requirement's text in a nested `SR-` control) takes their text and
    they give no items of their own.
    """
    if _withdrawn(control):
        d.withdrawn += 1
        return []
    children = [c for c in control.get("controls") or [] if isinstance(c, dict)]
    lines = [line for part in _parts(control, "statement") for line in d.statement(part)]
    if not lines and children:
        lines = [
            line
            for child in children
            for part in _parts(child, "statement")
            for line in d.statement(part)
        ]
        children = [] if lines else children
    title = one_line(d.prose(str(control.get("title") or ""))) or str(control.get("id", "")).strip()
    if not lines:
        d.warn(
            path,
            f"control {control.get('id')!r} has no statement text; its title stands in",
            f"コントロール {control.get('id')!r} に要件文がありません。タイトルで代用しました",
            "statement",
        )
        lines = [title]
    statement = "\n".join(lines)
    label = _prop(control, "label") or ""
    number = label if label and not any(ch.isspace() for ch in label) else _prop(control, "sort-id")
    item_id = d.slug(control.get("id"), f"{path}.id", d.ids, f"item-{len(d.ids) + 1}")
    section = number or item_id
    objectives = d.objectives(control.get("parts") or [])
    guidance = [d.prose(p.get("prose", "")) for p in _parts(control, "guidance")]
    if objectives:
        met = "Met when (assessment objectives):\n" + "\n".join(f"- {o}" for o in objectives)
    else:
        met = next((g for g in guidance if g), "") or f"Met when this is in place: {statement}"
    item = {
        "id": item_id,
        "title": {"ja": "", "en": title},
        "question": {"ja": "", "en": f"Is requirement {section} met?\n\n{statement}"},
        "guidance": {"ja": "", "en": met},
        "remediation": {
            "ja": "",
            "en": f"Put in place what requirement {section} asks:\n\n{statement}",
        },
        "effort": "medium",
        "weight": 3,
        "references": [{"source": SOURCE_ID, "section": section}],
        "verification": "unverified",
    }
    out = [item]
    for i, child in enumerate(children):
        out += _items(d, child, f"{path}.controls[{i}]")
    return out


def _sections(d: _Draft, node: dict[str, Any], path: str, prefix: str = "") -> list[dict[str, Any]]:
    """Sections for a group (and its subgroups, flattened with "Parent / Child" titles)."""
    title = one_line(d.prose(str(node.get("title") or ""))) or str(node.get("id") or "").strip()
    full = f"{prefix} / {title}" if prefix else title
    items = []
    controls = [c for c in node.get("controls") or [] if isinstance(c, dict)]
    for control in _ordered(controls):
        items += _items(d, control, f"{path}.controls[{controls.index(control)}]")
    out = []
    if items:
        sid = d.slug(
            node.get("id") or title,
            f"{path}.id",
            d.section_ids,
            f"section-{len(d.section_ids) + 1}",
        )
        out.append({"id": sid, "title": {"ja": "", "en": full or sid}, "items": items})
    groups = [g for g in node.get("groups") or [] if isinstance(g, dict)]
    for group in _ordered(groups):
        out += _sections(d, group, f"{path}.groups[{groups.index(group)}]", full)
    return out


def _source(catalog: dict[str, Any], label: str, today: str) -> dict[str, Any]:
    """The catalog itself as the draft's one source: title, date, publisher and https URL."""
    meta = catalog.get("metadata") or {}
    date = str(meta.get("published") or meta.get("last-modified") or "")[:10]
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", date):
        date = today
    source: dict[str, Any] = {
        "id": SOURCE_ID,
        "title": {"ja": "", "en": one_line(meta.get("title") or label)},
        "date": date,
    }
    parties = {
        p.get("uuid"): p.get("name") for p in meta.get("parties") or [] if isinstance(p, dict)
    }
    for role in ("publisher", "creator", "author", "contact"):
        for rp in meta.get("responsible-parties") or []:
            if isinstance(rp, dict) and rp.get("role-id") == role:
                names = [parties.get(u) for u in rp.get("party-uuids") or [] if parties.get(u)]
                if names and "publisher" not in source:
                    source["publisher"] = one_line(names[0])
    resources = {
        r.get("uuid"): r
        for r in (catalog.get("back-matter") or {}).get("resources") or []
        if isinstance(r, dict)
    }
    for rel in ("canonical", "alternate"):
        for link in meta.get("links") or []:
            if not isinstance(link, dict) or link.get("rel") != rel or "url" in source:
                continue
            href = str(link.get("href", ""))
            hrefs = [href]
            if href.startswith("#"):
                hrefs = [
                    str(r.get("href", "")) for r in resources.get(href[1:], {}).get("rlinks") or []
                ]
            https = [h for h in hrefs if h.startswith("https://")]
            if https:
                source["url"] = https[0]
    return source


def draft(
    document: dict[str, Any],
    checklist_id: str,
    version: str,
    regime: str,
    today: str,
    label: str,
    lang: str = "en",
) -> tuple[dict[str, Any], list[Problem]]:
    """(checklist data for a draft, warnings) from an OSCAL catalog read by `read`."""
    if not _CHECKLIST_ID.match(checklist_id):
        raise InputError(
            t(
                lang,
                f"--id {checklist_id!r} is not a checklist id: lower-case words joined by -, e.g. nist-171r3",
                f"--id {checklist_id!r} はチェックリストの id に使えません。nist-171r3 のように小文字の語を - でつないでください",
            )
        )
    if not VERSION_RE.match(version):
        raise InputError(
            t(
                lang,
                f"--version {version!r} is not a version; write MAJOR.MINOR.PATCH, e.g. 1.0.0",
                f"--version {version!r} は版番号ではありません。1.0.0 のように書いてください",
            )
        )
    catalog = document["catalog"]
    d = _Draft(catalog, label, lang)
    sections = []
    loose = [c for c in catalog.get("controls") or [] if isinstance(c, dict)]
    if loose:
        sections += _sections(
            d, {"id": "controls", "title": "Controls", "controls": loose}, "$.catalog"
        )
    groups = [g for g in catalog.get("groups") or [] if isinstance(g, dict)]
    for group in _ordered(groups):
        sections += _sections(d, group, f"$.catalog.groups[{groups.index(group)}]")
    if not sections:
        raise _error(
            label,
            lang,
            "the catalog has no controls to import",
            "取り込めるコントロールがありません",
        )
    if d.withdrawn:
        d.warn(
            "$.catalog",
            f"{d.withdrawn} withdrawn control(s) skipped",
            f"取り下げられたコントロール {d.withdrawn} 件は取り込んでいません",
            "withdrawn",
        )
    meta = catalog.get("metadata") or {}
    title = one_line(meta.get("title") or label)
    origin = f"{title} (document version {meta.get('version', '?')}, OSCAL {meta.get('oscal-version', '?')})"
    data = {
        "format": 1,
        "id": checklist_id,
        "version": version,
        "status": "draft",
        "regime": regime,
        "changelog": [
            {
                "version": version,
                "date": today,
                "changes": {"ja": "", "en": f"Draft imported from the OSCAL catalog {origin}."},
            }
        ],
        "title": {"ja": "", "en": title},
        "summary": {
            "ja": "",
            "en": f"Draft imported by readiness import-oscal-catalog from the OSCAL catalog {origin}. "
            "Questions, weights, effort, verification and the score bands are defaults to review "
            "before release, and every Japanese text is still to be written.",
        },
        "sources": [_source(catalog, label, today)],
        "scoring": {
            "method": "weighted",
            "ready_percent": 90,
            "conditional_percent": 70,
            "bands_rationale": {
                "ja": "",
                "en": "Default bands set on import (this tool's heuristic, not a legal test); review them.",
            },
        },
        "sections": sections,
    }
    return data, d.warnings
