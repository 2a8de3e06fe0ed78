"""One item explained in words (`readiness show`): its question, what "met" means, and more."""

from __future__ import annotations

from readiness.content.catalog import Catalog
from readiness.content.model import Checklist, Item, tr
from readiness.formats.messages import t


def equivalents(catalog: Catalog, checklist: Checklist, item: Item) -> list[str]:
    """Items declared the same, in either direction, across the latest versions."""
    found = list(item.same_as)
    me = f"{checklist.id}:{item.id}"
    for cid in catalog.ids():
        if cid == checklist.id:
            continue
        other = catalog.load(catalog.find(cid))
        found += [f"{cid}:{i.id}" for i in other.items() if me in i.same_as]
    return sorted(set(found))


def render_item(catalog: Catalog, checklist: Checklist, item: Item, lang: str) -> str:
    section = next(s for s in checklist.sections if s.id == item.section_id)
    lines = [f"{item.id}  {tr(item.title, lang)}"]
    if item.data.get("official_title"):
        lines.append(f"  ({t(lang, 'official name', '公式名称')}: {tr(item.official_title, lang)})")
    lines.append(f"  {checklist.ref} · {tr(section.title, lang)}")
    lines.append("")

    def block(en: str, ja: str, text: str) -> None:
        lines.extend([f"{t(lang, en, ja)}:", f"  {text}", ""])

    block("Question", "質問", tr(item.question, lang))
    block('What "met" means', "「実施済み」の基準", tr(item.guidance, lang))
    block("If not met", "未実施の場合", tr(item.remediation, lang))
    facts = [
        f"{t(lang, 'effort', '工数')}: {item.effort}",
        f"{t(lang, 'weight', '重み')}: {item.weight}",
    ]
    if item.blocking:
        facts.append(t(lang, "blocking", "必須項目"))
    if item.points is not None:
        facts.append(f"{t(lang, 'points', '点数')}: {item.points}")
    if item.partial_points is not None:
        facts.append(f"{t(lang, 'partial', '部分実施')}: {item.partial_points}")
    if item.poam:
        facts.append(f"POA&M: {item.poam}")
    if item.gate:
        facts.append(t(lang, "gate (no score without it)", "前提要件（これがないとスコアなし）"))
    if not item.allow_na:
        facts.append(t(lang, "not_applicable not allowed", "「該当なし」不可"))
    lines.extend(["  " + " · ".join(facts), ""])
    if item.applicability:
        block("Applies when", "適用条件", f"{item.applicability['when']}")
    sources = checklist.sources
    refs = [
        f"  {tr(sources[r['source']]['title'], lang)} — {r['section']}" for r in item.references
    ]
    lines.extend([f"{t(lang, 'Sources', '出典')} ({item.verification}):", *refs, ""])
    same = equivalents(catalog, checklist, item)
    if same:
        lines.extend(
            [f"{t(lang, 'Equivalent items', '同等の項目')}:", *[f"  {s}" for s in same], ""]
        )
    return "\n".join(lines).rstrip() + "\n"
