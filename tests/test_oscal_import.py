"""OSCAL in: a catalog becomes a draft checklist that `validate` accepts but for its Japanese.

The NIST catalogs come from the project's shared reference folder (SP 800-171 r3 as NIST's XML,
SP 800-171 r2 as the community JSON that is not schema-valid); a small catalog written here in
SP 800-53's shape covers parameters, selections, enhancements and withdrawn controls.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from readiness import api
from readiness.cli import cli
from readiness.formats.problems import ExitCode, InputError, Problem
from tests.conftest import ROOT

REFERENCE = ROOT.parent / "shared" / "reference" / "cmmc" / "oscal-catalogs"
R3_XML = REFERENCE / "sp800-171-rev3" / "NIST_SP800-171_rev3_catalog.xml"
R2_JSON = REFERENCE / "sp800-171-rev2-community" / "NIST_SP-800-171_rev2_catalog.json"
needs_reference = pytest.mark.skipif(
    not R3_XML.is_file(), reason=f"the shared reference catalogs are not at {REFERENCE}"
)


def run(*args: str, lang: str = "en") -> Any:
    return CliRunner().invoke(cli, ["--lang", lang, *args])


def import_and_validate(
    source: Path, cid: str, folder: Path
) -> tuple[dict[str, Any], list[Problem], str]:
    result = run("import-oscal-catalog", str(source), "--id", cid, "-o", str(folder))
    assert result.exit_code == 0, result.output
    draft = folder / cid / "1.0.0.yaml"
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    _files, problems = api.validate_paths([draft], api.load_catalog([folder], use_cache=False))
    return data, problems, result.output


def only_missing_japanese(problems: list[Problem]) -> bool:
    errors = [p for p in problems if p.level == "error"]
    return bool(errors) and all(
        p.path.endswith(".ja") and p.message == "missing ja translation" for p in errors
    )


def items(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for s in data["sections"] for i in s["items"]}


@needs_reference
def test_nist_sp_800_171_r3_xml_imports_into_a_draft_that_validates(tmp_path: Path) -> None:
    data, problems, output = import_and_validate(R3_XML, "nist-171r3", tmp_path)
    assert only_missing_japanese(problems)
    assert data["status"] == "draft" and len(data["sections"]) == 17
    found = items(data)
    assert len(found) == 97  # the 33 withdrawn requirements are skipped, and said so
    assert "33 withdrawn control(s) skipped" in output
    account = found["SP_800_171_03.01.01"]
    assert account["title"] == {"ja": "", "en": "Account Management"}
    # the r3 1.0.0 XML keeps the text in nested SR- controls: it is taken from there
    assert (
        "- a. Define the types of system accounts allowed and prohibited."
        in account["question"]["en"]
    )
    assert "[Assignment: organization-defined time period]" in account["question"]["en"]
    assert account["guidance"]["en"].startswith("Met when (assessment objectives):")
    assert account["references"] == [{"source": "oscal-catalog", "section": "03.01.01"}]
    assert not any(i.startswith("SP_800_171_SR-") for i in found)
    assert [s["id"] for s in data["sections"]][:2] == ["SP_800_171_03.01", "SP_800_171_03.02"]
    source = data["sources"][0]
    assert source["url"] == "https://csrc.nist.gov/pubs/sp/800/171/r3/final"
    assert source["date"] == "2025-05-29" and source["publisher"].startswith("National Institute")
    assert "410 Japanese texts are left for translators" in output


@needs_reference
def test_community_sp_800_171_r2_json_is_read_despite_its_schema_errors(tmp_path: Path) -> None:
    data, problems, output = import_and_validate(R2_JSON, "nist-171r2", tmp_path)
    assert only_missing_japanese(problems)
    found = items(data)
    assert len(found) == 110 and list(found)[:3] == ["3.1.1", "3.1.2", "3.1.3"]
    assert "3.2.1" in found  # its id is " 3.2.1 " with spaces: trimmed, and reported
    assert "$.catalog.groups[1].controls[0].id: id ' 3.2.1 ' is not a valid checklist id" in output
    assert found["3.1.1"]["guidance"]["en"].count("\n- ") == 6  # 800-171A objectives [a]–[f]


def catalog_800_53_style() -> dict[str, Any]:
    """A small catalog in SP 800-53's shape: params, a selection, an enhancement, a withdrawal."""
    return {
        "catalog": {
            "uuid": "74c8ba1e-5cd4-4ad1-bbfd-d888e2f6c724",
            "metadata": {
                "title": "Demo Controls",
                "last-modified": "2024-02-01T00:00:00Z",
                "version": "5.1.1",
                "oscal-version": "1.1.2",
                "links": [{"href": "https://example.org/demo", "rel": "canonical"}],
            },
            "groups": [
                {
                    "id": "ac",
                    "class": "family",
                    "title": "Access Control",
                    "controls": [
                        {
                            "id": "ac-2",
                            "title": "Account Management",
                            "params": [
                                {"id": "ac-02_odp.01", "label": "organization-defined time period"},
                                {
                                    "id": "ac-02_odp.02",
                                    "select": {
                                        "how-many": "one-or-more",
                                        "choice": ["disable", "remove"],
                                    },
                                },
                            ],
                            "props": [{"name": "label", "value": "AC-2"}],
                            "parts": [
                                {
                                    "id": "ac-2_smt",
                                    "name": "statement",
                                    "parts": [
                                        {
                                            "id": "ac-2_smt.a",
                                            "name": "item",
                                            "props": [{"name": "label", "value": "a."}],
                                            "prose": "Review accounts every {{ insert: param, ac-02_odp.01 }}.",
                                        },
                                        {
                                            "id": "ac-2_smt.b",
                                            "name": "item",
                                            "props": [{"name": "label", "value": "b."}],
                                            "prose": "Then {{ insert: param, ac-02_odp.02 }} them.",
                                        },
                                    ],
                                },
                                {"id": "ac-2_gdn", "name": "guidance", "prose": "Accounts matter."},
                            ],
                            "controls": [
                                {
                                    "id": "ac-2.1",
                                    "title": "Automated Account Management",
                                    "props": [{"name": "label", "value": "AC-2(1)"}],
                                    "parts": [
                                        {
                                            "id": "ac-2.1_smt",
                                            "name": "statement",
                                            "prose": "Automate it.",
                                        }
                                    ],
                                },
                                {
                                    "id": "ac-2.10",
                                    "title": "Shared Account Credential Change",
                                    "props": [{"name": "status", "value": "withdrawn"}],
                                },
                            ],
                        }
                    ],
                }
            ],
        }
    }


def test_parameters_enhancements_and_withdrawals(tmp_path: Path) -> None:
    source = tmp_path / "demo.json"
    source.write_text(json.dumps(catalog_800_53_style()), encoding="utf-8")
    data, problems, output = import_and_validate(source, "demo-53", tmp_path / "checklists")
    assert only_missing_japanese(problems)
    found = items(data)
    assert list(found) == ["ac-2", "ac-2.1"]  # the enhancement is an item; the withdrawn one not
    question = found["ac-2"]["question"]["en"]
    assert "- a. Review accounts every [Assignment: organization-defined time period]." in question
    assert "- b. Then [Selection (one or more): disable; remove] them." in question
    assert found["ac-2"]["guidance"]["en"] == "Accounts matter."
    assert found["ac-2.1"]["references"][0]["section"] == "AC-2(1)"
    assert data["sources"][0]["url"] == "https://example.org/demo"
    assert "1 withdrawn control(s) skipped" in output


def test_our_own_catalog_comes_back_with_its_ids_and_english(tmp_path: Path) -> None:
    exported = tmp_path / "jp-export.json"
    assert run("oscal", "--catalog", "jp-export@1.1.0", "-o", str(exported)).exit_code == 0
    data, problems, _ = import_and_validate(exported, "jp-export-copy", tmp_path / "checklists")
    assert only_missing_japanese(problems)
    original = api.load_catalog(use_cache=False).load_spec("jp-export@1.1.0")
    assert list(items(data)) == [i.id for i in original.items()]
    assert [s["id"] for s in data["sections"]] == [s.id for s in original.sections]


def test_draft_never_replaces_without_force_and_never_a_release(tmp_path: Path) -> None:
    source = tmp_path / "demo.json"
    source.write_text(json.dumps(catalog_800_53_style()), encoding="utf-8")
    folder = tmp_path / "checklists"
    assert (
        run("import-oscal-catalog", str(source), "--id", "demo", "-o", str(folder)).exit_code == 0
    )
    again = run("import-oscal-catalog", str(source), "--id", "demo", "-o", str(folder))
    assert again.exit_code == ExitCode.OUTPUT and "--force" in again.output
    forced = run("import-oscal-catalog", str(source), "--id", "demo", "-o", str(folder), "--force")
    assert forced.exit_code == 0 and (folder / "demo" / "1.0.0.yaml.bak").is_file()
    bundled = tmp_path / "bundled"
    shutil.copytree(ROOT / "checklists", bundled)
    released = run(
        "import-oscal-catalog",
        str(source),
        "--id",
        "cmmc-l2",
        "--version",
        "1.1.0",
        "-o",
        str(bundled),
    )
    assert released.exit_code == ExitCode.OUTPUT and "released" in released.output


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (
            b'{"assessment-results": {}}',
            "not an OSCAL catalog (its top level is 'assessment-results'",
        ),
        (b'{"catalog": {"groups": []}}', "no controls to import"),
        (b'{"catalog": \n  [1,}', ":2:"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><catalog/>', "DOCTYPE"),
        (b"<catalog><group></catalog>", "not well-formed XML"),
        (b'<profile xmlns="http://csrc.nist.gov/ns/oscal/1.0"/>', "not an OSCAL <catalog>"),
    ],
)
def test_what_is_not_a_catalog_is_refused_plainly(
    tmp_path: Path, content: bytes, needle: str
) -> None:
    source = tmp_path / "in.file"
    source.write_bytes(content)
    result = run("import-oscal-catalog", str(source), "--id", "demo", "-o", str(tmp_path / "out"))
    assert result.exit_code == ExitCode.INPUT and needle in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def test_bad_id_or_version_is_refused(tmp_path: Path) -> None:
    document = catalog_800_53_style()
    with pytest.raises(InputError, match="not a checklist id"):
        api_draft(tmp_path, document, "Demo_53")
    with pytest.raises(InputError, match="not a version"):
        api_draft(tmp_path, document, "demo", version="1.0")


def api_draft(tmp_path: Path, document: dict[str, Any], cid: str, version: str = "1.0.0") -> Any:
    source = tmp_path / "demo.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    return api.oscal_draft_checklist(source, cid, version)
