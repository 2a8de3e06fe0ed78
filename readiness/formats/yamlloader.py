"""The YAML loaders and the limits applied while parsing, before any tree is built.

libyaml (fast) reads what is plainly shallow; a text that may nest deep goes through the
pure-Python parser, which has no nesting limit of its own, so ours always speaks first.
Node counts come from the event stream, so an 8 MiB list is refused before it costs memory.
"""

from __future__ import annotations

import re
from typing import ClassVar

import yaml

from readiness.formats.messages import t
from readiness.formats.problems import InputError, Problem

MAX_DEPTH = 64  # our documents nest about 8 deep
MAX_NODES = 500_000
NODE_CHECK_CHARS = 1024 * 1024  # below this, even a dense file's node tree stays small

try:  # libyaml is bundled with PyYAML wheels; the pure-Python parser is a fallback
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader


class _Loader(_BaseLoader):
    """SafeLoader whose implicit timestamps stay strings (`2024-01-01` is not a date)."""

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def error_at(label: str, mark: yaml.Mark | None, message: str, code: str) -> InputError:
    """An input error at a parser mark (0-based in PyYAML, 1-based for people), or at the
    start of the file when there is none."""
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return InputError([Problem(file=label, line=line, column=column, message=message, code=code)])


def limit_error(label: str, mark: yaml.Mark, lang: str, *, deep: bool) -> InputError:
    """Too deep, or too many values: refused wherever it is noticed, with one message."""
    if deep:
        message = t(
            lang,
            f"document is nested more than {MAX_DEPTH} levels; check the file",
            f"文書の入れ子が {MAX_DEPTH} 段を超えています。ファイルを確認してください",
        )
    else:
        message = t(
            lang,
            f"document has more than {MAX_NODES:,} values; check the file",
            f"文書の値が {MAX_NODES:,} 個を超えています。ファイルを確認してください",
        )
    return error_at(label, mark, message, "limits")


class _PyLoader(yaml.SafeLoader):
    """The pure-Python parser: slower, but with no nesting limit of its own (libyaml has one)."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _depth_guard(text: str, label: str, loader_class: type = _Loader, lang: str = "en") -> None:
    """Refuse nesting over MAX_DEPTH, from the event stream, before anything is composed.

    libyaml's composer recurses in C and can overflow the stack, and recent libyaml stops at
    its own nesting limit while scanning ahead; so a text that may nest deep is checked here
    with the pure-Python parser, which stops at our limit with our message whatever libyaml does.
    """
    depth = nodes = 0
    loader = loader_class(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > MAX_NODES:  # refuse before the node tree is built, not after
                    raise limit_error(label, event.start_mark, lang, deep=False)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise limit_error(label, event.start_mark, lang, deep=True)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _bracket_depth(text: str) -> int:
    """Deepest run of unclosed `[`/`{` (an upper bound on flow nesting, quotes ignored)."""
    depth = deepest = 0
    for ch in _NOT_BRACKET.sub("", text):  # a fast pass leaves only the brackets to walk
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}" and depth:
            depth -= 1
    return deepest


def _may_nest_deep(text: str) -> bool:
    """Cheap test: deep nesting needs deeply nested brackets, or much indentation or '- '."""
    if text.count("[") + text.count("{") > MAX_DEPTH and _bracket_depth(text) > MAX_DEPTH:
        return True
    widest = max((len(line) - len(line.lstrip(" -")) for line in text.splitlines()), default=0)
    return widest > MAX_DEPTH


def _libyaml_limit(exc: yaml.YAMLError) -> bool:
    return "maximum nesting depth" in str(exc)
