"""Override templates that cannot hurt: errors name template and line (exit 5), budgets hold."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE

BASE = '{% extends "default/report.html.j2" %}{% block cover %}'
END = "{% endblock %}"

CASES = {
    "division-by-zero": (BASE + "\n\n{{ 1 / 0 }}" + END, "report.html.j2:3", "ZeroDivisionError"),
    "type-error": (BASE + "\n{{ 1 + 'a' }}" + END, "report.html.j2:2", "TypeError"),
    "self-extending": ('{% extends "report.html.j2" %}', "report.html.j2", "RecursionError"),
    "recursive-macro": (
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
        "report.html.j2",
        "RecursionError",
    ),
    "huge-string": (BASE + "{{ 'a' * 10**9 }}" + END, "report.html.j2", "refused"),
    "lone-surrogate": (BASE + '{{ "\\ud800" }}' + END, "report.html.j2", "surrogate"),
    "undefined": (BASE + "\n\n\n{{ nothing_here }}" + END, "report.html.j2:4", "undefined"),
}


def render(tmp_path: Path, template: str, timeout: int = 120) -> subprocess.CompletedProcess:
    folder = tmp_path / "tpl"
    folder.mkdir(exist_ok=True)
    (folder / "report.html.j2").write_text(template, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "readiness", "report", str(EXAMPLE), "--templates", str(folder),
         "-o", str(tmp_path / "r.html")],
        capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_failing_override_template_is_exit_5_with_its_line(tmp_path: Path, case: str) -> None:
    template, where, what = CASES[case]
    result = render(tmp_path, template)
    assert result.returncode == 5, result.stderr
    assert where in result.stderr and what in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_a_nested_loop_is_stopped_by_the_time_budget(tmp_path: Path) -> None:
    loop = "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}"
    env = {**os.environ}
    code = (
        "import sys, readiness.report.sandbox as s; s.MAX_SECONDS = 2\n"
        "from readiness.cli import main\n"
        f"sys.argv = ['readiness', 'report', {str(EXAMPLE)!r}, '--templates', "
        f"{str(tmp_path / 'tpl')!r}, '-o', {str(tmp_path / 'r.html')!r}]\n"
        "main()\n"
    )
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "report.html.j2").write_text(BASE + loop + END, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 5 and "took longer than 2 s" in result.stderr


def test_symlinks_out_of_the_templates_folder_are_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.j2"
    secret.write_text("SECRET-CONTENT", encoding="utf-8")
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "part.j2").symlink_to(secret)
    (folder / "report.html.j2").write_text(BASE + '{% include "part.j2" %}' + END, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "readiness", "report", str(EXAMPLE), "--templates", str(folder),
         "-o", str(tmp_path / "r.html")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 5 and "outside the templates folder" in result.stderr
    assert "SECRET-CONTENT" not in result.stdout + result.stderr
