"""Pin released checklist versions and ship their parsed form beside them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from readiness.content.catalog import COMPILED_DIR, Catalog
from readiness.content.pins import LOCK_NAME, read_lock
from readiness.formats import atomic


def compile_release(root: Path, digest: str, data: dict[str, Any]) -> None:
    """Ship a released version's parsed form so a first run need not parse its YAML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    atomic.atomic_write_text(root / COMPILED_DIR / f"{digest}.json", text + "\n")


def pin_released(catalog: Catalog, root: Path) -> list[str]:
    """Add every released, valid, not-yet-pinned version under `root` to its releases.lock.

    Returns the refs pinned. Never changes an existing pin: a changed released file is an error
    for `validate`, not something to paper over here.
    """
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
        lines = [
            "# Released checklist versions and the sha256 of their files. Never edit a pin:",
            "# a released file is immutable; publish a new version instead (readiness pin).",
        ]
        lines += [f"{ref} {digest}" for ref, digest in sorted(pins.items())]
        atomic.atomic_write_text(lock_path, "\n".join(lines) + "\n")
    return added
