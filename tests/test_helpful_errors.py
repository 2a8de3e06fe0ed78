"""Errors that help: the user's language everywhere, did-you-mean, and no blame for missing libraries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from readiness.formats.messages import default_lang
from tests.conftest import EXAMPLE


def readiness(*args: str, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "readiness", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        **kw,
    )


def test_usage_errors_speak_japanese() -> None:
    result = readiness("--lang", "ja", "score")
    assert result.returncode == 2
    assert "エラー: 引数 'ANSWERS' が必要です。" in result.stderr
    assert "ヘルプは 'readiness score -h'" in result.stderr
    # a misspelt option or command: both sentences in Japanese, no space between them
    typo = readiness("--lang", "ja", "score", "--fromat", "json", "x.yaml")
    assert (
        "エラー: オプション '--fromat' はありません。'--format' ではありませんか？" in typo.stderr
    )
    command = readiness("--lang", "ja", "scor")
    assert "エラー: コマンド 'scor' はありません。'score' ではありませんか？" in command.stderr


def test_unknown_command_and_checklist_suggest_a_fix(tmp_path: Path) -> None:
    typo = readiness("lsit")
    assert typo.returncode == 2 and "Did you mean 'list'?" in typo.stderr
    unknown = readiness("template", "cmmc-l9", "-o", str(tmp_path / "a.yaml"))
    assert unknown.returncode == 3 and "did you mean 'cmmc-l3'?" in unknown.stderr


def test_yaml_errors_speak_japanese(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nchecklists:\n\tcmmc-l1: x\n", encoding="utf-8")
    result = readiness("--lang", "ja", "validate", str(bad))
    assert result.returncode == 1
    assert f"{bad}:3:1:" in result.stdout and "タブは使えません" in result.stdout


def test_missing_system_libraries_are_not_a_bug(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['weasyprint'] = None\n"
        "from readiness.cli import main\n"
        f"sys.argv = ['readiness', 'report', {str(EXAMPLE)!r}, '-o', {str(tmp_path / 'r.pdf')!r}]\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 5, result.stderr
    assert "apt-get install libpango-1.0-0" in result.stderr
    assert "internal error" not in result.stderr and "bug" not in result.stderr


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"READINESS_LANG": "JA"}, "ja"),
        ({"READINESS_LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANGUAGE": "ja:en", "LANG": "en_US.UTF-8"}, "ja"),
        ({"LANGUAGE": "", "LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, "ja"),
        ({"LC_ALL": "C", "LANG": "ja_JP.eucJP"}, "ja"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_language_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for var in ("READINESS_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert default_lang() == expected


def test_every_command_takes_lang() -> None:
    import click

    from readiness.cli import cli

    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert any("--lang" in p.opts for p in command.params), name


def test_refusals_to_overwrite_speak_japanese(tmp_path: Path) -> None:
    """The checks made before rendering a report answer in the user's language too."""
    existing = tmp_path / "r.pdf"
    existing.write_bytes(b"kept")
    kept = readiness("--lang", "ja", "report", str(EXAMPLE), "-o", str(existing))
    assert kept.returncode == 4 and "既に存在します。置き換えるには --force" in kept.stderr
    over_yaml = readiness("--lang", "ja", "report", str(EXAMPLE), "-o", str(tmp_path / "a.yaml"))
    assert over_yaml.returncode == 4 and "YAML ファイル（回答かもしれません）" in over_yaml.stderr
    assert existing.read_bytes() == b"kept"
