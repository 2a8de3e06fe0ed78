"""One checklist's gaps as an OSCAL plan-of-action-and-milestones (POA&M) document.

Written only where there are gaps. Each gap is a POA&M item that points at its observation,
finding and risk (the same UUIDs as in the assessment results); its properties say whether
CMMC allows it on a POA&M and why, the points it costs, the owner and due date; the risk
carries the milestones. For a CMMC conditional status the 180-day close-out (from the
Conditional Status Date, 32 CFR 170.21(b), which a self-assessment takes to be the assessment
date) is a milestone of every item and the deadline of its risk; without conditional status
the document says why none applies.
"""

from __future__ import annotations

from typing import Any

from readiness.assess.results import ItemResult
from readiness.content.model import tr
from readiness.exchange.oscal_common import one_line, props
from readiness.exchange.oscal_findings import (
    Subject,
    back_matter,
    closeout,
    finding,
    label,
    metadata,
    observation,
    poam_reason,
    risk,
)
from readiness.exchange.oscal_results import summary


def closeout_text(s: Subject) -> str:
    """What the CMMC close-out rule means for these answers."""
    result = s.result
    scoring = result.checklist.scoring
    if scoring["method"] == "all-met":
        return "CMMC Level 1 allows no POA&M: every requirement must be met (32 CFR 170.21(a)(1))."
    if scoring["method"] != "cmmc-points":
        return (
            "A plan of action for this checklist's gaps. The regime has no POA&M rules of its "
            "own; owners and dates come from the answers file."
        )
    days = scoring["poam_closeout_days"]
    rule = (
        f"Under 32 CFR 170.21(b) a POA&M must be closed, and the closure confirmed by a POA&M "
        f"close-out assessment, within {days} days of the Conditional Status Date."
    )
    if result.closeout_date:
        return (
            f"{rule} This self-assessment takes the assessment date {s.date} as that date, so "
            f"every item below must be closed by {result.closeout_date}."
        )
    return (
        f"{rule} These answers do not reach conditional status ({result.verdict}), so no "
        "close-out date runs yet; the items below show which gaps could go on a POA&M and why."
    )


def _item(s: Subject, r: ItemResult) -> dict[str, Any]:
    a = r.answer
    end = closeout(s, r)
    remarks = []
    if r.poam_eligible is not None:
        remarks.append(poam_reason(r))
    if end and a and a.due and a.due > end:
        remarks.append(f"The due date {a.due} is after the close-out deadline {end}.")
    out: dict[str, Any] = {
        "uuid": s.id("poam-item", r.item.id),
        "title": label(s, r),
        "description": tr(r.item.remediation, "en"),
        "props": props(
            ("item-id", r.item.id),
            ("status", r.status),
            ("points", r.item.points),
            ("deduction", r.deduction),
            ("poam-eligible", r.poam_eligible),
            ("poam-rule", r.item.poam),
            ("blocking-gap", True if r.blocking_gap else None),
            ("owner", a.owner if a else None),
            ("due", a.due if a else None),
            ("closeout-date", end),
        ),
        "related-findings": [{"finding-uuid": s.id("finding", r.item.id)}],
        "related-observations": [{"observation-uuid": s.id("observation", r.item.id)}],
        "related-risks": [{"risk-uuid": s.id("risk", r.item.id)}],
    }
    if remarks:
        out["remarks"] = " ".join(remarks)
    return out


def poam(s: Subject) -> dict[str, Any] | None:
    """The POA&M document for one checklist result, or None when it has no gaps."""
    gaps = [r for r in s.result.items if r.in_scope and r.is_gap]
    if not gaps:
        return None
    c = s.result.checklist
    title = f"{s.org}: {one_line(tr(c.title, 'en'))}, plan of action and milestones ({s.date})"
    meta = metadata(s, title, "poam")
    meta["remarks"] = (
        f"{closeout_text(s)}\n\n{summary(s.result, 'en')}\n\n{summary(s.result, 'ja')}"
    )
    return {
        "plan-of-action-and-milestones": {
            "uuid": s.id("poam"),
            "metadata": meta,
            "system-id": {
                "identifier-type": "https://readiness.example/ns/oscal/organisation-checklist",
                "id": f"{s.org} / {c.id}",
            },
            "observations": [observation(s, r) for r in gaps],
            "risks": [risk(s, r) for r in gaps],
            "findings": [finding(s, r) for r in gaps],
            "poam-items": [_item(s, r) for r in gaps],
            "back-matter": back_matter(s),
        }
    }
