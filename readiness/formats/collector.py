"""Collect problems found in one parsed document, each placed at the line and column it concerns."""

from __future__ import annotations

from typing import Any

from readiness.formats import yamlio
from readiness.formats.messages import suggest
from readiness.formats.problems import Problem
from readiness.formats.schemas import json_path

SUGGESTIONS = 200  # "did you mean" costs a fuzzy match; a file of typos needs only the first few


class Collector:
    """Problems of one document; `add` finds the position from a JSON path (or a key in it)."""

    def __init__(self, doc: yamlio.Document, lang: str = "en"):
        self.doc = doc
        self.lang = lang
        self.problems: list[Problem] = []
        self._suggested = 0

    def suggest(self, word: str, options: Any) -> str:
        """A "did you mean" suffix; after SUGGESTIONS of them, none (bounded work per file)."""
        self._suggested += 1
        if self._suggested > SUGGESTIONS:
            return ""
        return suggest(word, options, self.lang)

    def add(
        self, path: list[Any], message: str, code: str, level: str = "error", key: str | None = None
    ) -> None:
        if key is not None:
            line, col = self.doc.key_position(path, key)
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
