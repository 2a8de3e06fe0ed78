"""Evaluate `applicability.when` conditions against an answers file's company profile.

Three-valued: a fact the profile does not state makes a condition unknown (None), and unknown
keeps an item in scope, so nothing is silently excused because a founder skipped a question.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_OPS = ("in", "not", "gte", "lte")
_COMBINATORS = ("any", "all", "not")


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b  # True must not equal 1


def _fact_holds(spec: Any, value: Any) -> bool:
    if isinstance(spec, dict):
        (op, arg), *_ = spec.items()
        if op == "in":
            return any(_same(value, v) for v in arg)
        if op == "not":
            return not _same(value, arg)
        if isinstance(value, bool) or not isinstance(value, int):
            return False
        return value >= arg if op == "gte" else value <= arg
    return _same(value, spec)


def _all(results: list[bool | None]) -> bool | None:
    if any(r is False for r in results):
        return False
    return None if any(r is None for r in results) else True


def _any(results: list[bool | None]) -> bool | None:
    if any(r is True for r in results):
        return True
    return None if any(r is None for r in results) else False


def is_combinator(cond: dict[str, Any]) -> bool:
    return len(cond) == 1 and next(iter(cond)) in _COMBINATORS and _is_condition_arg(cond)


def _is_condition_arg(cond: dict[str, Any]) -> bool:
    key, arg = next(iter(cond.items()))
    if key in ("any", "all"):
        return isinstance(arg, list)
    # {not: {...condition...}} versus a fact literally named "not" (not allowed by the schema)
    return isinstance(arg, dict)


def evaluate(cond: dict[str, Any], profile: dict[str, Any]) -> bool | None:
    """True, False, or None when a fact the condition needs is not in the profile."""
    if is_combinator(cond):
        key, arg = next(iter(cond.items()))
        if key == "any":
            return _any([evaluate(c, profile) for c in arg])
        if key == "all":
            return _all([evaluate(c, profile) for c in arg])
        inner = evaluate(arg, profile)
        return None if inner is None else not inner
    return _all(
        [
            None if fact not in profile else _fact_holds(spec, profile[fact])
            for fact, spec in cond.items()
        ]
    )


def facts_in(cond: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every (fact, spec) pair a condition refers to."""
    if is_combinator(cond):
        key, arg = next(iter(cond.items()))
        for sub in arg if key in ("any", "all") else [arg]:
            yield from facts_in(sub)
        return
    yield from cond.items()


def values_in(spec: Any) -> list[Any]:
    """The literal values a fact spec compares against (for type checks)."""
    if isinstance(spec, dict):
        (op, arg), *_ = spec.items()
        return list(arg) if op == "in" else [arg]
    return [spec]


def value_fits(kind: str, value: Any) -> bool:
    """Whether a profile value has the type a fact declares (booleans are not integers)."""
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str)
