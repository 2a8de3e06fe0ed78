"""Check one checklist document: schema, file name, translations, references and scoring rules.

A pure function below the catalog: the catalog calls it when loading a draft, and `validate`
calls it for any checklist file; what it needs to know about other checklists comes through
the small `References` protocol, which the catalog implements.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from readiness.content import applicability
from readiness.content.model import same_as_target
from readiness.formats import glyphs, yamlio
from readiness.formats.collector import Collector
from readiness.formats.messages import t
from readiness.formats.problems import Problem
from readiness.formats.schemas import schema_problems

_JAPANESE = r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]"  # compiled on first use: costly


class References(Protocol):
    """What checking one checklist needs to know about the others."""

    @property
    def profile_facts(self) -> dict[str, dict[str, Any]]: ...

    def ids(self) -> list[str]: ...

    def latest_item_ids(self, checklist_id: str) -> tuple[str, set[str]] | None:
        """(`id@version`, item ids) of the checklist's latest version, or None if unknown."""
        ...

    def previous_item_ids(self, checklist_id: str, version: str) -> tuple[str, set[str]] | None:
        """(`id@version`, item ids) of the version just before `version`, or None."""
        ...


def _texts(node: Any, path: list[Any]) -> Iterable[tuple[list[Any], dict[str, str]]]:
    """Every bilingual {ja, en} text in a document, with its path."""
    if isinstance(node, dict):
        if set(node) == {"ja", "en"} or (
            set(node) >= {"ja", "en"} and set(node) <= {"ja", "en", "note"}
        ):
            yield path, node
        for k, v in node.items():
            yield from _texts(v, [*path, k])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _texts(v, [*path, i])


def check_checklist_document(
    doc: yamlio.Document, refs: References, lang: str = "en"
) -> list[Problem]:
    """Every problem of one checklist document: schema, names, translations, references, rules.

    Pure: it reads only the document and what `refs` says about the other checklists. Release
    pins are checked by the catalog, which knows where the document lives.
    """
    problems = schema_problems(doc, "checklist", lang)
    data = doc.data
    if not isinstance(data, dict):
        return problems
    c = Collector(doc, lang)
    # The meaning checks run on schema-invalid data too, so one pass shows every problem; a
    # part too malformed to read (reported by the schema already) is skipped, not fatal.
    with _tolerant():
        _check_names(c, data, Path(doc.path))
    with _tolerant():
        _check_texts(c, data)
    with _tolerant():
        _check_body(c, data, refs)
    return problems + _not_at(c.problems, problems)


def _tolerant() -> contextlib.AbstractContextManager[None]:
    return contextlib.suppress(KeyError, TypeError, AttributeError, IndexError, ValueError)


def _not_at(found: list[Problem], schema: list[Problem]) -> list[Problem]:
    """Meaning problems, less those at a place the schema already reported."""
    taken = {(p.line, p.column) for p in schema}
    return [p for p in found if (p.line, p.column) not in taken]


def _check_names(c: Collector, data: dict[str, Any], path_obj: Path) -> None:
    lang = c.lang
    if path_obj.suffix in (".yaml", ".yml"):
        if data["version"] != path_obj.stem:
            c.add(
                ["version"],
                t(
                    lang,
                    f"version {data['version']!r} does not match the file name {path_obj.name!r}; name the file <version>.yaml",
                    f"版 {data['version']!r} がファイル名 {path_obj.name!r} と一致しません。ファイル名を <版>.yaml にしてください",
                ),
                "name",
            )
        folder = path_obj.absolute().parent.name  # `c.yaml` in the current folder: its name
        if data["id"] != folder:
            c.add(
                ["id"],
                f"id {data['id']!r} does not match the folder {folder!r}; keep checklists in checklists/<id>/<version>.yaml",
                "name",
            )


def _check_texts(c: Collector, data: dict[str, Any]) -> None:
    lang = c.lang
    for path, text in _texts(data, []):
        for lang_key in ("ja", "en"):
            if not str(text.get(lang_key, "")).strip():
                c.add(
                    [*path, lang_key],
                    t(lang, f"missing {lang_key} translation", f"{lang_key} の訳がありません"),
                    "translation",
                )
            elif chars := glyphs.missing(str(text[lang_key])):  # the report would print 〓
                c.add([*path, lang_key], glyphs.missing_message(chars, lang), "glyph", "warning")
        if (
            isinstance(text.get("ja"), str)
            and text.get("en")
            and not re.search(_JAPANESE, text["ja"])
            and len(text["ja"]) > 12
        ):
            c.add(
                [*path, "ja"],
                "the ja text has no Japanese characters; is it untranslated?",
                "translation",
                level="warning",
            )
        if text.get("ja") and text["ja"] == text.get("en") and len(text["ja"]) > 12:
            c.add(
                [*path, "ja"],
                "ja and en texts are identical; translate one of them",
                "translation",
                level="warning",
            )


def _check_body(c: Collector, data: dict[str, Any], refs: References) -> None:
    """Sources, applicability, prerequisites, ids, references, links and scoring rules."""
    lang = c.lang
    sources = {s.get("id") for s in data.get("sources") or [] if isinstance(s, dict)}
    used_sources: set[str] = set()
    scoring = data.get("scoring") if isinstance(data.get("scoring"), dict) else {}
    method = scoring.get("method")
    facts = refs.profile_facts
    with _tolerant():
        if "applicability" in data:
            _check_condition(c, ["applicability", "when"], data["applicability"]["when"], facts)
    prereq = scoring.get("prerequisite")
    with _tolerant():
        if prereq and prereq["checklist"] not in refs.ids():
            c.add(
                ["scoring", "prerequisite", "checklist"],
                f"unknown checklist {prereq['checklist']!r}",
                "prerequisite",
            )
    sections = [s for s in data.get("sections") or [] if isinstance(s, dict)]
    items_of = {id(s): [i for i in s.get("items") or [] if isinstance(i, dict)] for s in sections}
    seen_ids = {i.get("id") for s in sections for i in items_of[id(s)]}
    seen_sections: dict[str, int] = {}
    seen_items: dict[str, list[Any]] = {}
    for si, section in enumerate(data.get("sections") or []):
        if not isinstance(section, dict):
            continue
        if section.get("id") in seen_sections:
            c.add(["sections", si, "id"], f"duplicate section id {section['id']!r}", "duplicate-id")
        seen_sections[section.get("id")] = si
        for ii, item in enumerate(section.get("items") or []):
            if not isinstance(item, dict):
                continue
            with _tolerant():
                _check_item(
                    c, ["sections", si, "items", ii], item, refs, data, seen_ids, seen_items,
                    sources, used_sources, scoring,
                )  # fmt: skip
    with _tolerant():
        for si, source in enumerate(data["sources"]):
            if source["id"] not in used_sources:
                c.add(
                    ["sources", si, "id"],
                    t(
                        lang,
                        f"source {source['id']!r} is not cited by any item",
                        f"出典 {source['id']!r} はどの項目からも参照されていません",
                    ),
                    "reference",
                    level="warning",
                )
    with _tolerant():
        if method == "cmmc-points":
            scored = sum(len(v) for v in items_of.values())
            if scored != scoring["max_score"]:
                c.add(
                    ["scoring", "max_score"],
                    f"max_score {scoring['max_score']} differs from the number of requirements ({scored})",
                    "method",
                    level="warning",
                )
        if method == "weighted" and scoring["conditional_percent"] > scoring["ready_percent"]:
            c.add(
                ["scoring", "conditional_percent"],
                "conditional_percent must not exceed ready_percent",
                "method",
            )


def _check_item(
    c: Collector,
    ipath: list[Any],
    item: dict[str, Any],
    refs: References,
    data: dict[str, Any],
    seen_ids: set[Any],
    seen_items: dict[str, list[Any]],
    sources: set[Any],
    used_sources: set[str],
    scoring: dict[str, Any],
) -> None:
    lang = c.lang
    method = scoring.get("method")
    iid = item["id"]
    if iid in seen_items:
        first = c.doc.position(seen_items[iid])[0]
        c.add(
            [*ipath, "id"],
            t(
                lang,
                f"duplicate item id {iid!r} (first on line {first}); item ids must be unique",
                f"項目ID {iid!r} が重複しています（最初は{first}行目）。IDは一意にしてください",
            ),
            "duplicate-id",
        )
    else:
        seen_items[iid] = [*ipath, "id"]
    for ri, ref in enumerate(item.get("references") or []):
        with _tolerant():
            used_sources.add(ref["source"])
            if ref["source"] not in sources:
                hint = c.suggest(ref["source"], sources)
                c.add(
                    [*ipath, "references", ri, "source"],
                    t(
                        lang,
                        f"unknown source {ref['source']!r}{hint}; add it to `sources` or fix the id",
                        f"不明な出典 {ref['source']!r}{hint}。`sources` に追加するかIDを直してください",
                    ),
                    "reference",
                )
    with _tolerant():
        if "applicability" in item:
            _check_condition(
                c,
                [*ipath, "applicability", "when"],
                item["applicability"]["when"],
                refs.profile_facts,
            )
    with _tolerant():
        _check_replaces(c, ipath, item, refs, data, seen_ids)
    with _tolerant():
        for target in item.get("same_as", []):
            _check_same_as(c, [*ipath, "same_as"], same_as_target(target), refs, data["id"])
    if method == "cmmc-points":
        with _tolerant():
            _check_cmmc_item(c, ipath, item, scoring)
    elif method is not None:
        for name in ("points", "partial_points", "poam", "gate"):
            if name in item:
                c.add(
                    ipath,
                    t(
                        lang,
                        f"{name!r} is not used by scoring method {method!r}; remove it or use cmmc-points",
                        f"{name!r} は採点方法 {method!r} では使いません。削除するか cmmc-points を使ってください",
                    ),
                    "method",
                    key=name,
                )
    if method == "all-met" and "blocking" in item:
        c.add(
            ipath,
            "'blocking' has no effect with method 'all-met' (every item must be met)",
            "method",
            level="warning",
            key="blocking",
        )


def _check_replaces(
    c: Collector,
    ipath: list[Any],
    item: dict[str, Any],
    refs: References,
    data: dict[str, Any],
    own_ids: set[str],
) -> None:
    """`replaces` must name items of the previous version that this version no longer has."""
    value = item.get("replaces")
    if value is None:
        return
    previous = refs.previous_item_ids(data["id"], data["version"])
    if previous is None:
        c.add(
            [*ipath, "replaces"],
            t(
                c.lang,
                f"there is no version of {data['id']} before {data['version']} to replace items of",
                f"{data['id']} に {data['version']} より前の版がないため、置き換え元がありません",
            ),
            "replaces",
        )
        return
    ref, ids = previous
    for old in [value] if isinstance(value, str) else value:
        if old not in ids:
            hint = c.suggest(old, ids)
            c.add(
                [*ipath, "replaces"],
                t(
                    c.lang,
                    f"{ref} has no item {old!r}{hint}",
                    f"{ref} に項目 {old!r} はありません{hint}",
                ),
                "replaces",
            )
        elif old in own_ids:
            c.add(
                [*ipath, "replaces"],
                t(
                    c.lang,
                    f"{old!r} is still an item of this version; a replaced id must be gone",
                    f"{old!r} はこの版にも残っています。置き換える場合は元のIDを削除してください",
                ),
                "replaces",
            )


def _check_cmmc_item(
    c: Collector, ipath: list[Any], item: dict[str, Any], scoring: dict[str, Any]
) -> None:
    allowed = scoring["allowed_points"]
    if item.get("gate"):
        for name in ("points", "partial_points"):
            if name in item:
                c.add(ipath, f"a gate requirement has no {name}; remove it", "points", key=name)
        if item.get("poam") not in (None, "not_eligible"):
            c.add(
                ipath,
                "a gate requirement cannot go on a POA&M; set poam: not_eligible",
                "poam",
                key="poam",
            )
        return
    if "points" not in item:
        c.add(
            ipath, f"missing 'points' (one of {allowed}) required by method cmmc-points", "points"
        )
    elif item["points"] not in allowed:
        c.add(
            [*ipath, "points"],
            t(
                c.lang,
                f"{item['points']} points is not allowed by this method; use one of {allowed}",
                f"{item['points']}点はこの採点方法では使えません。{allowed} のいずれかにしてください",
            ),
            "points",
        )
    if "poam" not in item:
        c.add(ipath, "missing 'poam' (eligible, not_eligible or partial_only)", "poam")
    if "partial_points" in item and "points" in item and item["partial_points"] >= item["points"]:
        c.add([*ipath, "partial_points"], "partial_points must be less than points", "points")
    if item.get("poam") == "partial_only" and "partial_points" not in item:
        c.add(
            [*ipath, "poam"], "poam: partial_only needs partial_points (the partial case)", "poam"
        )


def _condition_facts(cond: dict[str, Any], path: list[Any]) -> Iterable[tuple[list[Any], str, Any]]:
    """(path of the mapping holding the fact, fact, spec) for every fact in a condition."""
    if applicability.is_combinator(cond):
        key, arg = next(iter(cond.items()))
        if key in ("any", "all"):
            for i, sub in enumerate(arg):
                yield from _condition_facts(sub, [*path, key, i])
        else:
            yield from _condition_facts(arg, [*path, key])
        return
    for fact, spec in cond.items():
        yield path, fact, spec


def _check_condition(
    c: Collector, path: list[Any], cond: dict[str, Any], facts: dict[str, dict[str, Any]]
) -> None:
    for where, fact, spec in _condition_facts(cond, path):
        if fact not in facts:
            hint = c.suggest(fact, facts)
            c.add(
                where,
                t(
                    c.lang,
                    f"unknown profile fact {fact!r}{hint}; facts are defined in checklists/profile.yaml",
                    f"不明なプロファイル項目 {fact!r}{hint}。項目は checklists/profile.yaml で定義します",
                ),
                "profile",
                key=fact,
            )
            continue
        kind = facts[fact]["type"]
        for value in applicability.values_in(spec):
            if not applicability.value_fits(kind, value):
                c.add(
                    [*where, fact],
                    f"fact {fact!r} is {kind}, but the condition compares it with {value!r}",
                    "profile",
                )


def _check_same_as(
    c: Collector, path: list[Any], target: str, refs: References, own_id: str
) -> None:
    cid, _, item_id = target.partition(":")
    if cid == own_id:
        c.add(path, f"same_as {target!r} points into the same checklist", "same-as")
        return
    found = refs.latest_item_ids(cid)
    if found is None:
        c.add(
            path,
            f"same_as {target!r}: no checklist {cid!r} is available",
            "same-as",
            level="warning",
        )
        return
    ref, ids = found
    if ids and item_id not in ids:  # no ids: that checklist is unreadable, reported on its own
        hint = c.suggest(item_id, ids)
        c.add(
            path,
            f"same_as {target!r}: {ref} has no item {item_id!r}{hint}",
            "same-as",
        )
