"""Turn every gap of an assessment into a 30/60/90-day remediation plan (and "later").

A due date the founder wrote wins: the action goes to the wave that holds it (an overdue one
to the first wave, flagged). Otherwise effort sets the wave (days → 30, weeks → 60, months →
90), a gap that blocks readiness moves one wave earlier and a requirement without which no
score is valid (the SSP gate) comes first. Each wave holds a plausible amount of work
(effort in person-days, summed): what does not fit moves to the next wave, least urgent
first, and past 90 days to "later". Items declared the same (`same_as`) are one action.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from readiness.assess.results import Assessment, ChecklistResult, ItemResult, add_days

WAVES = (30, 60, 90)
LATER = 0  # the wave after 90 days: what a small team cannot fit in the first three
EFFORT_DAYS = {"low": 3, "medium": 10, "high": 30}  # rough person-days per effort level
CAPACITY = 45  # person-days a startup can spend on compliance in 30 days (a heuristic)
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

    @property
    def cost(self) -> int:
        _, r = self.primary
        return EFFORT_DAYS.get(r.item.effort, 10)

    @property
    def fixed(self) -> bool:
        """Gates, blocking gaps and actions with a due date keep their wave."""
        return self.blocking or bool(self.due)

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


def _due_wave(assessment: Assessment, due: str) -> int:
    """The first wave whose end is on or after `due` (LATER when past 90 days)."""
    for wave in WAVES:
        if due <= wave_end(assessment, wave):
            return wave
    return LATER


def plan(assessment: Assessment) -> dict[int, list[Action]]:
    """Actions by wave (30, 60, 90, then LATER), most urgent first within each wave."""
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
        if action.due:
            action.wave = _due_wave(assessment, action.due)
        actions.append(action)
    order = (*WAVES, LATER)
    waves: dict[int, list[Action]] = {w: [] for w in order}
    for action in sorted(actions, key=lambda a: (order.index(a.wave), *a.rank()[1:])):
        waves[action.wave].append(action)
    for i, wave in enumerate(WAVES):  # overflow moves on, least urgent first
        load = sum(a.cost for a in waves[wave])
        for action in reversed(list(waves[wave])):
            if load <= CAPACITY:
                break
            if action.fixed:
                continue
            waves[wave].remove(action)
            load -= action.cost
            action.wave = order[i + 1]
            waves[action.wave].insert(0, action)
    for wave in order:
        waves[wave].sort(key=lambda a: a.rank()[1:])
    return waves


def overdue(assessment: Assessment, action: Action) -> bool:
    return bool(action.due) and action.due < assessment.answers.assessment_date


def wave_end(assessment: Assessment, wave: int) -> str:
    return add_days(assessment.answers.assessment_date, wave)
