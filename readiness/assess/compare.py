"""Compare two assessments of one organisation: what was fixed, what is new, what got worse.

Items are matched by id (a renamed item's `replaces` is followed), so two different versions
of a checklist compare on the items present in both; the ones that could not be compared are
listed, never silently dropped. Plain data: the CLI prints it as text or JSON and the report
shows it as "progress since".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from readiness.assess.results import GAP, Assessment, ChecklistResult, ItemResult
from readiness.content.model import Text

# How good an answer is; unanswered items count as not met, as scoring counts them.
RANK = {"met": 3, "not_applicable": 3, "partial": 2, "not_met": 1, "unanswered": 1}
KINDS = ("remediated", "new_gap", "worse", "improved", "left_scope")


@dataclass(frozen=True)
class ItemChange:
    id: str
    title: Text
    old: str  # status before (out_of_scope included)
    new: str  # status now
    kind: str  # one of KINDS
    old_id: str = ""  # when the item was renamed between the two versions

    def to_json(self) -> dict[str, Any]:
        out = {"id": self.id, "old": self.old, "new": self.new, "kind": self.kind}
        if self.old_id:
            out["old_id"] = self.old_id
        return out


@dataclass(eq=False)
class ChecklistChange:
    """One checklist in both assessments (possibly at two versions)."""

    id: str
    old_ref: str
    new_ref: str
    old_verdict: str
    new_verdict: str
    old_percent: float | None
    new_percent: float | None
    old_score: int | None
    new_score: int | None
    sprs: bool
    old_gaps: int
    new_gaps: int
    closeout_days: int | None = None  # CMMC: the POA&M deadline a conditional verdict names
    changes: list[ItemChange] = field(default_factory=list)
    only_old: list[str] = field(default_factory=list)  # items that could not be compared
    only_new: list[str] = field(default_factory=list)

    def of(self, kind: str) -> list[ItemChange]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def percent_delta(self) -> float | None:
        if self.old_percent is None or self.new_percent is None:
            return None
        return round(self.new_percent - self.old_percent, 1)

    @property
    def score_delta(self) -> int | None:
        if self.old_score is None or self.new_score is None:
            return None
        return self.new_score - self.old_score

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "old": self.old_ref,
            "new": self.new_ref,
            "verdict": {"old": self.old_verdict, "new": self.new_verdict},
            "percent": {
                "old": self.old_percent,
                "new": self.new_percent,
                "delta": self.percent_delta,
            },
            "score": {"old": self.old_score, "new": self.new_score, "delta": self.score_delta},
            "sprs": self.sprs,
            "gaps": {"old": self.old_gaps, "new": self.new_gaps},
            **{kind: [c.to_json() for c in self.of(kind)] for kind in KINDS},
            "not_compared": {"only_old": self.only_old, "only_new": self.only_new},
        }


@dataclass(eq=False)
class Comparison:
    """OLD → NEW for every checklist either answers file names."""

    old_path: str
    new_path: str
    old_date: str
    new_date: str
    organisation: str
    old_organisation: str
    checklists: list[ChecklistChange]
    only_old: list[str]  # checklist refs answered only in OLD
    only_new: list[str]

    @property
    def same_organisation(self) -> bool:
        return self.organisation == self.old_organisation

    @property
    def dates_in_order(self) -> bool:
        return self.old_date <= self.new_date

    def to_json(self) -> dict[str, Any]:
        return {
            "format": 1,
            "old": {"file": self.old_path, "assessment_date": self.old_date},
            "new": {"file": self.new_path, "assessment_date": self.new_date},
            "organisation": self.organisation,
            "same_organisation": self.same_organisation,
            "checklists": [c.to_json() for c in self.checklists],
            "only_old": self.only_old,
            "only_new": self.only_new,
        }


def classify(old: str, new: str) -> str | None:
    """The kind of change from status `old` to `new`, or None when nothing worth saying."""
    if old == new or (old == "out_of_scope" and new == "out_of_scope"):
        return None
    old_gap, new_gap = old in GAP, new in GAP
    if new == "out_of_scope":
        return "left_scope" if old_gap else None
    if old_gap and not new_gap:
        return "remediated"
    if not old_gap and new_gap:
        return "new_gap"  # met → gap, or an item that came into scope as a gap
    if old_gap and new_gap:
        if RANK[new] < RANK[old]:
            return "worse"
        if RANK[new] > RANK[old]:
            return "improved"
    return None


def _replaces(r: ItemResult) -> list[str]:
    value = r.item.data.get("replaces")
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def compare_checklist(old: ChecklistResult, new: ChecklistResult) -> ChecklistChange:
    old_items = {r.item.id: r for r in old.items}
    change = ChecklistChange(
        id=new.checklist.id,
        old_ref=old.checklist.ref,
        new_ref=new.checklist.ref,
        old_verdict=old.verdict,
        new_verdict=new.verdict,
        old_percent=old.percent,
        new_percent=new.percent,
        old_score=old.score,
        new_score=new.score,
        sprs=bool(new.checklist.scoring.get("sprs")),
        old_gaps=len(old.gaps),
        new_gaps=len(new.gaps),
        closeout_days=new.checklist.scoring.get("poam_closeout_days"),
    )
    matched: set[str] = set()
    for r in new.items:
        source, renamed = r.item.id, ""
        if source not in old_items:
            source = next((o for o in _replaces(r) if o in old_items), "")
            renamed = source
        if not source:
            change.only_new.append(r.item.id)
            continue
        matched.add(source)
        before = old_items[source].status
        kind = classify(before, r.status)
        if kind:
            change.changes.append(
                ItemChange(r.item.id, r.item.title, before, r.status, kind, renamed)
            )
    change.only_old = [i for i in old_items if i not in matched]
    return change


def compare(old: Assessment, new: Assessment) -> Comparison:
    """Per checklist answered in both: verdict, score and readiness deltas and item changes."""
    olds = {r.checklist.id: r for r in old.results}
    news = {r.checklist.id: r for r in new.results}
    return Comparison(
        old_path=old.answers.path,
        new_path=new.answers.path,
        old_date=old.answers.assessment_date,
        new_date=new.answers.assessment_date,
        organisation=new.answers.organisation.get("name", ""),
        old_organisation=old.answers.organisation.get("name", ""),
        checklists=[compare_checklist(olds[cid], r) for cid, r in news.items() if cid in olds],
        only_old=[r.checklist.ref for cid, r in olds.items() if cid not in news],
        only_new=[r.checklist.ref for cid, r in news.items() if cid not in olds],
    )
