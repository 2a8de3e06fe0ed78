"""Answer once, credited everywhere: `same_as` links carry answers across checklists."""

from __future__ import annotations

from pathlib import Path

import jsonschema

from readiness.assess.validate import validate_file
from readiness.content.catalog import Catalog
from readiness.formats.resources import resource
from tests.conftest import answers_doc, score, write_yaml

L1 = "AC.L1-b.1.i"
L2 = "AC.L2-3.1.1"


def _row(assessment, cid: str, item_id: str):
    result = next(r for r in assessment.results if r.checklist.id == cid)
    return next(r for r in result.items if r.item.id == item_id)


def test_an_unanswered_item_takes_its_equivalents_answer(catalog: Catalog) -> None:
    a = score(catalog, {"cmmc-l1": {}, "cmmc-l2": {L2: "met"}})
    row = _row(a, "cmmc-l1", L1)
    assert row.status == "met" and row.derived_from == f"cmmc-l2:{L2}"
    assert row.credit == 1.0
    assert _row(a, "cmmc-l2", L2).derived_from is None
    # and the other way round: cmmc-l2 links back to cmmc-l1
    b = score(catalog, {"cmmc-l1": {L1: "partial"}, "cmmc-l2": {}})
    assert _row(b, "cmmc-l2", L2).status == "partial"
    assert _row(b, "cmmc-l2", L2).derived_from == f"cmmc-l1:{L1}"


def test_an_explicit_answer_always_wins(catalog: Catalog) -> None:
    a = score(catalog, {"cmmc-l1": {L1: "not_met"}, "cmmc-l2": {L2: "met"}})
    row = _row(a, "cmmc-l1", L1)
    assert row.status == "not_met" and row.derived_from is None


def test_derived_answers_change_the_score_and_show_in_json(catalog: Catalog) -> None:
    alone = score(catalog, {"cmmc-l1": {}})
    both = score(catalog, {"cmmc-l1": {}, "cmmc-l2": {L2: "met"}})
    assert alone.results[0].percent != both.results[0].percent
    doc = both.to_json()
    rows = {r["id"]: r for r in doc["checklists"][0]["items"]}
    assert rows[L1]["derived_from"] == f"cmmc-l2:{L2}"
    schema = __import__("json").loads(
        resource("schemas", "score.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.validate(doc, schema)


def test_one_way_links_do_not_flow_back(catalog: Catalog) -> None:
    """uk-cyber -> cmmc-l1 is one-way: an answer in uk-cyber is not credited to cmmc-l1."""
    uk = catalog.load_spec("uk-cyber")
    item = next(i for i in uk.items() if i.same_as)
    target_cid, _, target_id = item.same_as[0].partition(":")
    assert target_cid == "cmmc-l1"
    uk_profile = {"uk_mod_contract": True}
    a = score(catalog, {"uk-cyber": {item.id: "met"}, "cmmc-l1": {}}, profile=uk_profile)
    assert _row(a, "cmmc-l1", target_id).status == "unanswered"
    b = score(catalog, {"uk-cyber": {}, "cmmc-l1": {target_id: "met"}}, profile=uk_profile)
    assert _row(b, "uk-cyber", item.id).derived_from == f"cmmc-l1:{target_id}"


def test_chains_end_at_an_explicit_answer(catalog: Catalog) -> None:
    """uk-cyber -> cmmc-l1 -> cmmc-l2: the answer given for Level 2 reaches the UK item."""
    uk = catalog.load_spec("uk-cyber")
    l1 = catalog.load_spec("cmmc-l1")
    for item in uk.items():
        if not item.same_as:
            continue
        l1_item = l1.item(item.same_as[0].partition(":")[2])
        if l1_item and l1_item.same_as:
            l2_key = l1_item.same_as[0]
            break
    else:
        raise AssertionError("no uk-cyber -> cmmc-l1 -> cmmc-l2 chain in the data")
    a = score(
        catalog,
        {"uk-cyber": {}, "cmmc-l1": {}, "cmmc-l2": {l2_key.partition(":")[2]: "met"}},
        profile={"uk_mod_contract": True},
    )
    row = _row(a, "uk-cyber", item.id)
    assert len(l1_item.same_as) == 1
    assert row.status == "met" and row.derived_from == l2_key


def test_several_links_wait_for_all_and_take_the_weakest(catalog: Catalog) -> None:
    atla = catalog.load_spec("atla-cyber")
    item = next(i for i in atla.items() if len(i.same_as) >= 2)
    targets = [t.partition(":")[2] for t in item.same_as]
    assert all(t.startswith("cmmc-l2:") for t in item.same_as)
    kw = {
        "profile": {"handles_mod_protected_info": True},
        "versions": {"atla-cyber": "1.1.0", "cmmc-l2": "1.1.0"},
    }
    some = score(catalog, {"atla-cyber": {}, "cmmc-l2": {targets[0]: "met"}}, **kw)
    assert _row(some, "atla-cyber", item.id).status == "unanswered"
    answers = dict.fromkeys(targets, "met")
    answers[targets[1]] = "partial"
    every = score(catalog, {"atla-cyber": {}, "cmmc-l2": answers}, **kw)
    row = _row(every, "atla-cyber", item.id)
    assert row.status == "partial" and row.derived_from == f"cmmc-l2:{targets[1]}"


def test_validate_warns_about_conflicting_explicit_answers(
    catalog: Catalog, tmp_path: Path
) -> None:
    path = write_yaml(
        tmp_path / "a.yaml", answers_doc({"cmmc-l1": {L1: "met"}, "cmmc-l2": {L2: "not_met"}})
    )
    _, problems = validate_file(path, catalog)
    found = [p for p in problems if p.code == "same-as-conflict"]
    assert len(found) == 1  # the two-way link is one pair, reported once
    p = found[0]
    assert p.level == "warning"
    text = path.read_text(encoding="utf-8").splitlines()
    assert L1 in text[p.line - 1]  # placed on one answer...
    other_line = next(i + 1 for i, line in enumerate(text) if f"{L2}:" in line)
    assert f"line {other_line}" in p.message  # ...and naming the other's position
    assert "met" in p.message and "not_met" in p.message
    agree = write_yaml(
        tmp_path / "b.yaml", answers_doc({"cmmc-l1": {L1: "met"}, "cmmc-l2": {L2: "met"}})
    )
    assert not [p for p in validate_file(agree, catalog)[1] if p.code == "same-as-conflict"]
    ja = validate_file(path, catalog, "ja")[1]
    assert any(p.code == "same-as-conflict" and "揃えて" in p.message for p in ja)


def test_no_checklist_ids_in_the_equivalence_code() -> None:
    source = (Path(__file__).parent.parent / "readiness/assess/equivalence.py").read_text()
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("#"))
    body = code.split('"""', 2)[2]  # past the module docstring
    for cid in ("cmmc", "atla", "uk-cyber"):
        assert cid not in body
