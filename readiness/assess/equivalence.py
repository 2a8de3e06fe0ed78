"""Answer once, credited everywhere: an unanswered item takes the answer of items it is declared
the same as (`same_as` in the checklist data).

Direction is the data's: a link on item A to B means A may take B's answer (B does not take
A's unless B links back). An explicit answer always wins. A derived answer comes from explicit
answers only, possibly through a chain (uk-cyber -> cmmc-l1 -> cmmc-l2); when an item links to
several items (a partial overlap), it is derived only once every linked item that the answers
file assesses has an answer, and it takes the least favourable of them (never more credit than
the weakest part). Links to checklists or items the answers file does not assess are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from readiness.assess.answers import Answer
from readiness.content.model import Checklist
from readiness.formats.collector import Collector
from readiness.formats.messages import t

# least favourable first: a derived answer takes the weakest of the answers it rests on
_RANK = {"not_met": 0, "partial": 1, "met": 2, "not_applicable": 3}


@dataclass(eq=False)
class Derived:
    """An answer an item took from another: the answer itself and where it came from."""

    answer: Answer
    source: str  # "checklist-id:item-id" of the explicit answer it rests on


def key(checklist_id: str, item_id: str) -> str:
    return f"{checklist_id}:{item_id}"


def derive(checklists: list[Checklist], given: dict[str, dict[str, Answer]]) -> dict[str, Derived]:
    """Derived answers, keyed "checklist:item", for items without an answer of their own.

    `given` maps a checklist id to its explicit answers (item id -> Answer); only items of
    `checklists` (the versions the answers file names) take part.
    """
    present = {c.id: c for c in checklists}
    explicit: dict[str, tuple[Answer, str]] = {}
    links: dict[str, list[str]] = {}
    for checklist in checklists:
        answers = given.get(checklist.id, {})
        for item in checklist.items():
            k = key(checklist.id, item.id)
            answer = answers.get(item.id)
            if answer is not None and answer.status is not None:
                explicit[k] = (answer, k)
                continue
            targets = []
            for target in item.same_as:
                cid, _, iid = target.partition(":")
                other = present.get(cid)
                if other is not None and other.item(iid) is not None:
                    targets.append(target)
            if targets:
                links[k] = targets
    known = dict(explicit)
    derived: dict[str, Derived] = {}
    changed = True
    while changed:  # a fixed point: each pass can only add answers, so it ends
        changed = False
        for k, targets in links.items():
            if k in known or not all(t in known for t in targets):
                continue
            answer, source = min(
                (known[t] for t in targets), key=lambda pair: _RANK.get(pair[0].status or "", 0)
            )
            known[k] = (answer, source)
            derived[k] = Derived(answer=answer, source=source)
            changed = True
    return derived


@dataclass(eq=False)
class Conflict:
    """Two items declared the same but answered differently."""

    item: str  # "checklist:item" carrying the link
    other: str  # the linked item
    status: str
    other_status: str


def conflicts(checklists: list[Checklist], given: dict[str, dict[str, Answer]]) -> list[Conflict]:
    """Explicit answers that disagree across `same_as` links (each pair once).

    An item linked to several items is compared with the weakest of their answers, the one it
    would take if it had none of its own (one requirement of several met does not make it met).
    """
    present = {c.id: c for c in checklists}
    found: list[Conflict] = []
    seen: set[frozenset[str]] = set()
    for checklist in checklists:
        answers = given.get(checklist.id, {})
        for item in checklist.items():
            mine = answers.get(item.id)
            if mine is None or mine.status is None:
                continue
            theirs: list[tuple[str, str]] = []
            for target in item.same_as:
                cid, _, iid = target.partition(":")
                other = given.get(cid, {}).get(iid) if cid in present else None
                if other is not None and other.status is not None:
                    theirs.append((target, other.status))
            if not theirs:
                continue
            target, status = min(theirs, key=lambda pair: _RANK.get(pair[1], 0))
            pair = frozenset((key(checklist.id, item.id), target))
            if status == mine.status or pair in seen:
                continue
            seen.add(pair)
            found.append(Conflict(key(checklist.id, item.id), target, mine.status, status))
    return found


def check_conflicts(
    c: Collector, loaded: list[tuple[Checklist, dict[str, Any]]], lang: str
) -> None:
    """Items declared the same (`same_as`) but answered differently: a warning naming both."""
    given: dict[str, dict[str, Answer]] = {}
    for checklist, entry_data in loaded:
        answers = entry_data.get("answers") or {}
        given[checklist.id] = {
            k: Answer.parse(v) for k, v in answers.items() if v is None or isinstance(v, str | dict)
        }
    for conflict in conflicts([ch for ch, _ in loaded], given):
        here = ["checklists", *conflict.item.split(":", 1)]
        there = ["checklists", *conflict.other.split(":", 1)]
        here.insert(2, "answers")
        there.insert(2, "answers")
        line, col = c.doc.position(there)
        c.add(
            here,
            t(
                lang,
                f"{conflict.item} is answered {conflict.status}, but the item it is declared the "
                f"same as, {conflict.other} (line {line}, column {col}), is answered "
                f"{conflict.other_status}; make them agree",
                f"{conflict.item} の回答は {conflict.status} ですが、同じ内容とされる "
                f"{conflict.other}（{line}行{col}列）の回答は {conflict.other_status} です。"
                "どちらかに揃えてください",
            ),
            "same-as-conflict",
            level="warning",
        )
