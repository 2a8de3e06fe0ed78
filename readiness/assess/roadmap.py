"""Turn every gap of an assessment into a 30/60/90-day remediation plan.

Effort sets the wave (days → 30, weeks → 60, months → 90); a gap that blocks readiness moves
one wave earlier; a requirement without which no score is valid (the SSP gate) always comes
first. Items that two checklists declare the same (`same_as`) become one action that closes both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from readiness.assess.results import Assessment, ChecklistResult, ItemResult, add_days

WAVES = (30, 60, 90)
BASE_WAVE = {"low": 30, "medium": 60, "high": 90}
EFFORT_RANK = {"low": 0, "medium": 1, "high": 2}


@dataclass(eq=False)
class Action:
    """One thing to do; may close gaps in several checklists at once."""

    primary: tuple[ChecklistResult, ItemResult]
    also: list[tuple[ChecklistResult, ItemResult]] = field(default_factory=list)
    wave: int = 90

    @property
    def gaps(self) -> list[tuple[ChecklistResult, ItemResult]]:
        return [self.primary, *self.also]

    @property
    def blocking(self) -> bool:
        return any(r.blocking_gap or r.item.gate for _, r in self.gaps)

    @property
    def owner(self) -> str:
        return next((r.answer.owner for _, r in self.gaps if r.answer and r.answer.owner), "")

    @property
    def due(self) -> str:
        dues = [r.answer.due for _, r in self.gaps if r.answer and r.answer.due]
        return min(dues) if dues else ""

    def rank(self) -> tuple:
        _, r = self.primary
        weight = max((g.deduction or g.item.weight) for _, g in self.gaps)
        return (self.wave, not self.blocking, -weight, EFFORT_RANK.get(r.item.effort, 1), r.item.id)


def _wave(r: ItemResult) -> int:
    if r.item.gate:
        return WAVES[0]
    wave = BASE_WAVE.get(r.item.effort, 60)
    if r.blocking_gap:
        wave = max(WAVES[0], wave - 30)
    return wave


def plan(assessment: Assessment) -> dict[int, list[Action]]:
    """Actions grouped by wave (30, 60, 90), most urgent first within each wave."""
    gaps = [(res, r) for res in assessment.results if res.applicable for r in res.gaps]
    by_key = {f"{res.checklist.id}:{r.item.id}": (res, r) for res, r in gaps}
    # the lead of a group is the gap that sorts first: blocking, then heavier, then earlier
    gaps.sort(key=lambda g: (not g[1].blocking_gap, -(g[1].deduction or g[1].item.weight)))
    claimed: set[str] = set()
    actions: list[Action] = []
    for res, r in gaps:
        key = f"{res.checklist.id}:{r.item.id}"
        if key in claimed:
            continue
        claimed.add(key)
        action = Action(primary=(res, r))
        for target in r.item.same_as:
            if target in by_key and target not in claimed:
                claimed.add(target)
                action.also.append(by_key[target])
        action.wave = min(_wave(g) for _, g in action.gaps)
        actions.append(action)
    waves: dict[int, list[Action]] = {w: [] for w in WAVES}
    for action in sorted(actions, key=Action.rank):
        waves[action.wave].append(action)
    return waves


def wave_end(assessment: Assessment, wave: int) -> str:
    return add_days(assessment.answers.assessment_date, wave)
