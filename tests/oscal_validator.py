"""The official OSCAL JSON Schemas, applied the way they are written (ECMA-262 regexes).

The schemas' patterns use Unicode classes (`\\p{L}`, `\\p{N}`) that Python's `re` cannot
compile. jsonschema lets a validator replace a keyword: ours runs `pattern` in `regress` (Rust's
ECMA-262 engine, with the `u` flag), and checks formats (`date-time`, `uri-reference`) with the
RFC 3339 and RFC 3986 validators (test dependencies). The pinned schema files are used as they are.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

import regress
from jsonschema import Draft7Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

from readiness.exchange.oscal_common import OSCAL_VERSION
from readiness.formats.resources import resource

SCHEMA_DIR = resource("schemas", "oscal", f"v{OSCAL_VERSION}")
KINDS = {
    "catalog": "oscal_catalog_schema.json",
    "assessment-results": "oscal_assessment-results_schema.json",
    "poam": "oscal_poam_schema.json",
}


@cache
def ecma(pattern: str) -> regress.Regex:
    return regress.Regex(pattern, "u")


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and ecma(pattern).find(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


OscalValidator = validators.extend(Draft7Validator, {"pattern": _pattern})
FORMATS = FormatChecker()  # every format jsonschema can check here, with `regex` as ECMA too


@FORMATS.checks("regex", raises=regress.RegressError)
def _regex(instance: object) -> bool:
    if isinstance(instance, str):
        ecma(instance)
    return True


@cache
def validator(kind: str) -> Any:
    """A validator for one OSCAL model: `catalog`, `assessment-results` or `poam`."""
    schema = json.loads((SCHEMA_DIR / KINDS[kind]).read_text(encoding="utf-8"))
    OscalValidator.check_schema(schema, format_checker=FORMATS)
    return OscalValidator(schema, format_checker=FORMATS)


def errors(kind: str, document: Any) -> list[str]:
    """Every schema error of a document as `path: message` (empty: valid); for a failed
    `anyOf`, the errors of its branches too, so the message names the offending value."""
    out = []
    for error in validator(kind).iter_errors(document):
        stack = [error]
        while stack:
            e = stack.pop()
            out.append(f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
            stack.extend(e.context or [])
    return out
