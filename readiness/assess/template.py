"""Write an answers skeleton: every question as a comment, every answer left blank."""

from __future__ import annotations

import json
import textwrap

from readiness.content.catalog import Catalog
from readiness.content.model import Checklist, tr
from readiness.formats.resources import resource

STATUS_HINT = "met | partial | not_met | not_applicable"


def _comment(text: str, indent: str, width: int = 96) -> list[str]:
    lines = []
    for para in text.splitlines() or [""]:
        wrapped = textwrap.wrap(
            para, width=width - len(indent) - 2, break_long_words=True, break_on_hyphens=False
        ) or [""]
        lines.extend(f"{indent}# {w}".rstrip() for w in wrapped)
    return lines


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_template(
    checklists: list[Checklist], catalog: Catalog, lang: str, date: str, organisation: str = ""
) -> str:
    """YAML text of a new answers file for the given checklist versions."""
    ja = lang == "ja"
    schema = resource("schemas", "answers.schema.json").as_uri()
    out = [
        f"# yaml-language-server: $schema={schema}",
        "# readiness answers file" + (" / 回答ファイル" if ja else ""),
        *_comment(
            "各質問の下の項目に met（実施済み）/ partial（一部）/ not_met（未実施）/ "
            "not_applicable（該当なし）のいずれかを書いてください。メモや証跡は "
            "{status: partial, note: ..., evidence: ..., owner: ..., due: YYYY-MM-DD} の形でも書けます。"
            if ja
            else "Answer each item with met, partial, not_met or not_applicable. To add a note, "
            "evidence, an owner or a due date, write "
            "{status: partial, note: ..., evidence: ..., owner: ..., due: YYYY-MM-DD}. "
            "An item left blank is unanswered.",
            "",
        ),
        "format: 1",
        "organisation:",
        f"  name: {_q(organisation)}",
        f"assessment_date: {_q(date)}",
        "# " + ("評価者（任意）" if ja else "Who answered (optional)") + ":",
        "# assessor:",
        '#   name: ""',
        '#   role: ""',
        "",
        "# "
        + (
            "会社プロファイル（対象となる項目を決めます）: true / false で答えてください"
            if ja
            else "Company profile: decides which checklists and items apply (true / false)"
        ),
        "profile:",
    ]
    for fact in catalog.profile_facts.values():
        out.extend(_comment(tr(fact["question"], lang), "  "))
        hint = " | ".join(str(v) for v in fact.get("values", [])) or (
            "true | false" if fact["type"] == "boolean" else fact["type"]
        )
        out.append(f"  {fact['id']}:   # {hint}")
    out += ["", "checklists:"]
    for checklist in checklists:
        out.append(f"  {checklist.id}:")
        out.extend(_comment(f"{tr(checklist.title, lang)} ({checklist.ref})", "    "))
        out.append(f"    version: {_q(checklist.version)}")
        out.append(f"    sha256: {checklist.sha256}")
        out.append("    answers:")
        for section in checklist.sections:
            out.append("")
            out.extend(_comment(f"== {tr(section.title, lang)} ==", "      "))
            for item in section.items:
                out.extend(_comment(f"{item.id} {tr(item.title, lang)}", "      "))
                out.extend(_comment(f"Q: {tr(item.question, lang)}", "      "))
                met = "充足の基準" if ja else "Met when"
                out.extend(_comment(f"{met}: {tr(item.guidance, lang)}", "      "))
                out.append(f"      {item.id}:   # {STATUS_HINT}")
    return "\n".join(out) + "\n"
