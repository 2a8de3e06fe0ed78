"""Our JSON Schemas: loaded once, applied to a parsed document, errors placed at file:line:col."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from readiness.formats import yamlio
from readiness.formats.problems import Problem
from readiness.formats.resources import resource
from readiness.formats.schema_wording import schema_message


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """`pattern` as JSON Schema means it (ECMA-262): `$` is the very end, so "JP\\n" fails.

    Python's `$` also matches before a final newline; check-jsonschema and editors use ECMA.
    """
    if not validator.is_type(instance, "string"):
        return
    if not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


_Validator = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


@cache
def schema(kind: str) -> Draft202012Validator:
    """The validator for one kind of file (`checklist`, `answers`, `profile`, `branding`).

    Formats are checked (`format: date` refuses 2026-02-30), and patterns end where ECMA ends.
    """
    with open(resource("schemas", f"{kind}.schema.json"), encoding="utf-8") as fh:
        return _Validator(json.load(fh), format_checker=Draft202012Validator.FORMAT_CHECKER)


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
    errors = list(schema(kind).iter_errors(doc.data))
    # An empty text breaks both `minLength` and the non-blank `pattern`: say it once, as the
    # pattern's "missing translation" (a draft imported for translators has hundreds).
    blank = {
        tuple(e.absolute_path) for e in errors if e.validator == "pattern" and e.instance == ""
    }
    for err in errors:
        if err.validator == "minLength" and tuple(err.absolute_path) in blank:
            continue
        message, path, key = schema_message(err, lang)
        if key is not None:
            line, col = doc.key_position(path, key)
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
