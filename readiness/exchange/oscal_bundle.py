"""The OSCAL files `readiness oscal` writes for an answers file, per checklist.

`<id>.catalog.json` (the checklist version as a catalog), `<id>.assessment-results.json` and,
where there are gaps, `<id>.poam.json`. The assessment results and the POA&M name the catalog
file beside them, with its SHA-256, as the back-matter resource their controls come from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from readiness.assess.results import Assessment
from readiness.exchange.oscal_catalog import catalog
from readiness.exchange.oscal_common import dump
from readiness.exchange.oscal_findings import Subject
from readiness.exchange.oscal_poam import poam
from readiness.exchange.oscal_results import assessment_results
from readiness.formats.messages import suggest, t
from readiness.formats.problems import InputError, Problem


def file_names(checklist_id: str) -> tuple[str, str, str]:
    """(catalog, assessment results, POA&M) file names for one checklist."""
    return (
        f"{checklist_id}.catalog.json",
        f"{checklist_id}.assessment-results.json",
        f"{checklist_id}.poam.json",
    )


def bundle(
    assessment: Assessment, only: Iterable[str] = (), lang: str = "en"
) -> list[tuple[str, bytes | None]]:
    """(file name, bytes) for every document, in checklist order; None for a POA&M with no gaps.

    `only` limits the export to those checklist ids (each must be in the answers file).
    """
    results = assessment.results
    wanted = list(dict.fromkeys(only))
    known = [r.checklist.id for r in results]
    unknown = [cid for cid in wanted if cid not in known]
    if unknown:
        raise InputError(
            [
                Problem(
                    file=assessment.answers.path,
                    message=t(
                        lang,
                        f"--checklist {cid}: the answers file has no such checklist "
                        f"(it has {', '.join(known) or 'none'}){suggest(cid, known, lang)}",
                        f"--checklist {cid}: 回答ファイルにそのチェックリストはありません"
                        f"（あるのは {', '.join(known) or 'なし'}）{suggest(cid, known, lang)}",
                    ),
                    code="unknown-checklist",
                )
                for cid in unknown
            ]
        )
    files: list[tuple[str, bytes | None]] = []
    for result in results:
        cid = result.checklist.id
        if wanted and cid not in wanted:
            continue
        names = file_names(cid)
        catalog_bytes = dump(catalog(result.checklist))
        subject = Subject(
            result,
            assessment.answers,
            catalog_href=names[0],
            catalog_sha256=hashlib.sha256(catalog_bytes).hexdigest(),
        )
        plan = poam(subject)
        files += [
            (names[0], catalog_bytes),
            (names[1], dump(assessment_results(subject))),
            (names[2], dump(plan) if plan else None),
        ]
    return files
