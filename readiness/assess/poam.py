"""A Plan of Action and Milestones (POA&M) from an assessment: one row per CMMC gap.

Every gap of every CMMC checklist in scope is a row, whether or not it may go on a POA&M: a
row says which, and why (32 CFR 170.21). The weakness is the answer's note; the planned date is
the answer's due date, else the end of the roadmap wave the gap falls in; the close-out date is
the POA&M deadline counted from the assessment date (a self-assessment's Conditional Status
Date). Other regimes have no POA&M: their gaps are in the report's roadmap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from readiness.assess import roadmap
from readiness.assess.results import Assessment, ChecklistResult, ItemResult, add_days
from readiness.content.model import tr
from readiness.formats.messages import msg, t

COLUMNS = (
    "checklist",
    "id",
    "requirement",
    "status",
    "weakness",
    "points",
    "poam_eligible",
    "why",
    "owner",
    "milestones",
    "planned",
    "closeout",
)
HEADERS = {
    "checklist": ("Checklist", "チェックリスト"),
    "id": ("ID", "ID"),
    "requirement": ("Requirement", "要件"),
    "status": ("Status", "状況"),
    "weakness": ("Weakness (from the answer's note)", "弱点（回答のメモ）"),
    "points": ("Points", "点"),
    "poam_eligible": ("POA&M eligible", "POA&M可否"),
    "why": ("Why", "理由"),
    "owner": ("Owner", "担当"),
    "milestones": ("Milestones", "マイルストーン"),
    "planned": ("Planned completion", "完了予定日"),
    "closeout": ("Close-out due", "完了期限"),
}
CITE = "32 CFR 170.21"


@dataclass(frozen=True)
class PoamRow:
    checklist: str  # id@version
    id: str
    requirement: str
    status: str  # a status label in the chosen language
    weakness: str
    points: int | None
    poam_eligible: bool
    why: str
    owner: str
    milestones: str
    planned: str
    closeout: str

    def cells(self, lang: str) -> list[Any]:
        """The row in COLUMNS order, eligibility in words."""
        values = dict(self.__dict__)
        values["poam_eligible"] = (
            t(lang, "yes", "可") if self.poam_eligible else t(lang, "NO", "不可")
        )
        return [values[c] for c in COLUMNS]


def headers(lang: str) -> list[str]:
    return [t(lang, *HEADERS[c]) for c in COLUMNS]


def is_cmmc(result: ChecklistResult) -> bool:
    return result.checklist.data.get("regime") == "cmmc"


def why(r: ItemResult, result: ChecklistResult, lang: str) -> str:
    """Why this gap may, or may not, go on a POA&M, in the regulation's terms."""
    item = r.item
    if result.checklist.scoring["method"] != "cmmc-points":
        return t(
            lang,
            f"this level allows no POA&M: every requirement must be met ({CITE})",
            f"このレベルではPOA&Mは認められず、全要件の実施が必要です（{CITE}）",
        )
    if item.gate:
        return t(
            lang,
            "the system security plan: without it no score is valid, so it never goes on a POA&M",
            "システムセキュリティ計画：これがないとスコアが無効になるため、POA&Mには載せられません",
        )
    if item.poam == "partial_only":
        if r.status == "partial":
            return t(
                lang,
                f"partly met (the case the regulation names, such as encryption that is not FIPS-validated) may go on a POA&M ({CITE})",
                f"一部実施（FIPS認証のない暗号化など規則が定める場合）はPOA&Mに記載できます（{CITE}）",
            )
        return t(
            lang,
            f"only the partly-met case may go on a POA&M; not met may not ({CITE})",
            f"POA&Mに記載できるのは一部実施の場合のみで、未実施は記載できません（{CITE}）",
        )
    if r.poam_eligible:
        return t(
            lang,
            f"{item.points}-point requirement not excluded by name: may go on a POA&M ({CITE})",
            f"{item.points}点の要件で、個別の除外対象ではないためPOA&Mに記載できます（{CITE}）",
        )
    if (item.points or 0) > 1:
        return t(
            lang,
            f"{item.points}-point requirement: only 1-point requirements may go on a POA&M ({CITE})",
            f"{item.points}点の要件：POA&Mに記載できるのは1点の要件のみです（{CITE}）",
        )
    return t(
        lang,
        f"excluded from a POA&M by name ({CITE}); it must be met",
        f"POA&Mへの記載が個別に禁止されている要件です（{CITE}）。実施が必要です",
    )


def _waves(assessment: Assessment) -> dict[tuple[str, str], int]:
    """(checklist id, item id) → the roadmap wave (days) its action falls in."""
    out = {}
    for days, actions in roadmap.plan(assessment).items():
        for action in actions:
            for result, r in action.gaps:
                out[(result.checklist.id, r.item.id)] = days
    return out


def rows(assessment: Assessment, lang: str) -> list[PoamRow]:
    """Every gap of every CMMC checklist in scope: POA&M-eligible ones first, then the rest."""
    waves = _waves(assessment)
    date = assessment.answers.assessment_date
    out: list[tuple[tuple, PoamRow]] = []
    for result in assessment.results:
        if not (is_cmmc(result) and result.applicable):
            continue
        days = result.checklist.scoring.get("poam_closeout_days")
        for r in result.gaps:
            a = r.answer
            eligible = bool(r.poam_eligible)
            wave = waves.get((result.checklist.id, r.item.id), roadmap.WAVES[-1])
            planned = (a.due if a and a.due else "") or add_days(date, wave)
            closeout = add_days(date, days) if eligible and days else ""
            source = (
                t(lang, "due date given", "回答の期限")
                if a and a.due
                else t(lang, f"roadmap: {wave}-day wave", f"ロードマップの{wave}日以内の枠")
            )
            steps = [
                t(lang, f"remediate by {planned} ({source})", f"{planned}までに是正（{source}）")
            ]
            if eligible:
                steps.append(
                    t(
                        lang,
                        f"close-out assessment by {closeout}",
                        f"{closeout}までにクローズアウト評価",
                    )
                )
            else:
                steps.append(
                    t(
                        lang,
                        "must be met before the assessment (not on a POA&M)",
                        "評価の前に実施が必要（POA&M不可）",
                    )
                )
            weakness = a.note if a and a.note else ""
            if r.status == "unanswered":
                weakness = t(
                    lang, "unanswered: counted as not met", "未回答：未実施として扱います"
                ) + (f" — {weakness}" if weakness else "")
            row = PoamRow(
                checklist=result.checklist.ref,
                id=r.item.id,
                requirement=tr(r.item.title, lang),
                status=msg(f"status.{r.status}", lang),
                weakness=weakness,
                points=None if r.item.gate else r.deduction,
                poam_eligible=eligible,
                why=why(r, result, lang),
                owner=a.owner if a else "",
                milestones="; ".join(steps),
                planned=planned,
                closeout=closeout,
            )
            out.append(((not eligible, planned, -(r.deduction or 0), r.item.id), row))
    return [row for _, row in sorted(out, key=lambda pair: pair[0])]


def summary(assessment: Assessment, lang: str) -> list[str]:
    """One line per CMMC checklist in scope: the score, what conditional status needs, the verdict."""
    lines = []
    for result in assessment.results:
        if not (is_cmmc(result) and result.applicable):
            continue
        scoring = result.checklist.scoring
        verdict = msg(f"verdict.{result.verdict}", lang, days=scoring.get("poam_closeout_days"))
        line = f"{result.checklist.ref}: {verdict}"
        if scoring["method"] == "cmmc-points":
            score = result.score if result.score is not None else msg("cli.no_score", lang)
            line += t(
                lang,
                f" — score {score} of {result.max_score}; conditional status needs "
                f"{result.min_conditional_score} with every gap POA&M-eligible",
                f" — スコア {score}／{result.max_score}。条件付きステータスには "
                f"{result.min_conditional_score} 点以上かつ全未実施項目がPOA&M可であることが必要",
            )
        lines.append(line)
    return lines
