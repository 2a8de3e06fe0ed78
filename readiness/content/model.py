"""In-memory checklist: thin typed views over schema-checked data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

Text = dict[str, str]  # {"ja": ..., "en": ...}

STATUSES = ("met", "partial", "not_met", "not_applicable")
# An item's fields besides `id` and `replaces`, in the order the format documents them.
ITEM_FIELDS = (
    "title",
    "official_title",
    "question",
    "guidance",
    "remediation",
    "effort",
    "weight",
    "blocking",
    "allow_na",
    "points",
    "partial_points",
    "poam",
    "gate",
    "applicability",
    "references",
    "verification",
    "same_as",
)


def tr(text: Text | str | None, lang: str) -> str:
    """The `lang` version of a bilingual text (falls back to English, then Japanese)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get("en") or text.get("ja") or ""


@dataclass(eq=False)
class Item:
    data: dict[str, Any]
    section_id: str

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def same_as(self) -> list[str]:
        return [same_as_target(link) for link in self.data.get("same_as", [])]

    def __getattr__(self, name: str) -> Any:  # title, question, points, ...
        try:
            return self.data[name] if name in self.data else _ITEM_DEFAULTS[name]
        except KeyError:
            raise AttributeError(name) from None


_ITEM_DEFAULTS: dict[str, Any] = {
    "blocking": False,
    "allow_na": True,
    "points": None,
    "partial_points": None,
    "poam": None,
    "gate": False,
    "applicability": None,
}


def same_as_target(link: str | dict[str, Any]) -> str:
    """`checklist-id:item-id` of a `same_as` link, written either as text or as a mapping."""
    return link if isinstance(link, str) else link["item"]


@dataclass(eq=False)
class Section:
    id: str
    title: Text
    items: list[Item]


@dataclass(eq=False)
class Checklist:
    """One version of one checklist, plus the file it came from and its content hash."""

    data: dict[str, Any]
    path: str
    sha256: str
    sections: list[Section] = field(init=False)

    def __post_init__(self) -> None:
        self.sections = [
            Section(
                id=s["id"],
                title=s["title"],
                items=[Item(data=i, section_id=s["id"]) for i in s["items"]],
            )
            for s in self.data["sections"]
        ]
        self._items = {item.id: item for item in self.items()}

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def version(self) -> str:
        return self.data["version"]

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    @property
    def status(self) -> str:
        return self.data["status"]

    @property
    def title(self) -> Text:
        return self.data["title"]

    @property
    def scoring(self) -> dict[str, Any]:
        return self.data["scoring"]

    @property
    def sources(self) -> dict[str, dict[str, Any]]:
        return {s["id"]: s for s in self.data["sources"]}

    def items(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.items

    def item(self, item_id: str) -> Item | None:
        return self._items.get(item_id)

    def __len__(self) -> int:
        return len(self._items)
