"""An answers file being filled in, one answer at a time (the interview and the web app).

Every change is saved at once, atomically, to the same answers file the CLI reads. The file's
sha256 at the last load or save is kept: a file changed on disk meanwhile (edited by hand, or
by another window) is never overwritten; `save` refuses and the caller offers a reload.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from readiness.assess.answers import Answers
from readiness.assess.results import Assessment, ItemResult
from readiness.assess.scoring import assess
from readiness.assess.validate import load_answers
from readiness.content import applicability
from readiness.content.catalog import Catalog
from readiness.content.model import STATUSES, Checklist
from readiness.formats import yamlio
from readiness.formats.atomic import atomic_write_text
from readiness.formats.messages import t
from readiness.formats.problems import OutputError, Problem

ANSWER_FIELDS = ("note", "evidence", "owner", "due")


class ChangedOnDisk(OutputError):
    """The answers file changed on disk since it was read: saving would lose that change."""


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


class Session:
    """One answers file: its data, where it lives, and what it looked like when last read."""

    def __init__(
        self, path: Path, catalog: Catalog, checklists: list[str] | None = None, lang: str = "en"
    ):
        self.path = Path(path)
        self.catalog = catalog
        self.lang = lang
        self.warnings: list[Problem] = []
        if self.path.exists():
            self.reload()
        else:
            self.data: dict[str, Any] = {
                "format": 1,
                "organisation": {"name": ""},
                "assessment_date": dt.date.today().isoformat(),
                "profile": {},
                "checklists": {},
            }
            self.digest: str | None = None
        for spec in checklists or []:
            self.add_checklist(catalog.load_spec(spec))

    # -- reading and writing --------------------------------------------------------------

    def reload(self) -> None:
        """Read the file again (after a change on disk); invalid files raise InputError."""
        answers, self.warnings = load_answers(self.path, self.catalog, self.lang)
        self.data = copy.deepcopy(answers.data)
        self.data.setdefault("profile", {})
        if self.data["profile"] is None:
            self.data["profile"] = {}
        self.data.setdefault("checklists", {})
        self.digest = _digest(self.path)
        self._scored: Assessment | None = None

    def changed_on_disk(self) -> bool:
        return _digest(self.path) != self.digest

    def save(self) -> None:
        """Write the answers atomically, unless the file changed on disk since it was read."""
        if self.changed_on_disk():
            raise ChangedOnDisk(
                [
                    Problem(
                        file=str(self.path),
                        message=t(
                            self.lang,
                            "the file changed on disk since it was opened; nothing was "
                            "overwritten. Reload it to continue from what is on disk",
                            "開いた後にファイルがディスク上で変更されました。上書きしていません。"
                            "読み込み直してから続けてください",
                        ),
                        code="changed-on-disk",
                    )
                ]
            )
        text = yamlio.dump(self.data)
        atomic_write_text(self.path, text)
        self.digest = hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def can_save(self) -> bool:
        """A new file is written only once it has an organisation name (a valid file)."""
        return bool(str(self.data["organisation"].get("name") or "").strip())

    # -- changes --------------------------------------------------------------------------

    def add_checklist(self, checklist: Checklist) -> None:
        entries = self.data["checklists"]
        if checklist.id not in entries:
            entries[checklist.id] = {
                "version": checklist.version,
                "sha256": checklist.sha256,
                "answers": {},
            }
            self._scored = None

    def set_name(self, name: str) -> None:
        self.data["organisation"]["name"] = name.strip()

    def set_fact(self, fact_id: str, value: Any) -> None:
        self.data["profile"][fact_id] = value
        self._scored = None

    def set_answer(
        self, checklist_id: str, item_id: str, status: str | None, **fields: Any
    ) -> None:
        """Record an answer: the plain status, or a mapping when a note, evidence, owner or due
        date is given; an answer left wholly blank is removed."""
        if status is not None and status not in STATUSES:
            raise ValueError(status)
        entry = self.data["checklists"][checklist_id]
        answers = entry.get("answers") or {}
        entry["answers"] = answers
        extra = {k: fields[k] for k in ANSWER_FIELDS if fields.get(k)}
        if extra:
            answers[item_id] = {"status": status, **extra}
        elif status is not None:
            answers[item_id] = status
        else:
            answers.pop(item_id, None)
        self._scored = None

    def answer(self, checklist_id: str, item_id: str) -> dict[str, Any]:
        value = ((self.data["checklists"].get(checklist_id) or {}).get("answers") or {}).get(
            item_id
        )
        if isinstance(value, dict):
            return dict(value)
        return {"status": value}

    # -- what to ask ----------------------------------------------------------------------

    def assessment(self) -> Assessment:
        if getattr(self, "_scored", None) is None:
            self._scored = assess(Answers(data=self.data, path=str(self.path)), self.catalog)
        return self._scored

    def checklists(self) -> list[Checklist]:
        return [
            self.catalog.load(self.catalog.find(cid, entry["version"]))
            for cid, entry in self.data["checklists"].items()
        ]

    def relevant_facts(self) -> list[dict[str, Any]]:
        """Profile facts that decide what applies: all of them for a file without checklists
        yet (the profile then chooses them), else those the file's checklists refer to."""
        facts = self.catalog.profile_facts
        if not self.data["checklists"]:
            return list(facts.values())
        used: set[str] = set()
        for checklist in self.checklists():
            rules = [checklist.data.get("applicability")] + [
                i.applicability for i in checklist.items()
            ]
            for rule in rules:
                if rule:
                    used.update(f for f, _ in applicability.facts_in(rule["when"]))
        return [f for f in facts.values() if f["id"] in used]

    def facts_to_ask(self) -> list[dict[str, Any]]:
        profile = self.data["profile"]
        return [f for f in self.relevant_facts() if profile.get(f["id"]) is None]

    def add_applicable_checklists(self) -> list[str]:
        """Once the profile is known, add every checklist it says applies (latest versions)."""
        if self.data["checklists"]:
            return []
        added = []
        profile = {k: v for k, v in self.data["profile"].items() if v is not None}
        for cid in self.catalog.ids():
            checklist = self.catalog.load(self.catalog.find(cid))
            rule = checklist.data.get("applicability")
            if rule and applicability.evaluate(rule["when"], profile):
                self.add_checklist(checklist)
                added.append(cid)
        return added

    def items_to_ask(self) -> list[tuple[Checklist, ItemResult]]:
        """Applicable items with no answer of their own and none taken from an equivalent."""
        return [
            (r.checklist, row)
            for r in self.assessment().results
            if r.applicable
            for row in r.items
            if row.status == "unanswered"
        ]

    def progress(self) -> dict[str, tuple[int, int]]:
        """Checklist id -> (items answered or derived, items in scope)."""
        out = {}
        for r in self.assessment().results:
            rows = [row for row in r.items if row.in_scope] if r.applicable else []
            done = sum(1 for row in rows if row.status != "unanswered")
            out[r.checklist.id] = (done, len(rows))
        return out
