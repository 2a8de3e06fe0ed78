"""What changed between two versions of a checklist: items added, removed, renamed and changed.

Renames are explicit: an item of the newer version names the ids it replaces (`replaces`).
Everything else is compared field by field, so guidance staff can publish exact change notes
and `migrate` knows which answers to keep, move, flag for review or archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from readiness.content.model import ITEM_FIELDS, Checklist, Item

# Fields compared per item, in the order change notes list them. A change to any of
# REVIEW_FIELDS changes what a "met" answer means, so migrated answers are flagged for review.
COMPARED = (*ITEM_FIELDS, "section")
REVIEW_FIELDS = frozenset(
    {
        "question",
        "guidance",
        "weight",
        "blocking",
        "allow_na",
        "points",
        "partial_points",
        "poam",
        "gate",
        "applicability",
    }
)
CHECKLIST_FIELDS = ("title", "summary", "applicability", "scoring", "sources", "glossary")


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: Any
    after: Any


@dataclass
class ItemChange:
    id: str
    fields: list[FieldChange]
    renamed_from: tuple[str, ...] = ()

    @property
    def needs_review(self) -> bool:
        """The answer may mean something else now: its question, criterion or scoring changed."""
        return any(f.name in REVIEW_FIELDS for f in self.fields)


@dataclass
class Diff:
    old: Checklist
    new: Checklist
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (from, to)
    changed: list[ItemChange] = field(default_factory=list)
    checklist: list[FieldChange] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "checklist": self.new.id,
            "from": {"version": self.old.version, "sha256": self.old.sha256},
            "to": {"version": self.new.version, "sha256": self.new.sha256},
            "added": self.added,
            "removed": self.removed,
            "renamed": [{"from": a, "to": b} for a, b in self.renamed],
            "changed": [
                {
                    "id": c.id,
                    "renamed_from": list(c.renamed_from),
                    "needs_review": c.needs_review,
                    "fields": {f.name: {"before": f.before, "after": f.after} for f in c.fields},
                }
                for c in self.changed
            ],
            "checklist_fields": {
                f.name: {"before": f.before, "after": f.after} for f in self.checklist
            },
        }


def replaced_ids(item: Item) -> tuple[str, ...]:
    """The ids an item replaces (`replaces: OLD` or `replaces: [OLD, ...]`)."""
    value = item.data.get("replaces")
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _value(item: Item, name: str) -> Any:
    return item.section_id if name == "section" else item.data.get(name)


def _field_changes(old: Item, new: Item) -> list[FieldChange]:
    return [
        FieldChange(name, _value(old, name), _value(new, name))
        for name in COMPARED
        if _value(old, name) != _value(new, name)
    ]


def diff(old: Checklist, new: Checklist) -> Diff:
    """Compare two versions of one checklist (older first)."""
    result = Diff(old=old, new=new)
    renamed_to: dict[str, str] = {}
    for item in new.items():
        for previous in replaced_ids(item):
            if old.item(previous) is not None and new.item(previous) is None:
                renamed_to[previous] = item.id
    for item in new.items():
        sources = tuple(p for p in replaced_ids(item) if renamed_to.get(p) == item.id)
        before = old.item(item.id)
        if before is None and not sources:
            result.added.append(item.id)
            continue
        for previous in sources:
            result.renamed.append((previous, item.id))
        base = before if before is not None else old.item(sources[0])
        fields = _field_changes(base, item)
        fields = [f for f in fields if f.name != "replaces"]
        if fields:
            result.changed.append(ItemChange(item.id, fields, sources))
    result.removed = [
        i.id for i in old.items() if new.item(i.id) is None and i.id not in renamed_to
    ]
    result.checklist = [
        FieldChange(name, old.data.get(name), new.data.get(name))
        for name in CHECKLIST_FIELDS
        if old.data.get(name) != new.data.get(name)
    ]
    return result
