"""Build the gap report's HTML from an assessment (Jinja2, autoescaped, strict).

No WeasyPrint here: `pdf.py` turns this HTML into a PDF. Everything the template shows is
prepared in `context()`, so the template stays declarative and cheap to lay out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2

from readiness import __version__
from readiness.assess import roadmap
from readiness.assess.compare import Comparison
from readiness.assess.results import Assessment, ChecklistResult, ItemResult
from readiness.content.model import tr
from readiness.formats.branding import Branding
from readiness.formats.messages import msg
from readiness.formats.resources import resource
from readiness.report import charts, fonts, progress
from readiness.report.labels import LABELS
from readiness.report.sandbox import ContainedLoader, Sandbox, render
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
    default = ContainedLoader(str(resource("reports", "templates")))
    loaders: list[jinja2.BaseLoader] = [default, jinja2.PrefixLoader({"default": default})]
    if templates is not None:
        loaders.insert(0, ContainedLoader(str(templates), followlinks=False))
    return Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def natural(text: str) -> tuple:
    """Sort key that reads numbers as numbers: 3.1.4 before 3.1.10."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text))


def gap_rank(r: ItemResult) -> tuple:
    """Blocking gaps first, then the heaviest (points, else weight), then least effort."""
    weight = r.deduction if r.deduction is not None else r.item.weight
    return (
        0 if r.blocking_gap else 1,
        -(weight or 0),
        -r.item.weight,
        EFFORT_ORDER.get(r.item.effort, 1),
        natural(r.item.id),
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
        "met_when": _short(tr(item.guidance, lang), lang, MET_IN_TABLE, more=False),
        "remediation_short": _short(tr(item.remediation, lang), lang, MET_IN_TABLE, more=False),
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
        "note_short": _short(_hide(a.note if a else "", redact, lang), lang),
        "evidence": [] if redact or not a else a.evidence,
        "owner": _hide(a.owner if a else "", redact, lang),
        "due": a.due if a else "",
        "derived_from": r.derived_from or "",
    }


NOTE_IN_TABLE = 600  # characters of a note shown in a table row; the appendix has it all
MET_IN_TABLE = 240  # characters of "what met means" beside a gap
TOP_GAPS = 5  # gaps per checklist in the board report; --full lists them all


def _short(text: str, lang: str, limit: int = NOTE_IN_TABLE, more: bool = True) -> str:
    """Text cut for a table row, saying where the rest is (layout time stays linear)."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rstrip()
    return cut + " … " + LABELS["note.more"][lang] if more else cut + " …"


def _hide(value: str, redact: bool, lang: str) -> str:
    """Nothing at all in a redacted report: its rows and lines are dropped, not blanked."""
    return "" if redact else value


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
        "poam_blockers": result.poam_ineligible,
        "thresholds": thresholds_text(result, lang) if result.applicable else "",
        "thresholds_short": thresholds_text(result, lang, brief=True) if result.applicable else "",
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
            rows[i]
            for i, _ in sorted(result.deductions.items(), key=lambda kv: (-kv[1], natural(kv[0])))
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


def _wave_heading(assessment: Assessment, days: int, previous: int, lang: str) -> str:
    if days == roadmap.LATER:
        return LABELS["roadmap.later"][lang]
    by = roadmap.wave_end(assessment, days)
    if not previous:
        return LABELS["roadmap.wave"][lang].format(days=days, date=by)
    return LABELS["roadmap.wave_from"][lang].format(start=previous + 1, days=days, date=by)


def _roadmap(assessment: Assessment, lang: str, redact: bool) -> list[dict[str, Any]]:
    waves = []
    previous = 0
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
                    "overdue": roadmap.overdue(assessment, action),
                }
            )
        heading = _wave_heading(assessment, days, previous, lang)
        waves.append({"days": days, "later": days == roadmap.LATER, "heading": heading,
                      "actions": rows})  # fmt: skip
        previous = days or previous
    return waves


def context(
    assessment: Assessment,
    lang: str,
    branding: Branding | None = None,
    redact: bool = False,
    full: bool = False,
) -> dict[str, Any]:
    a = assessment.answers
    org = a.organisation
    branding = branding or Branding()
    checklists = [_checklist(r, lang, redact) for r in assessment.results]
    glossary: dict[str, dict[str, str]] = {}  # one entry per term in the report's language
    for c in checklists:
        for term in c["glossary"]:
            glossary.setdefault(
                term[lang].strip(),
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
        # the marking runs in every page's header: a redacted report says "shareable" there
        "marking": (LABELS["redacted.marking"][lang] if redact else "")
        or branding.marking
        or LABELS["confidential"][lang],
        "checklists": checklists,
        "applicable": [c for c in checklists if c["applicable"]],
        "readiness_chart": charts.bars(
            [(c["id"], c["percent"], c["verdict_class"]) for c in checklists if c["applicable"]],
            LABELS["readiness"][lang],
        ),
        "roadmap": _roadmap(assessment, lang, redact),
        "missing": assessment.missing,
        "newer": [f"{cid}@{version}" for cid, version in assessment.newer.items()],
        "glossary": sorted(glossary.values(), key=lambda g: g[lang].lower()),
        "full": full,
        "top_gaps": TOP_GAPS,
        "toc": _toc(checklists, lang, full),
        "method_limits": [LABELS[f"limits.{k}"][lang] for k in LIMITS],
        "author": branding.firm
        or (a.assessor or {}).get("organisation")
        or (a.assessor or {}).get("name")
        or org["name"],
    }


LIMITS = ("self", "heuristic", "unverified", "roadmap", "legal")


def _toc(checklists: list[dict[str, Any]], lang: str, full: bool) -> list[tuple[str, str]]:
    """Contents: the sections this report has (a template may still drop some: see build_html)."""
    toc = [("summary", LABELS["summary"][lang]), ("method", LABELS["method"][lang])]
    toc += [(f"cl-{c['id']}", c["title"]) for c in checklists if c["applicable"]]
    toc.append(("roadmap", LABELS["roadmap"][lang]))
    if full:
        toc += [(k, LABELS[k][lang]) for k in ("answers", "glossary", "sources")]
    return toc


_TOC_ENTRY = re.compile(r'<li data-anchor="([^"]+)">.*?</li>', re.S)


_LINK = re.compile(r'<a href="#([^"]+)">(.*?)</a>', re.S)


def _drop_dead_links(html: str) -> str:
    """Contents entries and links whose target is absent (a template left a section out) go:
    the entry disappears, a link keeps its text. So emptying any block still renders."""
    anchors = set(re.findall(r'\bid="([^"]+)"', html))
    html = _TOC_ENTRY.sub(lambda m: m.group(0) if m.group(1) in anchors else "", html)
    return _LINK.sub(lambda m: m.group(0) if m.group(1) in anchors else m.group(2), html)


_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}\s*")


def standalone_css() -> str:
    """The stylesheet for an HTML file opened in a browser: a browser cannot load `asset:`
    fonts, so the @font-face rules go and the font list falls back to the system's Japanese
    fonts (BIZ UDPGothic where installed, else Hiragino, Yu Gothic, Noto Sans CJK)."""
    css = resource("reports", "report.css").read_text(encoding="utf-8")
    return _FONT_FACE.sub("", css)


def build_html(
    assessment: Assessment,
    lang: str,
    *,
    branding: Branding | None = None,
    redact: bool = False,
    templates: Path | None = None,
    standalone: bool = False,
    full: bool = False,
    previous: Comparison | None = None,
) -> str:
    """The report as HTML: the board report, or with `full` every gap, answer and source.

    `standalone` inlines the stylesheet (for --format html); `previous` (an earlier
    assessment compared with this one) adds "progress since"."""
    ctx = context(assessment, lang, branding, redact, full)
    ctx["progress"] = progress.context(previous, lang) if previous is not None else None
    if ctx["progress"]:
        title = LABELS["progress"][lang].format(date=ctx["progress"]["old_date"])
        ctx["toc"].insert(1, ("progress", title))
    ctx["inline_css"] = standalone_css() if standalone else ""
    # a character no bundled font has becomes a visible stand-in, never a failed render
    # (validate warns about each one, with its position in the answers file)
    html = _drop_dead_links(render(environment(templates), "report.html.j2", ctx))
    return fonts.finish(html, standalone=standalone)
