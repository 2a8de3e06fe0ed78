"""Guidance staff's workflow from the CLI: new version, diff, release, migrate — no answer lost."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from readiness.cli import cli
from readiness.formats.resources import resource
from tests.conftest import EXAMPLE

REWORDED, RENAMED, REMOVED, REWEIGHED = "CESI-PRO-03", "CESI-PRO-02", "CESI-PRO-01", "CESI-RUL-02"
NEW_NAME, ADDED = "CESI-SCP-02", "CESI-NEW-01"


def run(folder: Path, *args: str) -> Any:
    return CliRunner().invoke(cli, ["--lang", "en", "--checklists", str(folder), *args])


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """A maintainer's working copy of the bundled checklists."""
    target = tmp_path / "checklists"
    shutil.copytree(resource("checklists"), target)
    return target


def _items(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for s in data["sections"] for i in s["items"]}


def edit_draft(path: Path) -> None:
    """Reword one item, rename one, remove one, add one, change one weight; log it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = _items(data)
    items[REWORDED]["question"] = {
        "en": "Have you written down who in the company owns the proposal process?",
        "ja": "事前提案の対応責任者を社内で文書化していますか。",
    }
    items[RENAMED]["id"] = NEW_NAME
    items[RENAMED]["replaces"] = RENAMED
    items[REWEIGHED]["weight"] = 1 if items[REWEIGHED]["weight"] != 1 else 2
    section = next(s for s in data["sections"] if any(i["id"] == REMOVED for i in s["items"]))
    section["items"] = [i for i in section["items"] if i["id"] != REMOVED]
    added = json.loads(json.dumps(items[REWORDED]))
    added["id"] = ADDED
    added["title"] = {"en": "A new obligation", "ja": "新しい義務"}
    section["items"].append(added)
    data["changelog"].insert(
        0,
        {
            "version": "1.3.0",
            "date": "2026-12-07",
            "changes": {"en": "Test edits.", "ja": "テスト用の変更。"},
        },
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_new_version_diff_release_migrate(folder: Path, tmp_path: Path) -> None:
    made = run(folder, "new-version", "jp-cesi")
    assert made.exit_code == 0, made.output
    draft = folder / "jp-cesi" / "1.3.0.yaml"
    text = draft.read_text(encoding="utf-8")
    assert 'version: "1.3.0"' in text and "status: draft" in text and "released:" not in text

    refused = run(folder, "release", "jp-cesi@1.3.0", "--date", "2026-12-07")
    assert refused.exit_code == 3 and "no changelog entry for 1.3.0" in refused.output

    edit_draft(draft)
    assert run(folder, "validate", str(draft)).exit_code == 0

    diffed = run(folder, "diff", "jp-cesi@1.2.0", "jp-cesi@1.3.0", "--format", "json")
    assert diffed.exit_code == 0, diffed.output
    d = json.loads(diffed.stdout)
    assert d["added"] == [ADDED]
    assert d["removed"] == [REMOVED]
    assert d["renamed"] == [{"from": RENAMED, "to": NEW_NAME}]
    assert {c["id"]: sorted(c["fields"]) for c in d["changed"]} == {
        REWORDED: ["question"],
        REWEIGHED: ["weight"],
    }
    markdown = run(folder, "diff", "jp-cesi@1.2.0", "1.3.0", "--format", "markdown").stdout
    assert f"`{RENAMED}` → `{NEW_NAME}`" in markdown and "### Removed (1)" in markdown
    assert "### Changed (2)" in markdown  # two items, however many lines their changes take
    # the files being edited can be named as they are; the same diff
    by_path = run(
        folder, "diff", str(folder / "jp-cesi" / "1.2.0.yaml"), str(draft), "--format", "json"
    )
    assert by_path.exit_code == 0 and json.loads(by_path.stdout) == d
    other = run(folder, "diff", "jp-cesi@1.2.0", str(folder / "jp-export" / "1.1.0.yaml"))
    assert other.exit_code == 3
    assert "jp-cesi@1.2.0 and jp-export@1.1.0 are different checklists" in other.output
    assert "jp-cesi has 1.0.0, 1.1.0, 1.2.0, 1.3.0" in other.output
    missing = run(folder, "diff", "jp-cesi@1.2.0", str(tmp_path / "nothere.yaml"))
    assert missing.exit_code == 3 and "file not found" in missing.output  # not a "version"

    released = run(folder, "release", "jp-cesi@1.3.0", "--date", "2026-12-07")
    assert released.exit_code == 0, released.output
    text = draft.read_text(encoding="utf-8")
    assert "status: released" in text and 'released: "2026-12-07"' in text
    lock = (folder / "releases.lock").read_text(encoding="utf-8")
    assert "jp-cesi@1.3.0 " in lock
    assert run(folder, "validate", str(folder)).exit_code == 0

    out = tmp_path / "migrated.yaml"
    moved = run(folder, "migrate", str(EXAMPLE), "--to", "jp-cesi@1.3.0", "-o", str(out))
    assert moved.exit_code == 0, moved.output
    assert f"{RENAMED}: answer moved" not in moved.stdout  # renamed items are named by new id
    assert f"{NEW_NAME}: answer moved from {RENAMED}" in moved.stdout
    assert f"{REMOVED}: item removed; answer moved to archived" in moved.stdout

    before = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["checklists"]["jp-cesi"]
    after = yaml.safe_load(out.read_text(encoding="utf-8"))["checklists"]["jp-cesi"]
    assert after["version"] == "1.3.0" and after["migrated_from"] == "1.0.0"
    assert after["answers"][NEW_NAME] == before["answers"][RENAMED]
    assert after["archived"][REMOVED] == {"version": "1.2.0", "answer": before["answers"][REMOVED]}
    assert "Proposal memo filed" in out.read_text(encoding="utf-8")  # the removed item's note
    assert after["answers"][ADDED] is None
    assert REWEIGHED in after["review"]
    for item_id, value in before["answers"].items():  # none lost
        if value is not None and item_id not in (RENAMED, REMOVED):
            assert after["answers"][item_id] == value, item_id

    assert run(folder, "validate", str(out)).exit_code == 0
    scored = run(folder, "score", str(out))
    assert scored.exit_code == 0 and REWEIGHED in scored.stdout  # listed for review

    again = run(folder, "migrate", str(out), "--to", "jp-cesi@1.3.0", "--in-place")
    assert again.exit_code == 0 and "nothing to do" in again.stdout
    assert not list(tmp_path.glob("migrated.yaml*.bak"))  # unchanged: not rewritten

    draft.write_text(text.replace("A new obligation", "An edited obligation"), encoding="utf-8")
    caught = run(folder, "validate", str(draft))
    assert caught.exit_code == 1 and "released versions never change" in caught.output


def test_release_refuses_missing_translation_and_bad_replaces(folder: Path) -> None:
    assert run(folder, "new-version", "jp-cesi", "--version", "2.0.0").exit_code == 0
    draft = folder / "jp-cesi" / "2.0.0.yaml"
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    first = data["sections"][0]["items"][0]
    first["question"]["ja"] = "Have you been asked?"  # not translated
    first["replaces"] = "CESI-NOPE-99"
    draft.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    refused = run(folder, "release", "jp-cesi@2.0.0")
    assert refused.exit_code == 3
    assert "no item 'CESI-NOPE-99'" in refused.output
    assert "no Japanese characters" in refused.output
    assert "no changelog entry for 2.0.0" in refused.output
    assert "status: draft" in draft.read_text(encoding="utf-8")  # nothing changed


def test_new_version_refuses_older_or_existing_versions(folder: Path) -> None:
    older = run(folder, "new-version", "jp-cesi", "--version", "1.0.5")
    assert older.exit_code == 3 and "not newer" in older.output
    assert run(folder, "new-version", "jp-cesi").exit_code == 0
    again = run(folder, "new-version", "jp-cesi", "--version", "1.3.0")
    assert again.exit_code == 3 and "not newer than the latest version 1.3.0" in again.output
