"""An answers file as a questionnaire table, shared by its XLSX and CSV forms.

`fields()` lists the file's header (organisation, date, assessor, profile facts and
per-checklist bookkeeping) as key/value rows, and `item_rows()` one row per checklist item with
the question in the chosen language and the answer. `answers_reader` turns the cells back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from readiness.content.catalog import Catalog
from readiness.content.model import STATUSES, Checklist, tr
from readiness.formats.messages import MESSAGES, t
from readiness.formats.problems import InputError

ORGANISATION = ("name", "name_ja", "country", "cage_code")
ASSESSOR = ("name", "role", "organisation", "email")
ASSESSED_BY = ("self", "c3pao", "dibcac")
MAX_CELL = 32_767  # Excel's limit on the text of one cell
# C0 control characters other than tab, newline and carriage return: no spreadsheet holds them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
LABELS = {
    "organisation.name": ("Organisation name", "組織名"),
    "organisation.name_ja": ("Organisation name in Japanese", "組織名（日本語）"),
    "organisation.country": ("Country (2-letter code, e.g. JP)", "国（2文字のコード、例：JP）"),
    "organisation.cage_code": ("CAGE code", "CAGEコード"),
    "assessment_date": ("Assessment date (YYYY-MM-DD)", "評価日（YYYY-MM-DD）"),
    "assessor.name": ("Assessor name", "評価者の氏名"),
    "assessor.role": ("Assessor role", "評価者の役職"),
    "assessor.organisation": ("Assessor organisation", "評価者の所属"),
    "assessor.email": ("Assessor email", "評価者のメール"),
    "assessed_by": ("Assessed by (self, c3pao or dibcac)", "評価者の種別（self・c3pao・dibcac）"),
    "review": ("Answers to confirm (one id a line)", "要確認の回答（1行に1つのID）"),
    "migrated_from": ("Version first answered", "最初に回答した版"),
    "archived": ("Answers to removed items (kept as they were)", "削除された項目への回答（保存）"),
}
CHECKLIST_FIELDS = ("assessed_by", "review", "migrated_from", "archived")
LOCKED = ("migrated_from", "archived")  # bookkeeping written by `migrate`, not for editing


@dataclass(frozen=True)
class Field:
    """One key/value row of the header part: `organisation.name`, `profile.handles_cui`, ..."""

    key: str
    label: str
    help: str
    value: Any
    kind: str  # text | date | boolean | integer | string | choice | ids | json
    choices: tuple[Any, ...] = ()
    editable: bool = True


@dataclass(frozen=True)
class ItemRow:
    checklist: Checklist
    id: str
    section: str
    requirement: str
    question: str
    met_when: str
    status: str | None
    note: str
    evidence: str  # one entry a line
    owner: str
    due: str


def ref(checklist: Checklist) -> str:
    """`id@version@sha256`: which checklist text a sheet was made for."""
    return f"{checklist.ref}@{checklist.sha256}"


def status_help(lang: str) -> str:
    return ", ".join(f"{s} = {MESSAGES[f'status.{s}'][lang]}" for s in STATUSES)


def fields(data: dict[str, Any], catalog: Catalog, lang: str) -> list[Field]:
    """The header rows of an answers document, every known field listed (blank if unset)."""
    out: list[Field] = []
    org = data.get("organisation") or {}
    for name in ORGANISATION:
        key = f"organisation.{name}"
        out.append(Field(key, t(lang, *LABELS[key]), "", org.get(name), "text"))
    key = "assessment_date"
    out.append(Field(key, t(lang, *LABELS[key]), "", data.get(key), "date"))
    assessor = data.get("assessor") or {}
    for name in ASSESSOR:
        key = f"assessor.{name}"
        out.append(Field(key, t(lang, *LABELS[key]), "", assessor.get(name), "text"))
    profile = data.get("profile") or {}
    facts = catalog.profile_facts
    for name in [*facts, *(k for k in profile if k not in facts)]:
        fact = facts.get(name, {})
        kind = fact.get("type", "string")
        choices = tuple(fact.get("values") or ((True, False) if kind == "boolean" else ()))
        out.append(
            Field(
                f"profile.{name}",
                name,
                tr(fact.get("question"), lang),
                profile.get(name),
                kind,
                choices,
            )
        )
    for cid, entry in (data.get("checklists") or {}).items():
        for name in CHECKLIST_FIELDS:
            value = entry.get(name)
            if name in LOCKED and value is None:
                continue  # only shown when `migrate` wrote it
            if name == "review":
                value = "\n".join(value or [])
            elif name == "archived":
                value = json.dumps(value, ensure_ascii=False)
            kind = {"assessed_by": "choice", "review": "ids", "archived": "json"}.get(name, "text")
            choices = ASSESSED_BY if name == "assessed_by" else ()
            label = f"{cid}: {t(lang, *LABELS[name])}"
            out.append(
                Field(
                    f"checklists.{cid}.{name}", label, "", value, kind, choices, name not in LOCKED
                )
            )
    return out


def _text(value: Any, what: str) -> str:
    """A value bound for a cell; refused if no spreadsheet could hold it."""
    text = "" if value is None else str(value)
    if _CONTROL.search(text) or len(text) > MAX_CELL:
        raise InputError(
            f"{what}: holds control characters or more than {MAX_CELL:,} characters, which a "
            "spreadsheet cannot keep; edit the answers file first"
        )
    return text


def item_rows(
    data: dict[str, Any], catalog: Catalog, lang: str
) -> list[tuple[Checklist, list[ItemRow]]]:
    """Per checklist the file answers: one row per item, in the checklist's order."""
    out = []
    for cid, entry in (data.get("checklists") or {}).items():
        checklist = catalog.load(catalog.resolve(f"{cid}@{entry['version']}"))
        given = entry.get("answers") or {}
        rows = []
        for section in checklist.sections:
            for item in section.items:
                value = given.get(item.id)
                answer = value if isinstance(value, dict) else {"status": value}
                evidence = answer.get("evidence") or []
                evidence = [evidence] if isinstance(evidence, str) else evidence
                where = f"{cid} {item.id}"
                rows.append(
                    ItemRow(
                        checklist=checklist,
                        id=item.id,
                        section=tr(section.title, lang),
                        requirement=tr(item.title, lang),
                        question=tr(item.question, lang),
                        met_when=tr(item.guidance, lang),
                        status=answer.get("status"),
                        note=_text(answer.get("note"), where),
                        evidence=_text("\n".join(evidence), where),
                        owner=_text(answer.get("owner"), where),
                        due=_text(answer.get("due"), where),
                    )
                )
        out.append((checklist, rows))
    return out
