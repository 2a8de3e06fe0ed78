"""The cohort portfolio as HTML (then PDF through `pdf.py`): a few pages for a programme lead.

Verdicts per regime across clients (counts, and a client × checklist grid), the gaps most
clients share, and who is closest to each milestone. Everything is computed here or in
`assess.portfolio`; the template (`reports/templates/portfolio.html.j2`) only lays it out.
"""

from __future__ import annotations

from typing import Any

import jinja2

from readiness.assess.portfolio import Distance, Portfolio, short_verdict
from readiness.content.catalog import Catalog
from readiness.content.model import Text, tr
from readiness.formats.branding import Branding
from readiness.formats.messages import t
from readiness.formats.problems import InputError, RenderError
from readiness.report import fonts
from readiness.report.html import VERDICT_CLASS, environment, standalone_css
from readiness.report.labels import LABELS

# summary columns: verdict class -> heading
GROUPS = [
    ("good", ("Final / ready", "最終・準備完了")),
    ("warn", ("Conditional / nearly ready / incomplete", "条件付き・おおむね・未完了")),
    ("bad", ("Not eligible / not ready", "要件未達・準備不足")),
    ("muted", ("Not applicable", "対象外")),
]
MILESTONE = {
    "conditional": ("Conditional status (CMMC)", "条件付きステータス（CMMC）"),
    "final": ("Final: every requirement met", "最終：全要件を充足"),
    "ready": ("Ready (this tool's estimate)", "準備完了（本ツールの目安）"),
}
WORDS = {
    "title": ("Cohort portfolio", "ポートフォリオ（コホート一覧）"),
    "clients": ("Clients", "対象企業数"),
    "dates": ("Assessment dates", "評価日"),
    "failed": (
        "Answers files not included (invalid; see the batch's messages)",
        "含まれていない回答ファイル（不備あり。batch の出力を参照）",
    ),
    "verdicts": ("Verdicts per regime", "分野ごとの判定"),
    "grid": ("Verdicts by client", "企業別の判定"),
    "client": ("Client", "企業"),
    "common": ("Most common gaps in the cohort", "コホートで多い未対応事項"),
    "common.intro": (
        "Requirements most clients have not met (partial, not met or unanswered), counted among the clients each checklist applies to.",
        "多くの企業が満たしていない要件（一部実施・未実施・未回答）です。各チェックリストが適用される企業のうちの数です。",
    ),
    "share": ("Clients", "企業数"),
    "milestones": ("Closest to each milestone", "各マイルストーンに最も近い企業"),
    "milestones.intro": (
        "Clients not yet at a milestone, the closest first, with what is left.",
        "まだ到達していない企業を近い順に、残りの課題とともに示します。",
    ),
    "reached": ("Reached", "到達"),
    "left": ("What is left", "残り"),
    "none_left": ("Every client has reached it.", "全企業が到達しています。"),
    "disclaimer": (
        "A summary of self-assessments, not legal advice or a certification; each client's report gives the reasons.",
        "自己評価の要約であり、法的助言や認証ではありません。理由は各企業の報告書を参照してください。",
    ),
}


def _w(key: str, lang: str) -> str:
    return t(lang, *WORDS[key])


def left_text(d: Distance, milestone: str, lang: str) -> str:
    """What a client still has to do to reach a milestone, in the milestone's own terms."""
    parts = []
    if d.ineligible:
        parts.append(
            t(
                lang,
                f"{d.ineligible} gap(s) not allowed on a POA&M",
                f"POA&M不可の未対応 {d.ineligible}件",
            )
        )
    if d.points_short:
        parts.append(t(lang, f"{d.points_short} point(s) short", f"{d.points_short}点不足"))
    if d.blocking:
        parts.append(t(lang, f"{d.blocking} blocking gap(s)", f"必須項目の未対応 {d.blocking}件"))
    if d.percent_short:
        parts.append(t(lang, f"{d.percent_short} pt short of ready", f"{d.percent_short}pt不足"))
    if milestone == "final" or not parts:
        parts.append(t(lang, f"{d.gaps} gap(s)", f"未対応 {d.gaps}件"))
    if d.unanswered:
        parts.append(t(lang, f"{d.unanswered} unanswered", f"未回答 {d.unanswered}件"))
    return ", ".join(parts) if lang == "en" else "、".join(parts)


def _titles(portfolio: Portfolio, catalog: Catalog) -> dict[str, Text]:
    """Checklist titles, from the newest version any client answered."""
    out: dict[str, Text] = {}
    for client in portfolio.clients:
        for c in client.checklists:
            entry = catalog.find(c.id, c.version)
            if entry is not None and c.id not in out:
                out[c.id] = catalog.load(entry).title
    return out


def _item_title(catalog: Catalog, portfolio: Portfolio, cid: str, item_id: str) -> Text | str:
    for client in portfolio.clients:
        for c in client.checklists:
            if c.id == cid:
                entry = catalog.find(c.id, c.version)
                item = catalog.load(entry).item(item_id) if entry else None
                if item is not None:
                    return item.title
    return ""


def context(
    portfolio: Portfolio,
    catalog: Catalog,
    lang: str,
    failed: list[str] | None = None,
    branding: Branding | None = None,
) -> dict[str, Any]:
    branding = branding or Branding()
    titles = _titles(portfolio, catalog)
    dates = sorted(c.assessment_date for c in portfolio.clients)
    summary = []
    for cid in portfolio.checklists:
        counts = portfolio.verdicts[cid]
        row = {"id": cid, "title": tr(titles.get(cid), lang), "groups": []}
        for klass, _ in GROUPS:
            found = [(v, n) for v, n in counts.items() if VERDICT_CLASS.get(v, "muted") == klass]
            row["groups"].append([f"{short_verdict(v, lang)} {n}" for v, n in sorted(found)])
        summary.append(row)
    grid = []
    for client in portfolio.clients:
        cells = []
        for cid in portfolio.checklists:
            c = portfolio.verdict_of(client, cid)
            if c is None:
                cells.append({"label": "", "klass": "none"})
                continue
            extra = f" {c.score}" if c.sprs and c.score is not None else ""
            if c.method == "weighted" and c.percent is not None:
                extra = f" {c.percent:.0f}%"
            cells.append(
                {
                    "label": short_verdict(c.verdict, lang) + extra,
                    "klass": VERDICT_CLASS.get(c.verdict, "muted"),
                }
            )
        grid.append({"name": client.name(lang), "file": client.file, "cells": cells})
    common = [
        {
            "checklist": cid,
            "id": item,
            "title": tr(_item_title(catalog, portfolio, cid, item), lang),
            "count": n,
            "of": of,
            "percent": round(100 * n / of) if of else 0,
        }
        for cid, item, n, of in portfolio.common_gaps
    ]
    milestones = [
        {
            "checklist": m.checklist,
            "title": tr(titles.get(m.checklist), lang),
            "name": t(lang, *MILESTONE[m.name]),
            "reached": len(m.reached),
            "total": m.total,
            "closest": [
                {"name": d.client.name(lang), "left": left_text(d, m.name, lang)} for d in m.closest
            ],
        }
        for m in portfolio.milestones
    ]
    return {
        "lang": lang,
        "W": {k: v[1] if lang == "ja" else v[0] for k, v in WORDS.items()},
        "L": {k: v[lang] for k, v in LABELS.items()},
        "groups": [t(lang, *label) for _, label in GROUPS],
        "branding": branding,
        "marking": branding.marking or LABELS["confidential"][lang],
        "client_count": len(portfolio.clients),
        "dates": f"{dates[0]} – {dates[-1]}" if dates else "—",
        "failed": failed or [],
        "checklists": portfolio.checklists,
        "summary": summary,
        "grid": grid,
        "common": common,
        "milestones": milestones,
    }


def build_html(
    portfolio: Portfolio,
    catalog: Catalog,
    lang: str,
    *,
    failed: list[str] | None = None,
    branding: Branding | None = None,
    standalone: bool = False,
) -> str:
    """The portfolio as HTML; `standalone` inlines the stylesheet (for an .html file)."""
    if not portfolio.clients:
        raise InputError(
            t(
                lang,
                "no valid answers file: no portfolio to write",
                "有効な回答ファイルがなく、ポートフォリオを作成できません",
            )
        )
    ctx = context(portfolio, catalog, lang, failed, branding)
    ctx["inline_css"] = standalone_css() if standalone else ""
    try:
        html = environment().get_template("portfolio.html.j2").render(**ctx)
    except jinja2.TemplateError as exc:
        raise RenderError(f"portfolio template: {exc}") from None
    return fonts.finish(html, standalone=standalone)
