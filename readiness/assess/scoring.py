"""Score an answers file: scope each item, weigh it, then let the checklist's method decide.

The generic part (scope, counts, weighted percentages) is the same for every checklist; the
verdict comes from the named method in `assess/methods.py`, driven only by the checklist's data.
"""

from __future__ import annotations

from typing import Any

from readiness.assess import equivalence, methods
from readiness.assess.answers import Answer, Answers
from readiness.assess.results import (
    COUNT_KEYS,
    Assessment,
    ChecklistResult,
    ItemResult,
    Reason,
    SectionResult,
)
from readiness.content import applicability
from readiness.content.catalog import Catalog, version_key
from readiness.content.model import Checklist, Item, Text
from readiness.formats.problems import InputError


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
    assessed_by: str = "self",
    review: list[str] | None = None,
    derived: dict[str, equivalence.Derived] | None = None,
) -> ChecklistResult:
    """Scope, count and weigh one checklist's answers, then let its named method decide."""
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
            source = None
            if answer is None or answer.status is None:
                took = (derived or {}).get(equivalence.key(checklist.id, item.id))
                if took is not None:
                    answer, source = took.answer, took.source
            in_scope, reason = _scope(item, profile, unknown) if applicable else (False, None)
            if not in_scope:
                status, source = "out_of_scope", None
            elif answer is None or answer.status is None:
                status = "unanswered"
            elif answer.status == "not_applicable" and not item.allow_na:
                status = "not_met"  # validate reports this; scoring stays conservative
            else:
                status = answer.status
            credit = {"met": 1.0, "partial": partial_credit}.get(status, 0.0)
            rows.append(
                ItemResult(
                    item, status, answer, scope_reason=reason, credit=credit, derived_from=source
                )
            )
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
        thresholds=methods.thresholds(scoring),
        assessed_by=assessed_by,
        review=list(review or []),
    )
    if not applicable:
        return result
    method = methods.METHODS[scoring["method"]]
    method(result, answers, scoring)
    _apply_prerequisite(result, scoring.get("prerequisite"), earlier)
    if unknown:
        result.reasons.append(Reason("reason.profile_unknown", {"facts": sorted(unknown)}))
    return result


def _apply_prerequisite(
    result: ChecklistResult, prereq: dict[str, Any] | None, earlier: dict[str, ChecklistResult]
) -> None:
    """Another checklist must reach one of `verdicts` first (assessed by one of `assessed_by`)."""
    if not prereq:
        return
    other = earlier.get(prereq["checklist"])
    actual = other.verdict if other else "not assessed"
    assessors = prereq.get("assessed_by")
    if actual in prereq["verdicts"] and (not assessors or other.assessed_by in assessors):
        return
    result.verdict = "not_eligible"
    result.closeout_date = None
    if actual in prereq["verdicts"]:
        reason = Reason(
            "reason.prerequisite_assessor",
            {
                "checklist": prereq["checklist"],
                "verdicts": "/".join(prereq["verdicts"]),
                "assessors": "/".join(assessors),
                "actual": other.assessed_by,
            },
        )
    else:
        reason = Reason(
            "reason.prerequisite",
            {
                "checklist": prereq["checklist"],
                "verdicts": "/".join(prereq["verdicts"]),
                "actual": actual,
            },
        )
    result.reasons.insert(0, reason)


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
    derived = equivalence.derive(
        [c for c, _ in entries], {ca.checklist_id: ca.answers for _, ca in entries}
    )
    done: dict[str, ChecklistResult] = {}
    for checklist, ca in entries:
        done[checklist.id] = score_checklist(
            checklist, ca.answers, answers, done, ca.assessed_by, ca.review, derived
        )
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
    return Assessment(
        answers=answers, results=results, missing=missing, newer=newer_releases(results, catalog)
    )


def newer_releases(results: list[ChecklistResult], catalog: Catalog) -> dict[str, str]:
    """Checklists answered at an older version than their latest release: id -> that version."""
    newer = {}
    for r in results:
        latest = catalog.find(r.checklist.id)
        if (
            latest is not None
            and version_key(latest.version) > version_key(r.checklist.version)
            and catalog.lock_for(latest.root).get(latest.ref)
        ):
            newer[r.checklist.id] = latest.version
    return newer
