"""Release checklist versions: check a draft is complete, mark it released, pin its sha256.

Pinning also ships the release's parsed form beside it (`compiled/<sha256>.json`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from readiness.content.catalog import COMPILED_DIR, Catalog, Entry
from readiness.content.checks import check_checklist_document
from readiness.content.drafts import installed_message, is_installed, set_release_fields
from readiness.content.pins import LOCK_NAME, read_lock, sha256
from readiness.formats import atomic, yamlio
from readiness.formats.messages import t
from readiness.formats.problems import InputError, OutputError, Problem, ReadinessError


def compile_release(root: Path, digest: str, data: dict[str, Any]) -> None:
    """Ship a released version's parsed form so a first run need not parse its YAML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    atomic.atomic_write_text(root / COMPILED_DIR / f"{digest}.json", text + "\n")


def pin_released(catalog: Catalog, root: Path) -> list[str]:
    """Add every released, valid, not-yet-pinned version under `root` to its releases.lock.

    Returns the refs pinned. Never changes an existing pin: a changed released file is an error
    for `validate`, not something to paper over here.
    """
    if is_installed(root):
        raise OutputError(installed_message(root, "en"))
    lock_path = root / LOCK_NAME
    pins = read_lock(lock_path)
    added = []
    for entry in catalog.entries:
        if entry.root != root:
            continue
        if entry.ref in pins:  # already released: only make sure its compiled form exists
            checklist = catalog.load(entry)
            if checklist.sha256 == pins[entry.ref]:
                compile_release(root, checklist.sha256, checklist.data)
            continue
        checklist = catalog.load(entry)
        if checklist.status == "released":
            pins[entry.ref] = checklist.sha256
            compile_release(root, checklist.sha256, checklist.data)
            added.append(entry.ref)
    if added:
        _write_lock(lock_path, pins)
    return added


def pin_one(root: Path, ref: str, digest: str, data: dict[str, Any]) -> None:
    """Record one release's sha256 in `root/releases.lock` and ship its compiled form."""
    lock_path = root / LOCK_NAME
    pins = read_lock(lock_path)
    if pins.get(ref) not in (None, digest):
        raise ReadinessError(f"{ref} is already pinned to another sha256; publish a new version")
    pins[ref] = digest
    compile_release(root, digest, data)
    _write_lock(lock_path, pins)


def _write_lock(lock_path: Path, pins: dict[str, str]) -> None:
    lines = [
        "# Released checklist versions and the sha256 of their files. Never edit a pin:",
        "# a released file is immutable; publish a new version instead (readiness new-version).",
    ]
    lines += [f"{ref} {digest}" for ref, digest in sorted(pins.items())]
    atomic.atomic_write_text(lock_path, "\n".join(lines) + "\n")


def release_problems(catalog: Catalog, entry: Entry, lang: str = "en") -> list[Problem]:
    """Why a draft cannot be released yet: every error, missing translation and changelog."""
    doc = yamlio.load(entry.path)
    problems = [
        p
        for p in check_checklist_document(doc, catalog, lang) + catalog.pin_problems(doc)
        if p.level == "error" or p.code == "translation"
    ]
    data = doc.data if isinstance(doc.data, dict) else {}
    if data.get("status") == "released":
        problems.append(
            Problem.at_start(
                str(entry.path),
                t(
                    lang,
                    f"{entry.ref} is already released; make a new version with "
                    f"`readiness new-version {entry.id}`",
                    f"{entry.ref} はリリース済みです。`readiness new-version {entry.id}` で新しい版を作ってください",
                ),
                code="already-released",
            )
        )
    versions = [c.get("version") for c in data.get("changelog") or [] if isinstance(c, dict)]
    if entry.version not in versions:
        problems.append(
            Problem.at_start(
                str(entry.path),
                t(
                    lang,
                    f"no changelog entry for {entry.version}; add under `changelog:` an entry "
                    f'`- version: "{entry.version}"` with `date:` and `changes: {{ja: ..., en: ...}}`',
                    f"{entry.version} の変更履歴がありません。`changelog:` に "
                    f'`- version: "{entry.version}"`、`date:`、`changes: {{ja: ..., en: ...}}` を追加してください',
                ),
                code="changelog",
            )
        )
    return sorted(problems)


def release(catalog: Catalog, entry: Entry, date: str, lang: str = "en") -> str:
    """Release a draft: refuse on any problem, else set status and date, then pin it.

    Returns the sha256 of the released file. The file's text is edited in place (comments and
    layout kept); the edit is validated again before the pin is written.
    """
    if is_installed(entry.root):
        raise OutputError(installed_message(entry.root, lang))
    problems = release_problems(catalog, entry, lang)
    if problems:
        raise InputError(problems)
    text = entry.path.read_text(encoding="utf-8")
    released = set_release_fields(text, date)
    raw = released.encode("utf-8")
    doc = yamlio.parse(released, str(entry.path), raw)
    errors = [p for p in check_checklist_document(doc, catalog, lang) if p.level == "error"]
    if errors:  # the edit itself went wrong: leave the draft as it was
        raise InputError(errors)
    digest = sha256(raw)
    atomic.atomic_write_bytes(entry.path, raw)
    pin_one(entry.root, entry.ref, digest, doc.data)
    return digest
