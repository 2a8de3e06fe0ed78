"""Checklists as spreadsheets, for guidance staff who do not edit YAML.

`write` puts one version into an XLSX workbook: sheet "Items" has one row per item with
Japanese and English side by side; sheet "Checklist" holds the header (title, summary,
sources, scoring, ...). Structured values (references, applicability, equivalents, scoring)
are JSON in their cells. `read` turns an edited workbook back into checklist data and names
every rejected cell by sheet and cell (`Items!K14`); export then import gives the same data.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from readiness.content.model import ITEM_FIELDS, Checklist
from readiness.formats.messages import t
from readiness.formats.problems import InputError, Problem
from readiness.formats.schema_wording import schema_message
from readiness.formats.schemas import schema

ITEMS, HEADER = "Items", "Checklist"
TEXT_FIELDS = ("title", "official_title", "question", "guidance", "remediation")
# (column name, item field, kind): kind says how a cell becomes data
COLUMNS: list[tuple[str, str, str]] = [
    ("section_id", "", "section"),
    ("section_title_ja", "", "section"),
    ("section_title_en", "", "section"),
    ("id", "id", "text"),
    ("replaces", "replaces", "json?"),
    *[(f"{f}_{lang}", f, f"lang:{lang}") for f in TEXT_FIELDS for lang in ("ja", "en")],
    ("effort", "effort", "text"),
    ("weight", "weight", "int"),
    ("blocking", "blocking", "bool"),
    ("allow_na", "allow_na", "bool"),
    ("points", "points", "int"),
    ("partial_points", "partial_points", "int"),
    ("poam", "poam", "text"),
    ("gate", "gate", "bool"),
    ("verification", "verification", "text"),
    ("references", "references", "json"),
    ("applicability", "applicability", "json"),
    ("same_as", "same_as", "json"),
]
ITEM_ORDER = ("id", "replaces", *ITEM_FIELDS)
HEADER_TEXT = ("title", "summary")
HEADER_KEYS = (
    "format",
    "id",
    "version",
    "status",
    "released",
    "regime",
    "title",
    "summary",
    "sources",
    "applicability",
    "scoring",
    "glossary",
    "changelog",
)


@dataclass(frozen=True)
class Cell:
    sheet: str
    ref: str  # "K14"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def write(checklist: Checklist) -> bytes:
    """The workbook bytes for one checklist version."""
    wb = Workbook()
    ws = wb.active
    ws.title = ITEMS
    ws.append([name for name, _, _ in COLUMNS])
    for section in checklist.data["sections"]:
        for item in section["items"]:
            row: list[Any] = []
            for name, field, kind in COLUMNS:
                if kind == "section":
                    value = section["id"] if name == "section_id" else section["title"][name[-2:]]
                elif kind.startswith("lang:"):
                    value = (item.get(field) or {}).get(kind[5:])
                elif kind in ("json", "json?"):
                    value = item.get(field)
                    value = None if value is None else _json(value)
                else:
                    value = item.get(field)
                row.append(value)
            ws.append(row)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for col, (_name, _, kind) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font, cell.fill = bold, fill
        wide = kind.startswith("lang:") or kind == "json"
        ws.column_dimensions[get_column_letter(col)].width = 48 if wide else 14
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "E2"

    hs = wb.create_sheet(HEADER)
    hs.append(["field", "ja", "en"])
    for key in HEADER_KEYS:
        if key not in checklist.data:
            continue
        value = checklist.data[key]
        if key in HEADER_TEXT:
            hs.append([key, value["ja"], value["en"]])
        elif isinstance(value, (dict, list)):
            hs.append([key, _json(value), None])
        else:
            hs.append([key, value, None])
    for cell in hs[1]:
        cell.font, cell.fill = bold, fill
    hs.column_dimensions["A"].width = 16
    hs.column_dimensions["B"].width = 80
    hs.column_dimensions["C"].width = 80
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class _Reader:
    def __init__(self, label: str, lang: str):
        self.label = label
        self.lang = lang
        self.problems: list[Problem] = []

    def reject(self, cell: Cell, en: str, ja: str) -> None:
        self.problems.append(
            Problem(
                file=self.label,
                message=f"{cell.sheet}!{cell.ref}: {t(self.lang, en, ja)}",
                code="cell",
            )
        )

    def value(self, raw: Any, kind: str, cell: Cell) -> Any:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        if kind in ("json", "json?"):
            if kind == "json?" and isinstance(raw, str) and not raw.lstrip().startswith(("[", '"')):
                return raw.strip()  # a bare id is fine for `replaces`
            try:
                return json.loads(raw) if isinstance(raw, str) else raw
            except ValueError as exc:
                self.reject(
                    cell, f"not valid JSON ({exc.msg})", f"JSON として読めません（{exc.msg}）"
                )
                return None
        if kind == "int":
            if isinstance(raw, bool) or not (
                isinstance(raw, int)
                or (isinstance(raw, float) and raw.is_integer())
                or (isinstance(raw, str) and raw.strip().isdigit())
            ):
                self.reject(cell, f"{raw!r} is not a whole number", f"{raw!r} は整数ではありません")
                return None
            return int(raw)
        if kind == "bool":
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("true", "yes", "1", "はい"):
                return True
            if text in ("false", "no", "0", "いいえ"):
                return False
            self.reject(
                cell, f"{raw!r} is not TRUE or FALSE", f"{raw!r} は TRUE/FALSE ではありません"
            )
            return None
        return raw


def read(data: bytes, label: str, lang: str = "en") -> dict[str, Any]:
    """Checklist data from a workbook made by `write` (edited or not); InputError per bad cell."""
    reader = _Reader(label, lang)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(
            [
                Problem(
                    file=label,
                    message=t(
                        lang,
                        f"not an XLSX workbook ({type(exc).__name__})",
                        f"XLSX ブックではありません（{type(exc).__name__}）",
                    ),
                    code="xlsx",
                )
            ]
        ) from None
    for name in (ITEMS, HEADER):
        if name not in wb.sheetnames:
            raise InputError(
                [
                    Problem(
                        file=label,
                        message=t(
                            lang, f"sheet {name!r} is missing", f"シート {name!r} がありません"
                        ),
                        code="xlsx",
                    )
                ]
            )
    out: dict[str, Any] = {}
    for r, row in enumerate(wb[HEADER].iter_rows(min_row=2, values_only=True), start=2):
        key = row[0] if row else None
        if key is None:
            continue
        if key not in HEADER_KEYS:
            reader.reject(Cell(HEADER, f"A{r}"), f"unknown field {key!r}", f"不明な項目 {key!r}")
            continue
        ja = row[1] if len(row) > 1 else None
        en = row[2] if len(row) > 2 else None
        if key in HEADER_TEXT:
            out[key] = {
                "ja": reader.value(ja, "text", Cell(HEADER, f"B{r}")) or "",
                "en": reader.value(en, "text", Cell(HEADER, f"C{r}")) or "",
            }
        elif key in ("format",):
            out[key] = reader.value(ja, "int", Cell(HEADER, f"B{r}"))
        elif key in ("id", "version", "status", "released", "regime"):
            out[key] = reader.value(ja, "text", Cell(HEADER, f"B{r}"))
        else:
            out[key] = reader.value(ja, "json", Cell(HEADER, f"B{r}"))
    rows = wb[ITEMS].iter_rows(values_only=True)
    names = list(next(rows, ()))
    expected = [name for name, _, _ in COLUMNS]
    if names[: len(expected)] != expected:
        raise InputError(
            [
                Problem(
                    file=label,
                    message=t(
                        lang,
                        f"{ITEMS}!1: the header row was changed; expected: {', '.join(expected)}",
                        f"{ITEMS}!1: 見出し行が変更されています。期待値：{', '.join(expected)}",
                    ),
                    code="xlsx",
                )
            ]
        )
    sections: list[dict[str, Any]] = []
    for r, row in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in row):
            continue
        cells = dict(zip(expected, row, strict=False))
        sid = cells["section_id"]
        if not sections or sections[-1]["id"] != sid:
            sections.append(
                {
                    "id": sid,
                    "title": {"ja": cells["section_title_ja"], "en": cells["section_title_en"]},
                    "items": [],
                }
            )
        item: dict[str, Any] = {}
        for col, (name, field, kind) in enumerate(COLUMNS, start=1):
            if kind == "section":
                continue
            cell = Cell(ITEMS, f"{get_column_letter(col)}{r}")
            if kind.startswith("lang:"):
                text = reader.value(cells[name], "text", cell)
                if text is not None or field != "official_title":
                    item.setdefault(field, {})[kind[5:]] = text or ""
                continue
            value = reader.value(cells[name], kind, cell)
            if value is not None:
                item[field] = value
        sections[-1]["items"].append({k: item[k] for k in ITEM_ORDER if k in item})
    out["sections"] = sections
    if reader.problems:
        raise InputError(reader.problems)
    return {k: out[k] for k in (*HEADER_KEYS, "sections") if k in out}


def schema_problems(data: dict[str, Any], label: str, lang: str = "en") -> list[Problem]:
    """Schema errors of imported data, each named by the sheet and cell it came from."""
    problems = []
    for err in schema("checklist").iter_errors(data):
        message, path, key = schema_message(err, lang)
        cell = cell_of(data, [*path, key] if key else path)
        where = f"{cell.sheet}!{cell.ref}: " if cell else ""
        problems.append(
            Problem(file=label, message=f"{where}{message}", code=f"schema.{err.validator}")
        )
    return sorted(problems, key=lambda p: p.message)


def cell_of(data: dict[str, Any], path: list[Any]) -> Cell | None:
    """The cell a JSON path of imported checklist data came from, for positioned messages."""
    if len(path) >= 4 and path[0] == "sections" and path[2] == "items":
        row = 2 + sum(len(s["items"]) for s in data["sections"][: path[1]]) + path[3]
        field = path[4] if len(path) > 4 else "id"
        lang = path[5] if len(path) > 5 and path[5] in ("ja", "en") else None
        for col, (_name, f, kind) in enumerate(COLUMNS, start=1):
            if f == field and (lang is None or kind == f"lang:{lang}"):
                return Cell(ITEMS, f"{get_column_letter(col)}{row}")
        return Cell(ITEMS, f"D{row}")
    if path and path[0] in HEADER_KEYS:
        keys = [k for k in HEADER_KEYS if k in data]
        row = 2 + keys.index(path[0])
        column = "C" if len(path) > 1 and path[1] == "en" else "B"
        return Cell(HEADER, f"{column}{row}")
    return None
