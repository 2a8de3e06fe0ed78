"""An answers file as one CSV table, for advisors' own tools (and Excel, via UTF-8 with BOM).

One row per item: `checklist` (`id@version@sha256`), `id`, the requirement and question in the
chosen language, then `answer` (the status), note, evidence (one a line), owner and due. Rows
with an empty `checklist` carry the file's header: `id` is the field (`organisation.name`,
`profile.handles_cui`, ...) and `answer` its value. A cell that a spreadsheet would run as a
formula (starting with = + - @, tab or CR) is written with a leading `'`, removed on reading.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from readiness.content.catalog import Catalog
from readiness.content.model import Checklist
from readiness.exchange.answers_reader import Reader, Where
from readiness.exchange.answers_table import fields, item_rows, ref
from readiness.exchange.csv_table import unescape, write_table
from readiness.formats.inputs import decode
from readiness.formats.messages import t
from readiness.formats.problems import InputError, Problem

COLUMNS = (
    "checklist",
    "id",
    "requirement",
    "question",
    "answer",
    "note",
    "evidence",
    "owner",
    "due",
    "met_when",
    "section",
)


def write(data: dict[str, Any], catalog: Catalog, lang: str) -> bytes:
    rows: list[list[Any]] = []
    for f in fields(data, catalog, lang):
        rows.append(["", f.key, f.label, f.help, f.value, "", "", "", "", "", ""])
    for checklist, items in item_rows(data, catalog, lang):
        for r in items:
            rows.append(
                [
                    ref(checklist),
                    r.id,
                    r.requirement,
                    r.question,
                    r.status,
                    r.note,
                    r.evidence,
                    r.owner,
                    r.due,
                    r.met_when,
                    r.section,
                ]
            )
    return write_table(list(COLUMNS), rows)


def read(raw: bytes, label: str, catalog: Catalog, lang: str = "en") -> dict[str, Any]:
    """The answers document in a CSV made by `write`; InputError naming every bad cell."""
    text = decode(raw, label, lang)
    rows = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(rows, [])]
    if header[: len(COLUMNS)] != list(COLUMNS):
        raise InputError(
            [
                Problem.at_start(
                    label,
                    t(
                        lang,
                        f"not an answers CSV: the first row must be {','.join(COLUMNS)}",
                        f"回答の CSV ではありません。1行目は {','.join(COLUMNS)} である必要があります",
                    ),
                    code="csv",
                )
            ]
        )
    reader = Reader(label, catalog, lang)
    checklists: dict[str, Checklist | None] = {}
    line = rows.line_num + 1
    for row in rows:
        start, line = line, rows.line_num + 1
        if not any(v.strip() for v in row):
            continue
        row = [unescape(v) for v in row] + [""] * (len(COLUMNS) - len(row))
        cells = {name: (row[i], Where(line=start, column=i + 1)) for i, name in enumerate(COLUMNS)}
        spec = row[0].strip()
        if not spec:
            reader.field(row[1].strip(), row[4], cells["answer"][1])
            continue
        if spec not in checklists:
            checklists[spec] = reader.checklist(spec, cells["checklist"][1])
        checklist = checklists[spec]
        if checklist is not None:
            cells["status"] = cells.pop("answer")
            reader.item(checklist, cells)
    return reader.finish()
