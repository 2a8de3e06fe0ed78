"""Score an answers file: scope each item, weigh it, then let the checklist's method decide.

The generic part (scope, counts, weighted percentages) is the same for every checklist; the
verdict comes from the named method in `methods.py`, driven only by the checklist's data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from readiness import applicability
from readiness.catalog import Catalog
from readiness.model import Answer, Answers, Checklist, Item, Text
from readiness.problems import InputError

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

    @property
    def in_scope(self) -> bool:
        return self.status != "out_of_scope"

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

    def to_json(self) -> dict[str, Any]:
        from readiness import __version__

        return {
            "tool": {"name": "readiness", "version": __version__},
            "organisation": self.answers.organisation,
            "assessment_date": self.answers.assessment_date,
            "checklists": [r.to_json() for r in self.results],
            "missing_checklists": self.missing,
        }


def _scope(item: Item, profile: dict[str, Any], unknown: set[str]) -> tuple[bool, Text | None]:
    rule = item.applicability
    if not rule:
        return True, None
    result = applicability.evaluate(rule["when"], profile)
    if result is None:
        unknown.update(f for f, _ in applicability.facts_in(rule["when"]) if f not in profile)
        return True, None
    return result, None if result else rule["reason"]


def percent(results: list[ItemResult], partial_credit: float) -> float | None:
    weights = [(r.item.weight, r) for r in results if r.in_scope and r.status != "not_applicable"]
    total = sum(w for w, _ in weights)
    if not total:
        return None
    earned = sum(w * r.credit for w, r in weights)
    return round(100.0 * earned / total, 1)


def _counts(results: list[ItemResult]) -> dict[str, int]:
    counts = dict.fromkeys(COUNT_KEYS, 0)
    for r in results:
        counts[r.status] += 1
    return counts


def score_checklist(
    checklist: Checklist,
    given: dict[str, Answer],
    answers: Answers,
    earlier: dict[str, ChecklistResult],
) -> ChecklistResult:
    from readiness import methods  # the named methods, looked up by the checklist's data

    profile = answers.profile
    unknown: set[str] = set()
    scoring = checklist.scoring
    partial_credit = float(scoring.get("partial_credit", 0.5))

    applicable, scope_reason = True, None
    if "applicability" in checklist.data:
        rule = checklist.data["applicability"]
        verdict = applicability.evaluate(rule["when"], profile)
        if verdict is None:
            unknown.update(f for f, _ in applicability.facts_in(rule["when"]) if f not in profile)
        elif not verdict:
            applicable, scope_reason = False, rule["reason"]

    sections = []
    for section in checklist.sections:
        rows = []
        for item in section.items:
            answer = given.get(item.id)
            in_scope, reason = _scope(item, profile, unknown) if applicable else (False, None)
            if not in_scope:
                status = "out_of_scope"
            elif answer is None or answer.status is None:
                status = "unanswered"
            elif answer.status == "not_applicable" and not item.allow_na:
                status = "not_met"  # validate reports this; scoring stays conservative
            else:
                status = answer.status
            credit = {"met": 1.0, "partial": partial_credit}.get(status, 0.0)
            rows.append(ItemResult(item, status, answer, scope_reason=reason, credit=credit))
        sections.append(
            SectionResult(
                id=section.id,
                title=section.title,
                percent=percent(rows, partial_credit),
                counts=_counts(rows),
                items=rows,
            )
        )
    all_rows = [r for s in sections for r in s.items]
    result = ChecklistResult(
        checklist=checklist,
        applicable=applicable,
        scope_reason=scope_reason,
        sections=sections,
        percent=percent(all_rows, partial_credit) if applicable else None,
        counts=_counts(all_rows),
        verdict="not_applicable",
        reasons=[],
        unknown_facts=sorted(unknown),
    )
    if not applicable:
        return result
    method = methods.METHODS[scoring["method"]]
    method(result, answers, scoring)
    _apply_prerequisite(result, scoring.get("prerequisite"), earlier)
    if unknown:
        result.reasons.append(
            Reason("reason.profile_unknown", {"facts": ", ".join(sorted(unknown))})
        )
    return result


def _apply_prerequisite(
    result: ChecklistResult, prereq: dict[str, Any] | None, earlier: dict[str, ChecklistResult]
) -> None:
    if not prereq:
        return
    other = earlier.get(prereq["checklist"])
    actual = other.verdict if other else "not assessed"
    if actual in prereq["verdicts"]:
        return
    result.verdict = "not_eligible"
    result.closeout_date = None
    result.reasons.insert(
        0,
        Reason(
            "reason.prerequisite",
            {
                "checklist": prereq["checklist"],
                "verdicts": "/".join(prereq["verdicts"]),
                "actual": actual,
            },
        ),
    )


def add_days(date: str, days: int) -> str:
    """ISO date `days` after `date`, clamped to the last representable date."""
    try:
        return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return dt.date.max.isoformat()


def assess(answers: Answers, catalog: Catalog) -> Assessment:
    """Score every checklist the answers file names, prerequisites first."""
    entries = []
    for ca in answers.checklists():
        entry = catalog.find(ca.checklist_id, ca.version)
        if entry is None:
            raise InputError(
                f"{answers.path}: unknown checklist version {ca.checklist_id}@{ca.version}; "
                "run `readiness validate` on the answers file"
            )
        entries.append((catalog.load(entry), ca))
    # prerequisites first, so a later checklist can look at an earlier verdict
    entries.sort(key=lambda pair: 1 if pair[0].scoring.get("prerequisite") else 0)
    done: dict[str, ChecklistResult] = {}
    for checklist, ca in entries:
        done[checklist.id] = score_checklist(checklist, ca.answers, answers, done)
    order = [ca.checklist_id for ca in answers.checklists()]
    results = sorted(done.values(), key=lambda r: order.index(r.checklist.id))
    answered = set(order)
    missing = []
    for cid in catalog.ids():
        if cid in answered:
            continue
        entry = catalog.find(cid)
        rule = catalog.load(entry).data.get("applicability") if entry else None
        if rule and applicability.evaluate(rule["when"], answers.profile):
            missing.append(cid)
    return Assessment(answers=answers, results=results, missing=missing)
