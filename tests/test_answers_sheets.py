"""Answers as spreadsheets: export → import gives the same answers and scores, protected
workbooks, every rejected cell named, sheets for another checklist text refused."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from readiness import api
from readiness.assess.answers import Answers
from readiness.cli import cli
from readiness.content.catalog import Catalog
from readiness.exchange import answers_csv, answers_sheet
from readiness.formats.problems import ExitCode, InputError
from tests.conftest import EXAMPLE, answers_doc

MODULES = {"xlsx": answers_sheet, "csv": answers_csv}


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["--lang", "en", *args])


def _answers(a: Answers) -> dict[tuple[str, str], tuple]:
    """Every answer as plain values: status, note, evidence, owner, due."""
    out = {}
    for c in a.checklists():
        for item_id, x in c.answers.items():
            if x.status is not None:
                out[(c.checklist_id, item_id)] = (x.status, x.note, x.evidence, x.owner, x.due)
    return out


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_example_round_trips_exactly(catalog: Catalog, fmt: str, lang: str) -> None:
    original, _ = api.load_answers(EXAMPLE, catalog)
    raw = api.export_answers(original, catalog, lang, fmt)
    back = Answers(api.import_answers(raw, f"x.{fmt}", catalog, lang, fmt), str(EXAMPLE))
    assert _answers(back) == _answers(original)
    notes = [v[1] for v in _answers(original).values() if v[1]]
    assert len(notes) > 20  # the example has real notes to lose
    assert api.assess(back, catalog).to_json() == api.assess(original, catalog).to_json()
    for key in ("organisation", "assessment_date", "assessor", "profile"):
        assert back.data[key] == original.data[key], key
    for cid, entry in original.data["checklists"].items():
        kept = {k: v for k, v in entry.items() if k != "answers"}
        assert {k: v for k, v in back.data["checklists"][cid].items() if k != "answers"} == kept


def test_workbook_is_protected_with_only_answer_cells_open(catalog: Catalog) -> None:
    original, _ = api.load_answers(EXAMPLE, catalog)
    wb = load_workbook(io.BytesIO(api.export_answers(original, catalog, "ja")))
    ws = wb["cmmc-l2"]
    assert ws.protection.sheet and wb["About"].protection.sheet
    assert ws["B1"].value.startswith("cmmc-l2@1.1.0@") and len(ws["B1"].value.split("@")[2]) == 64
    assert ws["B1"].protection.locked and ws["A5"].protection.locked  # ref and ids
    assert ws["A5"].value == "AC.L2-3.1.1" and ws["C5"].value.endswith("か。")  # the question, ja
    for col in "DEFGH":  # status, note, evidence, owner, due
        assert not ws[f"{col}5"].protection.locked, col
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists and lists[0].formula1 == '"met,partial,not_met,not_applicable"'
    assert "D5" in lists[0].sqref
    assert [c.value for c in ws[4]][3:8] == [
        "状況",
        "メモ",
        "証跡（1行に1つ）",
        "担当",
        "期限（YYYY-MM-DD）",
    ]


def _book(catalog: Catalog, checklists: dict[str, Any], **kw: Any) -> bytes:
    return answers_sheet.write(answers_doc(checklists, **kw), catalog, "en")


def _edit(raw: bytes, edits: dict[tuple[str, str], Any]) -> bytes:
    wb = load_workbook(io.BytesIO(raw))
    for (sheet, cell), value in edits.items():
        wb[sheet][cell] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_every_rejected_cell_is_named(catalog: Catalog) -> None:
    raw = _book(catalog, {"cmmc-l1": {}})
    profile_row = next(
        r
        for r in range(3, 60)
        if load_workbook(io.BytesIO(raw))["About"][f"A{r}"].value == "profile.handles_cui"
    )
    bad = _edit(
        raw,
        {
            ("cmmc-l1", "D5"): "done",
            ("cmmc-l1", "H6"): "next week",
            ("cmmc-l1", "E7"): "a note without a status",
            ("cmmc-l1", "A8"): "AC.L1-b.9.ix",
            ("About", f"C{profile_row}"): "perhaps",
            ("About", "C7"): "2026-02-30",  # the assessment date
        },
    )
    with pytest.raises(InputError) as err:
        answers_sheet.read(bad, "b.xlsx", catalog)
    text = str(err.value)
    for cell in (
        "cmmc-l1!D5",
        "cmmc-l1!H6",
        "cmmc-l1!D7",
        "cmmc-l1!A8",
        f"About!C{profile_row}",
        "About!C7",
    ):
        assert f"b.xlsx: error: {cell}: " in text, cell
    assert "'done' is not a status" in text and "'perhaps' is not TRUE or FALSE" in text


def test_statuses_in_words_and_dates_typed_as_dates_are_read(catalog: Catalog) -> None:
    import datetime as dt

    raw = _edit(
        _book(catalog, {"cmmc-l1": {}}),
        {
            ("cmmc-l1", "D5"): "Not met",
            ("cmmc-l1", "D6"): "実施済み",
            ("cmmc-l1", "D7"): "partial",
            ("cmmc-l1", "H7"): dt.datetime(2027, 1, 31),
            ("cmmc-l1", "G7"): 1234,
            ("cmmc-l1", "D8"): "met",
            ("cmmc-l1", "H8"): "2027/2/3",  # Excel in Japan writes dates this way
        },
    )
    data = answers_sheet.read(raw, "b.xlsx", catalog)
    answers = data["checklists"]["cmmc-l1"]["answers"]
    assert answers["AC.L1-b.1.i"] == "not_met" and answers["AC.L1-b.1.ii"] == "met"
    assert answers["AC.L1-b.1.iii"] == {"status": "partial", "owner": "1234", "due": "2027-01-31"}
    assert answers["AC.L1-b.1.iv"] == {"status": "met", "due": "2027-02-03"}


def test_sheets_added_for_notes_are_ignored(catalog: Catalog) -> None:
    raw = _book(catalog, {"cmmc-l1": {"AC.L1-b.1.i": "met"}})
    wb = load_workbook(io.BytesIO(raw))
    wb.create_sheet("Notes")["A1"] = "call the CTO on Monday"
    out = io.BytesIO()
    wb.save(out)
    data = answers_sheet.read(out.getvalue(), "b.xlsx", catalog)
    assert data["checklists"]["cmmc-l1"]["answers"]["AC.L1-b.1.i"] == "met"


def test_a_sheet_for_another_checklist_text_is_refused(catalog: Catalog) -> None:
    raw = _book(catalog, {"cmmc-l1": {}, "jp-export": {}})
    wb = load_workbook(io.BytesIO(raw))
    ref = wb["cmmc-l1"]["B1"].value
    bad = _edit(
        raw,
        {
            ("cmmc-l1", "B1"): ref.replace("@1.0.0@", "@1.1.0@"),  # its sha256 is 1.0.0's
            ("jp-export", "B1"): wb["jp-export"]["B1"].value.replace("@1.0.0@", "@7.0.0@"),
        },
    )
    with pytest.raises(InputError) as err:
        answers_sheet.read(bad, "b.xlsx", catalog)
    text = str(err.value)
    assert "cmmc-l1!B1: says cmmc-l1@1.1.0, but its sha256 is that of cmmc-l1@1.0.0" in text
    assert "jp-export!B1: this sheet was made for jp-export@7.0.0" in text
    assert "readiness migrate" in text
    other = _edit(raw, {("cmmc-l1", "B1"): ref[:-6] + "000000"})
    with pytest.raises(
        InputError, match=r"made for another text of cmmc-l1@1\.0\.0.*readiness migrate"
    ):
        answers_sheet.read(other, "b.xlsx", catalog)


def test_text_that_looks_like_a_formula_stays_text(catalog: Catalog) -> None:
    risky = ['=HYPERLINK("http://x")', "+81 3", "-- draft", "@admin", "'quoted"]
    ids = ["AC.L1-b.1.i", "AC.L1-b.1.ii", "AC.L1-b.1.iii", "AC.L1-b.1.iv", "IA.L1-b.1.v"]
    answers = {
        item: {"status": "partial", "note": text, "owner": text}
        for item, text in zip(ids, risky, strict=True)
    }
    doc = answers_doc({"cmmc-l1": answers})
    for fmt, module in MODULES.items():
        raw = module.write(doc, catalog, "en")
        if fmt == "xlsx":
            assert load_workbook(io.BytesIO(raw))["cmmc-l1"]["E5"].data_type == "s"
        else:
            assert b'"\'=HYPERLINK(""http://x"")"' in raw  # a spreadsheet shows it as text
        back = module.read(raw, f"x.{fmt}", catalog)["checklists"]["cmmc-l1"]["answers"]
        assert {k: v for k, v in back.items() if v is not None} == answers  # blanks listed too


def test_csv_cells_are_named_by_line_and_column(catalog: Catalog) -> None:
    import csv

    text = answers_csv.write(answers_doc({"cmmc-l1": {}}), catalog, "en").decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, starts, line = [], [], 1
    for row in reader:
        rows.append(row)
        starts.append(line)
        line = reader.line_num + 1
    target = next(i for i, row in enumerate(rows) if row[0].startswith("cmmc-l1@"))
    rows[target + 2][4] = "yes"  # the third item's answer
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    with pytest.raises(InputError) as err:
        answers_csv.read(out.getvalue().encode(), "a.csv", catalog)
    assert f"a.csv:{starts[target + 2]}:5: error: 'yes' is not a status" in str(err.value)


def test_blank_template_workbook_fills_in_and_scores(tmp_path: Path, catalog: Catalog) -> None:
    book = tmp_path / "t.xlsx"
    result = run("template", "cmmc-l1", "jp-export@1.0.0", "-o", str(book), "--date", "2026-12-01")
    assert result.exit_code == 0, result.output
    wb = load_workbook(book)
    assert wb.sheetnames == ["About", "cmmc-l1", "jp-export"]
    assert wb["jp-export"]["B1"].value.startswith("jp-export@1.0.0@")
    empty = run("import", str(book), "-o", str(tmp_path / "a.yaml"))
    assert empty.exit_code == ExitCode.INPUT
    assert "About!C3: organisation.name is required" in empty.output
    wb["About"]["C3"] = "Filled K.K."
    for r in range(5, 5 + 15):
        wb["cmmc-l1"][f"D{r}"] = "met"
    wb.save(book)
    result = run("import", str(book), "-o", str(tmp_path / "a.yaml"))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))
    assert data["organisation"] == {"name": "Filled K.K."}
    assert data["assessment_date"] == "2026-12-01"
    score = run("score", str(tmp_path / "a.yaml"), "--format", "json")
    assert score.exit_code == 0, score.output
    verdicts = {c["id"]: c["verdict"] for c in yaml.safe_load(score.stdout)["checklists"]}
    assert verdicts["cmmc-l1"] == "final"


def test_cli_export_import_round_trip_and_conventions(tmp_path: Path) -> None:
    sheet, back = tmp_path / "a.xlsx", tmp_path / "back.yaml"
    assert run("export", str(EXAMPLE), "-o", str(sheet)).exit_code == 0
    again = run("export", str(EXAMPLE), "-o", str(sheet))
    assert again.exit_code == ExitCode.OUTPUT and "--force" in again.output
    mismatch = run("export", str(EXAMPLE), "-o", str(tmp_path / "a.csv"), "--format", "xlsx")
    assert mismatch.exit_code == ExitCode.USAGE
    assert run("import", str(sheet), "-o", str(back)).exit_code == 0
    a = run("score", str(EXAMPLE), "--format", "json").stdout
    b = run("score", str(back), "--format", "json").stdout
    assert a == b
    checklist_book = tmp_path / "c.xlsx"
    assert run("export-checklist", "cmmc-l1", "-o", str(checklist_book)).exit_code == 0
    wrong = run("import", str(checklist_book), "-o", str(tmp_path / "x.yaml"))
    assert wrong.exit_code == ExitCode.INPUT and "readiness import-checklist" in wrong.output
