"""Progress between two assessments in words: `readiness compare` text, and the report's
"progress since" section (data for the template; the template only lays it out)."""

from __future__ import annotations

from typing import Any

from readiness.assess.compare import ChecklistChange, Comparison, ItemChange
from readiness.content.model import tr
from readiness.formats.messages import msg, t

KIND_LABELS = {
    "remediated": ("Remediated", "改善済み"),
    "new_gap": ("New gaps", "新たな未対応"),
    "worse": ("Got worse", "悪化"),
    "improved": ("Improved, still a gap", "改善したが未対応"),
    "left_scope": ("No longer in scope (gap not closed)", "対象外になった未対応"),
}
ORDER = ("remediated", "new_gap", "worse", "improved", "left_scope")


def verdict(code: str, lang: str, days: int | None) -> str:
    return msg(f"verdict.{code}", lang, days=days)


def _signed(value: float | None, unit: str = "") -> str:
    if not value:  # unknown, or no change: the arrow says it
        return ""
    if isinstance(value, float):
        return f" ({value:+.1f}{unit})"
    return f" ({value:+d}{unit})"


def _status(code: str, lang: str) -> str:
    return msg(f"status.{code}", lang)


def item_line(c: ItemChange, lang: str) -> str:
    renamed = t(lang, f", was {c.old_id}", f"、旧 {c.old_id}") if c.old_id else ""
    return f"{c.id} {tr(c.title, lang)} ({_status(c.old, lang)} → {_status(c.new, lang)}{renamed})"


def checklist_rows(c: ChecklistChange, lang: str) -> dict[str, Any]:
    """One checklist's change as ready-made strings (shared by text and HTML)."""
    score_label = msg("cli.sprs" if c.sprs else "cli.score", lang)
    score = ""
    if c.old_score is not None or c.new_score is not None:
        old = c.old_score if c.old_score is not None else msg("cli.no_score", lang)
        new = c.new_score if c.new_score is not None else msg("cli.no_score", lang)
        score = f"{old} → {new}{_signed(c.score_delta)}"
    percent = ""
    if c.old_percent is not None or c.new_percent is not None:
        fmt = lambda p: "—" if p is None else f"{p}%"  # noqa: E731
        unit = t(lang, " pt", "pt")
        percent = f"{fmt(c.old_percent)} → {fmt(c.new_percent)}{_signed(c.percent_delta, unit)}"
    groups = [
        {
            "kind": kind,
            "label": t(lang, *KIND_LABELS[kind]),
            "items": [item_line(x, lang) for x in c.of(kind)],
        }
        for kind in ORDER
    ]
    return {
        "id": c.id,
        "refs": c.old_ref if c.old_ref == c.new_ref else f"{c.old_ref} → {c.new_ref}",
        "verdict": (
            f"{verdict(c.old_verdict, lang, c.closeout_days)} → "
            f"{verdict(c.new_verdict, lang, c.closeout_days)}"
            if c.old_verdict != c.new_verdict
            else verdict(c.new_verdict, lang, c.closeout_days)
            + t(lang, " (unchanged)", "（変化なし）")
        ),
        "verdict_changed": c.old_verdict != c.new_verdict,
        "score_label": score_label,
        "score": score,
        "percent": percent,
        "gaps": f"{c.old_gaps} → {c.new_gaps}{_signed(c.new_gaps - c.old_gaps)}",
        "groups": groups,
        "changed": bool(c.changes),
        "same": not c.changes
        and c.old_verdict == c.new_verdict
        and not c.percent_delta
        and not c.score_delta
        and c.old_ref == c.new_ref,
        "only_old": c.only_old,
        "only_new": c.only_new,
        "not_compared": [
            t(
                lang,
                f"only in {ref}, not compared: {', '.join(ids)}",
                f"{ref} のみにあり比較できない項目：{', '.join(ids)}",
            )
            for ref, ids in ((c.old_ref, c.only_old), (c.new_ref, c.only_new))
            if ids
        ],
    }


def notes(comparison: Comparison, lang: str) -> list[str]:
    """Things a reader must know before trusting the comparison."""
    out = []
    if not comparison.same_organisation:
        out.append(
            t(
                lang,
                f"The two files name different organisations ({comparison.old_organisation} / {comparison.organisation}).",
                f"2つのファイルの組織名が異なります（{comparison.old_organisation} / {comparison.organisation}）。",
            )
        )
    if not comparison.dates_in_order:
        out.append(
            t(
                lang,
                f"The older file is dated after the newer one ({comparison.old_date} > {comparison.new_date}); check the order.",
                f"旧ファイルの評価日が新ファイルより後です（{comparison.old_date} > {comparison.new_date}）。順序を確認してください。",
            )
        )
    for ref in comparison.only_old:
        out.append(
            t(lang, f"{ref} was answered only before.", f"{ref} は以前のみ回答されています。")
        )
    for ref in comparison.only_new:
        out.append(t(lang, f"{ref} is answered only now.", f"{ref} は今回のみ回答されています。"))
    return out


def context(comparison: Comparison, lang: str) -> dict[str, Any]:
    """What the report's "progress since" section shows."""
    rows = [checklist_rows(c, lang) for c in comparison.checklists]
    return {
        "old_date": comparison.old_date,
        "new_date": comparison.new_date,
        "checklists": rows,
        "detailed": [r for r in rows if r["changed"] or r["not_compared"]],
        "unchanged": [r["id"] for r in rows if not (r["changed"] or r["not_compared"])],
        "notes": notes(comparison, lang),
    }


def render_text(comparison: Comparison, lang: str) -> str:
    """`readiness compare` as plain text."""
    lines = [f"{comparison.organisation}: {comparison.old_date} → {comparison.new_date}"]
    lines += [f"! {n}" for n in notes(comparison, lang)]
    for c in comparison.checklists:
        row = checklist_rows(c, lang)
        lines += ["", f"{row['id']}  [{row['refs']}]"]
        lines.append(f"  {msg('cli.verdict', lang)}: {row['verdict']}")
        if row["same"]:
            continue
        if row["score"]:
            lines.append(f"  {row['score_label']}: {row['score']}")
        if row["percent"]:
            lines.append(f"  {msg('cli.percent', lang)}: {row['percent']}")
        lines.append(f"  {t(lang, 'Gaps', '未対応')}: {row['gaps']}")
        for group in row["groups"]:
            if group["items"]:
                lines.append(f"  {group['label']} ({len(group['items'])}):")
                lines += [f"    - {x}" for x in group["items"]]
        lines += [f"  {x}" for x in row["not_compared"]]
    if not comparison.checklists:
        lines += [
            "",
            t(
                lang,
                "No checklist is answered in both files.",
                "両方のファイルで回答されたチェックリストはありません。",
            ),
        ]
    return "\n".join(lines) + "\n"
