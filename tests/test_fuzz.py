"""A seeded mutation fuzzer over the example answers file and a checklist.

Each case mutates the text (a value replaced by a tagged or extreme scalar, a line dropped,
doubled, re-indented or cut, bytes inserted) and runs what `validate` and `score` run. Nothing
may raise except a ReadinessError (exit 1 or 3), and a file that validates must score to
finite, JSON-serialisable results. CI runs a few hundred cases; `READINESS_FUZZ_CASES=10000
pytest tests/test_fuzz.py` runs the slow mode, which also holds every case to 30 s and the whole
run to 256 MB of memory.
"""

from __future__ import annotations

import json
import os
import random
import resource as rlimit
import time
from pathlib import Path

import pytest

from readiness.assess.scoring import assess
from readiness.assess.validate import load_answers, validate_file
from readiness.content.catalog import Catalog
from readiness.formats.problems import ReadinessError
from readiness.formats.resources import resource
from readiness.report.text import render_text
from tests.conftest import EXAMPLE

CASES = int(os.environ.get("READINESS_FUZZ_CASES", "300"))
SLOW = CASES > 1000
SEED = int(os.environ.get("READINESS_FUZZ_SEED", "20261206"))
MAX_CASE_SECONDS = 30
MAX_RSS_MB = 256

EXTREME = [
    "!!bool maybe", "!!int abc", "!!float x", "!!int", "!!str", "!!binary x", "!!set {a}",
    "!!python/object/apply:os.system [ls]", "!!timestamp 2020-13-45", ".nan", "-.inf", ".inf",
    "9" * 5000, "-" + "9" * 400, "1e400", "0x7fffffffffffffff", "0o17", "~", "null", "yes", "no",
    "on", "[]", "{}", "[[[[[[[[", "]]", "'", '"', '"\\ud800"', '"\\x00"', "&anchor x", "*anchor",
    "2026-02-30", "1900-01-01", "9999-12-31", "'2026-11-16\\n'", "-1", "0", "3.5", "true",
    "\t", "x" * 20000, "🚀 𠮷 한국어", "<script>alert(1)</script>", "{{ 7*7 }}", "| \n  block",
    "? complex", "- a", "a: b: c", "%YAML 1.1", "--- ", "...", "@", "`",
]  # fmt: skip


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    op = rng.randrange(7)
    if op <= 2 and ": " in lines[i]:  # replace a value: the commonest real-world damage
        key = lines[i].split(": ", 1)[0]
        lines[i] = f"{key}: {rng.choice(EXTREME)}"
    elif op <= 2 and lines[i].lstrip().startswith("- "):
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        lines[i] = f"{indent}- {rng.choice(EXTREME)}"
    elif op == 3:
        del lines[i]
    elif op == 4:
        lines.insert(i, lines[i])
    elif op == 5:
        lines[i] = " " * rng.randrange(0, 9) + lines[i].lstrip()
    else:
        cut = rng.randrange(len(lines[i]) + 1)
        noise = rng.choice(["\x00", "\ufeff", "\t", "\r", "#", ":", "{", "ÿ", "\u2028"])
        lines[i] = lines[i][:cut] + noise + lines[i][cut:]
    return "\n".join(lines)


def _mutants(base: str, rng: random.Random) -> str:
    text = base
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        text = _mutate(text, rng)
    return text


def _run_answers(path: Path, catalog: Catalog) -> None:
    validate_file(path, catalog)
    try:
        answers, _ = load_answers(path, catalog)
    except ReadinessError:
        return
    assessment = assess(answers, catalog)
    json.dumps(assessment.to_json(), allow_nan=False)  # finite numbers only
    render_text(assessment, "ja")


def _run_checklist(path: Path, catalog: Catalog) -> None:
    validate_file(path, catalog)
    try:
        Catalog([path.parent.parent], use_cache=False).load_spec(path.parent.name)
    except ReadinessError:
        return


@pytest.mark.skipif(os.name != "posix", reason="uses POSIX resource limits")
def test_fuzzed_inputs_never_crash(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    catalog = Catalog(use_cache=False)
    answers_base = EXAMPLE.read_text(encoding="utf-8")
    checklist_base = resource("checklists", "cmmc-l1", "1.1.0.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "checklists" / "cmmc-l1"
    folder.mkdir(parents=True)
    slowest = 0.0
    failures: list[str] = []
    for n in range(CASES):
        is_answers = n % 3 != 2
        text = _mutants(answers_base if is_answers else checklist_base, rng)
        path = tmp_path / f"case{n % 50}.yaml" if is_answers else folder / "1.1.0.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        started = time.perf_counter()
        try:
            (_run_answers if is_answers else _run_checklist)(path, catalog)
        except ReadinessError:
            pass
        except Exception as exc:  # exit 70 in the CLI: what the fuzzer is here to find
            failures.append(f"case {n} (seed {SEED}): {type(exc).__name__}: {str(exc)[:200]}")
        slowest = max(slowest, time.perf_counter() - started)
    assert not failures, "\n".join(failures[:10])
    if SLOW:  # bounds, not speed: a hang or a blow-up is a defect
        peak_mb = rlimit.getrusage(rlimit.RUSAGE_SELF).ru_maxrss / 1024
        assert slowest < MAX_CASE_SECONDS, f"a case took {slowest:.1f} s"
        assert peak_mb < MAX_RSS_MB, f"peak memory {peak_mb:.0f} MB"
