"""OSCAL out: catalogs, assessment results and POA&Ms that the standard and other tools accept.

Every document is checked against the pinned official OSCAL v1.2.1 JSON Schemas (with an
ECMA-262 regex engine, see tests/oscal_validator.py) and loaded with compliance-trestle's
models; the same answers give the same bytes; findings point at controls that exist.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from readiness import api
from readiness.cli import cli
from readiness.content.catalog import Catalog
from readiness.exchange.oscal_common import NS
from readiness.formats.problems import ExitCode
from tests.conftest import EXAMPLE, all_ids, answers_doc, score, write_yaml
from tests.oscal_validator import SCHEMA_DIR, ecma, errors


def run(*args: str, lang: str = "en") -> Any:
    return CliRunner().invoke(cli, ["--lang", lang, *args])


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("oscal")
    result = run("oscal", str(EXAMPLE), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def kind_of(path: Path) -> str:
    return path.name.split(".")[1]


def ours(node: dict[str, Any], name: str, cls: str | None = None) -> str | None:
    for p in node.get("props", []):
        if p["name"] == name and p.get("ns") == NS and p.get("class") == cls:
            return p["value"]
    return None


def oscal_prop(node: dict[str, Any], name: str) -> str | None:
    return next(
        (p["value"] for p in node.get("props", []) if p["name"] == name and "ns" not in p), None
    )


# -- the validator itself ------------------------------------------------------------------------


def test_pinned_schemas_are_the_release_files() -> None:
    readme = (SCHEMA_DIR / "README.md").read_text(encoding="utf-8")
    assert "v1.2.1" in readme
    for name, digest in re.findall(r"`(oscal_[\w-]+\.json)` \| [^|]+\| `([0-9a-f]{64})`", readme):
        assert hashlib.sha256((SCHEMA_DIR / name).read_bytes()).hexdigest() == digest, name
    assert len(re.findall(r"`oscal_[\w-]+\.json`", readme)) == 3


def test_patterns_run_as_ecma_with_unicode_classes() -> None:
    token = r"^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$"
    with pytest.raises(re.error):
        re.compile(token)  # why the stock validator cannot be used
    assert ecma(token).find("SP_800_171_3.1.1") is not None
    assert ecma(token).find("適合事業者_1") is not None  # Unicode letters are tokens
    assert ecma(token).find("3.1.1") is None  # a token must not start with a digit
    assert ecma(r"^\S(.*\S)?$").find("ok\n") is None  # `$` is the very end, as in ECMA


def test_the_validator_rejects_what_the_schema_forbids(exported: Path) -> None:
    doc = load(exported / "cmmc-l2.catalog.json")
    assert errors("catalog", doc) == []
    doc["catalog"]["groups"][0]["controls"][0]["id"] = "3.1.1"
    doc["catalog"]["metadata"]["last-modified"] = "2026-11-16"
    doc["catalog"]["back-matter"]["resources"][0]["rlinks"][0]["href"] = "bad href with spaces"
    found = errors("catalog", doc)
    assert any("'3.1.1' does not match" in e for e in found)
    assert any("last-modified" in e for e in found)
    assert any("href" in e for e in found)


# -- every document validates and loads elsewhere --------------------------------------------------


def test_example_exports_validate_against_the_pinned_schemas(exported: Path) -> None:
    files = sorted(exported.glob("*.json"))
    assert {kind_of(p) for p in files} == {"catalog", "assessment-results", "poam"}
    for path in files:
        assert errors(kind_of(path), load(path)) == [], path.name


def test_every_bundled_checklist_version_is_a_valid_catalog(catalog: Catalog) -> None:
    for entry in catalog.entries:
        doc = json.loads(api.oscal_catalog(catalog.load(entry)))
        assert errors("catalog", doc) == [], entry.ref


def test_example_exports_load_in_compliance_trestle(exported: Path) -> None:
    trestle = pytest.importorskip("trestle.oscal", reason="compliance-trestle is a test dependency")
    from trestle.oscal.assessment_results import AssessmentResults
    from trestle.oscal.catalog import Catalog as TrestleCatalog
    from trestle.oscal.poam import PlanOfActionAndMilestones

    assert trestle.OSCAL_VERSION == "1.2.1"
    models = {
        "catalog": TrestleCatalog,
        "assessment-results": AssessmentResults,
        "poam": PlanOfActionAndMilestones,
    }
    for path in sorted(exported.glob("*.json")):
        model = models[kind_of(path)].oscal_read(path)
        assert model is not None and str(model.uuid) == next(iter(load(path).values()))["uuid"]


# -- same answers, same bytes ------------------------------------------------------------------------


def test_re_export_gives_identical_bytes(exported: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run("oscal", str(EXAMPLE), "-o", str(again)).exit_code == 0
    names = sorted(p.name for p in exported.glob("*.json"))
    assert names == sorted(p.name for p in again.glob("*.json"))
    for name in names:
        assert (again / name).read_bytes() == (exported / name).read_bytes(), name
    # into the same folder: nothing to replace, so no --force needed and no backups made
    result = run("oscal", str(EXAMPLE), "-o", str(again))
    assert result.exit_code == 0 and "Unchanged" in result.output
    assert not list(again.glob("*.bak*"))


def test_uuids_are_derived_from_organisation_checklist_and_item(exported: Path) -> None:
    ar = load(exported / "cmmc-l2.assessment-results.json")["assessment-results"]
    poam = load(exported / "cmmc-l2.poam.json")["plan-of-action-and-milestones"]
    observations = {ours(o, "item-id"): o["uuid"] for o in ar["results"][0]["observations"]}
    assert all(uuid.UUID(u).version == 5 for u in observations.values())
    assert len(set(observations.values())) == len(observations)
    for o in poam["observations"]:  # the same observation is the same object in both documents
        assert observations[ours(o, "item-id")] == o["uuid"]
    renamed = score(
        Catalog(use_cache=False), {"cmmc-l2": {i: "met" for i in all_ids(Catalog(), "cmmc-l2")}}
    )
    other = json.loads(dict(api.oscal_documents(renamed))["cmmc-l2.assessment-results.json"])
    other_obs = {
        ours(o, "item-id"): o["uuid"]
        for o in other["assessment-results"]["results"][0]["observations"]
    }
    assert set(other_obs.values()).isdisjoint(observations.values())  # another organisation


# -- catalogs ------------------------------------------------------------------------------------------


def test_cmmc_l2_controls_follow_nist_sp_800_171_r2_numbering(exported: Path) -> None:
    cat = load(exported / "cmmc-l2.catalog.json")["catalog"]
    controls = [c for g in cat["groups"] for c in g["controls"]]
    assert len(controls) == 110
    first = controls[0]
    assert first["id"] == "SP_800_171_3.1.1"
    assert oscal_prop(first, "label") == "3.1.1"
    assert oscal_prop(first, "sort-id") == "03.01.01"
    assert oscal_prop(first, "alt-identifier") == "AC.L2-3.1.1"
    assert ours(first, "points") == "5" and ours(first, "poam") == "not_eligible"
    assert {c["id"] for c in controls} >= {"SP_800_171_3.13.11", "SP_800_171_3.12.4"}
    assert oscal_prop(cat["groups"][0], "label") == "3.1"


def test_catalog_carries_both_languages_and_references(exported: Path) -> None:
    cat = load(exported / "jp-export.catalog.json")["catalog"]
    assert ours(cat["metadata"], "title", "ja")
    group = cat["groups"][0]
    assert ours(group, "title", "ja")
    control = group["controls"][0]
    names = [p["name"] for p in control["parts"]]
    assert names[:3] == ["statement", "guidance", "remediation"]
    japanese = next(p for p in control["parts"] if p["name"] == "translation")
    assert japanese["class"] == "ja" and re.search(
        r"[\u3040-\u30ff\u4e00-\u9fff]", japanese["title"]
    )
    assert [p["name"] for p in japanese["parts"]] == ["statement", "guidance", "remediation"]
    resources = {r["uuid"]: r for r in cat["back-matter"]["resources"]}
    for link in control["links"]:
        assert link["rel"] == "reference" and link["href"][1:] in resources
    assert any(
        r.get("rlinks", [{}])[0].get("href", "").startswith("https://") for r in resources.values()
    )


def test_catalog_command_writes_one_file_or_stdout(tmp_path: Path) -> None:
    out = tmp_path / "l3.json"
    assert run("oscal", "--catalog", "cmmc-l3@1.1.0", "-o", str(out)).exit_code == 0
    cat = load(out)["catalog"]
    assert cat["metadata"]["version"] == "1.1.0"
    assert cat["groups"][0]["controls"][0]["id"].startswith("SP_800_172_3.")
    piped = run("oscal", "--catalog", "cmmc-l3@1.1.0", "-o", "-")
    assert piped.exit_code == 0 and piped.stdout.encode("utf-8") == out.read_bytes()


# -- assessment results and POA&M ------------------------------------------------------------------


def test_findings_point_at_controls_of_the_catalog(exported: Path) -> None:
    for path in exported.glob("*.assessment-results.json"):
        cid = path.name.split(".")[0]
        cat = load(exported / f"{cid}.catalog.json")["catalog"]
        controls = {c["id"] for g in cat["groups"] for c in g["controls"]}
        statements = {
            p["id"]
            for g in cat["groups"]
            for c in g["controls"]
            for p in c["parts"]
            if p["name"] == "statement"
        }
        ar = load(path)["assessment-results"]
        result = ar["results"][0]
        for f in result.get("findings", []):
            assert f["target"]["type"] == "statement-id" and f["target"]["target-id"] in statements
        for sel in result["reviewed-controls"]["control-selections"]:
            assert {c["control-id"] for c in sel.get("exclude-controls", [])} <= controls
        rlink = ar["back-matter"]["resources"][0]["rlinks"][0]
        assert rlink["href"] == f"{cid}.catalog.json"
        digest = hashlib.sha256((exported / rlink["href"]).read_bytes()).hexdigest()
        assert rlink["hashes"][0]["value"] == digest


def test_one_observation_and_finding_per_assessed_item(exported: Path, catalog: Catalog) -> None:
    answers, _ = api.load_answers(EXAMPLE, catalog)
    result = next(r for r in api.assess(answers, catalog).results if r.checklist.id == "cmmc-l2")
    ar = load(exported / "cmmc-l2.assessment-results.json")["assessment-results"]["results"][0]
    in_scope = [r for r in result.items if r.in_scope]
    assert len(ar["observations"]) == len(ar["findings"]) == len(in_scope)
    assert len(ar["risks"]) == len(result.gaps)
    assert ours(ar, "verdict") == result.verdict == "not_eligible"
    assert ours(ar, "sprs-score") == str(result.score)
    finding = next(f for f in ar["findings"] if ours(f, "item-id") == "AU.L2-3.3.5")
    assert finding["target"]["status"] == {"state": "not-satisfied", "reason": "fail"}
    assert "Not POA&M-eligible" in finding["description"]


def test_note_evidence_and_owner_come_across(exported: Path) -> None:
    ar = load(exported / "cmmc-l2.assessment-results.json")["assessment-results"]
    result = ar["results"][0]
    obs = {ours(o, "item-id"): o for o in result["observations"]}
    assert obs["AT.L2-3.2.3"]["remarks"].startswith("No insider-threat awareness module yet")
    evidence = obs["AC.L2-3.1.1"]["relevant-evidence"]
    assert [e["href"] for e in evidence] == [
        "policies/access-control-policy-v2.pdf",
        "screenshots/entra-user-list-2026-10.png",
    ]
    parties = {p["name"]: p["uuid"] for p in ar["metadata"]["parties"]}
    owners = next(
        r for r in ar["metadata"]["responsible-parties"] if r["role-id"] == "requirement-owner"
    )
    assert parties["US GM J. Miller"] in owners["party-uuids"]
    risk = next(r for r in result["risks"] if ours(r, "item-id") == "AT.L2-3.2.3")
    task = risk["remediations"][0]["tasks"][0]
    assert task["timing"]["on-date"]["date"] == "2027-02-28T00:00:00Z"
    assert task["responsible-roles"][0]["party-uuids"] == [parties["US GM J. Miller"]]


def test_no_gaps_no_poam(exported: Path) -> None:
    assert (exported / "cmmc-l1.assessment-results.json").is_file()
    assert not (exported / "cmmc-l1.poam.json").exists()


def test_conditional_status_puts_the_180_day_close_out_on_every_item(tmp_path: Path) -> None:
    cat = Catalog(use_cache=False)
    answers = {i: "met" for i in all_ids(cat, "cmmc-l2")}
    answers["AT.L2-3.2.3"] = {"status": "not_met", "owner": "Ken", "due": "2027-01-31"}
    answers["SC.L2-3.13.11"] = {"status": "partial", "due": "2027-09-30"}  # partial_only: eligible
    result = score(cat, {"cmmc-l2": answers}, versions={"cmmc-l2": "1.1.0"})
    assert result.results[0].verdict == "conditional"
    files = dict(api.oscal_documents(result))
    poam = json.loads(files["cmmc-l2.poam.json"])
    assert errors("poam", poam) == []
    doc = poam["plan-of-action-and-milestones"]
    assert "180 days" in doc["metadata"]["remarks"] and "2027-05-15" in doc["metadata"]["remarks"]
    items = {ours(i, "item-id"): i for i in doc["poam-items"]}
    assert set(items) == {"AT.L2-3.2.3", "SC.L2-3.13.11"}
    assert all(ours(i, "poam-eligible") == "true" for i in items.values())
    assert all(ours(i, "closeout-date") == "2027-05-15" for i in items.values())
    assert "after the close-out deadline" in items["SC.L2-3.13.11"]["remarks"]
    assert ours(items["SC.L2-3.13.11"], "deduction") == "3"
    for risk in doc["risks"]:
        assert risk["deadline"] == "2027-05-15T00:00:00Z"
        closeout = [t for t in risk["remediations"][0]["tasks"] if "close-out" in t["title"]]
        assert closeout[0]["timing"]["on-date"]["date"] == "2027-05-15T00:00:00Z"


def test_not_eligible_says_why_each_gap_may_not_go_on_a_poam(exported: Path) -> None:
    doc = load(exported / "cmmc-l2.poam.json")["plan-of-action-and-milestones"]
    items = {ours(i, "item-id"): i for i in doc["poam-items"]}
    assert ours(items["AU.L2-3.3.5"], "poam-eligible") == "false"
    assert "does not allow this 5-point requirement" in items["AU.L2-3.3.5"]["remarks"]
    assert ours(items["AT.L2-3.2.3"], "poam-eligible") == "true"
    assert all(ours(i, "closeout-date") is None for i in items.values())
    assert "do not reach conditional status" in doc["metadata"]["remarks"]


# -- the command's rules -------------------------------------------------------------------------------


def test_only_named_checklists(tmp_path: Path) -> None:
    result = run("oscal", str(EXAMPLE), "-o", str(tmp_path), "--checklist", "cmmc-l2")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cmmc-l2.assessment-results.json",
        "cmmc-l2.catalog.json",
        "cmmc-l2.poam.json",
    ]
    wrong = run("oscal", str(EXAMPLE), "-o", str(tmp_path), "--checklist", "cmmc-l9")
    assert wrong.exit_code == ExitCode.INPUT and "did you mean 'cmmc-l3'" in wrong.output


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["-o", "out"], ExitCode.USAGE),  # neither answers nor --catalog
        ([str(EXAMPLE), "--catalog", "cmmc-l2", "-o", "out"], ExitCode.USAGE),
        (["--catalog", "cmmc-l2", "--checklist", "cmmc-l2", "-o", "out"], ExitCode.USAGE),
        ([str(EXAMPLE), "-o", "-"], ExitCode.OUTPUT),  # several files: a folder is needed
    ],
)
def test_usage_mistakes(tmp_path: Path, args: list[str], code: int) -> None:
    args = [str(tmp_path / a) if a == "out" else a for a in args]
    result = run("oscal", *args)
    assert result.exit_code == code, result.output


def test_changed_documents_need_force(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    out.write_text("{}", encoding="utf-8")
    refused = run("oscal", "--catalog", "uk-nsi", "-o", str(out))
    assert refused.exit_code == ExitCode.OUTPUT and "--force" in refused.output
    assert run("oscal", "--catalog", "uk-nsi", "-o", str(out), "--force").exit_code == 0
    assert (tmp_path / "c.json.bak").read_text(encoding="utf-8") == "{}"


def test_messages_in_japanese(tmp_path: Path) -> None:
    result = run("oscal", "-o", str(tmp_path / "x"), lang="ja")
    assert result.exit_code == ExitCode.USAGE and "どちらか一方" in result.output


def test_a_poam_left_from_an_earlier_export_is_pointed_out(tmp_path: Path) -> None:
    ids = all_ids(Catalog(), "cmmc-l1")
    gap = write_yaml(tmp_path / "gap.yaml", answers_doc({"cmmc-l1": {i: "met" for i in ids[1:]}}))
    done = write_yaml(tmp_path / "done.yaml", answers_doc({"cmmc-l1": dict.fromkeys(ids, "met")}))
    out = tmp_path / "oscal"
    assert run("oscal", str(gap), "-o", str(out)).exit_code == 0
    assert (out / "cmmc-l1.poam.json").is_file()
    result = run("oscal", str(done), "-o", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert "from an earlier export" in result.output
    assert (out / "cmmc-l1.poam.json").is_file()  # never deleted: the user decides
