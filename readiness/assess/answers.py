"""In-memory answers: thin typed views over a schema-checked answers file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False)
class Answer:
    """A founder's answer to one item."""

    status: str | None  # None = left blank
    note: str = ""
    evidence: list[str] = field(default_factory=list)
    owner: str = ""
    due: str = ""

    @classmethod
    def parse(cls, value: Any) -> Answer:
        if value is None or isinstance(value, str):
            return cls(status=value)
        evidence = value.get("evidence") or []
        if isinstance(evidence, str):
            evidence = [evidence]
        return cls(
            status=value.get("status"),
            note=value.get("note") or "",
            evidence=list(evidence),
            owner=value.get("owner") or "",
            due=value.get("due") or "",
        )


@dataclass(eq=False)
class ChecklistAnswers:
    checklist_id: str
    version: str
    sha256: str | None
    answers: dict[str, Answer]
    assessed_by: str = "self"
    review: list[str] = field(default_factory=list)  # answers to confirm after a migration


@dataclass(eq=False)
class Answers:
    """A whole answers file."""

    data: dict[str, Any]
    path: str

    @property
    def organisation(self) -> dict[str, Any]:
        return self.data["organisation"]

    @property
    def assessment_date(self) -> str:
        return self.data["assessment_date"]

    @property
    def assessor(self) -> dict[str, Any]:
        return self.data.get("assessor") or {}

    @property
    def profile(self) -> dict[str, Any]:
        return {k: v for k, v in (self.data.get("profile") or {}).items() if v is not None}

    def checklists(self) -> list[ChecklistAnswers]:
        out = []
        for cid, entry in (self.data.get("checklists") or {}).items():
            out.append(
                ChecklistAnswers(
                    checklist_id=cid,
                    version=entry["version"],
                    sha256=entry.get("sha256"),
                    answers={k: Answer.parse(v) for k, v in (entry.get("answers") or {}).items()},
                    assessed_by=entry.get("assessed_by") or "self",
                    review=list(entry.get("review") or []),
                )
            )
        return out
