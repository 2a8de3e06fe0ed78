"""Scoping never drops an obligation a startup has (issue 11): each fault of 1.0.0, fixed in 1.1.0.

Every case scores the same profile against both versions: 1.0.0 shows the fault (so the test
documents it), 1.1.0 keeps the obligation in scope or drops what does not bind the company.
"""

from __future__ import annotations

from typing import Any

import pytest

from readiness.content.catalog import Catalog
from tests.conftest import score


def statuses(catalog: Catalog, cid: str, version: str, profile: dict[str, Any]) -> dict[str, str]:
    result = score(catalog, {cid: {}}, profile=profile, versions={cid: version}).results[0]
    return {r.item.id: r.status for r in result.items} | {"__verdict__": result.verdict}


def in_scope(status: str) -> bool:
    return status != "out_of_scope"


DX = ["JPX-DX-01", "JPX-DX-02", "JPX-DX-03", "JPX-DX-04", "JPX-DX-05"]


def test_jp_deemed_exports_cover_japanese_staff(catalog: Catalog) -> None:
    """特定類型 covers residents of any nationality: no foreign staff does not drop the section."""
    profile = {
        "employs_foreign_nationals": False,
        "shares_controlled_technology": False,
        "exports_controlled_items": True,
        "handles_controlled_technology": True,
    }
    old, new = (statuses(catalog, "jp-export", v, profile) for v in ("1.0.0", "1.1.0"))
    assert not any(in_scope(old[i]) for i in DX)  # the 1.0.0 fault
    assert all(in_scope(new[i]) for i in DX)


def test_jp_deemed_exports_stay_in_scope_when_unknown(catalog: Catalog) -> None:
    profile = {"employs_foreign_nationals": None, "shares_controlled_technology": None}
    new = statuses(catalog, "jp-export", "1.1.0", profile | {"exports_controlled_items": True})
    assert all(in_scope(new[i]) for i in DX)


FOCI = ["FCL-FOCI-01", "FCL-FOCI-02", "FCL-FOCI-03", "FCL-FOCI-04", "FCL-FOCI-05"]


def test_us_subsidiary_of_a_japanese_parent_is_under_foci(catalog: Catalog) -> None:
    """A Japanese founder answers 'no foreign shareholders'; the US subsidiary is still FOCI."""
    profile = {
        "japanese_entity": True,
        "has_us_subsidiary": True,
        "foreign_ownership": False,
        "needs_us_classified_access": True,
    }
    old, new = (statuses(catalog, "us-fcl", v, profile) for v in ("1.0.0", "1.1.0"))
    assert not any(in_scope(old[i]) for i in FOCI if i in old)  # the 1.0.0 fault
    assert all(in_scope(new[i]) for i in FOCI)


def test_us_subsidiary_without_classified_work_needs_no_fcl(catalog: Catalog) -> None:
    profile = {"has_us_subsidiary": True, "needs_us_classified_access": False}
    old, new = (statuses(catalog, "us-fcl", v, profile) for v in ("1.0.0", "1.1.0"))
    assert old["__verdict__"] != "not_applicable"  # the 1.0.0 fault: 9 blocking items
    assert new["__verdict__"] == "not_applicable"
    unknown = statuses(catalog, "us-fcl", "1.1.0", {"has_us_subsidiary": True})
    assert unknown["__verdict__"] != "not_applicable"  # unstated: kept in scope


DEX = [f"USX-DEX-0{n}" for n in range(1, 7)]


def test_japanese_staff_at_a_us_subsidiary_are_foreign_persons(catalog: Catalog) -> None:
    profile = {
        "us_export_items": True,
        "employs_foreign_nationals": False,
        "has_us_subsidiary": True,
        "staff_non_us_persons": True,
    }
    old, new = (statuses(catalog, "us-export", v, profile) for v in ("1.0.0", "1.1.0"))
    assert not any(in_scope(old[i]) for i in DEX)  # the 1.0.0 fault
    assert all(in_scope(new[i]) for i in DEX)


def test_itar_registration_binds_manufacturers_exporters_and_brokers_only(
    catalog: Catalog,
) -> None:
    receiver = {"itar_items": True, "itar_registrant_activity": False}
    old, new = (statuses(catalog, "us-export", v, receiver) for v in ("1.0.0", "1.1.0"))
    assert in_scope(old["USX-ITAR-01"])  # the 1.0.0 fault: a blocking gap for a mere receiver
    assert not in_scope(new["USX-ITAR-01"])
    maker = statuses(catalog, "us-export", "1.1.0", receiver | {"itar_registrant_activity": True})
    assert in_scope(maker["USX-ITAR-01"])


@pytest.mark.parametrize(
    "cid", ["jp-cesi", "us-fcl", "atla-dism", "atla-cyber", "jp-export", "us-export"]
)
def test_weighted_bands_are_declared_heuristics(catalog: Catalog, cid: str) -> None:
    checklist = catalog.load_spec(f"{cid}@1.1.0")
    rationale = checklist.scoring.get("bands_rationale")
    assert rationale and rationale["en"].strip() and rationale["ja"].strip()
    result = score(catalog, {cid: {}}, versions={cid: "1.1.0"}).results[0]
    thresholds = result.to_json()["thresholds"]
    assert thresholds["basis"] == "heuristic" and thresholds["rationale"] == rationale
    assert result.verdict != "conditional"  # CMMC's legal word is never a weighted verdict


def test_cmmc_thresholds_are_the_regulations(catalog: Catalog) -> None:
    result = score(catalog, {"cmmc-l2": {}}).results[0].to_json()["thresholds"]
    assert result == {
        "basis": "regulation",
        "max_score": 110,
        "conditional_min_score": 88,
        "poam_closeout_days": 180,
    }
