"""Issue 16's cases, each a named test: no input or option makes readiness exit 70."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from readiness.content.catalog import Catalog
from readiness.formats.resources import resource
from tests.conftest import EXAMPLE

DEMO = Path(__file__).parent / "bad_inputs" / "checklists" / "demo-valid"


def readiness(
    *args: str, env: dict[str, str] | None = None, timeout: int = 120
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "readiness", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def answers_with(note: str) -> str:
    return (
        'format: 1\norganisation: {name: X}\nassessment_date: "2026-11-16"\nprofile: {}\n'
        'checklists:\n  cmmc-l1:\n    version: "1.1.0"\n    answers:\n'
        f"      AC.L1-b.1.i: {{status: met, note: {note}}}\n"
    )


@pytest.mark.parametrize(
    "value",
    ["!!bool maybe", "!!int abc", "!!float x", "!!int", ".nan", ".inf", "9" * 5000, "!!str [1]"],
)
def test_tagged_and_extreme_scalars_are_positioned_problems(tmp_path: Path, value: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(answers_with(value), encoding="utf-8")
    for command in ("validate", "score"):
        result = readiness(command, str(path))
        assert result.returncode in (1, 3), (command, value, result.stderr)
        assert f"{path}:9:" in result.stdout + result.stderr
        assert "internal error" not in result.stderr


def test_non_regular_inputs_are_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for target in ("/dev/zero", str(fifo)):
        result = readiness("score", target, timeout=20)
        assert result.returncode == 3 and "not a regular file" in result.stderr
    branding = tmp_path / "b.yaml"
    branding.write_text("logo: /dev/zero\n", encoding="utf-8")
    result = readiness(
        "report", str(EXAMPLE), "-o", str(tmp_path / "r.html"), "--branding", str(branding)
    )
    assert result.returncode == 3 and "not a regular file" in result.stderr


def test_a_broken_profile_in_a_checklists_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "profile.yaml").write_text("format: 1\nfacts: 7\n", encoding="utf-8")
    result = readiness("--checklists", str(tmp_path), "score", str(EXAMPLE))
    assert result.returncode == 3 and f"{tmp_path / 'profile.yaml'}:2:" in result.stderr


def _demo_folder(tmp_path: Path) -> Path:
    root = tmp_path / "checklists"
    shutil.copytree(DEMO, root / "demo-valid")
    shutil.copy(resource("checklists", "profile.yaml"), root / "profile.yaml")
    return root


def test_a_damaged_cache_entry_is_dropped_and_rebuilt(tmp_path: Path, monkeypatch) -> None:
    root = _demo_folder(tmp_path)
    cache = tmp_path / "cache"
    monkeypatch.setenv("READINESS_CACHE_DIR", str(cache))
    first = Catalog([root]).load_spec("demo-valid")
    (entry,) = cache.glob("checklist-*.json")
    entry.write_text('{"x": 1}', encoding="utf-8")  # damaged: no valid checksum line
    again = Catalog([root]).load_spec("demo-valid")
    assert again.data == first.data
    _check, _, payload = entry.read_text(encoding="utf-8").partition("\n")
    assert json.loads(payload) == first.data  # rebuilt


def test_a_hand_edited_pin_does_not_skip_validation(tmp_path: Path) -> None:
    root = _demo_folder(tmp_path)
    path = root / "demo-valid" / "1.0.0.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "status: draft", 'status: released\nreleased: "2026-12-01"'
    )
    text = text.replace("weight: 3", "weight: heavy")  # invalid, and pinned by hand anyway
    path.write_text(text, encoding="utf-8")
    import hashlib

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    (root / "releases.lock").write_text(f"demo-valid@1.0.0 {digest}\n", encoding="utf-8")
    result = readiness("--checklists", str(root), "template", "demo-valid", "-o", "-")
    assert result.returncode == 3 and "weight" in result.stderr


def test_damaged_compiled_release_falls_back_to_the_yaml(tmp_path: Path) -> None:
    root = tmp_path / "checklists"
    shutil.copytree(resource("checklists"), root)
    for compiled in (root / "compiled").glob("*.json"):
        compiled.write_text('{"x": 1}', encoding="utf-8")
    result = readiness(
        "--checklists", str(root), "score", str(EXAMPLE), env={"READINESS_NO_CACHE": "1"}
    )
    assert result.returncode == 0, result.stderr


def test_non_utf8_option_values_are_input_errors(tmp_path: Path) -> None:
    bad = os.fsdecode(b"A\xff")
    for args in (
        ["template", "cmmc-l1", "-o", str(tmp_path / "a.yaml"), "--organisation", bad],
        ["report", str(EXAMPLE), "-o", str(tmp_path / "r.html"), "--footer", bad],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "readiness", *args], capture_output=True, timeout=120
        )
        assert result.returncode == 3, result.stderr
        assert b"UTF-8" in result.stderr and b"internal error" not in result.stderr


def test_template_date_follows_the_validate_rule() -> None:
    result = readiness("template", "cmmc-l1", "-o", "-", "--date", "0001-01-01")
    assert result.returncode == 3 and "plausible" in result.stderr


def test_internal_errors_are_short() -> None:
    code = (
        "import sys\n"
        "import readiness.cli.show as show\n"
        "def boom(*a, **k):\n    raise RuntimeError('x' * 10_000_000)\n"
        "show.render_item = boom\n"
        "from readiness.cli import main\n"
        "sys.argv = ['readiness', 'show', 'AC.L1-b.1.i']\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 70
    assert len(result.stderr) < 1000 and "READINESS_DEBUG=1" in result.stderr


def test_pdf_bytes_do_not_depend_on_the_locale(tmp_path: Path) -> None:
    outputs = []
    for env in ({"LC_ALL": "C.UTF-8"}, {"LC_ALL": "ja_JP.UTF-8", "LANG": "ja_JP.UTF-8"}):
        out = tmp_path / f"r{len(outputs)}.pdf"
        result = readiness("report", str(EXAMPLE), "-o", str(out), "--lang", "en", env=env)
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_long_notes_are_cut_in_tables_and_whole_in_the_appendix(catalog: Catalog) -> None:
    from readiness.report.html import build_html
    from tests.conftest import score

    note = "word " * 2000
    answers = {"AC.L1-b.1.i": {"status": "partial", "note": note}}
    html = build_html(score(catalog, {"cmmc-l1": answers}), "en", full=True)
    assert html.count(note.strip()) == 1  # once, in the appendix
    assert "(the whole note is in the appendix)" in html


def test_an_8_mib_flow_sequence_is_refused_before_its_tree_is_built(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text("format: 1\nx: [" + ",".join(["1"] * 4_000_000) + "]\n", encoding="utf-8")
    result = readiness("validate", str(path))
    assert result.returncode == 1 and "more than 500,000 values" in result.stdout


def test_position_lookups_index_each_mapping_once(tmp_path: Path, monkeypatch, catalog) -> None:
    """64k unknown ids used to rescan the answers mapping per problem (quadratic time)."""
    from readiness.assess.validate import validate_file
    from readiness.formats import yamlio

    built: list[int] = []
    original = yamlio.Document._entries

    def counting(self, node):
        if id(node) not in self._keys:
            built.append(id(node))
        return original(self, node)

    monkeypatch.setattr(yamlio.Document, "_entries", counting)
    lines = [f"      X-{i}: met" for i in range(5000)]
    path = tmp_path / "many.yaml"
    path.write_text(
        answers_with("n").rsplit("      AC", 1)[0] + "\n".join(lines) + "\n", encoding="utf-8"
    )
    _, problems = validate_file(path, catalog)
    assert len([p for p in problems if p.code == "unknown-item"]) == 5000
    assert len(built) == len(set(built)) and len(built) < 20  # a handful of mappings, once each


def test_nan_in_a_checklist_number_is_refused(tmp_path: Path) -> None:
    root = _demo_folder(tmp_path)
    path = root / "demo-valid" / "1.0.0.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("weight: 3", "weight: .nan"), encoding="utf-8"
    )
    result = readiness("validate", str(path))
    assert result.returncode == 1 and "not a finite number" in result.stdout


def test_backups_are_unique_and_never_left_empty(tmp_path: Path, monkeypatch) -> None:
    from readiness.formats import atomic

    target = tmp_path / "answers.yaml"
    target.write_text("mine", encoding="utf-8")
    first, second = atomic.make_backup(target), atomic.make_backup(target)
    assert first != second and first.read_text() == second.read_text() == "mine"

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    with pytest.raises(atomic.OutputError, match="cannot back up"):
        atomic.write_user_file(target, b"new", force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["answers.yaml", first.name, second.name]
    )
    assert target.read_text() == "mine"
