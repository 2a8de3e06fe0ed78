"""Our schemas say what `readiness validate` enforces: an outside validator agrees on every case.

Each bad-input case that parses is checked twice against the same schema and the same data
(our parsed document, written as JSON so YAML dialects do not differ): by `readiness`'s own
schema check and by check-jsonschema (ECMA-262 regexes, format checks on). Both must find the
document valid, or both invalid.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from readiness.assess.validate import detect_kind
from readiness.formats import yamlio
from readiness.formats.problems import InputError
from readiness.formats.resources import resource
from readiness.formats.schemas import schema_problems

HERE = Path(__file__).resolve().parent / "bad_inputs"
CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
CHECKER = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))


def parsed_cases() -> list[tuple[str, yamlio.Document, str]]:
    found = []
    for case in CASES:
        if "file" not in case or "encode" in case:
            continue
        try:
            doc = yamlio.load(HERE / case["file"])
        except InputError:
            continue  # not a document at all: no schema can say anything about it
        kind = detect_kind(doc.data)
        if kind is not None:
            found.append((case["id"], doc, kind))
    return found


def outside_verdicts(docs: list[tuple[str, Any, str]], tmp: Path) -> dict[str, bool]:
    """case id -> valid according to check-jsonschema, one run per schema."""
    verdicts: dict[str, bool] = {}
    by_kind: dict[str, list[tuple[str, Path]]] = {}
    for case_id, data, kind in docs:
        path = tmp / f"{case_id}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        by_kind.setdefault(kind, []).append((case_id, path))
    for kind, files in by_kind.items():
        result = subprocess.run(
            [
                CHECKER,
                "--schemafile",
                str(resource("schemas", f"{kind}.schema.json")),
                "--output-format",
                "json",
                *[str(p) for _, p in files],
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        report = json.loads(result.stdout)
        failed = {Path(e["filename"]).name for e in report["errors"]}
        assert not report["parse_errors"], report["parse_errors"]
        for case_id, path in files:
            verdicts[case_id] = path.name not in failed
    return verdicts


@pytest.mark.skipif(CHECKER is None, reason="check-jsonschema is a test dependency: ./dev test")
def test_check_jsonschema_agrees_on_every_schema_level_case(tmp_path: Path) -> None:
    cases = parsed_cases()
    assert len(cases) >= 40  # the corpus really is exercised
    outside = outside_verdicts([(i, d.data, k) for i, d, k in cases], tmp_path)
    ours = {case_id: not schema_problems(doc, kind) for case_id, doc, kind in cases}
    disagreements = {i: (ours[i], outside[i]) for i in ours if ours[i] != outside[i]}
    assert not disagreements, f"(readiness valid, check-jsonschema valid): {disagreements}"
    assert not ours["answers-pattern-trailing-newline"]  # the cases the issue named
    assert not ours["checklist-date-not-real"] and not ours["checklist-blank-text"]
    assert not ours["checklist-prerequisite-verdict-misspelt"]
    assert not ours["branding-validated-logo-url"]


def test_schemas_have_stable_ids() -> None:
    for path in sorted(resource("schemas").glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["$id"] == f"https://readiness.example/schemas/{path.name}", path.name
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
