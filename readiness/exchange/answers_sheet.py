"""An answers file as an XLSX questionnaire, for clients who would rather not edit YAML.

Sheet "About" holds the organisation, date, assessor, profile facts and per-checklist settings
as key/value rows; one sheet per checklist (named by its id) has the checklist's
`id@version@sha256` in B1 and one row per item: the question in the chosen language, then a
status drop-down and note, evidence, owner and due columns. The sheets are protected (no
password: it stops slips, not people) with only the answer cells unlocked. `read` turns a filled
workbook back into an answers document and names every rejected cell (`cmmc-l2!D14`).
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from readiness.content.catalog import Catalog
from readiness.content.model import STATUSES, tr
from readiness.exchange.answers_reader import Reader, Where
from readiness.exchange.answers_table import Field, fields, item_rows, ref, status_help
from readiness.formats.messages import t
from readiness.formats.problems import InputError, Problem

ABOUT = "About"
MARKER = "readiness answers"
SHEET_LABEL = ("Checklist", "チェックリスト")  # A1 of every checklist sheet, B1 its reference
HEADER_ROW = 4  # item sheets: the column names; items start on the next row
# (key, English, Japanese, width, answer column?)
COLUMNS: list[tuple[str, str, str, int, bool]] = [
    ("id", "ID", "ID", 16, False),
    ("requirement", "Requirement", "要件", 30, False),
    ("question", "Question", "質問", 60, False),
    ("status", "Status", "状況", 16, True),
    ("note", "Note", "メモ", 40, True),
    ("evidence", "Evidence (one a line)", "証跡（1行に1つ）", 30, True),
    ("owner", "Owner", "担当", 16, True),
    ("due", "Due (YYYY-MM-DD)", "期限（YYYY-MM-DD）", 14, True),
    ("met_when", "Met when", "充足の基準", 60, False),
    ("section", "Section", "分類", 24, False),
]
LETTER = {key: get_column_letter(i) for i, (key, *_rest) in enumerate(COLUMNS, start=1)}
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDE7F0")
OPEN_FILL = PatternFill("solid", fgColor="FFF8DC")  # the cells to fill in
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")


def _protect(ws: Worksheet) -> None:
    """Protect the sheet; people may still resize columns and rows."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _put(ws: Worksheet, cell: str, value: Any) -> None:
    """A value that stays what it is: text starting with `=` is text, never a formula."""
    ws[cell] = value
    if isinstance(value, str) and value:
        ws[cell].data_type = "s"


def _choices(ws: Worksheet, choices: tuple[Any, ...], cells: str, lang: str) -> None:
    words = ",".join("TRUE" if c is True else "FALSE" if c is False else str(c) for c in choices)
    dv = DataValidation(
        type="list",
        formula1=f'"{words}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=t(lang, "Not a choice", "選択肢にありません"),
        error=t(lang, f"Choose one of: {words}", f"次から選んでください：{words}"),
    )
    ws.add_data_validation(dv)
    dv.add(cells)


def _about(wb: Workbook, rows: list[Field], org: str, lang: str) -> None:
    ws = wb.active
    ws.title = ABOUT
    ws["A1"], ws["B1"] = MARKER, t(lang, f"Answers workbook — {org}", f"回答ワークブック — {org}")
    ws["A1"].font = ws["B1"].font = BOLD
    for col, (en, ja) in enumerate(
        [("key", "key"), ("Field", "項目"), ("Answer", "回答"), ("Question", "質問")], start=1
    ):
        cell = ws.cell(row=2, column=col, value=t(lang, en, ja))
        cell.font, cell.fill = BOLD, HEAD_FILL
    for r, f in enumerate(rows, start=3):
        _put(ws, f"A{r}", f.key)
        _put(ws, f"B{r}", f.label)
        _put(ws, f"C{r}", f.value)
        _put(ws, f"D{r}", f.help)
        for col in "ABCD":
            ws[f"{col}{r}"].alignment = WRAP
        if f.editable:
            ws[f"C{r}"].protection = UNLOCKED
            ws[f"C{r}"].fill = OPEN_FILL
            ws[f"C{r}"].number_format = (
                "@" if f.kind in ("text", "date", "ids", "string") else "General"
            )
        if f.choices:
            _choices(ws, f.choices, f"C{r}", lang)
    for col, width in zip("ABCD", (30, 34, 40, 70), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "C3"
    _protect(ws)


def write(data: dict[str, Any], catalog: Catalog, lang: str) -> bytes:
    """Workbook bytes for an answers document (a blank one for a template)."""
    wb = Workbook()
    org = (data.get("organisation") or {}).get("name") or ""
    _about(wb, fields(data, catalog, lang), org, lang)
    for checklist, rows in item_rows(data, catalog, lang):
        ws = wb.create_sheet(checklist.id)
        ws["A1"] = t(lang, *SHEET_LABEL)
        _put(ws, "B1", ref(checklist))
        ws["A2"] = tr(checklist.title, lang)
        ws["A3"] = t(
            lang,
            f"Choose a status in column D ({status_help(lang)}); leave it blank if not answered yet.",
            f"D列で回答を選んでください（{status_help(lang)}）。未回答なら空欄のままにします。",
        )
        ws["A1"].font = ws["B1"].font = ws["A2"].font = BOLD
        for col, (_key, en, ja, width, _open) in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=HEADER_ROW, column=col, value=t(lang, en, ja))
            cell.font, cell.fill = BOLD, HEAD_FILL
            ws.column_dimensions[get_column_letter(col)].width = width
        first = HEADER_ROW + 1
        for r, row in enumerate(rows, start=first):
            for key, *_rest, is_open in COLUMNS:
                cell = f"{LETTER[key]}{r}"
                _put(ws, cell, getattr(row, key) or None)
                ws[cell].alignment = WRAP
                if is_open:
                    ws[cell].protection = UNLOCKED
                    ws[cell].fill = OPEN_FILL
                    ws[cell].number_format = "@"
        if rows:
            last = first + len(rows) - 1
            _choices(ws, STATUSES, f"{LETTER['status']}{first}:{LETTER['status']}{last}", lang)
        ws.freeze_panes = f"B{first}"
        _protect(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _refuse(label: str, en: str, ja: str, lang: str) -> InputError:
    return InputError([Problem(file=label, message=t(lang, en, ja), code="xlsx")])


def read(raw: bytes, label: str, catalog: Catalog, lang: str = "en") -> dict[str, Any]:
    """The answers document in a workbook made by `write`; InputError naming every bad cell."""
    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise _refuse(
            label,
            f"not an XLSX workbook ({type(exc).__name__})",
            f"XLSX ブックではありません（{type(exc).__name__}）",
            lang,
        ) from None
    if {"Items", "Checklist"} <= set(wb.sheetnames):
        raise _refuse(
            label,
            "this is a checklist workbook; bring it back with `readiness import-checklist`",
            "これはチェックリストのワークブックです。`readiness import-checklist` で取り込んでください",
            lang,
        )
    if ABOUT not in wb.sheetnames or wb[ABOUT]["A1"].value != MARKER:
        raise _refuse(
            label,
            f"not an answers workbook: sheet {ABOUT!r} with {MARKER!r} in A1 is missing; make one with `readiness export` or `readiness template -o FILE.xlsx`",
            f"回答ワークブックではありません（シート {ABOUT!r} の A1 に {MARKER!r} がありません）。`readiness export` か `readiness template -o FILE.xlsx` で作成してください",
            lang,
        )
    reader = Reader(label, catalog, lang)
    for r, row in enumerate(wb[ABOUT].iter_rows(min_row=3, max_col=3), start=3):
        key = row[0].value if row else None
        if key is None:
            continue
        value = row[2].value if len(row) > 2 else None
        where = Where(ABOUT, f"C{r}")
        if len(row) > 2 and row[2].data_type == "f":
            reader.reject(
                where, "a formula; type the value itself", "数式です。値を直接入力してください"
            )
            continue
        reader.field(str(key).strip(), value, where)
    for name in wb.sheetnames:
        ws = wb[name]
        if name == ABOUT or ws["A1"].value not in SHEET_LABEL:
            continue  # a sheet someone added for their own notes
        checklist = reader.checklist(ws["B1"].value, Where(name, "B1"))
        if checklist is None:
            continue
        header_row = next(ws.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW), ())
        header = [c.value for c in header_row]
        names = [(en, ja) for _k, en, ja, _w, _o in COLUMNS]
        if len(header) < len(names) or any(
            h not in pair for h, pair in zip(header, names, strict=False)
        ):
            reader.reject(
                Where(name, f"A{HEADER_ROW}"),
                "the column headings were changed; keep the columns as exported",
                "列見出しが変更されています。出力したときの列のままにしてください",
            )
            continue
        for r, row in enumerate(
            ws.iter_rows(min_row=HEADER_ROW + 1, max_col=len(COLUMNS)), start=HEADER_ROW + 1
        ):
            cells = {}
            for i, (key, *_rest) in enumerate(COLUMNS):
                cell = row[i] if i < len(row) else None
                where = Where(name, f"{LETTER[key]}{r}")
                if cell is not None and cell.data_type == "f":
                    reader.reject(
                        where,
                        "a formula; type the value itself",
                        "数式です。値を直接入力してください",
                    )
                cells[key] = (cell.value if cell is not None else None, where)
            reader.item(checklist, cells)
    return reader.finish()
