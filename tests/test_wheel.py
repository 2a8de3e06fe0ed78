"""A built wheel, installed into a fresh environment, finds the same data as a checkout."""

from __future__ import annotations

import json
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (work / "dist").glob("readiness-*.whl")
    env = work / "env"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    # dependencies come from this test environment; the package itself only from the wheel
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    return env


def run(env: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(env / "bin" / "readiness"), "--lang", "en", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"READINESS_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
    )


def test_wheel_lists_bundled_checklists_from_its_own_data(installed: Path, tmp_path: Path) -> None:
    result = run(installed, "list", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) >= 9
    assert all("/readiness/_data/checklists/" in r["path"] for r in rows)
    assert not any(str(ROOT) in r["path"] for r in rows)


def test_wheel_validates_scores_and_renders(installed: Path, tmp_path: Path) -> None:
    assert run(installed, "validate", cwd=tmp_path).returncode == 0
    score = run(installed, "score", str(EXAMPLE), "--format", "json", cwd=tmp_path)
    assert score.returncode == 0, score.stderr
    report = run(installed, "report", str(EXAMPLE), "-o", str(tmp_path / "r.pdf"), cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_wheel_draws_hangul_extension_kanji_and_emoji_from_its_fonts(
    installed: Path, tmp_path: Path
) -> None:
    import yaml
    from pypdf import PdfReader

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["organisation"]["name"] = "Soratobi 🚀 𠮷 한국어"
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = run(installed, "report", str(answers), "-o", str(tmp_path / "r.pdf"), cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    first = PdfReader(str(tmp_path / "r.pdf")).pages[0]
    fonts = {str(f.get_object()["/BaseFont"]) for f in first["/Resources"]["/Font"].values()}
    assert any("Report-Fallback-CJK" in f for f in fonts)
    assert any("Report-Fallback-Emoji" in f for f in fonts)


def test_wheel_never_writes_inside_the_installed_package(installed: Path, tmp_path: Path) -> None:
    for args in (["new-version", "jp-export"], ["pin"]):
        result = run(installed, *args, cwd=tmp_path)
        assert result.returncode == 4, (args, result.stderr)
        assert "inside the installed package" in result.stderr and "--checklists" in result.stderr
    listing = json.loads(run(installed, "list", "--format", "json", cwd=tmp_path).stdout)
    assert not any(r["status"] == "draft" for r in listing)


def test_wheel_carries_the_example(installed: Path, tmp_path: Path) -> None:
    result = run(installed, "example", "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    copied = tmp_path / "soratobi-answers.yaml"
    assert copied.read_bytes() == EXAMPLE.read_bytes()
    assert run(installed, "score", str(copied), cwd=tmp_path).returncode == 0


def test_wheel_serves_the_questionnaire_from_its_own_templates(
    installed: Path, tmp_path: Path
) -> None:
    """The web app's templates and the bundled font come from the wheel, not the checkout."""
    script = (
        "import sys, readiness.web.app as m, pathlib\n"
        "from readiness.assess.session import Session\n"
        "from readiness.content.catalog import Catalog\n"
        "assert str(pathlib.Path(m.__file__).parent).startswith(sys.prefix), m.__file__\n"
        "s = Session(pathlib.Path('a.yaml'), Catalog(), ['cmmc-l1'], 'ja')\n"
        "app = m.create_app(s, 'tok')\n"
        "c = app.test_client()\n"
        "r = c.get('/tok/profile'); assert r.status_code == 200 and '会社プロファイル' in r.text\n"
        "assert c.get('/tok/font/regular.ttf').status_code == 200\n"
        "assert c.get('/tok/c/cmmc-l1/AC').status_code == 200\n"
    )
    result = subprocess.run(
        [str(installed / "bin" / "python"), "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"READINESS_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
