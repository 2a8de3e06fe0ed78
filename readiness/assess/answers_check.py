"""Check an answers file against the checklists it names: versions, hashes, item ids, profile."""

from __future__ import annotations

import contextlib
import datetime as dt

from readiness.assess import equivalence
from readiness.content import applicability
from readiness.content.catalog import Catalog, Entry, version_key
from readiness.content.model import Checklist
from readiness.formats import glyphs, yamlio
from readiness.formats.collector import Collector
from readiness.formats.messages import t
from readiness.formats.problems import InputError, Problem
from readiness.formats.schemas import schema_problems


def _tolerant() -> contextlib.AbstractContextManager[None]:
    return contextlib.suppress(KeyError, TypeError, AttributeError, IndexError, ValueError)


def _real_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_answers_document(
    doc: yamlio.Document, catalog: Catalog, lang: str = "en"
) -> list[Problem]:
    problems = schema_problems(doc, "answers", lang)
    data = doc.data
    if not isinstance(data, dict):
        return problems
    c = Collector(doc, lang)
    # Meaning checks run on schema-invalid data too (one pass shows every problem); a part
    # too malformed to read was reported by the schema and is skipped here.
    date = str(data.get("assessment_date"))
    if _real_date(date) and not 1990 <= int(date[:4]) <= 2199:
        c.add(
            ["assessment_date"],
            t(
                lang,
                f"{date!r} is not a plausible assessment date; check the year",
                f"{date!r} は評価日としてありえません。年を確認してください",
            ),
            "date",
        )
    facts = catalog.profile_facts
    profile = data.get("profile") if isinstance(data.get("profile"), dict) else {}
    for name, value in profile.items():
        with _tolerant():
            if name not in facts:
                hint = c.suggest(name, facts)
                c.add(
                    ["profile"],
                    t(
                        lang,
                        f"unknown profile fact {name!r}{hint}; known facts: {', '.join(facts)}",
                        f"不明なプロファイル項目 {name!r}{hint}",
                    ),
                    "profile",
                    key=name,
                )
                continue
            if value is None:
                continue
            fact = facts[name]
            kind = fact["type"]
            if not applicability.value_fits(kind, value):
                want = {"boolean": "true or false", "integer": "a whole number", "string": "text"}[
                    kind
                ]
                c.add(
                    ["profile", name],
                    t(lang, f"{name} must be {want}", f"{name} は {want} で答えてください"),
                    "profile",
                )
            elif "values" in fact and value not in fact["values"]:
                c.add(
                    ["profile", name],
                    t(
                        lang,
                        f"{value!r} is not one of {fact['values']}",
                        f"{value!r} は {fact['values']} のいずれでもありません",
                    ),
                    "profile",
                )

    needed_facts: set[str] = set()
    loaded: list[tuple[Checklist, dict]] = []
    checklists = data.get("checklists") if isinstance(data.get("checklists"), dict) else {}
    for cid, entry_data in checklists.items():
        with _tolerant():
            base = ["checklists", cid]
            if not catalog.versions(cid):
                hint = c.suggest(cid, catalog.ids())
                c.add(
                    ["checklists"],
                    t(
                        lang,
                        f"unknown checklist {cid!r}{hint}; available: {', '.join(catalog.ids())}",
                        f"不明なチェックリスト {cid!r}{hint}。利用可能：{', '.join(catalog.ids())}",
                    ),
                    "unknown-checklist",
                    key=cid,
                )
                continue
            entry = catalog.find(cid, entry_data["version"])
            if entry is None:
                have = ", ".join(e.version for e in catalog.versions(cid))
                c.add(
                    [*base, "version"],
                    t(
                        lang,
                        f"{cid} has no version {entry_data['version']!r}; available: {have}",
                        f"{cid} に版 {entry_data['version']!r} はありません。利用可能：{have}",
                    ),
                    "unknown-version",
                )
                continue
            try:
                checklist = catalog.load(entry)
            except InputError as exc:
                c.add(
                    [*base, "version"],
                    t(
                        lang,
                        f"{entry.ref} itself is invalid ({len(exc.problems)} problem(s)); run `readiness validate {entry.path}`",
                        f"{entry.ref} 自体に問題があります（{len(exc.problems)}件）",
                    ),
                    "checklist-invalid",
                )
                continue
            if entry_data.get("sha256") and entry_data["sha256"] != checklist.sha256:
                c.add(
                    [*base, "sha256"],
                    t(
                        lang,
                        f"these answers were made for a different text of {entry.ref} (sha256 {entry_data['sha256'][:12]}…, now {checklist.sha256[:12]}…); check the answers against the current questions and update sha256",
                        f"この回答は別の内容の {entry.ref} に対するものです（sha256 が一致しません）",
                    ),
                    "hash",
                )
            loaded.append((checklist, entry_data))
            stated = {k: v for k, v in profile.items() if v is not None}
            rules = [checklist.data.get("applicability")] + [
                i.applicability for i in checklist.items()
            ]
            for rule in rules:
                if rule and applicability.evaluate(rule["when"], stated) is None:
                    needed_facts.update(f for f, _ in applicability.facts_in(rule["when"]))
            ids = [i.id for i in checklist.items()]
            for item_id, value in (entry_data.get("answers") or {}).items():
                item = checklist.item(item_id)
                if item is None:
                    hint = c.suggest(item_id, ids)
                    c.add(
                        [*base, "answers"],
                        t(
                            lang,
                            f"{entry.ref} has no item {item_id!r}{hint}",
                            f"{entry.ref} に項目 {item_id!r} はありません{hint}",
                        ),
                        "unknown-item",
                        key=item_id,
                    )
                    continue
                status = value if not isinstance(value, dict) else value.get("status")
                if status == "not_applicable" and not item.allow_na:
                    c.add(
                        [*base, "answers", item_id],
                        t(
                            lang,
                            f"{item_id} cannot be not_applicable; answer met, partial or not_met",
                            f"{item_id} は「該当なし」にできません。met・partial・not_met で答えてください",
                        ),
                        "na-not-allowed",
                    )
                if isinstance(value, dict) and value.get("due") and not _real_date(value["due"]):
                    c.add(
                        [*base, "answers", item_id, "due"],
                        t(
                            lang,
                            f"{value['due']!r} is not a real date",
                            f"{value['due']!r} は存在しない日付です",
                        ),
                        "date",
                    )
            for i, item_id in enumerate(entry_data.get("review") or []):
                if checklist.item(item_id) is None:
                    hint = c.suggest(item_id, ids)
                    c.add(
                        [*base, "review", i],
                        t(
                            lang,
                            f"{entry.ref} has no item {item_id!r}{hint}",
                            f"{entry.ref} に項目 {item_id!r} はありません{hint}",
                        ),
                        "unknown-item",
                    )
            _newer_release(c, catalog, entry, base, doc.path, lang)
    with _tolerant():
        equivalence.check_conflicts(c, loaded, lang)
    missing = sorted(f for f in needed_facts if profile.get(f) is None and f in facts)
    if missing:
        c.add(
            ["profile"],
            t(
                lang,
                f"profile does not state {', '.join(missing)}; items that depend on them stay in scope",
                f"プロファイルに {', '.join(missing)} が未記入です。関連項目は対象として扱います",
            ),
            "profile-incomplete",
            level="warning",
        )
    with _tolerant():
        _check_glyphs(c, data, lang)
    taken = {(p.line, p.column) for p in problems}
    return problems + [p for p in c.problems if (p.line, p.column) not in taken]


def _strings(node: object, path: list) -> list[tuple[list, str]]:
    """Every text value in the document, with its path (what the report may print)."""
    if isinstance(node, str):
        return [(path, node)]
    if isinstance(node, dict):
        return [x for k, v in node.items() for x in _strings(v, [*path, k])]
    if isinstance(node, list):
        return [x for i, v in enumerate(node) for x in _strings(v, [*path, i])]
    return []


def _check_glyphs(c: Collector, data: dict, lang: str) -> None:
    """Warn about characters the report's font cannot draw (the report shows 〓 instead)."""
    for path, text in _strings(data, []):
        chars = glyphs.missing(text)
        if chars:
            c.add(path, glyphs.missing_message(chars, lang), "glyph", level="warning")


def _newer_release(
    c: Collector, catalog: Catalog, entry: Entry, base: list, path: str, lang: str
) -> None:
    """Say when a newer release of the checklist exists, and how to move the answers to it."""
    latest = catalog.find(entry.id)
    if latest is None or version_key(latest.version) <= version_key(entry.version):
        return
    if not catalog.lock_for(latest.root).get(latest.ref):
        return  # only releases, not drafts, are offered
    command = f"readiness migrate {path} --to {latest.ref} -o NEW.yaml"
    c.add(
        [*base, "version"],
        t(
            lang,
            f"{latest.ref} is released (these answers are for {entry.ref}); to move them: {command}",
            f"{latest.ref} がリリースされています（この回答は {entry.ref} 向け）。移行するには：{command}",
        ),
        "newer-release",
        level="warning",
    )
