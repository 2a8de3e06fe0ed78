"""Release pins: `releases.lock` holds the sha256 of every released checklist version.

A released file never changes; these pure functions read the lock and say what is wrong.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from readiness.formats.problems import Problem

LOCK_NAME = "releases.lock"


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def read_lock(path: Path) -> dict[str, str]:
    """`releases.lock`: one `id@version sha256` pair per line; `#` starts a comment."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    pins: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            ref, _, digest = line.partition(" ")
            pins[ref.strip()] = digest.strip()
    return pins


def lock_problems(
    label: str, ref: str, digest: str, status: str, lock: dict[str, str]
) -> list[Problem]:
    """A released version must be pinned, and must still match its pin."""
    pinned = lock.get(ref)
    if status == "released" and pinned is None:
        return [
            Problem(
                file=label,
                message=f"{ref} is released but not pinned in {LOCK_NAME}; "
                "add its sha256 there (readiness release)",
                code="release-unpinned",
            )
        ]
    if pinned is not None and pinned != digest:
        return [
            Problem(
                file=label,
                message=f"{ref} was released with sha256 {pinned[:12]}… but the file "
                f"now hashes to {digest[:12]}…; released versions never change: "
                "restore the file and put your edits in a new version",
                code="release-changed",
            )
        ]
    if pinned is not None and status != "released":
        return [
            Problem(
                file=label,
                message=f"{ref} is pinned in {LOCK_NAME} but its status is {status!r}",
                code="release-status",
            )
        ]
    return []
