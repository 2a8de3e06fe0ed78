"""Checklist content: counts, translations, references, cross-links and applicability rules."""

from __future__ import annotations

import re

import pytest

from readiness.content.catalog import Catalog
from readiness.content.model import Checklist
from tests.conftest import CHECKLIST_IDS, all_ids, score

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
TEXT_FIELDS = ("title", "question", "guidance", "remediation")
IDS = list(CHECKLIST_IDS)


@pytest.fixture(scope="module", params=IDS)
def checklist(request, catalog: Catalog) -> Checklist:
    return catalog.load_spec(request.param)


def test_item_counts(catalog: Catalog) -> None:
    counts = {cid: len(catalog.load_spec(cid)) for cid in IDS}
    assert (counts["cmmc-l1"], counts["cmmc-l2"], counts["cmmc-l3"]) == (15, 110, 24)
    for cid in IDS[3:]:
        assert 20 <= counts[cid] <= 90, (cid, counts[cid])
    assert counts["atla-cyber"] >= 45 and counts["us-export"] >= 40


def test_every_item_is_bilingual(checklist: Checklist) -> None:
    for item in checklist.items():
        for field in TEXT_FIELDS:
            text = getattr(item, field)
            assert text["en"].strip() and text["ja"].strip(), (item.id, field)
            assert JAPANESE.search(text["ja"]), (item.id, field, "ja text has no Japanese")
            assert text["ja"] != text["en"], (item.id, field)


def test_every_item_cites_a_declared_source(checklist: Checklist) -> None:
    sources = checklist.sources
    for item in checklist.items():
        assert item.references, item.id
        for ref in item.references:
            assert ref["source"] in sources and ref["section"].strip(), item.id
        assert item.verification in ("verified", "secondary", "unverified")
    for source in sources.values():
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source["date"])


def test_level1_and_level2_point_at_each_other(catalog: Catalog) -> None:
    l1, l2 = catalog.load_spec("cmmc-l1"), catalog.load_spec("cmmc-l2")
    forward = {(i.id, t.split(":")[1]) for i in l1.items() for t in i.same_as}
    backward = {(t.split(":")[1], i.id) for i in l2.items() for t in i.same_as}
    assert forward == backward
    assert len(backward) == 17  # FAR (b)(1)(ix) maps to three physical-protection requirements


def test_atla_cyber_maps_every_800_171_requirement_once(catalog: Catalog) -> None:
    """1.1.0 maps all 110 SP 800-171 r2 requirements, each mapping marked verified or not."""
    l2_ids = all_ids(catalog, "cmmc-l2")
    cyber = catalog.load_spec("atla-cyber@1.1.0")
    links = [link for i in cyber.items() for link in i.data.get("same_as", [])]
    mapped = [link["item"].split(":")[1] for link in links if link["item"].startswith("cmmc-l2:")]
    assert sorted(mapped) == sorted(l2_ids)  # all 110, none twice
    assert all(link["verification"] in ("verified", "secondary", "unverified") for link in links)


def test_uk_cyber_links_to_level1_one_way(catalog: Catalog) -> None:
    l1_ids = set(all_ids(catalog, "cmmc-l1"))
    uk = catalog.load_spec("uk-cyber")
    targets = {t.split(":")[1] for i in uk.items() for t in i.same_as}
    assert targets and targets <= l1_ids
    assert not any(
        t.startswith("uk-cyber:") for i in catalog.load_spec("cmmc-l1").items() for t in i.same_as
    )


def test_atla_cyber_maps_to_level2(catalog: Catalog) -> None:
    l2_ids = set(all_ids(catalog, "cmmc-l2"))
    cyber = catalog.load_spec("atla-cyber")
    mapped = [t.split(":")[1] for i in cyber.items() for t in i.same_as if t.startswith("cmmc-l2:")]
    assert len(mapped) >= 30
    assert set(mapped) <= l2_ids
    families = {m.split("-")[1].rsplit(".", 1)[0] for m in mapped}
    assert len(families) == 14  # every SP 800-171 family is represented


def scope_of(catalog: Catalog, cid: str, profile: dict) -> dict[str, str]:
    result = score(catalog, {cid: {}}, profile=profile).results[0]
    return {r.item.id: r.status for r in result.items} | {"__verdict__": result.verdict}


def test_us_fcl_needs_a_us_entity(catalog: Catalog) -> None:
    result = score(
        catalog, {"us-fcl": {}}, profile={"us_entity": False, "has_us_subsidiary": False}
    )
    res = result.results[0]
    assert res.verdict == "not_applicable"
    assert "subsidiary" in res.scope_reason["en"] and "子会社" in res.scope_reason["ja"]
    with_sub = score(catalog, {"us-fcl": {}}, profile={"has_us_subsidiary": True}).results[0]
    assert with_sub.applicable


def test_us_fcl_foci_items_only_with_foreign_ownership(catalog: Catalog) -> None:
    owned = scope_of(catalog, "us-fcl", {"us_entity": True, "foreign_ownership": True})
    domestic = scope_of(catalog, "us-fcl", {"us_entity": True, "foreign_ownership": False})
    foci = [i for i in owned if i.startswith("FCL-FOCI-")]
    assert len(foci) >= 3
    assert all(owned[i] == "unanswered" for i in foci)
    assert all(domestic[i] == "out_of_scope" for i in foci)


def test_jp_cesi_only_after_an_agency_proposal(catalog: Catalog) -> None:
    assert (
        scope_of(catalog, "jp-cesi", {"cesi_proposal_received": False})["__verdict__"]
        == "not_applicable"
    )
    assert (
        scope_of(catalog, "jp-cesi", {"cesi_proposal_received": True})["__verdict__"]
        == "incomplete"
    )


@pytest.mark.parametrize(
    ("fact", "prefix"),
    [
        ("shares_controlled_technology", "JPX-TT-"),
        ("employs_foreign_nationals", "JPX-DX-"),
        ("exports_controlled_items", "JPX-SHP-"),
    ],
)
def test_jp_export_items_follow_the_profile(catalog: Catalog, fact: str, prefix: str) -> None:
    base = {
        "exports_controlled_items": True,
        "shares_controlled_technology": True,
        "employs_foreign_nationals": True,
    }
    on = scope_of(catalog, "jp-export", base)
    off = scope_of(catalog, "jp-export", {**base, fact: False})
    targets = [i for i in on if i.startswith(prefix)]
    assert targets
    assert all(on[i] == "unanswered" for i in targets)
    assert all(off[i] == "out_of_scope" for i in targets)


def test_us_export_itar_items_only_with_itar(catalog: Catalog) -> None:
    on = scope_of(catalog, "us-export", {"us_export_items": True, "itar_items": True})
    off = scope_of(catalog, "us-export", {"us_export_items": True, "itar_items": False})
    itar = [i for i in on if i.startswith("USX-ITAR-")]
    assert itar and all(off[i] == "out_of_scope" for i in itar)
    assert all(on[i] == "unanswered" for i in itar)


def test_out_of_scope_items_drop_out_of_the_score(catalog: Catalog) -> None:
    profile = {
        "exports_controlled_items": True,
        "shares_controlled_technology": False,
        "employs_foreign_nationals": False,
    }
    ids = all_ids(catalog, "jp-export")
    result = score(catalog, {"jp-export": dict.fromkeys(ids, "met")}, profile=profile).results[0]
    assert result.percent == 100.0 and result.verdict == "ready"
    assert result.counts["out_of_scope"] >= 8


@pytest.mark.parametrize(
    ("cid", "fact"),
    [("atla-dism", "handles_mod_secrets"), ("atla-cyber", "handles_mod_protected_info")],
)
def test_atla_checklists_follow_the_profile(catalog: Catalog, cid: str, fact: str) -> None:
    assert scope_of(catalog, cid, {fact: False})["__verdict__"] == "not_applicable"
    assert scope_of(catalog, cid, {fact: True})["__verdict__"] == "incomplete"


def test_unknown_profile_fact_keeps_items_in_scope(catalog: Catalog) -> None:
    result = score(catalog, {"jp-cesi": {}}, profile={"cesi_proposal_received": None}).results[0]
    assert result.applicable and "cesi_proposal_received" in result.unknown_facts


def test_blocking_gap_means_not_ready_whatever_the_percent(catalog: Catalog) -> None:
    checklist = catalog.load_spec("jp-export")
    blocking = next(i.id for i in checklist.items() if i.blocking)
    profile = {
        "exports_controlled_items": True,
        "shares_controlled_technology": True,
        "employs_foreign_nationals": True,
    }
    answers = {**dict.fromkeys(all_ids(catalog, "jp-export"), "met"), blocking: "not_met"}
    result = score(catalog, {"jp-export": answers}, profile=profile).results[0]
    assert result.percent > 90 and result.verdict == "not_ready" and result.blocking == [blocking]


def test_example_covers_every_us_japan_regime(catalog: Catalog) -> None:
    """The example is a Japanese startup with a US subsidiary; it has no UK company."""
    from readiness.assess.validate import load_answers
    from tests.conftest import EXAMPLE

    answers, _ = load_answers(EXAMPLE, catalog)
    regimes = {catalog.load_spec(ca.checklist_id).data["regime"] for ca in answers.checklists()}
    assert regimes == {"clearance", "cmmc", "atla", "export"}
    assert {ca.checklist_id for ca in answers.checklists()} == {
        cid for cid in IDS if not cid.startswith("uk-")
    }


def test_every_release_ships_its_compiled_form() -> None:
    """`checklists/compiled/<sha256>.json` must equal the parsed YAML of each pinned release."""
    import json

    from readiness.content.pins import read_lock as _read_lock
    from readiness.formats import yamlio
    from readiness.formats.resources import resource

    root = resource("checklists")
    pins = _read_lock(root / "releases.lock")
    assert len(pins) >= 9
    for ref, digest in pins.items():
        cid, version = ref.split("@")
        parsed = yamlio.load(root / cid / f"{version}.yaml").data
        compiled = json.loads((root / "compiled" / f"{digest}.json").read_text(encoding="utf-8"))
        assert compiled == parsed, ref
