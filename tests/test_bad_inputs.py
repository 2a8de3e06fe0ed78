"""Bad-input corpus: every case in tests/bad_inputs/cases.yaml, run through the real CLI.

A case is an input (a file in tests/bad_inputs/, or one made here when it is huge, binary or
absurdly nested), a command line, the exact exit code, and for each problem the file, the
`line:col` and a fragment saying what to do that the message must contain. No run may print a
traceback. To add a case, add an input file and an entry in cases.yaml.
"""

from __future__ import annotations

import functools
import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner

from readiness.cli import cli
from tests.conftest import EXAMPLE, ROOT

HERE = Path(__file__).resolve().parent / "bad_inputs"
CASES: list[dict[str, Any]] = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))

CHILD_TIMEOUT = 60  # seconds for an isolated run; a sane product answers in well under one


def report_has_branding_option() -> bool:
    """True once `readiness report` accepts --branding FILE (then the branding cases run)."""
    return any(
        "--branding" in getattr(p, "opts", ())
        for p in cli.get_command(click.Context(cli), "report").params
    )


@functools.cache
def permissions_apply() -> bool:
    """False where file modes are not enforced (root with CAP_DAC_OVERRIDE, or not POSIX)."""
    if os.name != "posix":
        return False
    with tempfile.TemporaryDirectory() as folder:
        locked = Path(folder, "locked")
        locked.mkdir(mode=0o555)
        try:
            (locked / "probe").write_text("x", encoding="utf-8")
        except PermissionError:
            return True
        finally:
            locked.chmod(0o700)
        return False


# -- generated inputs -----------------------------------------------------------------------------


def make_huge(folder: Path, name: str) -> Path:
    """A plausible answers file padded with comments to just over the 8 MiB limit."""
    path = folder / f"{name}.yaml"
    head = (HERE / "answers" / "valid.yaml").read_bytes()
    padding = b"# padding comment line\n"
    count = (8 * 1024 * 1024 - len(head)) // len(padding) + 2
    path.write_bytes(head + padding * count)
    return path


def make_binary(folder: Path, name: str) -> Path:
    data = bytearray(random.Random(20261116).randbytes(4096))
    data[100] = 0  # at least one NUL
    path = folder / f"{name}.yaml"
    path.write_bytes(bytes(data))
    return path


def make_deep_flow_sequence(folder: Path, name: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text("format: 1\nchecklists: " + "[" * 10_000 + "]" * 10_000 + "\n", "utf-8")
    return path


def make_deep_flow_mapping(folder: Path, name: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(
        "format: 1\nchecklists: " + "{a: " * 30_000 + "1" + "}" * 30_000 + "\n", "utf-8"
    )
    return path


def make_deep_block_mapping(folder: Path, name: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text("".join(" " * i + f"k{i}:\n" for i in range(1_000)), "utf-8")
    return path


def make_deep_block_sequence(folder: Path, name: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text("- " * 100_000 + "x\n", "utf-8")
    return path


def make_folder(folder: Path, name: str) -> Path:
    path = folder / name
    path.mkdir()
    return path


def make_missing(folder: Path, name: str) -> Path:
    return folder / f"{name}.yaml"


def make_big_logo(folder: Path, name: str) -> Path:
    """A branding file whose logo is a PNG (by its magic bytes) just over the 2 MiB limit."""
    (folder / "big.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2 * 1024 * 1024))
    path = folder / f"{name}.yaml"
    path.write_text("# The logo is larger than 2 MiB.\nlogo: big.png\n", "utf-8")
    return path


MAKERS: dict[str, Callable[[Path, str], Path]] = {
    "huge": make_huge,
    "binary": make_binary,
    "deep_flow_sequence": make_deep_flow_sequence,
    "deep_flow_mapping": make_deep_flow_mapping,
    "deep_block_mapping": make_deep_block_mapping,
    "deep_block_sequence": make_deep_block_sequence,
    "folder": make_folder,
    "missing": make_missing,
    "big_logo": make_big_logo,
}


def encode(text: str, codec: str) -> bytes:
    if codec == "utf-16-le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if codec == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(codec)


def prepare_input(case: dict[str, Any], tmp: Path) -> Path | None:
    inputs = tmp / "in"
    inputs.mkdir()
    if "make" in case:
        return MAKERS[case["make"]](inputs, case["id"])
    if "file" not in case:
        return None
    source = HERE / case["file"]
    target = inputs / case["file"]
    target.parent.mkdir(parents=True, exist_ok=True)
    if "encode" in case:
        target.write_bytes(encode(source.read_text(encoding="utf-8"), case["encode"]))
    else:
        target.write_bytes(source.read_bytes())
    return target


# -- running --------------------------------------------------------------------------------------

CHILD = """\
import json, sys
from click.testing import CliRunner
from readiness.cli import cli
result = CliRunner().invoke(cli, json.loads(sys.argv[1]), catch_exceptions=False)
print(json.dumps({"exit_code": result.exit_code, "output": result.output}))
"""


def invoke(argv: list[str], isolate: bool) -> tuple[int, str]:
    """(exit code, stdout + stderr) of one CLI run; in a child process when `isolate`."""
    if not isolate:
        result = CliRunner().invoke(cli, argv, catch_exceptions=False)
        return result.exit_code, result.output
    try:
        child = subprocess.run(
            [sys.executable, "-c", CHILD, json.dumps(argv)],
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"no answer within {CHILD_TIMEOUT} s (the input should be refused quickly)")
    if child.returncode < 0:
        return child.returncode, (
            f"[process killed by signal {-child.returncode}: the interpreter crashed]\n"
            + child.stdout
            + child.stderr
        )
    try:
        data = json.loads(child.stdout)
    except ValueError:
        return child.returncode, child.stdout + child.stderr
    return data["exit_code"], data["output"]


def expectations(case: dict[str, Any]) -> list[dict[str, Any]]:
    if "expect" in case:
        return case["expect"]
    if "hint" in case:
        return [{"at": case.get("at"), "hint": case["hint"]}]
    return []


def params() -> list[Any]:
    out = []
    for case in CASES:
        marks = []
        if case.get("branding"):
            marks.append(
                pytest.mark.skipif(
                    not report_has_branding_option(),
                    reason="`readiness report` has no --branding option yet",
                )
            )
        out.append(pytest.param(case, id=case["id"], marks=marks))
    return out


def test_case_ids_are_unique_and_inputs_exist() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    assert len(CASES) >= 40
    for case in CASES:
        assert "file" not in case or (HERE / case["file"]).is_file(), case["id"]
        assert "make" not in case or case["make"] in MAKERS, case["id"]
        assert isinstance(case["exit"], int), case["id"]
    used = {case["file"] for case in CASES if "file" in case}
    used |= {"checklists/demo-points/1.0.0.yaml"}  # reached through --checklists {here}/checklists
    on_disk = {
        p.relative_to(HERE).as_posix() for p in HERE.rglob("*.yaml") if p.name != "cases.yaml"
    }
    assert on_disk - used == set(), "input files no case uses"


@pytest.mark.parametrize("case", params())
def test_bad_input(case: dict[str, Any], tmp_path: Path) -> None:
    if "chmod" in case and not permissions_apply():
        pytest.skip("file permissions are not enforced here (running as root?)")
    path = prepare_input(case, tmp_path)
    places = {
        "file": str(path) if path else "",
        "tmp": str(tmp_path),
        "here": str(HERE),
        "example": str(EXAMPLE),
    }

    def fill(text: str) -> str:
        return text.format(**places)

    for name, text in (case.get("setup") or {}).items():
        target = tmp_path / name
        if name.endswith("/"):
            target.mkdir(parents=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    modes = {Path(fill(p)): int(mode, 8) for p, mode in (case.get("chmod") or {}).items()}
    for target, mode in modes.items():
        target.chmod(mode)
    try:
        argv = ["--lang", "en", *(fill(a) for a in case.get("args", ["validate", "{file}"]))]
        code, output = invoke(argv, bool(case.get("isolate")))
    finally:
        for target in modes:
            target.chmod(0o700)

    failures = []
    if "Traceback" in output or "internal error" in output:
        failures.append("the output shows a traceback or an internal error")
    if code != case["exit"]:
        failures.append(f"exit code {code}, expected {case['exit']}")
    lines = output.splitlines()
    for expected in expectations(case):
        name = fill(expected.get("names", case.get("names", "{file}")))
        at = expected.get("at")
        where = name if not at else f"{name}:{at[0]}:" + (f"{at[1]}:" if at[1] else "")
        hints = [expected["hint"]] if isinstance(expected["hint"], str) else expected["hint"]
        messages = [line.split(where, 1)[1] for line in lines if where in line]
        if not any(all(h in message for h in hints) for message in messages):
            failures.append(f"no message at {where} containing {hints}")
    if case["exit"] == 0 and any(": error: " in line for line in lines):
        failures.append("an input that must be accepted was reported as an error")
    for name in case.get("unchanged", []):
        if (tmp_path / name).read_text(encoding="utf-8") != case["setup"][name]:
            failures.append(f"{name} was changed")
    for name in case.get("absent", []):
        if (tmp_path / name).exists():
            failures.append(f"{name} was written although the run failed")
    assert not failures, "\n".join([*failures, "--- output:", output[:3000]])
