"""Locate bundled data the same way in a checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def data_root() -> Path:
    """Folder holding `checklists/`, `schemas/` and `reports/`.

    A wheel puts them in `readiness/_data/`; a checkout keeps them beside the package.
    """
    package = Path(__file__).resolve().parent.parent
    installed = package / "_data"
    return installed if installed.is_dir() else package.parent


def resource(*parts: str) -> Path:
    """Path of a bundled resource, e.g. `resource("schemas", "answers.schema.json")`."""
    return data_root().joinpath(*parts)
