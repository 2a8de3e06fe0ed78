"""Change notes for two checklist versions, as terminal text or Markdown to publish."""

from __future__ import annotations

import json
from typing import Any

from readiness.content.diff import Diff, FieldChange
from readiness.content.model import Checklist, tr
from readiness.formats.messages import t

FIELD_NAMES = {
    "title": ("title", "名称"),
    "official_title": ("official name", "公式名称"),
    "question": ("question", "質問"),
    "guidance": ("what met means (guidance)", "充足の基準（ガイダンス）"),
    "remediation": ("remediation", "改善策"),
    "effort": ("effort", "工数"),
    "weight": ("weight", "重み"),
    "blocking": ("blocking", "必須"),
    "allow_na": ("not applicable allowed", "該当なし可"),
    "points": ("points", "点数"),
    "partial_points": ("partial points", "部分実施の点数"),
    "poam": ("POA&M rule", "POA&Mの可否"),
    "gate": ("gate", "前提要件"),
    "applicability": ("applicability", "適用条件"),
    "references": ("references", "出典"),
    "verification": ("verification", "検証状況"),
    "same_as": ("equivalents", "同等項目"),
    "section": ("section", "セクション"),
    "summary": ("summary", "概要"),
    "scoring": ("scoring", "採点"),
    "sources": ("sources", "出典一覧"),
    "glossary": ("glossary", "用語集"),
}


def _name(field: str, lang: str) -> str:
    en, ja = FIELD_NAMES.get(field, (field, field))
    return t(lang, en, ja)


def _show(value: Any, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict) and set(value) >= {"ja", "en"} and len(value) <= 3:
        return tr(value, lang)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _title(checklist: Checklist, item_id: str, lang: str) -> str:
    item = checklist.item(item_id)
    return tr(item.title, lang) if item is not None else ""


def _field_lines(f: FieldChange, lang: str, markdown: bool) -> list[str]:
    name = _name(f.name, lang)
    before, after = _show(f.before, lang), _show(f.after, lang)
    if markdown:
        return [
            f"  - **{name}**",
            f"    - {t(lang, 'before', '変更前')}: {before}",
            f"    - {t(lang, 'after', '変更後')}: {after}",
        ]
    return [f"      {name}:", f"        - {before}", f"        + {after}"]


def render(d: Diff, lang: str = "en", markdown: bool = False) -> str:
    """The diff as text for a terminal, or Markdown for published change notes."""
    old, new = d.old, d.new
    head = f"{new.id} {old.version} → {new.version}"
    out: list[str] = [f"## {head}" if markdown else head, ""]
    if markdown:
        out += [f"{tr(new.title, lang)}", ""]

    def section(title_en: str, title_ja: str, rows: list[str], count: int | None = None) -> None:
        """`count`: how many things the rows describe (a changed item takes several rows)."""
        label = f"{t(lang, title_en, title_ja)} ({len(rows) if count is None else count})"
        out.append(f"### {label}" if markdown else label)
        out.extend(rows or [t(lang, "  (none)", "  （なし）")])
        out.append("")

    bullet = "- " if markdown else "  "

    def code(x: str) -> str:
        return f"`{x}`" if markdown else x

    section(
        "Added",
        "追加",
        [f"{bullet}{code(i)} {_title(new, i, lang)}" for i in d.added],
    )
    section(
        "Removed",
        "削除",
        [f"{bullet}{code(i)} {_title(old, i, lang)}" for i in d.removed],
    )
    section(
        "Renamed",
        "ID変更",
        [f"{bullet}{code(a)} → {code(b)} {_title(new, b, lang)}" for a, b in d.renamed],
    )
    changed: list[str] = []
    for c in d.changed:
        fields = ", ".join(_name(f.name, lang) for f in c.fields)
        review = (
            t(lang, " — answers need review", " — 回答の見直しが必要") if c.needs_review else ""
        )
        changed.append(f"{bullet}{code(c.id)} {_title(new, c.id, lang)}: {fields}{review}")
        for f in c.fields:
            changed.extend(_field_lines(f, lang, markdown))
    section("Changed", "変更", changed, len(d.changed))
    if d.checklist:
        section(
            "Checklist-wide changes",
            "チェックリスト全体の変更",
            [f"{bullet}{_name(f.name, lang)}" for f in d.checklist],
        )
    return "\n".join(out).rstrip() + "\n"
