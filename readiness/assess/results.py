"""What scoring produces: per item, per section, per checklist, and for a whole answers file.

Plain data that crosses from `assess` to `report`, `exchange` and the CLI's JSON output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from readiness import __version__
from readiness.assess.answers import Answer, Answers
from readiness.content.model import Checklist, Item, Text

SCORE_FORMAT = 1  # version of `score --format json`; bumped when a field changes meaning
SCORE_SCHEMA_ID = "https://readiness.example/schemas/score.schema.json"
GAP = ("partial", "not_met", "unanswered")
COUNT_KEYS = ("met", "partial", "not_met", "not_applicable", "unanswered", "out_of_scope")


@dataclass(eq=False)
class ItemResult:
    item: Item
    status: str  # met | partial | not_met | not_applicable | unanswered | out_of_scope
    answer: Answer | None
    scope_reason: Text | None = None  # why the item is out of scope
    credit: float = 0.0  # 0..1 share of the weight earned
    deduction: int | None = None  # cmmc-points: points lost
    poam_eligible: bool | None = None  # cmmc-points: for gaps only
    blocking_gap: bool = False
    derived_from: str | None = None  # "checklist:item" whose answer this item took (same_as)

    @property
    def in_scope(self) -> bool:
        return self.status != "out_of_scope"

    def to_json(self) -> dict[str, Any]:
        """One row per item: enough to build spreadsheets, POA&Ms and comparisons from."""
        a = self.answer
        return {
            "id": self.item.id,
            "section": self.item.section_id,
            "status": self.status,
            "deduction": self.deduction,
            "poam_eligible": self.poam_eligible,
            "blocking_gap": self.blocking_gap,
            "owner": a.owner if a else "",
            "due": a.due if a else "",
            "has_note": bool(a and a.note),
            "has_evidence": bool(a and a.evidence),
            "derived_from": self.derived_from,
        }

    @property
    def is_gap(self) -> bool:
        return self.status in GAP


@dataclass(eq=False)
class SectionResult:
    id: str
    title: Text
    percent: float | None
    counts: dict[str, int]
    items: list[ItemResult]


@dataclass(eq=False)
class Reason:
    """A verdict reason: a message key plus its parameters, rendered in either language."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class ChecklistResult:
    checklist: Checklist
    applicable: bool
    scope_reason: Text | None
    sections: list[SectionResult]
    percent: float | None
    counts: dict[str, int]
    verdict: str
    reasons: list[Reason]
    unknown_facts: list[str]
    score: int | None = None
    max_score: int | None = None
    min_conditional_score: int | None = None
    poam: list[str] = field(default_factory=list)
    poam_ineligible: list[str] = field(default_factory=list)
    deductions: dict[str, int] = field(default_factory=dict)
    closeout_date: str | None = None
    thresholds: dict[str, Any] = field(default_factory=dict)  # methods.thresholds(): law or ours
    assessed_by: str = "self"  # who assessed these answers: self, c3pao or dibcac
    review: list[str] = field(default_factory=list)  # answers to confirm after a migration

    @property
    def items(self) -> list[ItemResult]:
        return [r for s in self.sections for r in s.items]

    @property
    def gaps(self) -> list[ItemResult]:
        return [r for r in self.items if r.is_gap]

    @property
    def blocking(self) -> list[str]:
        return [r.item.id for r in self.items if r.blocking_gap]

    @property
    def unanswered(self) -> list[str]:
        return [r.item.id for r in self.items if r.status == "unanswered"]

    def to_json(self) -> dict[str, Any]:
        c = self.checklist
        out: dict[str, Any] = {
            "id": c.id,
            "version": c.version,
            "sha256": c.sha256,
            "status": c.status,
            "method": c.scoring["method"],
            "applicable": self.applicable,
            "percent": self.percent,
            "verdict": self.verdict,
            "reasons": [{"key": r.key, **r.params} for r in self.reasons],
            "counts": self.counts,
            "unanswered": self.unanswered,
            "blocking": self.blocking,
            "out_of_scope": [r.item.id for r in self.items if r.status == "out_of_scope"],
            "unknown_profile_facts": self.unknown_facts,
            "sections": [
                {"id": s.id, "percent": s.percent, "counts": s.counts} for s in self.sections
            ],
            "items": [r.to_json() for r in self.items],
            "thresholds": self.thresholds,
            "assessed_by": self.assessed_by,
            "review": self.review,
        }
        if c.scoring["method"] == "cmmc-points":
            out.update(
                {
                    "score": self.score,
                    "max_score": self.max_score,
                    "min_conditional_score": self.min_conditional_score,
                    "poam": self.poam,
                    "poam_ineligible": self.poam_ineligible,
                    "deductions": self.deductions,
                    "poam_closeout_date": self.closeout_date,
                }
            )
            if c.scoring.get("sprs"):
                out["sprs_score"] = self.score
        return out


@dataclass(eq=False)
class Assessment:
    """Everything the CLI and the report need about one answers file."""

    answers: Answers
    results: list[ChecklistResult]
    missing: list[str]  # checklists that apply to the profile but were not answered
    newer: dict[str, str] = field(default_factory=dict)  # id -> newer released version

    def to_json(self) -> dict[str, Any]:
        return {
            "$schema": SCORE_SCHEMA_ID,
            "format": SCORE_FORMAT,
            "tool": {"name": "readiness", "version": __version__},
            "organisation": self.answers.organisation,
            "assessment_date": self.answers.assessment_date,
            "checklists": [r.to_json() for r in self.results],
            "missing_checklists": self.missing,
            "newer_releases": self.newer,
        }


def add_days(date: str, days: int) -> str:
    """ISO date `days` after `date`, clamped to the last representable date."""
    try:
        return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return dt.date.max.isoformat()
