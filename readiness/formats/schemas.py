"""Our JSON Schemas: loaded once, applied to a parsed document, errors placed at file:line:col."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from readiness.formats import yamlio
from readiness.formats.problems import Problem
from readiness.formats.resources import resource
from readiness.formats.schema_wording import schema_message


@cache
def schema(kind: str) -> Draft202012Validator:
    """The validator for one kind of file (`checklist`, `answers`, `profile`, `branding`)."""
    with open(resource("schemas", f"{kind}.schema.json"), encoding="utf-8") as fh:
        return Draft202012Validator(json.load(fh))


def json_path(parts: Iterable[Any]) -> str:
    """`$.sections[0].items[2]["id"]`: the JSONPath shown next to a problem."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(part)):
            out += f".{part}"
        else:
            out += f"[{json.dumps(str(part), ensure_ascii=False)}]"
    return out


def schema_problems(doc: yamlio.Document, kind: str, lang: str = "en") -> list[Problem]:
    problems = []
    for err in schema(kind).iter_errors(doc.data):
        message, path, key = schema_message(err, lang)
        if key is not None:
            line, col = yamlio.key_position(doc.node, path, key)
        else:
            line, col = doc.position(path)
        problems.append(
            Problem(
                file=doc.path,
                line=line,
                column=col,
                message=message,
                code=f"schema.{err.validator}",
                path=json_path(path),
            )
        )
    return problems
