"""A cohort at a glance: one summary per client, and what the cohort has in common.

`summarise` turns one assessment into a small, picklable `ClientSummary` (what a batch worker
sends back, on one machine or many); `build` turns the summaries into the portfolio: verdicts
per regime across clients, the gaps most clients share, and who is closest to each milestone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from readiness.assess.results import Assessment, ChecklistResult
from readiness.formats.messages import t

# The verdicts that count as having reached a milestone, per scoring method.
MILESTONES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "cmmc-points": [("conditional", ("conditional", "final")), ("final", ("final",))],
    "all-met": [("final", ("final",))],
    "weighted": [("ready", ("ready",))],
}
SHORT_VERDICTS = {
    "final": ("Final", "最終"),
    "conditional": ("Conditional", "条件付き"),
    "not_eligible": ("Not eligible", "要件未達"),
    "incomplete": ("Incomplete", "未完了"),
    "ready": ("Ready", "準備完了"),
    "nearly_ready": ("Nearly ready", "おおむね"),
    "not_ready": ("Not ready", "準備不足"),
    "not_applicable": ("n/a", "対象外"),
}
CSV_COLUMNS = (
    "organisation",
    "answers_file",
    "assessment_date",
    "checklist",
    "verdict",
    "percent",
    "sprs_score",
    "gaps",
    "blocking_gaps",
)


def short_verdict(code: str, lang: str) -> str:
    """A verdict in a word or two, for tables with a column per checklist."""
    return t(lang, *SHORT_VERDICTS.get(code, (code, code)))


@dataclass
class ChecklistSummary:
    id: str
    version: str
    sha256: str
    method: str
    applicable: bool
    verdict: str
    percent: float | None
    score: int | None
    sprs: bool
    gaps: int
    blocking: int
    unanswered: int
    ineligible: int  # CMMC gaps that may not go on a POA&M (the SSP included)
    points_short: int  # CMMC: points missing to reach the conditional minimum
    percent_short: float  # weighted: percentage points missing to "ready"
    gap_ids: list[str] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


@dataclass
class ClientSummary:
    """What the portfolio needs of one client; plain data a worker can send back."""

    file: str
    organisation: str
    organisation_ja: str
    assessment_date: str
    checklists: list[ChecklistSummary]
    report: str = ""  # the report written for this client, if any

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClientSummary:
        return cls(
            **{
                **data,
                "checklists": [ChecklistSummary(**c) for c in data["checklists"]],
            }
        )

    def name(self, lang: str) -> str:
        return self.organisation_ja if lang == "ja" and self.organisation_ja else self.organisation


def _summary(result: ChecklistResult) -> ChecklistSummary:
    scoring = result.checklist.scoring
    method = scoring["method"]
    points_short = 0
    if method == "cmmc-points" and result.applicable:
        best = (result.max_score or 0) - sum(result.deductions.values())
        points_short = max(0, (result.min_conditional_score or 0) - best)
    percent_short = 0.0
    if method == "weighted" and result.applicable and result.percent is not None:
        percent_short = round(max(0.0, scoring["ready_percent"] - result.percent), 1)
    return ChecklistSummary(
        id=result.checklist.id,
        version=result.checklist.version,
        sha256=result.checklist.sha256,
        method=method,
        applicable=result.applicable,
        verdict=result.verdict,
        percent=result.percent,
        score=result.score,
        sprs=bool(scoring.get("sprs")),
        gaps=len(result.gaps),
        blocking=len(result.blocking),
        unanswered=len(result.unanswered),
        ineligible=len(result.poam_ineligible),
        points_short=points_short,
        percent_short=percent_short,
        gap_ids=[r.item.id for r in result.gaps],
    )


def summarise(assessment: Assessment, file: str, report: str = "") -> ClientSummary:
    org = assessment.answers.organisation
    return ClientSummary(
        file=file,
        organisation=org.get("name", ""),
        organisation_ja=org.get("name_ja", ""),
        assessment_date=assessment.answers.assessment_date,
        checklists=[_summary(r) for r in assessment.results],
        report=report,
    )


def csv_rows(clients: list[ClientSummary]) -> list[dict[str, Any]]:
    """One row per client and checklist (CSV_COLUMNS)."""
    out = []
    for client in clients:
        for c in client.checklists:
            out.append(
                {
                    "organisation": client.organisation,
                    "answers_file": client.file,
                    "assessment_date": client.assessment_date,
                    "checklist": c.ref,
                    "verdict": c.verdict,
                    "percent": "" if c.percent is None else c.percent,
                    "sprs_score": c.score if c.sprs and c.score is not None else "",
                    "gaps": c.gaps if c.applicable else "",
                    "blocking_gaps": c.blocking if c.applicable else "",
                }
            )
    return out


@dataclass(frozen=True)
class Distance:
    """How far a client is from a milestone: what is left, in the terms that decide it."""

    client: ClientSummary
    checklist: ChecklistSummary
    ineligible: int = 0
    points_short: int = 0
    blocking: int = 0
    percent_short: float = 0.0
    gaps: int = 0
    unanswered: int = 0

    def key(self) -> tuple:
        return (
            self.ineligible + self.blocking,
            self.points_short,
            self.percent_short,
            self.gaps,
            self.unanswered,
            self.client.organisation,
        )


@dataclass
class Milestone:
    checklist: str  # checklist id
    name: str  # conditional | final | ready
    reached: list[ClientSummary]
    closest: list[Distance]  # not reached yet, closest first
    total: int  # clients for whom the checklist applies


@dataclass
class Portfolio:
    clients: list[ClientSummary]
    checklists: list[str]  # ids in first-seen order
    verdicts: dict[str, Counter]  # checklist id -> verdict -> clients
    common_gaps: list[tuple[str, str, int, int]]  # (checklist id, item id, clients, of clients)
    milestones: list[Milestone]

    def verdict_of(self, client: ClientSummary, checklist: str) -> ChecklistSummary | None:
        return next((c for c in client.checklists if c.id == checklist), None)


def _distance(client: ClientSummary, c: ChecklistSummary, milestone: str) -> Distance:
    if milestone == "conditional":
        return Distance(
            client,
            c,
            ineligible=c.ineligible,
            points_short=c.points_short,
            gaps=c.gaps,
            unanswered=c.unanswered,
        )
    if milestone == "ready":
        return Distance(
            client,
            c,
            blocking=c.blocking,
            percent_short=c.percent_short,
            gaps=c.gaps,
            unanswered=c.unanswered,
        )
    return Distance(client, c, gaps=c.gaps, unanswered=c.unanswered)


def build(clients: list[ClientSummary], top_gaps: int = 15, closest: int = 3) -> Portfolio:
    """Aggregate client summaries (in the order given) into the cohort's portfolio."""
    ids: list[str] = []
    verdicts: dict[str, Counter] = {}
    gaps: Counter = Counter()
    applies: Counter = Counter()
    for client in clients:
        for c in client.checklists:
            if c.id not in ids:
                ids.append(c.id)
            verdicts.setdefault(c.id, Counter())[c.verdict] += 1
            if c.applicable:
                applies[c.id] += 1
                gaps.update((c.id, g) for g in c.gap_ids)
    common = [
        (cid, item, n, applies[cid])
        for (cid, item), n in sorted(gaps.items(), key=lambda kv: (-kv[1], kv[0]))[:top_gaps]
    ]
    milestones = []
    for cid in ids:
        entries = [(client, c) for client in clients for c in client.checklists if c.id == cid]
        entries = [(client, c) for client, c in entries if c.applicable]
        if not entries:
            continue
        for name, good in MILESTONES.get(entries[0][1].method, []):
            reached = [client for client, c in entries if c.verdict in good]
            left = [_distance(client, c, name) for client, c in entries if c.verdict not in good]
            milestones.append(
                Milestone(
                    checklist=cid,
                    name=name,
                    reached=reached,
                    closest=sorted(left, key=Distance.key)[:closest],
                    total=len(entries),
                )
            )
    return Portfolio(
        clients=clients,
        checklists=ids,
        verdicts=verdicts,
        common_gaps=common,
        milestones=milestones,
    )
