"""One CLI convention: -o/--output is a file everywhere (`-` is stdout), --format the format,
an input `-` is stdin, an existing output is replaced only with --force, links are written
through."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import cli
from tests.conftest import EXAMPLE, ROOT


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, ["--lang", "en", *args], input=input)


def test_score_json_to_a_file_and_from_stdin(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    result = run("score", str(EXAMPLE), "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    from_file = json.loads(out.read_text(encoding="utf-8"))
    piped = run("score", "-", "--format", "json", input=EXAMPLE.read_bytes())
    assert piped.exit_code == 0, piped.output
    assert json.loads(piped.stdout)["checklists"] == from_file["checklists"]


def test_stdin_problems_are_named_stdin() -> None:
    result = run("validate", "-", input=b"format: 1\nchecklists: [\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:")


def test_outputs_are_never_replaced_without_force(tmp_path: Path) -> None:
    out = tmp_path / "s.txt"
    out.write_text("mine", encoding="utf-8")
    refused = run("score", str(EXAMPLE), "-o", str(out))
    assert refused.exit_code == 4 and "--force" in refused.output
    assert out.read_text(encoding="utf-8") == "mine"
    done = run("score", str(EXAMPLE), "-o", str(out), "--force")
    assert done.exit_code == 0
    assert (tmp_path / "s.txt.bak").read_text(encoding="utf-8") == "mine"


def test_report_follows_the_same_rule(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("old report", encoding="utf-8")
    assert run("report", str(EXAMPLE), "-o", str(out)).exit_code == 4
    assert run("report", str(EXAMPLE), "-o", str(out), "--force").exit_code == 0
    assert "<html" in out.read_text(encoding="utf-8")
    assert (tmp_path / "r.html.bak").read_text(encoding="utf-8") == "old report"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["-o", "x.docx"], "a report is .htm / .html / .pdf"),
        (["-o", "x.pdf", "--format", "html"], "does not match"),
    ],
)
def test_report_format_and_extension_must_agree(
    tmp_path: Path, args: list[str], needle: str
) -> None:
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    result = run("report", str(EXAMPLE), *args)
    assert result.exit_code == 2 and needle in result.output


def test_report_to_stdout(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "readiness", "report", str(EXAMPLE), "-o", "-", "--format", "html"],
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"<!DOCTYPE html>")
    assert not (tmp_path / "-").exists()


def test_a_symlinked_output_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("{}", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run("list", "--format", "json", "-o", str(link), "--force").exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8"))[0]["id"]


def test_a_device_is_written_directly_and_a_folder_refused(tmp_path: Path) -> None:
    assert run("list", "-o", os.devnull).exit_code == 0
    assert Path(os.devnull).exists() and not Path(os.devnull).is_file()  # still the device
    assert run("list", "-o", str(tmp_path)).exit_code in (2, 4)


def test_quiet_silences_status_lines(tmp_path: Path) -> None:
    loud = run("template", "cmmc-l1", "-o", str(tmp_path / "a.yaml"))
    quiet = CliRunner().invoke(cli, ["-q", "template", "cmmc-l1", "-o", str(tmp_path / "b.yaml")])
    assert loud.stderr.strip() and quiet.exit_code == 0 and quiet.stderr == ""


def test_a_closed_pipe_is_not_an_internal_error() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m readiness list | head -1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr


def test_validate_speaks_sarif_for_code_scanning(tmp_path: Path) -> None:
    bad = tmp_path / "a.yaml"
    bad.write_text(
        'format: 1\norganisation: {name: X}\nassessment_date: "2026-11-16"\nprofile: {}\n'
        'checklists:\n  cmmc-l1:\n    version: "1.1.0"\n    answers: {AC.L1-b.1.i: mett}\n',
        encoding="utf-8",
    )
    result = run("validate", str(bad), "--format", "sarif")
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    (hit,) = [r for r in sarif["runs"][0]["results"] if r["level"] == "error"]
    assert sarif["version"] == "2.1.0" and hit["level"] == "error"
    assert hit["locations"][0]["physicalLocation"]["region"] == {"startLine": 8, "startColumn": 28}


def test_serve_stops_on_ctrl_c_and_says_where_the_answers_are(tmp_path: Path) -> None:
    """Ctrl+C is the documented way to stop `serve`: exit 0, and the last line says where the
    answers are (werkzeug's server swallows the interrupt, so this used to end silently)."""
    import signal
    import urllib.request

    answers = tmp_path / "answers.yaml"
    answers.write_bytes(EXAMPLE.read_bytes())
    argv = [sys.executable, "-m", "readiness", "--lang", "ja", "serve", str(answers)]
    proc = subprocess.Popen(
        [*argv, "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert proc.stdout is not None
    address = proc.stdout.readline().decode().strip()
    with urllib.request.urlopen(address, timeout=30) as page:  # it is serving
        assert page.status == 200
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    stderr = err.decode()
    assert proc.returncode == 0, stderr
    assert f"終了しました。回答は {answers} に保存されています。" in stderr
    assert "Traceback" not in stderr
    assert answers.read_bytes() == EXAMPLE.read_bytes()
