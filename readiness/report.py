"""Build the gap report's HTML from an assessment (Jinja2, autoescaped, strict).

No WeasyPrint here: `pdf.py` turns this HTML into a PDF. Everything the template shows is
prepared in `context()`, so the template stays declarative and cheap to lay out.
"""

from __future__ import annotations

from typing import Any

import jinja2

from readiness import __version__
from readiness.messages import msg
from readiness.model import tr
from readiness.reportlabels import LABELS
from readiness.resources import resource
from readiness.scoring import Assessment, ChecklistResult, ItemResult
from readiness.textreport import reason_text, verdict_label

EFFORT_ORDER = {"low": 0, "medium": 1, "high": 2}
VERDICT_CLASS = {
    "final": "good",
    "ready": "good",
    "conditional": "warn",
    "incomplete": "warn",
    "not_eligible": "bad",
    "not_ready": "bad",
    "not_applicable": "muted",
}


def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource("reports", "templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def gap_rank(r: ItemResult) -> tuple:
    """Blocking gaps first, then the heaviest (points, else weight), then least effort."""
    weight = r.deduction if r.deduction is not None else r.item.weight
    return (
        0 if r.blocking_gap else 1,
        -(weight or 0),
        -r.item.weight,
        EFFORT_ORDER.get(r.item.effort, 1),
        r.item.id,
    )


def _item_row(r: ItemResult, result: ChecklistResult, lang: str) -> dict[str, Any]:
    item = r.item
    sources = result.checklist.sources
    refs = [
        f"{tr(sources[ref['source']]['title'], lang)} {ref['section']}"
        if ref["source"] in sources
        else ref["section"]
        for ref in item.references
    ]
    a = r.answer
    return {
        "id": item.id,
        "title": tr(item.title, lang),
        "question": tr(item.question, lang),
        "guidance": tr(item.guidance, lang),
        "remediation": tr(item.remediation, lang),
        "effort": LABELS[f"effort.{item.effort}"][lang],
        "weight": item.weight,
        "status": r.status,
        "status_label": msg(f"status.{r.status}", lang),
        "points": r.deduction,
        "poam_eligible": r.poam_eligible,
        "blocking": r.blocking_gap,
        "verification": item.verification,
        "verification_label": LABELS[f"verification.{item.verification}"][lang],
        "references": refs,
        "scope_reason": tr(r.scope_reason, lang) if r.scope_reason else "",
        "note": a.note if a else "",
        "evidence": a.evidence if a else [],
        "owner": a.owner if a else "",
        "due": a.due if a else "",
    }


def _checklist(result: ChecklistResult, lang: str, date: str) -> dict[str, Any]:
    c = result.checklist
    cmmc = c.scoring["method"] == "cmmc-points"
    gaps = sorted(result.gaps, key=gap_rank)
    rows = {r.item.id: _item_row(r, result, lang) for r in result.items}
    return {
        "id": c.id,
        "ref": c.ref,
        "sha256": c.sha256,
        "status": c.status,
        "title": tr(c.title, lang),
        "summary": tr(c.data["summary"], lang),
        "applicable": result.applicable,
        "scope_reason": tr(result.scope_reason, lang) if result.scope_reason else "",
        "verdict": result.verdict,
        "verdict_label": verdict_label(result, lang),
        "verdict_class": VERDICT_CLASS.get(result.verdict, "muted"),
        "reasons": [reason_text(x, lang) for x in result.reasons],
        "percent": result.percent,
        "counts": result.counts,
        "cmmc": cmmc,
        "sprs": bool(c.scoring.get("sprs")),
        "score": result.score,
        "max_score": result.max_score,
        "min_conditional_score": result.min_conditional_score,
        "closeout_date": result.closeout_date,
        "closeout_days": c.scoring.get("poam_closeout_days"),
        "poam": [rows[i] for i in result.poam],
        "poam_ineligible": result.poam_ineligible,
        "deductions": [
            rows[i] for i, _ in sorted(result.deductions.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "gaps": [rows[r.item.id] for r in gaps],
        "out_of_scope": [
            rows[r.item.id] for r in result.items if r.status == "out_of_scope" and r.scope_reason
        ],
        "sections": [
            {
                "id": s.id,
                "title": tr(s.title, lang),
                "percent": s.percent,
                "counts": s.counts,
                "items": [rows[r.item.id] for r in s.items],
            }
            for s in result.sections
        ],
        "sources": [
            {
                "id": s["id"],
                "title": tr(s["title"], lang),
                "date": s["date"],
                "publisher": s.get("publisher", ""),
                "url": s.get("url", ""),
            }
            for s in c.data["sources"]
        ],
        "glossary": c.data.get("glossary", []),
    }


def context(assessment: Assessment, lang: str) -> dict[str, Any]:
    a = assessment.answers
    org = a.organisation
    checklists = [_checklist(r, lang, a.assessment_date) for r in assessment.results]
    glossary: dict[tuple[str, str], dict[str, str]] = {}
    for c in checklists:
        for term in c["glossary"]:
            glossary.setdefault(
                (term["ja"], term["en"]),
                {"ja": term["ja"], "en": term["en"], "note": tr(term.get("note"), lang)},
            )
    return {
        "lang": lang,
        "L": {k: v[lang] for k, v in LABELS.items()},
        "tool_version": __version__,
        "organisation": org.get("name_ja") if lang == "ja" and org.get("name_ja") else org["name"],
        "organisation_alt": org["name"]
        if lang == "ja" and org.get("name_ja")
        else org.get("name_ja", ""),
        "assessment_date": a.assessment_date,
        "assessor": a.assessor,
        "checklists": checklists,
        "missing": assessment.missing,
        "glossary": sorted(glossary.values(), key=lambda g: g["en"].lower()),
    }


def build_html(assessment: Assessment, lang: str, template: str = "report.html.j2") -> str:
    return _env().get_template(template).render(**context(assessment, lang))
