"""What the pages show, as plain data: no Flask here, so it is easy to test and to time."""

from __future__ import annotations

from typing import Any

from readiness.assess.session import Session
from readiness.content.model import STATUSES, tr
from readiness.formats.messages import msg
from readiness.report.text import verdict_label

WORDS = {
    "title": ("Readiness questionnaire", "準備状況の質問票"),
    "profile": ("Company profile", "会社プロファイル"),
    "profile_intro": (
        "These answers decide which checklists and items apply.",
        "この回答で、対象となるチェックリストと項目が決まります。",
    ),
    "name": ("Organisation name", "組織名"),
    "yes": ("Yes", "はい"),
    "no": ("No", "いいえ"),
    "unknown": ("Not sure yet", "未定"),
    "save": ("Save", "保存"),
    "saved": ("Saved.", "保存しました。"),
    "overview": ("Overview", "概要"),
    "progress": ("Progress", "進捗"),
    "score": ("Score", "スコア"),
    "verdict": ("Verdict", "判定"),
    "answered": ("answered", "回答済み"),
    "met_when": ("What “met” means", "「実施済み」の基準"),
    "guidance": ("Guidance", "助言"),
    "remediation": ("How to close the gap", "改善の方法"),
    "note": ("Note", "メモ"),
    "evidence": ("Evidence (one per line)", "証跡（1行に1件）"),
    "owner": ("Owner", "担当者"),
    "due": ("Due (YYYY-MM-DD)", "期限（YYYY-MM-DD）"),
    "status": ("Status", "状況"),
    "blank": ("Not answered", "未回答"),
    "derived": ("Answer taken from the same item in", "同じ内容の項目の回答を適用："),
    "derived_hint": (
        "Answer here only if it differs; your own answer always wins.",
        "異なる場合のみ回答してください。ここでの回答が優先されます。",
    ),
    "pdf": ("Download the PDF report", "PDF報告書をダウンロード"),
    "changed": (
        "The answers file was changed on disk by something else, so nothing was overwritten. "
        "Reload it to continue from what is on disk (your last change here was not saved).",
        "回答ファイルが他の操作でディスク上で変更されたため、上書きしていません。"
        "読み込み直してから続けてください（ここでの直前の変更は保存されていません）。",
    ),
    "reload": ("Reload from disk", "ディスクから読み込み直す"),
    "next": ("Next section", "次のセクション"),
    "prev": ("Previous section", "前のセクション"),
    "no_checklists": (
        "No checklist applies yet: answer the profile first.",
        "対象のチェックリストがまだありません。先にプロファイルに回答してください。",
    ),
    "bad_input": ("Please check this answer:", "回答を確認してください："),
    "file": ("Answers file", "回答ファイル"),
    "skip": ("Skip to content", "本文へ移動"),
}


def words(lang: str) -> dict[str, str]:
    return {k: (ja if lang == "ja" else en) for k, (en, ja) in WORDS.items()}


def summary(session: Session, lang: str) -> list[dict[str, Any]]:
    """One row per checklist: score, verdict, progress, sections (for navigation)."""
    progress = session.progress()
    rows = []
    for r in session.assessment().results:
        done, total = progress[r.checklist.id]
        rows.append(
            {
                "id": r.checklist.id,
                "title": tr(r.checklist.title, lang),
                "applicable": r.applicable,
                "percent": r.percent,
                "sprs": r.score,
                "verdict": verdict_label(r, lang),
                "done": done,
                "total": total,
                "sections": [
                    {"id": s.id, "title": tr(s.title, lang)}
                    for s in r.sections
                    if any(row.in_scope for row in s.items)
                ],
            }
        )
    return rows


def section(session: Session, cid: str, sid: str, lang: str) -> dict[str, Any] | None:
    result = next((r for r in session.assessment().results if r.checklist.id == cid), None)
    if result is None or not result.applicable:
        return None
    sec = next((s for s in result.sections if s.id == sid), None)
    if sec is None:
        return None
    items = []
    for row in sec.items:
        if not row.in_scope:
            continue
        item = row.item
        own = session.answer(cid, item.id)
        evidence = own.get("evidence") or []
        items.append(
            {
                "id": item.id,
                "title": tr(item.title, lang),
                "question": tr(item.question, lang),
                "guidance": tr(item.guidance, lang),
                "remediation": tr(item.remediation, lang),
                "status": own.get("status") or "",
                "shown_status": row.status,
                "shown_label": msg(f"status.{row.status}", lang),
                "derived_from": row.derived_from or "",
                "statuses": [
                    (s, msg(f"status.{s}", lang))
                    for s in STATUSES
                    if s != "not_applicable" or item.allow_na
                ],
                "note": own.get("note") or "",
                "evidence": "\n".join([evidence] if isinstance(evidence, str) else evidence),
                "owner": own.get("owner") or "",
                "due": own.get("due") or "",
            }
        )
    ids = [
        (c["id"], s["id"]) for c in summary(session, lang) if c["applicable"] for s in c["sections"]
    ]
    here = ids.index((cid, sid)) if (cid, sid) in ids else -1
    return {
        "checklist": {"id": cid, "title": tr(result.checklist.title, lang)},
        "section": {"id": sid, "title": tr(sec.title, lang)},
        "items": items,
        "prev": ids[here - 1] if here > 0 else None,
        "next": ids[here + 1] if 0 <= here < len(ids) - 1 else None,
    }


def profile(session: Session, lang: str) -> list[dict[str, Any]]:
    values = session.data["profile"]
    out = []
    for fact in session.relevant_facts():
        kind = fact["type"]
        choices = (
            [("true", WORDS["yes"][lang == "ja"]), ("false", WORDS["no"][lang == "ja"])]
            if kind == "boolean"
            else [(str(v), str(v)) for v in fact.get("values", [])]
        )
        value = values.get(fact["id"])
        out.append(
            {
                "id": fact["id"],
                "question": tr(fact["question"], lang),
                "type": kind,
                "choices": choices,
                "value": ""
                if value is None
                else str(value).lower()
                if kind == "boolean"
                else str(value),
            }
        )
    return out


def parse_fact(fact: dict[str, Any], raw: str) -> Any:
    """A form value as the profile fact's type; None for blank or unreadable."""
    raw = raw.strip()
    if not raw:
        return None
    if fact["type"] == "boolean":
        return {"true": True, "false": False}.get(raw)
    if fact["type"] == "integer":
        try:
            value: Any = int(raw)
        except ValueError:
            return None
    else:
        value = raw
    if "values" in fact and value not in fact["values"]:
        return None
    return value
