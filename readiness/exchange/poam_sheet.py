"""A POA&M as XLSX or CSV: one row per CMMC gap, eligibility and the reason on every row.

Rows come from `assess.poam.rows` (eligible first); rows that may not go on a POA&M are
marked NO in their own column and, in the workbook, shaded red, so no one reads them as part of
the plan. The workbook opens with the score and what conditional status needs.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from readiness.assess import poam
from readiness.assess.results import Assessment
from readiness.exchange.csv_table import write_table
from readiness.formats.messages import t

WIDTHS = {
    "checklist": 16,
    "id": 16,
    "requirement": 34,
    "status": 12,
    "weakness": 40,
    "points": 8,
    "poam_eligible": 10,
    "why": 48,
    "owner": 16,
    "milestones": 48,
    "planned": 13,
    "closeout": 13,
}
NOT_ELIGIBLE = PatternFill("solid", fgColor="F8D7D4")


def write_csv(assessment: Assessment, lang: str) -> bytes:
    return write_table(poam.headers(lang), [r.cells(lang) for r in poam.rows(assessment, lang)])


def write_xlsx(assessment: Assessment, lang: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "POA&M"
    org = assessment.answers.organisation.get("name", "")
    ws["A1"] = t(
        lang,
        f"Plan of action and milestones — {org} — assessed {assessment.answers.assessment_date}",
        f"改善計画（POA&M） — {org} — 評価日 {assessment.answers.assessment_date}",
    )
    ws["A1"].font = Font(bold=True, size=12)
    lines = [
        *poam.summary(assessment, lang),
        t(
            lang,
            "Rows marked NO may not go on a POA&M: they must be met before the assessment.",
            "「不可」の行はPOA&Mに記載できません。評価の前に実施が必要です。",
        ),
    ]
    for i, line in enumerate(lines, start=2):
        ws.cell(row=i, column=1, value=line)
    head = len(lines) + 3
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F0")
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, (key, text) in enumerate(zip(poam.COLUMNS, poam.headers(lang), strict=True), start=1):
        cell = ws.cell(row=head, column=col, value=text)
        cell.font, cell.fill = bold, fill
        ws.column_dimensions[cell.column_letter].width = WIDTHS[key]
    for r, row in enumerate(poam.rows(assessment, lang), start=head + 1):
        for col, value in enumerate(row.cells(lang), start=1):
            cell = ws.cell(row=r, column=col, value=value)
            if isinstance(value, str) and value:
                cell.data_type = "s"  # a note starting with = stays text
            cell.alignment = wrap
            if not row.poam_eligible:
                cell.fill = NOT_ELIGIBLE
    ws.freeze_panes = ws.cell(row=head + 1, column=3).coordinate
    ws.auto_filter.ref = f"A{head}:{ws.cell(row=head, column=len(poam.COLUMNS)).column_letter}{max(head, ws.max_row)}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
