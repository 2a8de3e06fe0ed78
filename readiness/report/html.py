"""Build the gap report's HTML from an assessment (Jinja2, autoescaped, strict).

No WeasyPrint here: `pdf.py` turns this HTML into a PDF. Everything the template shows is
prepared in `context()`, so the template stays declarative and cheap to lay out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from readiness import __version__
from readiness.assess import roadmap
from readiness.assess.compare import Comparison
from readiness.assess.results import Assessment, ChecklistResult, ItemResult
from readiness.content.model import tr
from readiness.formats.branding import Branding
from readiness.formats.messages import msg
from readiness.formats.problems import RenderError
from readiness.formats.resources import resource
from readiness.report import charts, progress
from readiness.report.labels import LABELS
from readiness.report.text import reason_text, thresholds_text, verdict_label

EFFORT_ORDER = {"low": 0, "medium": 1, "high": 2}
VERDICT_CLASS = {
    "final": "good",
    "ready": "good",
    "conditional": "warn",
    "nearly_ready": "warn",
    "incomplete": "warn",
    "not_eligible": "bad",
    "not_ready": "bad",
    "not_applicable": "muted",
}


def environment(templates: Path | None = None) -> jinja2.Environment:
    """Sandboxed, autoescaping, strict. An advisor's folder overrides templates by name and can
    extend the bundled ones as `default/<name>` (e.g. `{% extends "default/report.html.j2" %}`)."""
    default = jinja2.FileSystemLoader(str(resource("reports", "templates")))
    loaders: list[jinja2.BaseLoader] = [default, jinja2.PrefixLoader({"default": default})]
    if templates is not None:
        loaders.insert(0, jinja2.FileSystemLoader(str(templates)))
    return SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
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


def _item_row(r: ItemResult, result: ChecklistResult, lang: str, redact: bool) -> dict[str, Any]:
    item = r.item
    # cite by source id; Appendix C gives each id's full title once
    refs = [f"[{ref['source']}] {ref['section']}" for ref in item.references]
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
        "note": _hide(a.note if a else "", redact, lang),
        "evidence": [_hide("x", True, lang)]
        if redact and a and a.evidence
        else (a.evidence if a else []),
        "owner": _hide(a.owner if a else "", redact, lang),
        "due": a.due if a else "",
    }


def _hide(value: str, redact: bool, lang: str) -> str:
    return LABELS["redacted"][lang] if redact and value else value


def _checklist(result: ChecklistResult, lang: str, redact: bool) -> dict[str, Any]:
    c = result.checklist
    cmmc = c.scoring["method"] == "cmmc-points"
    gaps = sorted(result.gaps, key=gap_rank)
    rows = {r.item.id: _item_row(r, result, lang, redact) for r in result.items}
    klass = VERDICT_CLASS.get(result.verdict, "muted")
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
        "verdict_class": klass,
        "plain_verdict": verdict_label(result, lang),  # one vocabulary: text, JSON, report
        "regime": LABELS[f"regime.{c.data['regime']}"][lang],
        "gap_count": len(result.gaps),
        "blocking_count": len(result.blocking),
        "section_chart": charts.bars(
            [(tr(s.title, lang), s.percent, klass) for s in result.sections],
            LABELS["readiness"][lang],
        )
        if result.applicable
        else "",
        "score_chart": charts.score_scale(
            result.score,
            result.max_score - sum(i.points or 0 for i in c.items()),
            result.max_score,
            [
                (result.min_conditional_score, str(result.min_conditional_score)),
                (result.max_score, str(result.max_score)),
            ],
            LABELS["sprs"][lang],
        )
        if cmmc and result.applicable
        else "",
        "reasons": [reason_text(x, lang) for x in result.reasons],
        "thresholds": thresholds_text(result, lang) if result.applicable else "",
        "heuristic": result.thresholds.get("basis") == "heuristic",
        "review": result.review,
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


def _roadmap(assessment: Assessment, lang: str, redact: bool) -> list[dict[str, Any]]:
    waves = []
    for days, actions in roadmap.plan(assessment).items():
        rows = []
        for action in actions:
            _, r = action.primary
            rows.append(
                {
                    "title": tr(r.item.title, lang),
                    "remediation": tr(r.item.remediation, lang),
                    "refs": [f"{c.checklist.id} {g.item.id}" for c, g in action.gaps],
                    "blocking": action.blocking,
                    "effort": LABELS[f"effort.{r.item.effort}"][lang],
                    "owner": _hide(action.owner, redact, lang),
                    "due": action.due,
                }
            )
        waves.append({"days": days, "by": roadmap.wave_end(assessment, days), "actions": rows})
    return waves


def context(
    assessment: Assessment, lang: str, branding: Branding | None = None, redact: bool = False
) -> dict[str, Any]:
    a = assessment.answers
    org = a.organisation
    branding = branding or Branding()
    checklists = [_checklist(r, lang, redact) for r in assessment.results]
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
        "assessor": {} if redact else a.assessor,
        "redacted": redact,
        "branding": branding,
        "marking": branding.marking or LABELS["confidential"][lang],
        "checklists": checklists,
        "applicable": [c for c in checklists if c["applicable"]],
        "readiness_chart": charts.bars(
            [(c["id"], c["percent"], c["verdict_class"]) for c in checklists if c["applicable"]],
            LABELS["readiness"][lang],
        ),
        "roadmap": _roadmap(assessment, lang, redact),
        "missing": assessment.missing,
        "newer": [f"{cid}@{version}" for cid, version in assessment.newer.items()],
        "glossary": sorted(glossary.values(), key=lambda g: g["en"].lower()),
    }


def build_html(
    assessment: Assessment,
    lang: str,
    *,
    branding: Branding | None = None,
    redact: bool = False,
    templates: Path | None = None,
    standalone: bool = False,
    previous: Comparison | None = None,
) -> str:
    """The report as HTML. `standalone` inlines the stylesheet (for --format html);
    `previous` (an earlier assessment compared with this one) adds "progress since"."""
    ctx = context(assessment, lang, branding, redact)
    ctx["progress"] = progress.context(previous, lang) if previous is not None else None
    ctx["inline_css"] = (
        resource("reports", "report.css").read_text(encoding="utf-8") if standalone else ""
    )
    try:
        return environment(templates).get_template("report.html.j2").render(**ctx)
    except jinja2.TemplateError as exc:
        where = (
            f"{exc.filename}:{exc.lineno}" if getattr(exc, "lineno", None) else "report template"
        )
        raise RenderError(f"{where}: template error: {exc}") from None
