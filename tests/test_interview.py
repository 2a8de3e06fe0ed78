"""`readiness interview` driven through a pipe: both languages, quit and resume, derived items."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from readiness.assess.interview import parse_status
from readiness.assess.validate import validate_file
from readiness.content.catalog import Catalog


def _run(path: Path, lines: list[str], *args: str, lang: str = "en") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "readiness", "interview", str(path), "--lang", lang, *args],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "Traceback" not in done.stderr
    return done.stdout


def _score(path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "readiness", "score", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def _answers(path: Path, cid: str) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["checklists"][cid]["answers"]


def test_status_words_in_either_language() -> None:
    assert parse_status("met") == ("met", "")
    assert parse_status("P: half done") == ("partial", "half done")
    assert parse_status("一部：途中です") == ("partial", "途中です")  # a full-width colon
    assert parse_status("いいえ") == ("not_met", "")
    assert parse_status("該当なし") == ("not_applicable", "")
    assert parse_status("na") == ("not_applicable", "")
    assert parse_status("maybe") is None


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_quit_and_resume_until_done(tmp_path: Path, catalog: Catalog, lang: str) -> None:
    path = tmp_path / "answers.yaml"
    yes, met, part, no, quit_, skip = (
        ("y", "m", "p: half done", "n", "q", "s")
        if lang == "en"
        else ("はい", "はい", "一部：途中", "いいえ", "終了", "スキップ")
    )
    out = _run(path, ["Test Co", yes, "1", met, part, quit_], "--checklist", "cmmc-l1", lang=lang)
    assert ("2 of 15" if lang == "en" else "2 / 15") in out
    saved = _answers(path, "cmmc-l1")
    assert list(saved.values()) == [
        "met",
        {"status": "partial", "note": "half done" if lang == "en" else "途中"},
    ]
    assert validate_file(path, catalog)[1] == [] or all(
        p.level == "warning" for p in validate_file(path, catalog)[1]
    )
    # resume: the profile is not asked again; the next open item comes first
    out = _run(path, [skip, no] + [met] * 13, lang=lang)
    assert "FCI (" not in out.split("\n")[0]
    assert ("3 of 15" if lang == "en" else "3 / 15") in out
    saved = _answers(path, "cmmc-l1")
    assert len(saved) == 14  # one skipped
    assert "readiness report" in out
    # the skipped one is asked on the next run
    out = _run(path, ["b", met], lang=lang)
    assert len(_answers(path, "cmmc-l1")) == 15
    verdict = _score(path)["checklists"][0]
    assert verdict["counts"]["unanswered"] == 0


def test_derived_items_are_not_asked(tmp_path: Path) -> None:
    """With Level 2 answered, Level 1 items that take those answers are skipped."""
    path = tmp_path / "a.yaml"
    _run(path, ["Test Co", "q"], "--checklist", "cmmc-l2", "--checklist", "cmmc-l1")
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["profile"] = {"handles_fci": True, "handles_cui": True, "cmmc_level_required": 2}
    l2 = Catalog(use_cache=False).load_spec("cmmc-l2")
    data["checklists"]["cmmc-l2"]["answers"] = {i.id: "met" for i in l2.items()}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = _run(path, ["q"])
    assert "cmmc-l1" not in out.split("Score so far")[0]  # nothing of Level 1 was asked
    rows = _score(path)["checklists"][1]["items"]
    assert all(r["derived_from"] for r in rows if r["status"] != "out_of_scope")


def test_end_of_input_saves_and_says_how_to_resume(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    out = _run(path, ["Test Co", "y"], "--checklist", "cmmc-l1")
    assert "again to go on" in out
    assert "handles_fci: true" in path.read_text(encoding="utf-8")
