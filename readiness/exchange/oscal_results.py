"""One checklist's answers as an OSCAL assessment-results document.

One result per document (the assessment on the answers file's date), one observation and one
finding per item in scope, a risk per gap; items out of scope are left out of the reviewed
controls, each with the reason. The verdict, score and percentage are properties of the
result in our namespace, and its description says them in English and Japanese.
"""

from __future__ import annotations

from typing import Any

from readiness.assess.results import ChecklistResult
from readiness.content.model import tr
from readiness.exchange.oscal_common import control_id, one_line, props, timestamp
from readiness.exchange.oscal_findings import (
    Subject,
    back_matter,
    finding,
    metadata,
    observation,
    risk,
)
from readiness.report.text import reason_text, thresholds_text, verdict_label


def summary(result: ChecklistResult, lang: str) -> str:
    """The verdict, its reasons and the thresholds behind it, in one language."""
    lines = [verdict_label(result, lang)]
    if not result.applicable and result.scope_reason:
        lines.append(tr(result.scope_reason, lang))
    lines += [reason_text(reason, lang) for reason in result.reasons]
    if result.applicable:
        lines.append(thresholds_text(result, lang))
    end, sep = ("。", "") if lang == "ja" else (".", " ")
    sentences = [s.strip() for s in lines if s.strip()]
    return sep.join(s if s[-1] in ".。!?！？" else s + end for s in sentences)


def result_props(result: ChecklistResult) -> list[dict[str, Any]]:
    """Verdict and figures as properties in our namespace."""
    c = result.checklist
    cmmc = c.scoring["method"] == "cmmc-points"
    return props(
        ("verdict", result.verdict),
        ("applicable", result.applicable),
        ("percent", result.percent),
        ("score", result.score if cmmc else None),
        ("sprs-score", result.score if cmmc and c.scoring.get("sprs") else None),
        ("max-score", result.max_score),
        ("min-conditional-score", result.min_conditional_score),
        ("poam-closeout-date", result.closeout_date),
        ("thresholds-basis", result.thresholds.get("basis")),
        ("assessed-by", result.assessed_by),
        *((f"count-{k.replace('_', '-')}", v) for k, v in result.counts.items()),
    )


def assessment_results(s: Subject) -> dict[str, Any]:
    """The assessment-results document for one checklist result."""
    result = s.result
    c = result.checklist
    in_scope = [r for r in result.items if r.in_scope]
    excluded = [r for r in result.items if not r.in_scope]
    selection: dict[str, Any] = {
        "description": f"Every requirement of readiness checklist {s.ref} in scope for {s.org}",
        "include-all": {},
    }
    if excluded:
        selection["exclude-controls"] = [
            {"control-id": control_id(c.id, r.item.id)} for r in excluded
        ]
        if not result.applicable:
            reason = one_line(tr(result.scope_reason, "en"))
            selection["remarks"] = (
                f"The whole checklist is out of scope for this organisation: {reason}"
            )
        else:
            reasons = [f"- {r.item.id}: {one_line(tr(r.scope_reason, 'en'))}" for r in excluded]
            selection["remarks"] = "Out of scope for this organisation:\n\n" + "\n".join(reasons)
    one: dict[str, Any] = {
        "uuid": s.id("result"),
        "title": f"{one_line(tr(c.title, 'en'))}: {s.date}",
        "description": f"{summary(result, 'en')}\n\n{summary(result, 'ja')}",
        "start": timestamp(s.date),
        "props": result_props(result),
        "links": [{"href": f"#{s.catalog_resource}", "rel": "reference", "text": "catalog"}],
        "reviewed-controls": {
            "control-selections": [selection],
            "links": [{"href": f"#{s.catalog_resource}", "rel": "reference", "text": "catalog"}],
        },
    }
    if in_scope:
        one["observations"] = [observation(s, r) for r in in_scope]
    gaps = [r for r in in_scope if r.is_gap]
    if gaps:
        one["risks"] = [risk(s, r) for r in gaps]
    if in_scope:
        one["findings"] = [finding(s, r) for r in in_scope]
    if result.unknown_facts:
        one["remarks"] = (
            "The profile does not state: "
            + ", ".join(result.unknown_facts)
            + ". Items that depend on it were kept in scope."
        )
    title = f"{s.org}: {one_line(tr(c.title, 'en'))}, assessment results ({s.date})"
    return {
        "assessment-results": {
            "uuid": s.id("assessment-results"),
            "metadata": metadata(s, title, "assessment-results"),
            "import-ap": {
                "href": f"#{s.id('resource', 'answers')}",
                "remarks": "No OSCAL assessment plan: the answers file stands in for it.",
            },
            "results": [one],
            "back-matter": back_matter(s),
        }
    }
