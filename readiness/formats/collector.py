"""Collect problems found in one parsed document, each placed at the line and column it concerns."""

from __future__ import annotations

from typing import Any

from readiness.formats import yamlio
from readiness.formats.problems import Problem
from readiness.formats.schemas import json_path


class Collector:
    """Problems of one document; `add` finds the position from a JSON path (or a key in it)."""

    def __init__(self, doc: yamlio.Document, lang: str = "en"):
        self.doc = doc
        self.lang = lang
        self.problems: list[Problem] = []

    def add(
        self, path: list[Any], message: str, code: str, level: str = "error", key: str | None = None
    ) -> None:
        if key is not None:
            line, col = yamlio.key_position(self.doc.node, path, key)
            path = [*path, key]
        else:
            line, col = self.doc.position(path)
        self.problems.append(
            Problem(
                file=self.doc.path,
                line=line,
                column=col,
                message=message,
                code=code,
                level=level,
                path=json_path(path),
            )
        )
