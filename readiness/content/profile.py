"""Check the company-profile facts file (`checklists/profile.yaml`)."""

from __future__ import annotations

from readiness.formats import yamlio
from readiness.formats.collector import Collector
from readiness.formats.problems import Problem
from readiness.formats.schemas import schema_problems


def check_profile_document(doc: yamlio.Document, lang: str = "en") -> list[Problem]:
    """Schema problems, then duplicate fact ids."""
    problems = schema_problems(doc, "profile", lang)
    if problems:
        return problems
    c = Collector(doc)
    seen: set[str] = set()
    for i, fact in enumerate(doc.data["facts"]):
        if fact["id"] in seen:
            c.add(["facts", i, "id"], f"duplicate fact id {fact['id']!r}", "duplicate-id")
        seen.add(fact["id"])
    return c.problems
