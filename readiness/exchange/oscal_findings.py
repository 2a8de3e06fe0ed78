"""The pieces assessment results and POA&Ms share: parties, observations, findings, risks.

One `Subject` per checklist result (organisation + checklist id@version) names everything, so
the same item gets the same observation, finding and risk UUIDs in both documents, as OSCAL's
cross-instance UUIDs mean. The founder's answer becomes an observation (status, note as
remarks, evidence as relevant-evidence links); the verdict on it a finding whose target is the
control's statement in our catalog; a gap also a risk with its remediation and milestones (the
owner is the responsible party of each milestone, the due date and, for a CMMC conditional
status, the 180-day close-out are milestone dates).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from readiness import __version__
from readiness.assess.answers import Answers
from readiness.assess.results import ChecklistResult, ItemResult
from readiness.content.model import tr
from readiness.exchange.oscal_common import (
    OSCAL_VERSION,
    href,
    ja_prop,
    nist_number,
    one_line,
    prop,
    props,
    statement_id,
    timestamp,
    uid,
)
from readiness.formats.messages import msg

OWNER_ROLE = "requirement-owner"
# our status -> (objective state, reason, implementation state or None)
_STATE = {
    "met": ("satisfied", "pass", "implemented"),
    "not_applicable": ("satisfied", "other", "not-applicable"),
    "partial": ("not-satisfied", "fail", "partial"),
    "not_met": ("not-satisfied", "fail", None),
    "unanswered": ("not-satisfied", "other", None),
}


@dataclass
class Subject:
    """One checklist result of one organisation: what every UUID and date hangs on."""

    result: ChecklistResult
    answers: Answers
    catalog_href: str  # where the catalog with our controls is, relative to the document
    catalog_sha256: str = ""
    owners: dict[str, str] = field(default_factory=dict)  # owner name -> party uuid

    def __post_init__(self) -> None:
        for r in self.result.items:
            if r.answer and r.answer.owner.strip():
                name = one_line(r.answer.owner)
                self.owners.setdefault(name, uid("party", self.org, name))

    @property
    def org(self) -> str:
        return one_line(self.answers.organisation["name"])

    @property
    def ref(self) -> str:
        return self.result.checklist.ref

    @property
    def date(self) -> str:
        return self.answers.assessment_date

    def id(self, kind: str, *names: str) -> str:
        return uid(kind, self.org, self.ref, *names)

    @property
    def org_party(self) -> str:
        return uid("party", self.org)

    @property
    def assessor_party(self) -> str | None:
        name = one_line(self.answers.assessor.get("name", ""))
        return uid("party", self.org, "assessor", name) if name else None

    @property
    def catalog_resource(self) -> str:
        return self.id("resource", "catalog")


def metadata(s: Subject, title: str, kind: str) -> dict[str, Any]:
    """Document metadata: organisation, assessor and owners as parties, and their roles."""
    a = s.answers
    org = a.organisation
    parties = [
        {
            "uuid": s.org_party,
            "type": "organization",
            "name": s.org,
            "props": props(
                prop("name", org["name_ja"], cls="ja") if org.get("name_ja") else None,
                ("country", org.get("country")),
            ),
        }
    ]
    roles = [{"id": "prepared-for", "title": "Prepared For"}]
    responsible = [{"role-id": "prepared-for", "party-uuids": [s.org_party]}]
    if s.assessor_party:
        assessor = a.assessor
        parties.append(
            {
                "uuid": s.assessor_party,
                "type": "person",
                "name": one_line(assessor["name"]),
                "props": props(
                    ("job-title", assessor.get("role")),
                    ("organisation", assessor.get("organisation")),
                ),
            }
        )
        roles.append({"id": "assessor", "title": "Assessor"})
        responsible.append({"role-id": "assessor", "party-uuids": [s.assessor_party]})
    if s.owners:
        parties += [{"uuid": u, "type": "person", "name": n} for n, u in s.owners.items()]
        roles.append(
            {
                "id": OWNER_ROLE,
                "title": "Requirement owner",
                "description": "Who answers for a requirement and its remediation (the answers file's `owner`).",
            }
        )
        responsible.append({"role-id": OWNER_ROLE, "party-uuids": list(s.owners.values())})
    for p in parties:
        if not p.get("props"):
            p.pop("props", None)
    return {
        "title": title,
        "last-modified": timestamp(s.date),
        "version": s.date,
        "oscal-version": OSCAL_VERSION,
        "props": props(
            ("tool", "readiness"),
            ("tool-version", __version__),
            ("document-kind", kind),
            ("checklist", s.ref),
            ("checklist-sha256", s.result.checklist.sha256),
            ("assessment-date", s.date),
            ("assessed-by", s.result.assessed_by),
        ),
        "roles": roles,
        "parties": parties,
        "responsible-parties": responsible,
    }


def back_matter(s: Subject) -> dict[str, Any]:
    """The catalog whose controls the findings point at, and the answers file they came from."""
    catalog: dict[str, Any] = {"href": s.catalog_href, "media-type": "application/json"}
    if s.catalog_sha256:
        catalog["hashes"] = [{"algorithm": "SHA-256", "value": s.catalog_sha256}]
    return {
        "resources": [
            {
                "uuid": s.catalog_resource,
                "title": f"OSCAL catalog of readiness checklist {s.ref}",
                "props": props(("checklist", s.ref)),
                "rlinks": [catalog],
            },
            {
                "uuid": s.id("resource", "answers"),
                "title": "Answers file (readiness self-assessment questionnaire)",
                "description": (
                    "The assessment was made with readiness: a person answered each requirement "
                    "as met, partial, not met or not applicable, with a note, evidence, owner "
                    "and due date. There is no separate OSCAL assessment plan; this answers "
                    "file stands in for it."
                ),
            },
        ]
    }


def label(s: Subject, r: ItemResult) -> str:
    """How a finding names its item: the NIST number too where there is one."""
    number = nist_number(s.result.checklist.id, r.item.id)
    title = tr(r.item.data.get("official_title") or r.item.title, "en")
    return one_line(f"{r.item.id}{f' ({number})' if number else ''}: {title}")


def _item_props(s: Subject, r: ItemResult) -> list[dict[str, Any]]:
    a = r.answer
    return props(
        ("item-id", r.item.id),
        ja_prop("title", r.item.data.get("official_title") or r.item.title),
        ("status", r.status),
        ("deduction", r.deduction if r.is_gap else None),
        ("points", r.item.points),
        ("poam-eligible", r.poam_eligible),
        ("blocking-gap", True if r.blocking_gap else None),
        ("owner", a.owner if a else None),
        ("due", a.due if a else None),
    )


def observation(s: Subject, r: ItemResult) -> dict[str, Any]:
    """What the answers file says about one item."""
    a = r.answer
    status = msg(f"status.{r.status}", "en")
    who = {"self": "self-assessment", "c3pao": "C3PAO assessment", "dibcac": "DIBCAC assessment"}
    out: dict[str, Any] = {
        "uuid": s.id("observation", r.item.id),
        "title": label(s, r),
        "description": (
            f"{status} ({who.get(s.result.assessed_by, s.result.assessed_by)}, recorded in the "
            f"answers file). Question: {tr(r.item.question, 'en')}"
        ),
        "props": _item_props(s, r),
        "methods": ["UNKNOWN"] if r.status == "unanswered" else ["INTERVIEW"],
        "types": ["control-objective"],
    }
    if s.assessor_party:
        out["origins"] = [
            {"actors": [{"type": "party", "actor-uuid": s.assessor_party, "role-id": "assessor"}]}
        ]
    evidence = []
    for text in a.evidence if a else []:
        entry: dict[str, Any] = {}
        link = href(str(text))
        if link:
            entry["href"] = link
        entry["description"] = str(text)
        evidence.append(entry)
    if evidence:
        out["relevant-evidence"] = evidence
    out["collected"] = timestamp(s.date)
    if a and a.note.strip():
        out["remarks"] = a.note
    return out


def finding_text(s: Subject, r: ItemResult) -> str:
    """The verdict on one item in a sentence or two, with points and POA&M eligibility."""
    words = [msg(f"status.{r.status}", "en") + "."]
    if r.status == "unanswered":
        words.append("Counted as not met until answered.")
    if r.is_gap and r.deduction:
        words.append(f"Deducts {r.deduction} point{'s' if r.deduction != 1 else ''}.")
    if r.is_gap and r.poam_eligible is not None:
        words.append(poam_reason(r))
    if r.is_gap and r.blocking_gap and r.poam_eligible is None:
        words.append("Blocking: a gap here alone means not ready.")
    return " ".join(words)


def poam_reason(r: ItemResult) -> str:
    """Why a CMMC gap may or may not go on a POA&M (32 CFR 170.21(a)(2))."""
    item = r.item
    if item.gate:
        return (
            "Not POA&M-eligible: it carries no points, but no score is valid until it is met "
            "(32 CFR 170.21(a)(2))."
        )
    if item.poam == "eligible":
        return f"POA&M-eligible: a {item.points}-point requirement that 32 CFR 170.21(a)(2) allows on a POA&M."
    if item.poam == "partial_only":
        if r.status == "partial":
            return (
                f"POA&M-eligible because it is partially met (deducting {item.partial_points}), "
                "the one case 32 CFR 170.21(a)(2) allows on a POA&M."
            )
        return (
            "Not POA&M-eligible: only the partially met case may go on a POA&M "
            f"(32 CFR 170.21(a)(2)); this is {msg(f'status.{r.status}', 'en').lower()}."
        )
    return f"Not POA&M-eligible: 32 CFR 170.21(a)(2) does not allow this {item.points}-point requirement on a POA&M."


def finding(s: Subject, r: ItemResult) -> dict[str, Any]:
    """The verdict on one item, aimed at the statement of its control in our catalog."""
    state, reason, implementation = _STATE[r.status]
    if implementation is None and r.status == "not_met" and r.answer and r.answer.due:
        implementation = "planned"
    target: dict[str, Any] = {
        "type": "statement-id",
        "target-id": statement_id(s.result.checklist.id, r.item.id),
        "status": {"state": state, "reason": reason},
    }
    if implementation:
        target["implementation-status"] = {"state": implementation}
    out: dict[str, Any] = {
        "uuid": s.id("finding", r.item.id),
        "title": label(s, r),
        "description": finding_text(s, r),
        "props": _item_props(s, r),
        "target": target,
        "related-observations": [{"observation-uuid": s.id("observation", r.item.id)}],
    }
    if r.is_gap:
        out["related-risks"] = [{"risk-uuid": s.id("risk", r.item.id)}]
    return out


def closeout(s: Subject, r: ItemResult) -> str | None:
    """The CMMC POA&M close-out date that binds this gap, if the status is conditional."""
    return s.result.closeout_date if r.poam_eligible else None


def risk(s: Subject, r: ItemResult) -> dict[str, Any]:
    """A gap as an open risk, with its remediation and milestones (due date, close-out)."""
    a = r.answer
    item = r.item
    owner = s.owners.get(one_line(a.owner)) if a and a.owner.strip() else None
    responsible = [{"role-id": OWNER_ROLE, "party-uuids": [owner]}] if owner else None
    tasks = []
    if a and a.due:
        tasks.append(
            _task(
                s,
                item.id,
                "due",
                "milestone",
                "Target date (the answers file's `due`)",
                a.due,
                responsible,
            )
        )
    end = closeout(s, r)
    if end:
        days = s.result.checklist.scoring["poam_closeout_days"]
        tasks.append(
            _task(
                s, item.id, "closeout", "milestone",
                f"POA&M close-out: {days} days from the Conditional Status Date (32 CFR 170.21(b))",
                end, None,
            )
        )  # fmt: skip
    if not tasks and responsible:
        tasks.append(_task(s, item.id, "action", "action", "Close the gap", None, responsible))
    remediation: dict[str, Any] = {
        "uuid": s.id("remediation", item.id),
        "lifecycle": "planned" if (a and (a.due or a.owner.strip())) else "recommendation",
        "title": f"Remediate {item.id}",
        "description": tr(item.remediation, "en"),
        "props": props(ja_prop("remediation", item.remediation)),
    }
    if not remediation["props"]:
        remediation.pop("props")
    if tasks:
        remediation["tasks"] = tasks
    out: dict[str, Any] = {
        "uuid": s.id("risk", item.id),
        "title": f"Gap: {label(s, r)}",
        "description": f"{msg(f'status.{r.status}', 'en')}: {tr(item.question, 'en')}",
        "statement": finding_text(s, r),
        "props": _item_props(s, r),
        "status": "open",
    }
    deadline = end or (a.due if a and a.due else None)
    if deadline:
        out["deadline"] = timestamp(deadline)
    out["remediations"] = [remediation]
    out["related-observations"] = [{"observation-uuid": s.id("observation", item.id)}]
    return out


def _task(
    s: Subject,
    item_id: str,
    key: str,
    kind: str,
    title: str,
    date: str | None,
    responsible: list[dict[str, Any]] | None,
) -> dict[str, Any]:
    task: dict[str, Any] = {"uuid": s.id("task", item_id, key), "type": kind, "title": title}
    if date:
        task["timing"] = {"on-date": {"date": timestamp(date)}}
    if responsible:
        task["responsible-roles"] = responsible
    return task
