"""The named scoring methods. Each sets a result's verdict from the checklist's own rules.

`cmmc-points` follows 32 CFR 170.24 and the DoD Assessment Methodology: start at max_score,
deduct each gap's points (partial credit only where an item declares partial_points), no score
at all without a gate requirement (the SSP), conditional status at score ≥ ratio × max when
every gap may go on a POA&M, close-out within poam_closeout_days of the assessment date.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from readiness.assess.answers import Answers
from readiness.assess.results import ChecklistResult, Reason, add_days


def cmmc_points(result: ChecklistResult, answers: Answers, scoring: dict[str, Any]) -> None:
    max_score = scoring["max_score"]
    minimum = math.ceil(Fraction(str(scoring["conditional_min_ratio"])) * max_score)
    deductions: dict[str, int] = {}
    gate_gaps: list[str] = []
    for r in result.items:
        if not r.is_gap:
            r.deduction = 0 if r.in_scope else None
            continue
        item = r.item
        if item.gate:
            gate_gaps.append(item.id)
            r.poam_eligible = False
            r.deduction = 0
            continue
        if r.status == "partial" and item.partial_points is not None:
            r.deduction = item.partial_points
        else:
            r.deduction = item.points
        deductions[item.id] = r.deduction
        r.poam_eligible = item.poam == "eligible" or (
            item.poam == "partial_only" and r.status == "partial"
        )
    score = max_score - sum(deductions.values())
    gaps = result.gaps
    result.max_score = max_score
    result.min_conditional_score = minimum
    result.deductions = deductions
    result.poam = [r.item.id for r in gaps if r.poam_eligible]
    result.poam_ineligible = [r.item.id for r in gaps if not r.poam_eligible]
    result.score = None if gate_gaps else score
    for r in gaps:
        r.blocking_gap = not r.poam_eligible

    unanswered = result.unanswered
    if unanswered and _cmmc_decided(result, gate_gaps, minimum, max_score):
        return
    if unanswered:
        result.verdict = "incomplete"
        result.reasons.append(Reason("reason.unanswered", {"n": len(unanswered)}))
    if gate_gaps:
        result.verdict = "incomplete" if unanswered else "not_eligible"
        unanswered_gates = [r.item.id for r in gaps if r.item.gate and r.status == "unanswered"]
        key = "reason.gate_unanswered" if unanswered_gates == gate_gaps else "reason.gate"
        result.reasons.append(Reason(key, {"items": list(gate_gaps)}))
        return
    if unanswered:
        return
    if not gaps:
        result.verdict = "final"
        result.reasons.append(Reason("reason.all_met"))
        return
    if score < minimum:
        result.verdict = "not_eligible"
        result.reasons.append(Reason("reason.score_below", {"score": score, "minimum": minimum}))
    if result.poam_ineligible:
        result.verdict = "not_eligible"
        result.reasons.append(
            Reason("reason.poam_ineligible", {"items": list(result.poam_ineligible)})
        )
    if result.verdict == "not_eligible":
        return
    result.verdict = "conditional"
    result.closeout_date = add_days(answers.assessment_date, scoring["poam_closeout_days"])
    result.reasons.append(
        Reason(
            "reason.poam_ok",
            {"score": score, "minimum": minimum, "date": result.closeout_date},
        )
    )


def _cmmc_decided(
    result: ChecklistResult, gate_gaps: list[str], minimum: int, max_score: int
) -> bool:
    """Not eligible already, whatever the blanks say: an answered gap that may not go on a
    POA&M (or an answered gate gap), or a score below the minimum even if every blank were met.
    """
    answered = [r for r in result.gaps if r.status != "unanswered"]
    ineligible = [r.item.id for r in answered if not r.poam_eligible]
    best = max_score - sum(r.deduction or 0 for r in answered)
    if not ineligible and best >= minimum:
        return False
    result.verdict = "not_eligible"
    n = len(result.unanswered)
    if ineligible:
        key = "reason.gate" if set(ineligible) <= set(gate_gaps) else "reason.poam_ineligible"
        result.reasons.append(Reason(key, {"items": list(ineligible)}))
    if best < minimum:
        result.reasons.append(Reason("reason.best_below", {"best": best, "minimum": minimum}))
    result.reasons.append(Reason("reason.decided_despite_blanks", {"n": n}))
    return True


def all_met(result: ChecklistResult, answers: Answers, scoring: dict[str, Any]) -> None:
    gaps = result.gaps
    for r in gaps:
        r.blocking_gap = True
    answered_gaps = [r for r in gaps if r.status != "unanswered"]
    if result.unanswered and answered_gaps:  # every requirement must be met: already decided
        result.verdict = "not_eligible"
        result.reasons.append(Reason("reason.all_met_required", {"n": len(answered_gaps)}))
        result.reasons.append(
            Reason("reason.decided_despite_blanks", {"n": len(result.unanswered)})
        )
    elif result.unanswered:
        result.verdict = "incomplete"
        result.reasons.append(Reason("reason.unanswered", {"n": len(result.unanswered)}))
    elif gaps:
        result.verdict = "not_eligible"
        result.reasons.append(Reason("reason.all_met_required", {"n": len(gaps)}))
    else:
        result.verdict = "final"
        result.reasons.append(Reason("reason.all_met"))


def weighted(result: ChecklistResult, answers: Answers, scoring: dict[str, Any]) -> None:
    for r in result.gaps:
        r.blocking_gap = bool(r.item.blocking)
    pct = result.percent if result.percent is not None else 100.0
    blocking = result.blocking
    if result.unanswered:
        result.verdict = "incomplete"
        result.reasons.append(Reason("reason.unanswered", {"n": len(result.unanswered)}))
    if blocking:
        result.reasons.append(Reason("reason.blocking", {"items": list(blocking)}))
    if result.unanswered:
        return
    ready, conditional = scoring["ready_percent"], scoring["conditional_percent"]
    if blocking:
        result.verdict = "not_ready"
    elif pct < conditional:
        result.verdict = "not_ready"
        result.reasons.append(
            Reason("reason.percent_below", {"percent": pct, "minimum": conditional})
        )
    elif pct < ready:
        result.verdict = "nearly_ready"  # never "conditional": that word is CMMC's legal status
        result.reasons.append(
            Reason("reason.percent_conditional", {"percent": pct, "ready": ready})
        )
    else:
        result.verdict = "ready"
        result.reasons.append(Reason("reason.percent_ready", {"percent": pct}))


def thresholds(scoring: dict[str, Any]) -> dict[str, Any]:
    """Where a method's verdict thresholds come from: the regulation, or this tool's heuristic.

    CMMC's 88-of-110 and 180 days are law (32 CFR 170.21, 170.24); the weighted bands are ours,
    and the checklist says why in `bands_rationale`.
    """
    method = scoring["method"]
    if method == "weighted":
        return {
            "basis": "heuristic",
            "ready_percent": scoring["ready_percent"],
            "nearly_ready_percent": scoring["conditional_percent"],
            "rationale": scoring.get("bands_rationale"),
        }
    if method == "cmmc-points":
        minimum = math.ceil(Fraction(str(scoring["conditional_min_ratio"])) * scoring["max_score"])
        return {
            "basis": "regulation",
            "max_score": scoring["max_score"],
            "conditional_min_score": minimum,
            "poam_closeout_days": scoring["poam_closeout_days"],
        }
    return {"basis": "regulation"}


METHODS: dict[str, Callable[[ChecklistResult, Answers, dict[str, Any]], None]] = {
    "cmmc-points": cmmc_points,
    "all-met": all_met,
    "weighted": weighted,
}
