"""Plain-text rendering of an assessment for the terminal (`readiness score`)."""

from __future__ import annotations

from readiness.assess.results import Assessment, ChecklistResult, Reason
from readiness.content.model import tr
from readiness.formats.messages import msg


def verdict_label(result: ChecklistResult, lang: str) -> str:
    verdict = result.verdict
    if verdict == "conditional":  # only cmmc-points gives it: CMMC's legal status
        return msg("verdict.conditional", lang, days=result.checklist.scoring["poam_closeout_days"])
    return msg(f"verdict.{verdict}", lang)


def thresholds_text(result: ChecklistResult, lang: str, brief: bool = False) -> str:
    """Whether the verdict's thresholds are law or this tool's heuristic (and why, unless brief)."""
    t = result.thresholds
    if t.get("basis") == "heuristic":
        bands = {"ready": t["ready_percent"], "nearly": t["nearly_ready_percent"]}
        if brief:
            return msg("thresholds.bands", lang, **bands)
        if t.get("rationale"):  # the checklist says itself why; just name the bands
            return f"{msg('thresholds.bands', lang, **bands)} {tr(t['rationale'], lang)}"
        return msg("thresholds.heuristic", lang, **bands)
    if "conditional_min_score" in t:
        return msg(
            "thresholds.regulation",
            lang,
            minimum=t["conditional_min_score"],
            max=t["max_score"],
            days=t["poam_closeout_days"],
        )
    return msg("thresholds.all_met", lang)


def reason_text(reason: Reason, lang: str) -> str:
    """A reason in words; list parameters (item ids, facts) are joined for reading."""
    params = {
        k: ", ".join(map(str, v)) if isinstance(v, list) else v for k, v in reason.params.items()
    }
    return msg(reason.key, lang, **params)


def _ids(ids: list[str], limit: int = 12) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f", … (+{len(ids) - limit})" if len(ids) > limit else "")


def render_text(assessment: Assessment, lang: str) -> str:
    a = assessment.answers
    lines = [f"{a.organisation['name']} — {a.assessment_date}", ""]
    for r in assessment.results:
        c = r.checklist
        lines.append(f"{tr(c.title, lang)}  [{c.ref} sha256:{c.sha256[:12]}]")
        lines.append(f"  {msg('cli.verdict', lang)}: {verdict_label(r, lang)}")
        if not r.applicable:
            lines.append(f"  {tr(r.scope_reason, lang)}")
            lines.append("")
            continue
        for reason in r.reasons:
            lines.append(f"    - {reason_text(reason, lang)}")
        if r.percent is not None:
            lines.append(f"  {msg('cli.percent', lang)}: {r.percent}%")
        lines.append(f"  {msg('cli.thresholds', lang)}: {thresholds_text(r, lang)}")
        if c.scoring["method"] == "cmmc-points":
            label = msg("cli.sprs" if c.scoring.get("sprs") else "cli.score", lang)
            value = (
                f"{r.score} / {r.max_score}" if r.score is not None else msg("cli.no_score", lang)
            )
            lines.append(f"  {label}: {value}")
            if r.poam:
                lines.append(f"  {msg('cli.poam', lang)}: {_ids(r.poam)}")
            if r.poam_ineligible:
                lines.append(f"  {msg('cli.poam_ineligible', lang)}: {_ids(r.poam_ineligible)}")
            if r.closeout_date:
                lines.append(f"  {msg('cli.closeout', lang)}: {r.closeout_date}")
        counts = ", ".join(f"{msg('status.' + k, lang)} {v}" for k, v in r.counts.items() if v)
        lines.append(f"  {msg('cli.counts', lang)}: {counts}")
        if r.unanswered:
            lines.append(f"  {msg('cli.unanswered', lang)}: {_ids(r.unanswered)}")
        if r.review:
            lines.append(f"  {msg('cli.review', lang)}: {_ids(r.review)}")
        lines.append("")
    for cid, version in assessment.newer.items():
        lines.append(msg("cli.newer", lang, ref=f"{cid}@{version}", path=a.path))
    if assessment.missing:
        lines.append(msg("cli.missing", lang, ids=", ".join(assessment.missing)))
    return "\n".join(lines).rstrip() + "\n"
