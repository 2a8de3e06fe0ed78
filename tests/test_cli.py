"""The CLI as a user runs it: commands, exit codes, messages, files written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from readiness.cli import cli
from readiness.formats.problems import ExitCode
from tests.conftest import CHECKLIST_IDS, EXAMPLE, ROOT

EXPECTED_IDS = set(CHECKLIST_IDS)


def run(*args: str, lang: str = "en"):
    return CliRunner().invoke(cli, ["--lang", lang, *args], catch_exceptions=False)


def test_every_command_has_help_text() -> None:
    ctx = click.Context(cli)
    names = cli.list_commands(ctx)
    assert {"validate", "list", "pin", "template", "score", "report"} <= set(names)
    for name in names:
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name.rstrip("_")
        assert command.help and len(command.help) > 20, name
        assert run(name, "--help").exit_code == 0


def test_list_shows_all_nine_checklists() -> None:
    result = run("list", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {r["id"] for r in rows} == EXPECTED_IDS
    counts = {r["id"]: r["items"] for r in rows}
    assert counts["cmmc-l1"] == 15 and counts["cmmc-l2"] == 110 and counts["cmmc-l3"] == 24
    text = run("list").output
    assert "cmmc-l2" in text and "110" in text


def test_validate_bundled_checklists_exit_0() -> None:
    result = run("validate")
    assert result.exit_code == ExitCode.OK, result.output


def test_validate_reports_positions_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: 1\norganisation: {name: X}\nassessment_date: 2026-13-45\nprofile: {}\nchecklists: {}\n",
        encoding="utf-8",
    )
    result = run("validate", str(bad), str(EXAMPLE))
    assert result.exit_code == ExitCode.INVALID
    assert f"{bad}:3:18: error: $.assessment_date:" in result.output
    assert "Traceback" not in result.output


def test_validate_json_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: [1\n", encoding="utf-8")
    result = run("validate", "--format", "json", str(bad))
    data = json.loads(result.stdout)
    assert result.exit_code == ExitCode.INVALID and data["valid"] is False
    assert (
        data["problems"][0]["line"] == 1 and data["problems"][0]["code"] == "syntax"
    )  # where "[" opens


def test_missing_file_is_input_error_without_traceback(tmp_path: Path) -> None:
    result = run("score", str(tmp_path / "nope.yaml"))
    assert result.exit_code == ExitCode.INPUT
    assert "file not found" in result.output and "Traceback" not in result.output


def test_score_text_and_json_on_example() -> None:
    text = run("score", str(EXAMPLE))
    assert text.exit_code == 0, text.output
    assert "SPRS score: 94 / 110" in text.output
    data = json.loads(run("score", str(EXAMPLE), "--format", "json").stdout)
    l2 = next(c for c in data["checklists"] if c["id"] == "cmmc-l2")
    assert set(l2) >= {
        "id",
        "version",
        "sha256",
        "percent",
        "verdict",
        "counts",
        "sprs_score",
        "poam",
        "deductions",
    }
    assert l2["sprs_score"] == 94 and l2["verdict"] == "not_eligible"
    assert l2["deductions"]["IA.L2-3.5.3"] == 3 and l2["deductions"]["AU.L2-3.3.5"] == 5
    assert "SC.L2-3.13.11" in l2["poam"] and "IA.L2-3.5.3" not in l2["poam"]


def test_score_in_japanese() -> None:
    result = run("score", str(EXAMPLE), lang="ja")
    assert "SPRSスコア: 94 / 110" in result.output and "判定" in result.output


def test_template_writes_a_fillable_file_and_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    result = run(
        "template", "cmmc-l1", "cmmc-l2@1.0.0", "-o", str(out), "--date", "2026-11-20", lang="ja"
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert (
        "#   AC.L2-3.1.1" not in text
        and "      AC.L2-3.1.1:   # met | partial | not_met | not_applicable" in text
    )
    assert "# Q: " in text and "sha256: " in text
    # a blank template is valid YAML but asks for the organisation's name
    check = run("validate", str(out))
    assert check.exit_code == ExitCode.INVALID and "$.organisation.name" in check.output

    out.write_text(text.replace('name: ""', 'name: "Filled In"', 1), encoding="utf-8")
    again = run("template", "cmmc-l1", "-o", str(out))
    assert again.exit_code == ExitCode.OUTPUT and "--force" in again.output
    assert "Filled In" in out.read_text(encoding="utf-8")

    forced = run("template", "cmmc-l1", "-o", str(out), "--force")
    assert forced.exit_code == 0
    assert "Filled In" in (tmp_path / "answers.yaml.bak").read_text(encoding="utf-8")


def test_filled_template_scores(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    run("template", "cmmc-l1", "-o", str(out), "--date", "2026-11-20", "--organisation", "Acme")
    text = out.read_text(encoding="utf-8").replace(
        ":   # met | partial | not_met | not_applicable", ": met"
    )
    out.write_text(text, encoding="utf-8")
    data = json.loads(run("score", str(out), "--format", "json").stdout)
    assert data["checklists"][0]["verdict"] == "final"


def test_template_unknown_checklist_lists_known() -> None:
    result = run("template", "cmmc-l7", "-o", "x.yaml")
    assert result.exit_code == ExitCode.INPUT and "cmmc-l2" in result.output


def test_score_refuses_a_checklist_file(tmp_path: Path) -> None:
    result = run("score", str(ROOT / "checklists" / "cmmc-l1" / "1.0.0.yaml"))
    assert result.exit_code == ExitCode.INPUT and "expected an answers file" in result.output


def test_report_html_names_checklists_and_hashes(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = run("report", str(EXAMPLE), "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "cmmc-l2@1.1.0" in html and "Soratobi Autonomy K.K." in html


def test_report_to_unwritable_place_is_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run("report", str(EXAMPLE), "-o", str(blocker / "r.html"))
    assert result.exit_code == ExitCode.OUTPUT and "Traceback" not in result.output


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["validate"],
        ["score", str(EXAMPLE)],
        ["template", "cmmc-l1", "-o", "-"],
        ["diff", "jp-cesi@1.1.0", "1.2.0"],
        ["compare", str(EXAMPLE), str(EXAMPLE)],
    ],
)
def test_commands_import_only_the_heavy_libraries_they_use(
    command: list[str], tmp_path: Path
) -> None:
    """No PDF: no WeasyPrint; no spreadsheet: no openpyxl (100 ms of every `diff` once); no
    report or web page: no Jinja2 or Flask."""
    if command[0] == "template":
        command = ["template", "cmmc-l1", "-o", str(tmp_path / "t.yaml")]
    code = (
        "import sys\n"
        "from readiness.cli import cli\n"
        "try:\n"
        f"    cli.main({command!r}, standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('weasyprint', 'openpyxl', 'jinja2', 'flask')\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "assert not loaded, f'imported: {loaded}'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, cwd=tmp_path)


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "readiness", "--version"], capture_output=True, text=True, check=True
    )
    assert "readiness" in result.stdout


def test_score_json_follows_its_schema() -> None:
    import jsonschema

    from readiness.formats.resources import resource

    schema = json.loads(resource("schemas", "score.schema.json").read_text(encoding="utf-8"))
    data = json.loads(run("score", str(EXAMPLE), "--format", "json").stdout)
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(data)
    assert data["format"] == 1 and data["$schema"] == schema["$id"]
    l2 = next(c for c in data["checklists"] if c["id"] == "cmmc-l2")
    row = next(i for i in l2["items"] if i["id"] == "IA.L2-3.5.3")
    assert row["status"] == "partial" and row["deduction"] == 3 and row["poam_eligible"] is False
    reason = next(r for r in l2["reasons"] if r["key"] == "reason.poam_ineligible")
    assert reason["items"] == ["AU.L2-3.3.5", "IA.L2-3.5.3"]  # a list, not a joined string


def test_help_lists_every_command_once_by_task_without_loading_them() -> None:
    """`readiness --help` groups the commands by what users do; it lists each one exactly once
    and loads none of their modules (it took half a second when it imported them all)."""
    from readiness.cli.app import COMMANDS, SECTIONS

    listed = [name for _, lines in SECTIONS for name in lines]
    assert sorted(listed) == sorted(COMMANDS)
    code = (
        "import sys\n"
        "from readiness.cli import cli\n"
        "try:\n"
        "    cli.main(['--help'], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('readiness.cli.'))\n"
        "print(loaded, file=sys.stderr)\n"
    )
    env = {**os.environ, "COLUMNS": "80"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "['readiness.cli.app', 'readiness.cli.usage']"
    lines = proc.stdout.splitlines()
    for name in COMMANDS:
        assert sum(1 for line in lines if line.split()[:1] == [name]) == 1, name
    assert all(len(line) <= 80 for line in lines)
