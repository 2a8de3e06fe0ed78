"""Validate any readiness file (its kind detected), and load an answers file for scoring.

Every problem in every file is collected (one bad file never hides another), each with the
file, line and column and a message that says what to change.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from readiness.assess.answers import Answers
from readiness.assess.answers_check import check_answers_document
from readiness.content.catalog import Catalog
from readiness.content.checks import check_checklist_document
from readiness.content.profile import check_profile_document
from readiness.formats import inputs, yamlio
from readiness.formats.branding import check_document as check_branding
from readiness.formats.branding import looks_like_branding
from readiness.formats.messages import t
from readiness.formats.problems import InputError, Problem

KINDS = ("checklist", "answers", "profile", "branding")


def detect_kind(data: Any) -> str | None:
    """Which kind of readiness file a parsed document is, from its top-level keys."""
    if isinstance(data, dict):
        if "sections" in data:
            return "checklist"
        if "checklists" in data or "answers" in data:
            return "answers"
        if "facts" in data:
            return "profile"
    if looks_like_branding(data):
        return "branding"
    return None


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, plus every .yaml/.yml file under folders named."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            )
        else:
            files.append(path)
    return files


def validate_file(
    path: Path, catalog: Catalog, lang: str = "en"
) -> tuple[str | None, list[Problem]]:
    """(kind, problems) for one file; never raises for bad input."""
    label = inputs.label_for(path)
    try:
        doc = yamlio.load(path, label, lang)
    except InputError as exc:
        return None, exc.problems
    if doc.data is None:
        return None, [
            Problem.at_start(
                label,
                t(
                    lang,
                    "file is empty (only blank lines or comments); to start an answers file run `readiness template CHECKLIST -o FILE`",
                    "ファイルが空です（空行またはコメントのみ）。回答ファイルは `readiness template CHECKLIST -o FILE` で作成できます",
                ),
                code="empty",
            )
        ]
    kind = detect_kind(doc.data)
    if kind is None:
        return None, [
            Problem.at_start(
                label,
                t(
                    lang,
                    "not a readiness file: a checklist has `sections:`, an answers file has `checklists:`, the profile has `facts:`, a branding file only firm/logo/accent/footer/marking",
                    "readiness のファイルではありません（チェックリストは sections:、回答ファイルは checklists: を持ちます）",
                ),
                code="kind",
            )
        ]
    if kind == "checklist":
        problems = check_checklist_document(doc, catalog, lang) + catalog.pin_problems(doc)
    elif kind == "answers":
        problems = check_answers_document(doc, catalog, lang=lang)
    elif kind == "branding":
        problems = check_branding(doc, lang)
    else:
        problems = check_profile_document(doc, lang=lang)
    return kind, sorted(problems)


def validate_paths(
    paths: Iterable[Path], catalog: Catalog, lang: str = "en"
) -> tuple[list[Path], list[Problem]]:
    paths = list(paths)
    files = expand(paths)
    problems: list[Problem] = [
        Problem(
            file=str(p),
            message=t(
                lang,
                "no .yaml files found here; check the folder",
                ".yaml ファイルが見つかりません。フォルダを確認してください",
            ),
            code="no-files",
        )
        for p in paths
        if p.is_dir() and not any(f.is_relative_to(p) for f in files)
    ]
    for path in files:
        problems.extend(validate_file(path, catalog, lang)[1])
    return files, sorted(problems)


def load_answers(path: Path, catalog: Catalog, lang: str = "en") -> tuple[Answers, list[Problem]]:
    """Load an answers file for scoring; InputError with every error if it is not valid."""
    label = inputs.label_for(path)
    doc = yamlio.load(path, label, lang)
    if doc.data is None:
        raise InputError(validate_file(path, catalog, lang)[1])
    kind = detect_kind(doc.data)
    if kind != "answers":
        what_en, what_ja = {
            "checklist": ("a checklist", "チェックリスト"),
            "profile": ("the profile facts", "プロファイル定義"),
            "branding": ("a branding file", "ブランディング設定"),
        }.get(kind or "", ("a file without `checklists:`", "`checklists:` のないファイル"))
        raise InputError(
            [
                Problem.at_start(
                    label,
                    t(
                        lang,
                        f"expected an answers file, but this is {what_en}; create one with `readiness template`",
                        f"回答ファイルが必要ですが、これは{what_ja}です。`readiness template` で作成してください",
                    ),
                    code="kind",
                )
            ]
        )
    problems = check_answers_document(doc, catalog, lang)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise InputError(errors)
    return Answers(data=doc.data, path=label), problems
