"""Shared fixtures: the bundled catalog, and builders for answers files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from readiness.assess.answers import Answers
from readiness.assess.results import Assessment
from readiness.assess.scoring import assess
from readiness.content.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "soratobi-autonomy" / "answers.yaml"
CHECKLIST_IDS = (  # the product's fixed checklist ids
    "cmmc-l1",
    "cmmc-l2",
    "cmmc-l3",
    "jp-cesi",
    "us-fcl",
    "atla-dism",
    "atla-cyber",
    "jp-export",
    "us-export",
    "uk-nsi",
    "uk-export",
    "uk-cyber",
    "uk-fsc",
)

PROFILE = {
    "japanese_entity": True,
    "us_entity": False,
    "has_us_subsidiary": True,
    "foreign_ownership": True,
    "pursues_dod_contracts": True,
    "handles_fci": True,
    "handles_cui": True,
    "cmmc_level_required": 2,
    "cesi_proposal_received": False,
    "mod_contract": False,
    "handles_mod_protected_info": False,
    "handles_mod_secrets": False,
    "exports_controlled_items": False,
    "shares_controlled_technology": False,
    "employs_foreign_nationals": False,
    "us_export_items": False,
    "itar_items": False,
}


@pytest.fixture(scope="session")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return Catalog(use_cache=False)


def answers_doc(
    checklists: dict[str, dict[str, Any]],
    profile: dict[str, Any] | None = None,
    date: str = "2026-11-16",
    versions: dict[str, str] | None = None,
) -> dict[str, Any]:
    """An answers document; each checklist at 1.0.0 unless `versions` names another."""
    versions = versions or {}
    return {
        "format": 1,
        "organisation": {"name": "Test Co."},
        "assessment_date": date,
        "profile": {**PROFILE, **(profile or {})},
        "checklists": {
            cid: {"version": versions.get(cid, "1.0.0"), "answers": answers}
            for cid, answers in checklists.items()
        },
    }


def all_ids(catalog: Catalog, cid: str) -> list[str]:
    return [i.id for i in catalog.load_spec(cid).items()]


def score(catalog: Catalog, checklists: dict[str, dict[str, Any]], **kw: Any) -> Assessment:
    return assess(Answers(data=answers_doc(checklists, **kw), path="<test>"), catalog)


def write_yaml(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
