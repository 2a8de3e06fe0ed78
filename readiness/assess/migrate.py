"""Carry an answers file to a newer version of a checklist without losing an answer.

One version at a time (so renames in every step are followed): unchanged items keep their
answers; renamed items (`replaces`) take the old item's answer; items whose question, criterion
or scoring changed keep their answer and are listed under `review`; answers to removed items
move to `archived`, verbatim; new items start unanswered. Migrating again changes nothing.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from readiness.content.catalog import Catalog, Entry, version_key
from readiness.content.diff import diff
from readiness.content.model import Checklist
from readiness.formats.messages import t
from readiness.formats.problems import InputError

ACTIONS = ("kept", "renamed", "review", "new", "archived", "dropped-blank")


@dataclass(frozen=True)
class Decision:
    """What happened to one item's answer in one step."""

    checklist: str
    step: str  # "1.0.0 → 1.1.0"
    item: str
    action: str  # one of ACTIONS
    detail: str = ""  # the old id of a rename, the fields that changed

    def describe(self, lang: str) -> str:
        words = {
            "kept": t(lang, "answer kept", "回答を引き継ぎ"),
            "renamed": t(lang, f"answer moved from {self.detail}", f"{self.detail} から回答を移動"),
            "review": t(
                lang,
                f"answer kept, to review ({self.detail} changed)",
                f"回答を引き継ぎ、要確認（{self.detail} が変更）",
            ),
            "new": t(lang, "new item, unanswered", "新しい項目（未回答）"),
            "archived": t(
                lang, "item removed; answer moved to archived", "項目は削除。回答は archived に保存"
            ),
            "dropped-blank": t(lang, "item removed (it had no answer)", "項目は削除（未回答）"),
        }
        return f"{self.checklist} {self.step}: {self.item}: {words[self.action]}"


def _answered(value: Any) -> bool:
    return value is not None and value != {}


def _step(entry: dict[str, Any], old: Checklist, new: Checklist) -> list[Decision]:
    """Move one checklist entry of an answers file from `old` to `new` (in place)."""
    d = diff(old, new)
    step = f"{old.version} → {new.version}"
    answers: dict[str, Any] = entry.get("answers") or {}
    renamed_from = {b: a for a, b in d.renamed}
    changed = {c.id: c for c in d.changed}
    review = [i for i in entry.get("review") or [] if new.item(i) is not None]
    for a, b in d.renamed:  # a review pending on a renamed item follows it
        if a in (entry.get("review") or []) and b not in review:
            review.append(b)
    decisions: list[Decision] = []
    moved: dict[str, Any] = {}
    for item in new.items():
        source = renamed_from.get(item.id, item.id)
        value = answers.get(source)
        if old.item(source) is None:
            moved[item.id] = None  # listed blank, so the founder sees what is new
            decisions.append(Decision(new.id, step, item.id, "new"))
            continue
        if source in answers:  # an item the file never listed stays unlisted
            moved[item.id] = value
        change = changed.get(item.id)
        if _answered(value) and change is not None and change.needs_review:
            if item.id not in review:
                review.append(item.id)
            fields = ", ".join(f.name for f in change.fields)
            decisions.append(Decision(new.id, step, item.id, "review", fields))
        elif source != item.id:
            decisions.append(Decision(new.id, step, item.id, "renamed", source))
        elif _answered(value):
            decisions.append(Decision(new.id, step, item.id, "kept"))
    archived: dict[str, Any] = dict(entry.get("archived") or {})
    for old_id in d.removed:
        if _answered(answers.get(old_id)):
            archived[old_id] = {"version": old.version, "answer": answers[old_id]}
            decisions.append(Decision(new.id, step, old_id, "archived"))
        elif old_id in answers:
            decisions.append(Decision(new.id, step, old_id, "dropped-blank"))
    entry["version"] = new.version
    entry["sha256"] = new.sha256
    entry.setdefault("migrated_from", old.version)
    entry["answers"] = moved or None
    if review:
        entry["review"] = review
    else:
        entry.pop("review", None)
    if archived:
        entry["archived"] = archived
    return decisions


def _reorder(entry: dict[str, Any]) -> dict[str, Any]:
    """Keys in the order a person reads them: version first, answers, then the archive."""
    order = ("version", "sha256", "migrated_from", "assessed_by", "review", "answers", "archived")
    return {k: entry[k] for k in order if k in entry} | {
        k: v for k, v in entry.items() if k not in order
    }


def migrate(
    data: dict[str, Any], catalog: Catalog, target: Entry, lang: str = "en"
) -> tuple[dict[str, Any], list[Decision]]:
    """A copy of a (valid) answers document with `target`'s checklist moved to its version."""
    out = copy.deepcopy(data)
    entry = (out.get("checklists") or {}).get(target.id)
    if entry is None:
        raise InputError(
            t(
                lang,
                f"the answers file has no {target.id}; add it with `readiness template {target.ref}`",
                f"回答ファイルに {target.id} がありません。`readiness template {target.ref}` で追加してください",
            )
        )
    current = entry["version"]
    if version_key(current) > version_key(target.version):
        raise InputError(
            t(
                lang,
                f"the answers are for {target.id}@{current}, newer than {target.ref}; "
                "migrate only moves forward",
                f"回答は {target.id}@{current} 向けで、{target.ref} より新しい版です。移行は新しい版へのみ行えます",
            )
        )
    steps = [
        e
        for e in catalog.versions(target.id)
        if version_key(current) < version_key(e.version) <= version_key(target.version)
    ]
    decisions: list[Decision] = []
    old = catalog.load(catalog.find(target.id, current))
    for e in steps:
        new = catalog.load(e)
        decisions += _step(entry, old, new)
        old = new
    out["checklists"][target.id] = _reorder(entry)
    return out, decisions
