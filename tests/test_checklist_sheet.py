"""Checklists as spreadsheets for guidance staff: lossless round trip, rejected cells named."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from readiness.cli import cli
from readiness.content.catalog import Catalog
from readiness.exchange import checklist_sheet
from readiness.formats.problems import InputError
from readiness.formats.resources import resource


def run(folder: Path, *args: str):
    return CliRunner().invoke(cli, ["--lang", "en", "--checklists", str(folder), *args])


def test_every_bundled_version_round_trips_exactly(catalog: Catalog) -> None:
    for entry in catalog.entries:
        checklist = catalog.load(entry)
        back = checklist_sheet.read(checklist_sheet.write(checklist), entry.ref)
        assert back == checklist.data, entry.ref


def test_sheet_has_both_languages_side_by_side(catalog: Catalog) -> None:
    wb = load_workbook(io.BytesIO(checklist_sheet.write(catalog.load_spec("jp-export"))))
    header = [c.value for c in wb["Items"][1]]
    assert header.index("question_en") == header.index("question_ja") + 1
    first = [c.value for c in wb["Items"][2]]
    assert first[header.index("id")] == "JPX-ORG-01"


def _edit(path: Path, sheet: str, cell: str, value: object) -> None:
    wb = load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def _column(path: Path, name: str) -> str:
    header = [c.value for c in load_workbook(path)["Items"][1]]
    return load_workbook(path)["Items"].cell(row=1, column=header.index(name) + 1).column_letter


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "checklists"
    shutil.copytree(resource("checklists"), target)
    return target


def test_edited_sheet_comes_back_as_a_draft(folder: Path, tmp_path: Path) -> None:
    book = tmp_path / "jp-cesi.xlsx"
    assert run(folder, "export-checklist", "jp-cesi", "-o", str(book)).exit_code == 0
    col = _column(book, "question_en")
    _edit(book, "Items", f"{col}2", "Has an agency asked you, in writing, to take part?")
    result = run(folder, "import-checklist", str(book))
    assert result.exit_code == 0, result.output
    draft = folder / "jp-cesi" / "1.3.0.yaml"  # 1.2.0 is released, so the next minor
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["status"] == "draft" and "released" not in data
    assert data["sections"][0]["items"][0]["question"]["en"].startswith("Has an agency asked")
    diffed = run(folder, "diff", "jp-cesi@1.2.0", "1.3.0", "--format", "json")
    changed = yaml.safe_load(diffed.stdout)["changed"]
    assert [(c["id"], list(c["fields"])) for c in changed] == [("CESI-PRO-01", ["question"])]


def test_rejected_cells_are_named_by_sheet_and_cell(folder: Path, tmp_path: Path) -> None:
    book = tmp_path / "jp-cesi.xlsx"
    run(folder, "export-checklist", "jp-cesi", "-o", str(book))
    weight, refs, ja = (_column(book, n) for n in ("weight", "references", "question_ja"))
    _edit(book, "Items", f"{weight}3", "heavy")
    _edit(book, "Items", f"{refs}5", "[{not json")
    result = run(folder, "import-checklist", str(book))
    assert result.exit_code == 3
    assert f"Items!{weight}3: 'heavy' is not a whole number" in result.output
    assert f"Items!{refs}5: not valid JSON" in result.output
    run(folder, "export-checklist", "jp-cesi", "-o", str(book), "--force")
    _edit(book, "Items", f"{ja}4", None)  # a missing translation
    _edit(book, "Items", f"{weight}6", 9)  # out of range
    result = run(folder, "import-checklist", str(book))
    assert result.exit_code == 3
    assert f"Items!{ja}4: must not be empty" in result.output
    assert f"Items!{weight}6:" in result.output
    assert not (folder / "jp-cesi" / "1.3.0.yaml").exists()


def test_not_a_workbook_is_refused() -> None:
    with pytest.raises(InputError, match="not an XLSX workbook"):
        checklist_sheet.read(b"hello", "x.xlsx")
