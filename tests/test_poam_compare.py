"""POA&M rows and comparisons between two assessments, on hand-made answers."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from readiness.assess import poam
from readiness.assess.compare import classify, compare
from readiness.cli import cli
from readiness.content.catalog import Catalog
from readiness.formats.problems import ExitCode
from readiness.formats.resources import resource
from tests.conftest import EXAMPLE, all_ids, answers_doc, score, write_yaml


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["--lang", "en", *args])


def _l2(catalog: Catalog, **overrides: Any) -> dict[str, Any]:
    answers: dict[str, Any] = dict.fromkeys(all_ids(catalog, "cmmc-l2@1.1.0"), "met")
    answers.update(overrides)
    return answers


HAND_MADE = {
    "AC.L2-3.1.3": {  # 1 point, eligible
        "status": "not_met",
        "note": "Flow control rules not written",
        "owner": "K. Ito",
        "due": "2027-01-15",
    },
    "AC.L2-3.1.1": {"status": "not_met", "note": "Shared admin account"},  # 5 points
    "AC.L2-3.1.20": "not_met",  # 1 point, excluded by name
    "SC.L2-3.13.11": {"status": "partial", "note": "Not FIPS mode"},  # eligible as partial
    "IA.L2-3.5.3": "partial",  # 3 points lost, never eligible
    "AC.L2-3.1.4": None,  # unanswered, 1 point
}


def test_every_cmmc_gap_is_a_row_and_says_whether_it_may_go_on_a_poam(catalog: Catalog) -> None:
    a = score(catalog, {"cmmc-l2": _l2(catalog, **HAND_MADE)}, versions={"cmmc-l2": "1.1.0"})
    rows = {r.id: r for r in poam.rows(a, "en")}
    assert set(rows) == set(HAND_MADE)  # every gap, none hidden
    eligible = [r.id for r in poam.rows(a, "en") if r.poam_eligible]
    assert eligible == ["AC.L2-3.1.4", "SC.L2-3.13.11", "AC.L2-3.1.3"]  # planned date order
    assert [r.poam_eligible for r in poam.rows(a, "en")] == [True] * 3 + [False] * 3

    r = rows["AC.L2-3.1.3"]
    assert (r.weakness, r.owner, r.planned, r.points) == (
        "Flow control rules not written",
        "K. Ito",
        "2027-01-15",
        1,
    )
    assert r.closeout == "2027-05-15"  # 180 days after 2026-11-16
    assert "due date given" in r.milestones and "close-out assessment by 2027-05-15" in r.milestones
    assert rows["SC.L2-3.13.11"].points == 3 and "partly met" in rows["SC.L2-3.13.11"].why
    assert rows["AC.L2-3.1.4"].weakness.startswith("unanswered")
    assert rows["AC.L2-3.1.4"].planned == "2026-12-16"  # the 30-day wave: no due date given

    for item, words in (
        ("AC.L2-3.1.1", "5-point requirement: only 1-point requirements"),
        ("AC.L2-3.1.20", "excluded from a POA&M by name"),
        ("IA.L2-3.5.3", "5-point requirement"),
    ):
        row = rows[item]
        assert not row.poam_eligible and words in row.why, item
        assert row.closeout == "" and "must be met before the assessment" in row.milestones
    assert rows["AC.L2-3.1.1"].cells("en")[poam.COLUMNS.index("poam_eligible")] == "NO"


def test_ssp_and_level_1_gaps_are_never_eligible(catalog: Catalog) -> None:
    l1 = dict.fromkeys(all_ids(catalog, "cmmc-l1"), "met") | {"AC.L1-b.1.i": "not_met"}
    a = score(
        catalog,
        {"cmmc-l2": _l2(catalog, **{"CA.L2-3.12.4": "not_met"}), "cmmc-l1": l1, "jp-export": {}},
        versions={"cmmc-l2": "1.1.0"},
    )
    rows = {r.id: r for r in poam.rows(a, "ja")}
    assert set(rows) == {"CA.L2-3.12.4", "AC.L1-b.1.i"}  # jp-export has no POA&M
    assert rows["CA.L2-3.12.4"].points is None  # the SSP has no points: no score at all
    assert "システムセキュリティ計画" in rows["CA.L2-3.12.4"].why
    assert "POA&Mは認められず" in rows["AC.L1-b.1.i"].why
    assert not any(r.poam_eligible for r in rows.values())


def test_poam_command_writes_xlsx_and_csv(tmp_path: Path, catalog: Catalog) -> None:
    doc = answers_doc({"cmmc-l2": _l2(catalog, **HAND_MADE)}, versions={"cmmc-l2": "1.1.0"})
    answers = write_yaml(tmp_path / "a.yaml", doc)
    result = run("poam", str(answers), "-o", str(tmp_path / "p.xlsx"))
    assert result.exit_code == 0, result.output
    assert "6 gap(s): 3 may go on a POA&M, 3 may not" in result.output
    ws = load_workbook(tmp_path / "p.xlsx")["POA&M"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    head = next(i for i, row in enumerate(rows) if row[0] == "Checklist")
    body = rows[head + 1 :]
    assert len(body) == 6 and [r[6] for r in body] == ["yes"] * 3 + ["NO"] * 3
    assert ws.cell(row=head + 6, column=1).fill.fgColor.rgb.endswith("F8D7D4")
    assert any("score 96 of 110" in str(r[0]) for r in rows[:head])
    result = run("poam", str(answers), "-o", str(tmp_path / "p.csv"), "--lang", "ja")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "p.csv").read_bytes().decode("utf-8-sig")
    assert text.startswith("チェックリスト,ID,要件") and text.count("\r\n") == 7
    only_export = write_yaml(tmp_path / "e.yaml", answers_doc({"jp-export": {}}))
    refused = run("poam", str(only_export), "-o", str(tmp_path / "e.csv"))
    assert refused.exit_code == ExitCode.INPUT and "a POA&M is CMMC's" in refused.output


# -- compare --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("not_met", "met", "remediated"),
        ("unanswered", "not_applicable", "remediated"),
        ("met", "partial", "new_gap"),
        ("out_of_scope", "not_met", "new_gap"),
        ("partial", "not_met", "worse"),
        ("partial", "unanswered", "worse"),
        ("not_met", "partial", "improved"),
        ("not_met", "out_of_scope", "left_scope"),
        ("not_met", "unanswered", None),
        ("met", "not_applicable", None),
        ("met", "met", None),
    ],
)
def test_each_change_has_one_kind(old: str, new: str, kind: str | None) -> None:
    assert classify(old, new) == kind


def test_compare_same_version(catalog: Catalog) -> None:
    before = _l2(
        catalog, **{"AC.L2-3.1.3": "not_met", "AC.L2-3.1.4": "partial", "AC.L2-3.1.6": "not_met"}
    )
    after = _l2(
        catalog, **{"AC.L2-3.1.4": "not_met", "AC.L2-3.1.6": "partial", "AC.L2-3.1.1": "not_met"}
    )
    v = {"cmmc-l2": "1.1.0"}
    c = compare(
        score(catalog, {"cmmc-l2": before}, versions=v, date="2026-05-01"),
        score(catalog, {"cmmc-l2": after, "jp-export": {}}, versions=v),
    )
    (l2,) = c.checklists
    assert [x.id for x in l2.of("remediated")] == ["AC.L2-3.1.3"]
    assert [x.id for x in l2.of("new_gap")] == ["AC.L2-3.1.1"]
    assert [x.id for x in l2.of("worse")] == ["AC.L2-3.1.4"]
    assert [x.id for x in l2.of("improved")] == ["AC.L2-3.1.6"]
    assert (l2.old_score, l2.new_score, l2.score_delta) == (107, 103, -4)
    assert (l2.old_verdict, l2.new_verdict) == ("conditional", "not_eligible")
    assert c.only_new == ["jp-export@1.0.0"] and c.only_old == []
    assert l2.only_old == [] and l2.only_new == []


def test_compare_across_versions_lists_what_could_not_be_compared(catalog: Catalog) -> None:
    old_ids, new_ids = all_ids(catalog, "us-fcl@1.0.0"), all_ids(catalog, "us-fcl@1.1.0")
    c = compare(
        score(catalog, {"us-fcl": dict.fromkeys(old_ids, "not_met")}),
        score(catalog, {"us-fcl": dict.fromkeys(new_ids, "met")}, versions={"us-fcl": "1.1.0"}),
    )
    (fcl,) = c.checklists
    assert (fcl.old_ref, fcl.new_ref) == ("us-fcl@1.0.0", "us-fcl@1.1.0")
    assert sorted(fcl.only_new) == sorted(set(new_ids) - set(old_ids)) and len(fcl.only_new) == 4
    remediated = {x.id for x in fcl.of("remediated")}
    assert remediated and remediated.isdisjoint(fcl.only_new)
    assert fcl.percent_delta is not None and fcl.percent_delta > 0


def test_renamed_items_are_followed(tmp_path: Path) -> None:
    folder = tmp_path / "checklists"
    shutil.copytree(resource("checklists"), folder)
    assert run("--checklists", str(folder), "new-version", "us-fcl").exit_code == 0
    draft = folder / "us-fcl" / "1.2.0.yaml"
    text = draft.read_text(encoding="utf-8").replace(
        "- id: FCL-PER-09", "- id: FCL-PER-10\n        replaces: FCL-PER-09", 1
    )
    draft.write_text(text, encoding="utf-8")
    catalog = Catalog([folder], use_cache=False)
    old = score(catalog, {"us-fcl": {"FCL-PER-09": "not_met"}}, versions={"us-fcl": "1.1.0"})
    new = score(catalog, {"us-fcl": {"FCL-PER-10": "met"}}, versions={"us-fcl": "1.2.0"})
    (fcl,) = compare(old, new).checklists
    (change,) = fcl.of("remediated")
    assert (change.id, change.old_id) == ("FCL-PER-10", "FCL-PER-09")
    assert "FCL-PER-09" not in fcl.only_old and "FCL-PER-10" not in fcl.only_new


def test_compare_command_and_report_previous(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["assessment_date"] = "2026-05-01"
    answers = data["checklists"]["cmmc-l2"]["answers"]
    answers["AC.L2-3.1.1"] = "not_met"
    old = write_yaml(tmp_path / "old.yaml", data)
    text = run("compare", str(old), str(EXAMPLE))
    assert text.exit_code == 0, text.output
    assert "Remediated (1):" in text.output and "AC.L2-3.1.1" in text.output
    assert "2026-05-01 → 2026-11-16" in text.output
    out = run("compare", str(old), str(EXAMPLE), "--format", "json")
    l2 = next(c for c in json.loads(out.stdout)["checklists"] if c["id"] == "cmmc-l2")
    assert l2["remediated"] == [
        {"id": "AC.L2-3.1.1", "old": "not_met", "new": "met", "kind": "remediated"}
    ]
    assert l2["score"]["delta"] == 5
    html = tmp_path / "r.html"
    result = run("report", str(EXAMPLE), "-o", str(html), "--previous", str(old), "--lang", "ja")
    assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    assert 'href="#progress"' in page and "2026-05-01 からの進捗" in page
    assert page.index('id="progress"') < page.index('id="cl-cmmc-l1"')
    plain = tmp_path / "plain.html"
    assert run("report", str(EXAMPLE), "-o", str(plain)).exit_code == 0
    assert "#progress" not in plain.read_text(encoding="utf-8")


def test_poam_workbook_shows_text_not_formulas(tmp_path: Path, catalog: Catalog) -> None:
    doc = answers_doc(
        {"cmmc-l2": _l2(catalog, **{"AC.L2-3.1.3": {"status": "not_met", "note": "=1+1"}})},
        versions={"cmmc-l2": "1.1.0"},
    )
    answers = write_yaml(tmp_path / "a.yaml", doc)
    assert run("poam", str(answers), "-o", str(tmp_path / "p.xlsx")).exit_code == 0
    ws = load_workbook(io.BytesIO((tmp_path / "p.xlsx").read_bytes()))["POA&M"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "=1+1")
    assert cell.data_type == "s"
