"""Cells back into an answers document, shared by the XLSX and CSV readers.

A `Reader` takes each cell with where it came from, converts and checks it, builds the answers
document, checks that as `validate` would, and names every rejected cell (`cmmc-l2!D14` in a
workbook, `file.csv:14:7` in a CSV). Export then import gives the same answers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from readiness.assess.answers_check import check_answers_document
from readiness.content.catalog import Catalog
from readiness.content.model import STATUSES, Checklist
from readiness.exchange.answers_table import ASSESSED_BY, ASSESSOR, CHECKLIST_FIELDS, ORGANISATION
from readiness.formats import yamlio
from readiness.formats.messages import MESSAGES, t
from readiness.formats.problems import InputError, Problem
from readiness.formats.schemas import json_path


@dataclass(frozen=True)
class Where:
    """Where a cell is: `sheet!A1` in a workbook, or line and column in a CSV file."""

    sheet: str = ""
    cell: str = ""
    line: int = 0
    column: int = 0

    def name(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.sheet else f"{self.line}:{self.column}"

    def problem(self, label: str, message: str, code: str = "cell") -> Problem:
        prefix = f"{self.sheet}!{self.cell}: " if self.sheet else ""
        return Problem(
            file=label, line=self.line, column=self.column, message=prefix + message, code=code
        )


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


class Reader:
    """Builds an answers document from cells, remembering which cell each value came from."""

    def __init__(self, label: str, catalog: Catalog, lang: str):
        self.label = label
        self.catalog = catalog
        self.lang = lang
        self.problems: list[Problem] = []
        self.data: dict[str, Any] = {"format": 1, "organisation": {}}
        self._where: dict[str, Where] = {}
        self._seen: dict[tuple[str, str], Where] = {}
        self._statuses = {s: s for s in STATUSES}
        for s in STATUSES:
            for lang_ in ("en", "ja"):
                self._statuses[MESSAGES[f"status.{s}"][lang_].lower()] = s

    # -- messages ---------------------------------------------------------------------------

    def reject(self, where: Where, en: str, ja: str) -> None:
        self.problems.append(where.problem(self.label, t(self.lang, en, ja)))

    def _remember(self, parts: list[Any], where: Where) -> None:
        """`parts` came from `where`; so did its parents (but the root), unless claimed first."""
        self._where[json_path(parts)] = where
        for n in range(1, len(parts)):
            self._where.setdefault(json_path(parts[:n]), where)

    def where_of(self, path: str) -> Where | None:
        """The cell a problem's JSON path points into: the longest path recorded under it."""
        best: tuple[int, Where] | None = None
        for recorded, where in self._where.items():
            under = path == recorded or path.startswith((recorded + ".", recorded + "["))
            if under and (best is None or len(recorded) > best[0]):
                best = (len(recorded), where)
        return best[1] if best else None

    # -- values -----------------------------------------------------------------------------

    def text(self, raw: Any) -> str | None:
        if _blank(raw):
            return None
        if isinstance(raw, float) and raw.is_integer():
            return str(int(raw))
        if isinstance(raw, (dt.date, dt.datetime)):
            return raw.date().isoformat() if isinstance(raw, dt.datetime) else raw.isoformat()
        return str(raw)

    def date(self, raw: Any, where: Where) -> str | None:
        value = self.text(raw)
        if value is None:
            return None
        value = value.strip()
        # year first is unambiguous: 2026/12/1 (how Excel in Japan saves a date to CSV) is read
        m = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", value)
        try:
            if not m:
                raise ValueError
            value = dt.date(*map(int, m.groups())).isoformat()
        except ValueError:
            self.reject(
                where,
                f"{value!r} is not a date; write YYYY-MM-DD",
                f"{value!r} は日付ではありません。YYYY-MM-DD で書いてください",
            )
            return None
        return value

    def field(self, key: str, raw: Any, where: Where) -> None:
        """One header value, by its key (`organisation.name`, `profile.handles_cui`, ...)."""
        parts = key.split(".")
        facts = self.catalog.profile_facts
        if parts[0] == "organisation" and len(parts) == 2 and parts[1] in ORGANISATION:
            value: Any = self.text(raw)
            target = self.data["organisation"]
        elif parts[0] == "assessor" and len(parts) == 2 and parts[1] in ASSESSOR:
            value = self.text(raw)
            target = self.data.setdefault("assessor", {})
        elif key == "assessment_date":
            value = self.date(raw, where)
            target = self.data
        elif parts[0] == "profile" and len(parts) == 2:
            value = self.fact(parts[1], facts.get(parts[1], {}), raw, where)
            self.data.setdefault("profile", {})[parts[1]] = value
            self._remember(parts, where)
            return
        elif parts[0] == "checklists" and len(parts) == 3 and parts[2] in CHECKLIST_FIELDS:
            self.checklist_field(parts[1], parts[2], raw, where)
            return
        else:
            self.reject(where, f"unknown field {key!r}", f"不明な項目 {key!r}")
            return
        self._remember(parts, where)
        if value is not None:
            target[parts[-1]] = value.strip() if key == "organisation.country" else value

    def fact(self, name: str, fact: dict[str, Any], raw: Any, where: Where) -> Any:
        if _blank(raw):
            return None
        kind = fact.get("type", "string")
        if kind == "boolean":
            if isinstance(raw, bool):
                return raw
            word = str(raw).strip().lower()
            if word in ("true", "yes", "1", "はい"):
                return True
            if word in ("false", "no", "0", "いいえ"):
                return False
            self.reject(
                where,
                f"{name}: {raw!r} is not TRUE or FALSE",
                f"{name}：{raw!r} は TRUE/FALSE ではありません",
            )
            return None
        if kind == "integer":
            text = str(raw).strip()
            if isinstance(raw, bool) or not (
                isinstance(raw, int)
                or (isinstance(raw, float) and raw.is_integer())
                or text.isdigit()
            ):
                self.reject(
                    where,
                    f"{name}: {raw!r} is not a whole number",
                    f"{name}：{raw!r} は整数ではありません",
                )
                return None
            return int(float(raw)) if not isinstance(raw, int) else raw
        return self.text(raw)

    def checklist_field(self, cid: str, name: str, raw: Any, where: Where) -> None:
        entry = self.data.setdefault("checklists", {}).setdefault(cid, {})
        self._remember(["checklists", cid, name], where)
        if _blank(raw):
            return
        if name == "review":
            entry[name] = [line.strip() for line in str(raw).splitlines() if line.strip()]
        elif name == "archived":
            try:
                entry[name] = json.loads(str(raw))
            except ValueError as exc:
                self.reject(where, f"not valid JSON ({exc})", f"JSON として読めません（{exc}）")
        elif name == "assessed_by":
            value = str(raw).strip().lower()
            if value not in ASSESSED_BY:
                self.reject(
                    where,
                    f"{raw!r} is not one of {', '.join(ASSESSED_BY)}",
                    f"{raw!r} は {', '.join(ASSESSED_BY)} のいずれでもありません",
                )
                return
            entry[name] = value
        else:
            entry[name] = str(raw).strip()

    # -- checklists and items ---------------------------------------------------------------

    def checklist(self, raw: Any, where: Where) -> Checklist | None:
        """The checklist a sheet (or CSV row) was made for, from its `id@version@sha256`."""
        text = str(raw or "").strip()
        m = re.fullmatch(r"([a-z][a-z0-9-]*)@(\d+\.\d+\.\d+)@([0-9a-f]{64})", text)
        if not m:
            self.reject(
                where,
                f"{text!r} is not CHECKLIST@VERSION@SHA256; this cell must keep what `readiness export` wrote",
                f"{text!r} は CHECKLIST@VERSION@SHA256 の形ではありません。`readiness export` が書いた値のままにしてください",
            )
            return None
        cid, version, sha = m.groups()
        entry = self.catalog.find(cid, version)
        if entry is None:
            have = ", ".join(e.version for e in self.catalog.versions(cid)) or "—"
            self.reject(
                where,
                f"this sheet was made for {cid}@{version}, which this readiness does not have "
                f"(it has: {have}); import it where that version exists (--checklists DIR), "
                "then move the answers with `readiness migrate`",
                f"このシートは {cid}@{version} 用ですが、この readiness にはその版がありません"
                f"（あるのは：{have}）。その版がある環境（--checklists DIR）で取り込み、"
                "`readiness migrate` で回答を移行してください",
            )
            return None
        checklist = self.catalog.load(entry)
        other = next(
            (e for e in self.catalog.versions(cid) if self.catalog.load(e).sha256 == sha), None
        )
        if checklist.sha256 != sha and other is not None:
            self.reject(
                where,
                f"says {cid}@{version}, but its sha256 is that of {other.ref}: the version in "
                f"this cell was changed; restore {other.ref}@{sha}",
                f"{cid}@{version} とありますが、sha256 は {other.ref} のものです。このセルの版が"
                f"変更されています。{other.ref}@{sha} に戻してください",
            )
            return None
        if checklist.sha256 != sha:
            self.reject(
                where,
                f"this sheet was made for another text of {cid}@{version} (sha256 {sha[:12]}…; "
                f"here {checklist.sha256[:12]}…): import it with the checklists it was made for "
                "(--checklists DIR) and move the answers with `readiness migrate`, or export a "
                "fresh sheet",
                f"このシートは別の内容の {cid}@{version} 用です（sha256 {sha[:12]}…、こちらは "
                f"{checklist.sha256[:12]}…）。作成時のチェックリスト（--checklists DIR）で取り込んで "
                "`readiness migrate` で移行するか、シートを出力し直してください",
            )
            return None
        entry_data = self.data.setdefault("checklists", {}).setdefault(checklist.id, {})
        if "version" in entry_data and entry_data["version"] != version:
            self.reject(
                where,
                f"{cid} appears twice, at {entry_data['version']} and {version}",
                f"{cid} が2つの版（{entry_data['version']} と {version}）で現れます",
            )
            return None
        entry_data.update({"version": version, "sha256": sha})
        entry_data.setdefault("answers", {})
        self._remember(["checklists", cid, "version"], where)
        self._remember(["checklists", cid, "sha256"], where)
        return checklist

    def item(self, checklist: Checklist, cells: dict[str, tuple[Any, Where]]) -> None:
        """One item row: `cells` maps id, status, note, evidence, owner, due to (value, where)."""
        raw_id, id_where = cells["id"]
        item_id = self.text(raw_id)
        rest = [
            k for k in ("status", "note", "evidence", "owner", "due") if not _blank(cells[k][0])
        ]
        if item_id is None:
            if rest:
                self.reject(
                    id_where, "a filled row without an item id", "項目IDのない行に記入があります"
                )
            return
        item_id = item_id.strip()
        if checklist.item(item_id) is None:
            self.reject(
                id_where,
                f"{checklist.ref} has no item {item_id!r}",
                f"{checklist.ref} に項目 {item_id!r} はありません",
            )
            return
        key = (checklist.id, item_id)
        if key in self._seen:
            first = self._seen[key]
            self.reject(
                id_where,
                f"{item_id} appears twice (first at {first.name()})",
                f"{item_id} が2回現れます（最初は {first.name()}）",
            )
            return
        self._seen[key] = id_where
        base = ["checklists", checklist.id, "answers", item_id]
        raw_status, status_where = cells["status"]
        status = None
        if not _blank(raw_status):
            word = str(raw_status).strip().lower().replace("-", "_").replace(" ", "_")
            status = self._statuses.get(word) or self._statuses.get(str(raw_status).strip().lower())
            if status is None:
                self.reject(
                    status_where,
                    f"{raw_status!r} is not a status; choose {', '.join(STATUSES)} (or leave it blank)",
                    f"{raw_status!r} は回答として使えません。{', '.join(STATUSES)} のいずれかを選ぶか空欄にしてください",
                )
                return
        self._remember(base, status_where)
        self._remember([*base, "status"], status_where)
        answer: dict[str, Any] = {"status": status}
        for name in ("note", "owner"):
            value, where = cells[name]
            self._remember([*base, name], where)
            if not _blank(value):
                answer[name] = self.text(value)
        value, where = cells["evidence"]
        self._remember([*base, "evidence"], where)
        entries = [line.strip() for line in (self.text(value) or "").splitlines() if line.strip()]
        if entries:
            answer["evidence"] = entries[0] if len(entries) == 1 else entries
        value, where = cells["due"]
        self._remember([*base, "due"], where)
        due = self.date(value, where)
        if due:
            answer["due"] = due
        if status is None and len(answer) > 1:
            self.reject(
                status_where,
                "a note, evidence, owner or due date needs a status; choose one or clear them",
                "メモ・証跡・担当・期限を書くには回答（状況）が必要です。選ぶか、それらを消してください",
            )
            return
        answers = self.data["checklists"][checklist.id]["answers"]
        answers[item_id] = status if len(answer) == 1 else answer

    # -- the document -----------------------------------------------------------------------

    def finish(self) -> dict[str, Any]:
        """The answers document; InputError naming every rejected cell if anything is wrong."""
        required = {
            "organisation.name": ("organisation", "name"),
            "assessment_date": ("assessment_date",),
        }
        for key, parts in required.items():
            target: Any = self.data
            for part in parts:
                target = target.get(part) if isinstance(target, dict) else None
            where = self.where_of(json_path(list(parts)))
            if target is None and where is not None:
                self.reject(where, f"{key} is required", f"{key} は必須です")
        if self.problems:
            raise InputError(self.problems)
        data = self.data
        if data.get("assessor") == {}:
            del data["assessor"]
        data.setdefault("profile", {})
        data.setdefault("checklists", {})
        ordered = {
            k: data[k]
            for k in (
                "format",
                "organisation",
                "assessment_date",
                "assessor",
                "profile",
                "checklists",
            )
            if k in data
        }
        order = (
            "version",
            "sha256",
            "assessed_by",
            "migrated_from",
            "review",
            "answers",
            "archived",
        )
        for cid, entry in list(ordered["checklists"].items()):
            if "version" not in entry:
                where = self.where_of(json_path(["checklists", cid]))
                self.problems.append(
                    (where or Where()).problem(
                        self.label,
                        t(
                            lang=self.lang,
                            en=f"{cid}: settings given but no sheet of its items",
                            ja=f"{cid}：設定はありますが項目のシートがありません",
                        ),
                    )
                )
                continue
            ordered["checklists"][cid] = {k: entry[k] for k in order if k in entry}
        text = yamlio.dump(ordered)
        doc = yamlio.parse(text, self.label, lang=self.lang)
        for p in check_answers_document(doc, self.catalog, self.lang):
            if p.level != "error":
                continue
            where = self.where_of(p.path)
            self.problems.append(
                where.problem(self.label, p.message, p.code)
                if where
                else Problem(file=self.label, message=f"{p.path}: {p.message}", code=p.code)
            )
        if self.problems:
            raise InputError(self.problems)
        return ordered
