"""`readiness batch`: a cohort in parallel, bad files failing alone, re-runs, Ctrl-C, portfolio."""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from bench.run import generate_startups
from readiness import api
from readiness.assess import portfolio
from readiness.cli import cli
from readiness.content.catalog import Catalog
from readiness.formats.problems import ExitCode
from readiness.report import portfolio as pages
from tests.conftest import EXAMPLE, all_ids, score, write_yaml


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["--lang", "en", *args])


def cohort(
    folder: Path, count: int, keep: tuple[str, ...] = ("cmmc-l1", "jp-export")
) -> list[Path]:
    """Generated clients (the benchmark's), cut to small checklists so reports render fast."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = generate_startups(count, folder)
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        example = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["checklists"]
        data["checklists"] = {k: data["checklists"].get(k) or example[k] for k in keep}
        write_yaml(path, data)
    return paths


def broken(folder: Path) -> tuple[Path, Path]:
    tab = folder / "broken-tab.yaml"
    tab.write_text("format: 1\norganisation:\n  name: Broken\n\tbad: x\n", encoding="utf-8")
    status = folder / "broken-status.yaml"
    text = (folder / "startup-01.yaml").read_text(encoding="utf-8")
    status.write_text(re.sub(r"AC\.L1-b\.1\.ii: \w+", "AC.L1-b.1.ii: done", text), encoding="utf-8")
    assert "AC.L1-b.1.ii: done" in status.read_text(encoding="utf-8")
    return tab, status


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


@pytest.mark.slow
def test_a_cohort_with_two_broken_files(tmp_path: Path) -> None:
    good = cohort(tmp_path / "clients", 4)
    tab, status = broken(tmp_path / "clients")
    out = tmp_path / "out"
    result = run("batch", str(tmp_path / "clients"), "-o", str(out), "--jobs", "2")
    assert result.exit_code == ExitCode.INPUT, result.output
    assert f"{tab}:4:1: error: YAML syntax error" in result.output
    assert re.search(
        rf"{re.escape(str(status))}:\d+:\d+: error: .*\"done\" is not allowed", result.output
    )
    assert "4 report(s) written, 0 up to date, 2 failed" in result.output
    for path in good:
        assert (out / f"{path.stem}.pdf").read_bytes()[:5] == b"%PDF-"
    assert not (out / "broken-tab.pdf").exists() and not (out / "broken-status.pdf").exists()
    rows = _rows(out / "portfolio.csv")
    assert {r["answers_file"] for r in rows} == {str(p) for p in good}
    assert len(rows) == 4 * 2  # one per client and checklist
    assert {r["checklist"] for r in rows} == {"cmmc-l1@1.1.0", "jp-export@1.1.0"}
    assert set(rows[0]) == {*portfolio.CSV_COLUMNS, "verdict_label"}
    text = "".join(p.extract_text() for p in PdfReader(out / "portfolio.pdf").pages)
    assert "Cohort portfolio" in text and "broken-tab.yaml" in text
    assert "Aozora Robotics K.K." in text and "Closest to each milestone" in text
    assert not list(out.glob("**/*.tmp"))


def test_reruns_skip_reports_newer_than_their_answers(tmp_path: Path) -> None:
    clients = cohort(tmp_path / "c", 3)
    out = tmp_path / "out"
    args = ["batch", *map(str, clients), "-o", str(out), "--format", "html", "--jobs", "1"]
    assert "3 report(s) written, 0 up to date" in run(*args).output
    stamps = {p: p.stat().st_mtime_ns for p in out.glob("startup-*.html")}
    again = run(*args)
    assert again.exit_code == 0 and "0 report(s) written, 3 up to date" in again.output
    assert {p: p.stat().st_mtime_ns for p in out.glob("startup-*.html")} == stamps
    later = time.time() + 5
    os.utime(clients[1], (later, later))
    assert "1 report(s) written, 2 up to date" in run(*args).output
    assert "報告書 3件を作成" in run(*args, "--lang", "ja").output  # other options: redone
    assert "報告書 3件を作成" in run(*args, "--lang", "ja", "--force").output
    assert len(_rows(out / "portfolio.csv")) == 6  # the portfolio is rewritten every time


def test_reports_that_would_share_a_name_fail_alone(tmp_path: Path) -> None:
    (a, b) = cohort(tmp_path / "a", 1)[0], cohort(tmp_path / "b", 1)[0]
    named = tmp_path / "portfolio.yaml"
    named.write_bytes(a.read_bytes())
    result = run(
        "batch", str(a), str(b), str(named), "-o", str(tmp_path / "out"), "--format", "html"
    )
    assert result.exit_code == ExitCode.OUTPUT, result.output
    assert "1 report(s) written, 0 up to date, 2 failed" in result.output
    assert f"{b}: error: its report" in result.output and "rename one of the files" in result.output
    assert (
        f"{named}: error: its report" in result.output and "the batch's portfolio" in result.output
    )


def test_the_worker_function_runs_anywhere(tmp_path: Path) -> None:
    (source,) = cohort(tmp_path, 1)
    job = api.BatchJob(str(source), str(tmp_path / "r.html"))
    options = api.BatchOptions(lang="ja", fmt="html")
    outcome = api.report_client(job, options)
    assert outcome.status == "written" and outcome.summary is not None
    assert outcome.peak_rss_kb > 0 and (tmp_path / "r.html").read_text(encoding="utf-8").startswith(
        "<!DOCTYPE"
    )
    again = pickle.loads(pickle.dumps(outcome))  # it can travel between processes
    data = json.loads(json.dumps(again.to_json()))  # and between machines
    assert portfolio.ClientSummary.from_json(data["summary"]) == outcome.summary
    assert api.report_client(job, options).status == "skipped"
    bad = api.report_client(api.BatchJob(str(tmp_path / "missing.yaml"), "x.html"), options)
    assert bad.status == "failed" and bad.exit_code == ExitCode.INPUT and bad.problems


def _ctrl_c_during_batch(
    clients: list[Path],
    out: Path,
    sigint: signal.Handlers,
    presses: int = 1,
    when: str = "rendering",
    jobs: int = 2,
) -> tuple[int, str, list[int], int]:
    """Run `batch` over `clients` in its own process group with SIGINT set to `sigint`, press
    Ctrl-C `presses` times, either while the workers start or once the first report is written
    (the batch is then rendering the next ones), and return the exit code, stderr, the batch's
    child processes and the number of reports at the first press."""
    argv = [sys.executable, "-m", "readiness", "--lang", "en", "batch", *map(str, clients)]
    proc = subprocess.Popen(
        [*argv, "-o", str(out), "--jobs", str(jobs)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, sigint),
    )
    deadline = time.monotonic() + 90

    def ready() -> bool:
        if when == "starting":
            return bool(_children(proc.pid))
        return any(out.glob("*.pdf"))

    while time.monotonic() < deadline and proc.poll() is None and not ready():
        time.sleep(0.02)
    seen, children = len(list(out.glob("*.pdf"))), _children(proc.pid)
    for _ in range(presses):
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        time.sleep(0.3)
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err.decode(), children, seen


def _assert_stopped_cleanly(out: Path, code: int, stderr: str, clients: int) -> int:
    """Exit 130, no traceback, no temporary file, every report recorded is there, every report
    there is whole; returns how many were recorded. (A report renamed into place an instant
    before a second Ctrl-C ended its worker is whole but unrecorded: a re-run redoes it.)"""
    assert code == 130, stderr
    assert "Traceback" not in stderr and "Exception" not in stderr, stderr
    assert "interrupted:" in stderr, stderr
    assert not list(out.glob("**/.*.tmp")) and not list(out.glob("**/*.tmp")), stderr
    recorded = json.loads((out / ".readiness-batch.json").read_text(encoding="utf-8"))["reports"]
    reports = sorted(out.glob("*.pdf"))
    assert set(recorded) <= {p.name for p in reports}, (recorded, stderr)
    for report in reports:
        assert len(PdfReader(report).pages) > 1
    assert f"interrupted: {len(recorded)} of {clients} done" in stderr, stderr
    return len(recorded)


@pytest.mark.slow
def test_ctrl_c_lets_the_reports_being_written_finish_and_starts_no_more(tmp_path: Path) -> None:
    clients = cohort(tmp_path / "c", 6, keep=("cmmc-l2",))
    out = tmp_path / "out"
    # as from a terminal, even when the suite itself runs as a background job (which ignores
    # Ctrl-C, and so would its children)
    code, stderr, _, seen = _ctrl_c_during_batch(clients, out, signal.SIG_DFL)
    assert "stopping: the reports being written will finish" in stderr
    written = _assert_stopped_cleanly(out, code, stderr, len(clients))
    assert 1 <= seen < written < len(clients)  # what was being rendered at the press finished


@pytest.mark.slow
@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_in_a_batch_without_workers(tmp_path: Path, presses: int) -> None:
    """`--jobs 1` renders in the batch's own process: the same two presses, the same promises."""
    clients = cohort(tmp_path / "c", 4, keep=("cmmc-l2",))
    out = tmp_path / "out"
    code, stderr, _, seen = _ctrl_c_during_batch(clients, out, signal.SIG_DFL, presses, jobs=1)
    written = _assert_stopped_cleanly(out, code, stderr, len(clients))
    assert seen <= written < len(clients), stderr
    if presses == 1:  # the report being written at the press was finished
        assert written == seen + 1, stderr


@pytest.mark.slow
def test_a_second_ctrl_c_stops_the_workers_at_once(tmp_path: Path) -> None:
    clients = cohort(tmp_path / "c", 6, keep=("cmmc-l2",))
    out = tmp_path / "out"
    code, stderr, children, _ = _ctrl_c_during_batch(clients, out, signal.SIG_DFL, presses=2)
    assert _assert_stopped_cleanly(out, code, stderr, len(clients)) < len(clients)
    assert len(children) >= 2 and not [pid for pid in children if _running(pid)]


@pytest.mark.slow
def test_ctrl_c_while_the_workers_start(tmp_path: Path) -> None:
    """A worker still starting has no handler of its own yet: the press must not reach it as a
    KeyboardInterrupt (a traceback from its start-up code)."""
    clients = cohort(tmp_path / "c", 4, keep=("cmmc-l1",))
    out = tmp_path / "out"
    code, stderr, _, _ = _ctrl_c_during_batch(clients, out, signal.SIG_DFL, when="starting")
    _assert_stopped_cleanly(out, code, stderr, len(clients))


def _running(pid: int) -> bool:
    """The process exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_portfolio_ranks_who_is_closest(catalog: Catalog) -> None:
    ids = all_ids(catalog, "cmmc-l2@1.1.0")
    versions = {"cmmc-l2": "1.1.0"}

    def client(name: str, **gaps: str) -> portfolio.ClientSummary:
        answers = dict.fromkeys(ids, "met") | gaps
        a = score(catalog, {"cmmc-l2": answers, "jp-export": {}}, versions=versions)
        a.answers.data["organisation"]["name"] = name
        return portfolio.summarise(a, f"{name}.yaml")

    clients = [
        client("Far", **{"AC.L2-3.1.1": "not_met", "AC.L2-3.1.2": "not_met"}),
        client("Near", **{"AC.L2-3.1.3": "not_met"}),  # conditional already
        client("Middle", **{"AC.L2-3.1.1": "not_met"}),
        client("Done"),
    ]
    cohort_ = portfolio.build(clients)
    by = {(m.checklist, m.name): m for m in cohort_.milestones}
    conditional = by[("cmmc-l2", "conditional")]
    assert [c.organisation for c in conditional.reached] == ["Near", "Done"]
    assert [d.client.organisation for d in conditional.closest] == ["Middle", "Far"]
    final = by[("cmmc-l2", "final")]
    assert [d.client.organisation for d in final.closest] == [
        "Middle",
        "Near",
        "Far",
    ]  # ties: by name
    assert cohort_.common_gaps[0][:3] == ("cmmc-l2", "AC.L2-3.1.1", 2)
    assert cohort_.verdicts["cmmc-l2"] == {"not_eligible": 2, "conditional": 1, "final": 1}
    for lang, words in (
        ("en", "Closest to each milestone"),
        ("ja", "各マイルストーンに最も近い企業"),
    ):
        html = pages.build_html(cohort_, catalog, lang, failed=["bad.yaml"])
        assert words in html and "bad.yaml" in html and "Middle" in html


@pytest.mark.slow
def test_a_background_batch_ignores_ctrl_c_in_every_process(tmp_path: Path) -> None:
    """Started as a background job (SIGINT ignored), a Ctrl-C meant for the shell's foreground
    must not cut some workers' reports while the batch goes on and calls itself done."""
    clients = cohort(tmp_path / "c", 4, keep=("cmmc-l2",))
    code, stderr, _, _ = _ctrl_c_during_batch(clients, tmp_path / "out", signal.SIG_IGN)
    assert code == 0, stderr
    assert "4 report(s) written" in stderr


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:unclosed file.*sRGB2014:ResourceWarning")
def test_batch_reports_like_report_does_full_templates_and_variant(tmp_path: Path) -> None:
    """`--full`, `--templates` and `--pdf-variant` mean for every client what they mean for
    `readiness report`, and changing any of them redoes the reports a re-run would skip."""
    (source,) = cohort(tmp_path / "c", 1)
    out = tmp_path / "out"
    report = out / f"{source.stem}.html"
    assert run("batch", str(source), "-o", str(out), "--format", "html").exit_code == 0
    board = report.read_text(encoding="utf-8")
    assert 'id="answers"' not in board and "readiness report --full" in board

    assert run("batch", str(source), "-o", str(out), "--format", "html", "--full").exit_code == 0
    assert 'id="answers"' in report.read_text(encoding="utf-8")  # redone: other options

    templates = tmp_path / "templates"
    templates.mkdir()
    override = templates / "report.html.j2"
    override.write_text(
        '{% extends "default/report.html.j2" %}{% block method %}<p>OUR METHOD</p>{% endblock %}',
        encoding="utf-8",
    )
    args = ["batch", str(source), "-o", str(out), "--format", "html", "--templates", str(templates)]
    assert run(*args).exit_code == 0
    assert "OUR METHOD" in report.read_text(encoding="utf-8")
    override.write_text(override.read_text(encoding="utf-8").replace("OUR", "NEW"))
    result = run(*args)  # an edited template redoes the report, though the answers are older
    assert "1 report(s) written, 0 up to date" in result.output
    assert "NEW METHOD" in report.read_text(encoding="utf-8")
    missing = run("batch", str(source), "-o", str(out), "--templates", str(tmp_path / "nope"))
    assert missing.exit_code == ExitCode.INPUT and "no such folder" in missing.output

    pdfs = tmp_path / "pdfs"
    result = run("batch", str(source), "-o", str(pdfs), "--pdf-variant", "pdf/a-3b")
    assert result.exit_code == 0, result.output
    for pdf in (pdfs / f"{source.stem}.pdf", pdfs / "portfolio.pdf"):
        xmp = PdfReader(pdf).trailer["/Root"]["/Metadata"].get_object().get_data()
        assert b'pdfaid:part="3"' in xmp, pdf


def test_ctrl_c_while_the_program_loads_is_quiet() -> None:
    """A press before the command's modules have loaded ends it like one later: exit 130."""
    code = (
        "import sys\n"
        "class Press:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'readiness.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Press())\n"
        "from readiness.__main__ import run\n"
        "run()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, "list"], capture_output=True, text=True)
    assert proc.returncode == 130 and proc.stderr.strip() == "interrupted", proc.stderr


def test_a_second_press_inside_a_finaliser_is_not_lost() -> None:
    """Raised inside a __del__ (WeasyPrint has some), KeyboardInterrupt would be swallowed:
    the press is asked for again a moment later, outside it, and stops the work then."""
    from readiness.batch.pool import Presses

    with Presses() as presses:
        presses(signal.SIGINT, None)  # the first press: only counted

        class Finalised:
            def __del__(self) -> None:
                presses(signal.SIGINT, sys._getframe())  # the second lands in a finaliser

        with pytest.raises(KeyboardInterrupt):
            Finalised()  # collected at once; its __del__ must not swallow the press
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                time.sleep(0.01)
    assert presses.count == 2 and not presses.hard
