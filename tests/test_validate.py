"""Validation reports every problem with the right file, line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from readiness.assess.validate import validate_file, validate_paths
from readiness.content.catalog import Catalog
from readiness.formats.resources import resource

VALID_ANSWERS = """\
format: 1
organisation:
  name: Test Co.
assessment_date: "2026-11-16"
profile:
  handles_cui: true
checklists:
  cmmc-l2:
    version: "1.1.0"
    answers:
      AC.L2-3.1.1: met
      IA.L2-3.5.3: {status: partial, note: MFA for admins only}
"""


def problems_of(tmp_path: Path, catalog: Catalog, text: str, name: str = "answers.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return validate_file(path, catalog)[1]


def where(problems) -> list[tuple[int, int]]:
    return [(p.line, p.column) for p in problems]


def test_bundled_checklists_are_valid(catalog: Catalog) -> None:
    files, problems = validate_paths([resource("checklists")], catalog)
    assert len(files) >= 4
    assert [p.format() for p in problems if p.level == "error"] == []


def test_valid_answers_pass(tmp_path: Path, catalog: Catalog) -> None:
    assert problems_of(tmp_path, catalog, VALID_ANSWERS) == []


def test_older_version_gets_a_newer_release_warning(tmp_path: Path, catalog: Catalog) -> None:
    text = VALID_ANSWERS.replace('version: "1.1.0"', 'version: "1.0.0"')
    (p,) = problems_of(tmp_path, catalog, text)
    assert (p.level, p.code, p.line) == ("warning", "newer-release", 9)
    assert "cmmc-l2@1.1.0" in p.message and "readiness migrate" in p.message


def test_yaml_syntax_error_position(tmp_path: Path, catalog: Catalog) -> None:
    text = VALID_ANSWERS.replace("AC.L2-3.1.1: met", "AC.L2-3.1.1: met: again")
    (p,) = problems_of(tmp_path, catalog, text)
    assert (p.line, p.code) == (11, "syntax")
    assert "quoted" in p.message


def test_tab_indentation_is_explained(tmp_path: Path, catalog: Catalog) -> None:
    text = VALID_ANSWERS.replace("  name: Test Co.", "\tname: Test Co.")
    (p,) = problems_of(tmp_path, catalog, text)
    assert p.line == 3 and "tab" in p.message


def test_duplicate_key_names_both_lines(tmp_path: Path, catalog: Catalog) -> None:
    text = VALID_ANSWERS + "      AC.L2-3.1.1: not_met\n"
    (p,) = problems_of(tmp_path, catalog, text)
    assert (p.line, p.column) == (13, 7)
    assert "duplicate key" in p.message and "line 11" in p.message


def test_bad_status_points_at_value(tmp_path: Path, catalog: Catalog) -> None:
    text = VALID_ANSWERS.replace("AC.L2-3.1.1: met", "AC.L2-3.1.1: done")
    (p,) = problems_of(tmp_path, catalog, text)
    assert (p.line, p.column) == (11, 20)
    assert '"done" is not allowed' in p.message and "not_met" in p.message
    assert p.path == '$.checklists["cmmc-l2"].answers["AC.L2-3.1.1"]'


def test_yes_is_explained_as_boolean(tmp_path: Path, catalog: Catalog) -> None:
    text = VALID_ANSWERS.replace("AC.L2-3.1.1: met", "AC.L2-3.1.1: yes")
    (p,) = problems_of(tmp_path, catalog, text)
    assert "yes/no" in p.message and p.line == 11


def test_unknown_item_suggests_close_match(tmp_path: Path, catalog: Catalog) -> None:
    text = VALID_ANSWERS.replace("AC.L2-3.1.1: met", "AC.L2-3.1.01: met")
    (p,) = problems_of(tmp_path, catalog, text)
    assert (p.line, p.column) == (11, 7)
    assert "has no item 'AC.L2-3.1.01'" in p.message and "AC.L2-3.1.1" in p.message


def test_unknown_version_lists_available(tmp_path: Path, catalog: Catalog) -> None:
    text = VALID_ANSWERS.replace('version: "1.1.0"', 'version: "9.9.9"')
    (p,) = problems_of(tmp_path, catalog, text)
    assert p.line == 9 and "available: 1.0.0, 1.1.0" in p.message


def test_unknown_checklist(tmp_path: Path, catalog: Catalog) -> None:
    text = VALID_ANSWERS.replace("  cmmc-l2:", "  cmmc-l9:")
    (p,) = problems_of(tmp_path, catalog, text)
    assert p.line == 8 and "unknown checklist 'cmmc-l9'" in p.message


def test_missing_required_field_and_bad_date_are_all_reported(
    tmp_path: Path, catalog: Catalog
) -> None:
    text = VALID_ANSWERS.replace('assessment_date: "2026-11-16"', 'assessment_date: "16/11/2026"')
    text = text.replace("  name: Test Co.\n", "  nam: Test Co.\n")
    problems = problems_of(tmp_path, catalog, text)
    messages = " | ".join(p.message for p in problems)
    assert "not a date" in messages and "missing required field 'name'" in messages
    assert "unknown field 'nam'" in messages
    assert problems == sorted(problems)


def test_not_applicable_refused_where_not_allowed(tmp_path: Path, catalog: Catalog) -> None:
    text = VALID_ANSWERS.replace("AC.L2-3.1.1: met", "CA.L2-3.12.4: not_applicable")
    (p,) = problems_of(tmp_path, catalog, text)
    assert p.code == "na-not-allowed" and p.line == 11


def test_aliases_are_refused(tmp_path: Path, catalog: Catalog) -> None:
    text = VALID_ANSWERS.replace("AC.L2-3.1.1: met", "AC.L2-3.1.1: &a met\n      AC.L2-3.1.2: *a")
    (p,) = problems_of(tmp_path, catalog, text)
    assert p.code == "alias" and p.line == 11


def test_wrong_profile_type(tmp_path: Path, catalog: Catalog) -> None:
    text = VALID_ANSWERS.replace("handles_cui: true", 'handles_cui: "yes"')
    (p,) = [p for p in problems_of(tmp_path, catalog, text) if p.level == "error"]
    assert p.line == 6 and "true or false" in p.message


@pytest.fixture
def checklist_copy(tmp_path: Path) -> Path:
    root = tmp_path / "checklists"
    (root / "cmmc-l2").mkdir(parents=True)
    shutil.copy(resource("checklists", "profile.yaml"), root / "profile.yaml")
    target = root / "cmmc-l2" / "1.1.0.yaml"
    text = resource("checklists", "cmmc-l2", "1.0.0.yaml").read_text(encoding="utf-8")
    target.write_text(text.replace("version: 1.0.0", "version: 1.1.0", 1), encoding="utf-8")
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    seen = 0
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == nth:
                return n
    raise AssertionError(needle)


def test_checklist_duplicate_item_id(checklist_copy: Path, catalog: Catalog) -> None:
    edit(checklist_copy, "- id: AC.L2-3.1.2", "- id: AC.L2-3.1.1")
    (p,) = [p for p in validate_file(checklist_copy, catalog)[1] if p.level == "error"]
    assert p.code == "duplicate-id"
    assert p.line == line_of(checklist_copy, "- id: AC.L2-3.1.1", 2)


def test_checklist_points_not_allowed_by_method(checklist_copy: Path, catalog: Catalog) -> None:
    edit(checklist_copy, "points: 5", "points: 4")
    (p,) = [p for p in validate_file(checklist_copy, catalog)[1] if p.level == "error"]
    assert p.code == "points" and "4 points is not allowed" in p.message
    assert p.line == line_of(checklist_copy, "points: 4")


def test_checklist_missing_translation(checklist_copy: Path, catalog: Catalog) -> None:
    text = checklist_copy.read_text(encoding="utf-8")
    start = text.index("  - id: AC.L2-3.1.1\n    title:\n      ja: ")
    line_start = text.index("      ja: ", start)
    line_end = text.index("\n", line_start)
    checklist_copy.write_text(text[:line_start] + text[line_end + 1 :], encoding="utf-8")
    problems = [p for p in validate_file(checklist_copy, catalog)[1] if p.level == "error"]
    assert [p.message for p in problems] == ["missing required field 'ja'"]
    assert problems[0].path == "$.sections[0].items[0].title"


def test_checklist_version_must_match_file_name(checklist_copy: Path, catalog: Catalog) -> None:
    edit(checklist_copy, "version: 1.1.0", "version: 1.2.0")
    (p,) = [p for p in validate_file(checklist_copy, catalog)[1] if p.level == "error"]
    assert p.line == line_of(checklist_copy, "version: 1.2.0") and "file name" in p.message


def test_released_file_that_changed_is_caught(tmp_path: Path, catalog: Catalog) -> None:
    root = tmp_path / "checklists"
    shutil.copytree(resource("checklists"), root)
    edit(root / "cmmc-l1" / "1.0.0.yaml", "weight: 5", "weight: 4")
    (p,) = [
        p
        for p in validate_file(root / "cmmc-l1" / "1.0.0.yaml", Catalog([root], use_cache=False))[1]
        if p.level == "error"
    ]
    assert p.code == "release-changed" and "new version" in p.message


def test_binary_and_empty_files(tmp_path: Path, catalog: Catalog) -> None:
    (tmp_path / "bin.yaml").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    (tmp_path / "sjis.yaml").write_bytes("名前: テスト\n".encode("shift_jis"))
    _files, problems = validate_paths([tmp_path], catalog)
    by_file = {Path(p.file).name: p.message for p in problems}
    assert "binary" in by_file["bin.yaml"]
    assert "file is empty" in by_file["empty.yaml"]
    assert "UTF-8" in by_file["sjis.yaml"]


def test_every_problem_in_one_pass(tmp_path: Path, catalog: Catalog) -> None:
    """A schema error (a misspelt status) no longer hides a meaning error (an unknown item)."""
    text = VALID_ANSWERS.replace("AC.L2-3.1.1: met", "AC.L2-3.1.1: mett\n      AC.L2-9.9.9: met")
    problems = problems_of(tmp_path, catalog, text)
    assert [p.code for p in problems] == ["schema.anyOf", "unknown-item"]
    assert "did you mean 'met'" in problems[0].message
    assert [p.line for p in problems] == [11, 12]


def test_a_checklist_in_the_current_folder_names_that_folder(tmp_path, monkeypatch) -> None:
    """`validate c.yaml` run beside the file: the message names the real folder, not ''."""
    from click.testing import CliRunner

    from readiness.cli import cli

    here = tmp_path / "drafts"
    here.mkdir()
    (here / "c.yaml").write_bytes(resource("checklists", "jp-cesi", "1.2.0.yaml").read_bytes())
    monkeypatch.chdir(here)
    result = CliRunner().invoke(cli, ["--lang", "en", "validate", "c.yaml"])
    assert "does not match the folder 'drafts'" in result.output
