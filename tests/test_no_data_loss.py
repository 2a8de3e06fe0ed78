"""No answer is ever lost: atomic writes, explicit overwrite with backup, crash safety."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import cli
from readiness.formats import atomic as fsio
from readiness.formats.problems import ExitCode, OutputError
from tests.conftest import EXAMPLE


def run(*args: str):
    return CliRunner().invoke(cli, ["--lang", "en", *args], catch_exceptions=False)


@pytest.mark.parametrize("fail_at", ["write", "fsync", "replace"])
def test_crash_mid_write_leaves_previous_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: str
) -> None:
    target = tmp_path / "answers.yaml"
    target.write_text("original: answers\n", encoding="utf-8")

    def crash(*_args, **_kwargs):
        raise KeyboardInterrupt  # the harshest interruption a user can cause

    if fail_at == "write":
        real_fdopen = os.fdopen

        class Torn:
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, data):
                self.fh.write(data[: len(data) // 2])
                raise KeyboardInterrupt

        monkeypatch.setattr(fsio.os, "fdopen", lambda fd, mode: Torn(real_fdopen(fd, mode)))
    elif fail_at == "fsync":
        monkeypatch.setattr(fsio.os, "fsync", crash)
    else:
        monkeypatch.setattr(fsio.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        fsio.atomic_write_text(target, "new: content that must not be half-written\n" * 1000)
    assert target.read_text(encoding="utf-8") == "original: answers\n"
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]  # no temporary left behind


def test_disk_error_is_an_output_error_and_keeps_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.pdf"
    target.write_bytes(b"old")

    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsio.os, "fsync", full)
    with pytest.raises(OutputError) as info:
        fsio.atomic_write_bytes(target, b"new")
    assert "No space left" in str(info.value)
    assert target.read_bytes() == b"old"


def test_write_user_file_needs_force_and_keeps_numbered_backups(tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    target.write_text("v1", encoding="utf-8")
    with pytest.raises(OutputError):
        fsio.write_user_file(target, b"v2", force=False)
    assert target.read_text(encoding="utf-8") == "v1"
    assert fsio.write_user_file(target, b"v2", force=True) == tmp_path / "answers.yaml.bak"
    assert fsio.write_user_file(target, b"v3", force=True) == tmp_path / "answers.yaml.bak.1"
    assert [
        (tmp_path / n).read_text(encoding="utf-8")
        for n in ("answers.yaml.bak", "answers.yaml.bak.1", "answers.yaml")
    ] == ["v1", "v2", "v3"]


def test_report_refuses_to_overwrite_the_answers_file(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(EXAMPLE.read_bytes())
    for out in (answers, tmp_path / "other.yaml"):
        result = run("report", str(answers), "-o", str(out), "--format", "html")
        assert result.exit_code == ExitCode.OUTPUT and "refusing" in result.output
    assert answers.read_bytes() == EXAMPLE.read_bytes()
    assert not (tmp_path / "other.yaml").exists()


def test_template_onto_answers_needs_force(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(EXAMPLE.read_bytes())
    result = run("template", "cmmc-l1", "-o", str(answers))
    assert result.exit_code == ExitCode.OUTPUT
    assert answers.read_bytes() == EXAMPLE.read_bytes()


def test_written_files_get_normal_permissions(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "new.pdf"
        fsio.atomic_write_bytes(fresh, b"x")
        assert fresh.stat().st_mode & 0o777 == 0o644
        private = tmp_path / "private.yaml"
        private.write_bytes(b"v1")
        private.chmod(0o600)
        fsio.atomic_write_bytes(private, b"v2")
        assert private.stat().st_mode & 0o777 == 0o600  # a replaced file keeps its mode
    finally:
        os.umask(old_umask)
