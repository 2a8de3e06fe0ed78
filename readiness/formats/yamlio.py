"""Safe YAML loading: no object construction, no duplicate keys, no aliases, dates stay strings.

Every problem carries the file, line and column, and says how to fix it. The composed node tree is
kept so that later checks (JSON Schema, semantics) can point at the right line too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from readiness.formats.inputs import STDIN_LABEL, decode, read_bytes
from readiness.formats.messages import t
from readiness.formats.problems import InputError
from readiness.formats.yamldump import dump as dump
from readiness.formats.yamlloader import (
    MAX_DEPTH,
    MAX_NODES,
    NODE_CHECK_CHARS,
    _depth_guard,
    _libyaml_limit,
    _Loader,
    _may_nest_deep,
    _PyLoader,
    error_at,
    limit_error,
)


@dataclass(eq=False)
class Document:
    """A loaded YAML document: its data, its node tree (for positions) and where it came from.

    Positions are looked up through a per-mapping index built on first use, so placing many
    problems costs time linear in their number, not problems × mapping size.
    """

    path: str
    data: Any
    node: yaml.Node | None
    raw: bytes
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False
    )

    def _entries(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for key_node, value_node in node.value:
                index.setdefault(str(key_node.value), (key_node, value_node))
            self._keys[id(node)] = index  # the tree lives as long as the document
        return index

    def _walk(self, json_path: list | tuple) -> tuple[yaml.Node | None, bool]:
        """(deepest node reached along the path, whether the whole path was found)."""
        best = self.node
        for step in json_path:
            if isinstance(best, yaml.MappingNode):
                found = self._entries(best).get(str(step))
                if found is None:
                    return best, False
                best = found[1]
            elif isinstance(best, yaml.SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(best.value):
                    return best, False
                best = best.value[step]
            else:
                return best, False
        return best, True

    def position(self, json_path: list | tuple) -> tuple[int, int]:
        """1-based (line, column) of the value at `json_path`, or of its nearest parent."""
        node, _ = self._walk(json_path)
        return _mark(node)

    def key_position(self, json_path: list | tuple, key: str) -> tuple[int, int]:
        """Position of the key `key` inside the mapping at `json_path`."""
        node, complete = self._walk(json_path)
        if complete and isinstance(node, yaml.MappingNode):
            found = self._entries(node).get(str(key))
            if found is not None:
                return _mark(found[0])
        return _mark(node)


def _mark(node: yaml.Node | None) -> tuple[int, int]:
    if node is None:
        return (1, 1)
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _at(label: str, node: yaml.Node, message: str, code: str) -> InputError:
    """A problem at a node's position."""
    return error_at(label, node.start_mark, message, code)


def _tag_error(label: str, node: yaml.Node, lang: str) -> InputError:
    return _at(
        label,
        node,
        t(
            lang,
            f"unsupported YAML tag {node.tag!r}; remove the tag",
            f"YAML タグ {node.tag!r} は使えません。タグを削除してください",
        ),
        "tag",
    )


def _scan_hint(exc: yaml.MarkedYAMLError, text: str, lang: str = "en") -> str:
    problem = exc.problem or "invalid YAML"
    context = f" {exc.context}" if exc.context else ""
    hint = ""
    mark = exc.problem_mark
    at = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    if at == "\t" or "\\t" in problem or "tab" in problem:
        hint = t(
            lang,
            "; YAML does not allow tab characters for indentation: use spaces",
            "。YAML の字下げにタブは使えません。空白を使ってください",
        )
    elif "mapping values are not allowed" in problem:
        hint = t(
            lang,
            "; a value containing ': ' must be quoted, or the indentation is off",
            "。': ' を含む値は引用符で囲んでください（または字下げがずれています）",
        )
    elif (
        "could not find expected ':'" in problem
        or "expected <block end>" in problem
        or "did not find expected key" in problem
    ):
        hint = t(
            lang,
            "; check the indentation and that every key is followed by ':'",
            "。字下げと、各キーの後に ':' があるか確認してください",
        )
    elif "end of stream" in problem or "did not find expected ','" in problem:
        hint = t(
            lang,
            "; a quote or bracket opened here is not closed",
            "。ここで開いた引用符か括弧が閉じられていません",
        )
    elif "found undefined alias" in problem:
        hint = t(
            lang,
            "; anchors and aliases (&name, *name) are not supported: write the value out",
            "。アンカーとエイリアス（&name, *name）は使えません。値をそのまま書いてください",
        )
    return t(
        lang,
        f"YAML syntax error: {problem}{context}{hint}",
        f"YAML の構文エラー（{problem}{context}）{hint}",
    )


def _check_tree(root: yaml.Node, label: str, lang: str = "en") -> None:
    """Reject aliases (shared nodes), excessive depth and node counts before constructing."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    count = 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if id(node) in seen:
            raise _at(
                label,
                node,
                t(
                    lang,
                    "anchors and aliases (&name, *name) are not supported: "
                    "write the value out in full",
                    "アンカーとエイリアス（&name, *name）は使えません。値をそのまま書いてください",
                ),
                "alias",
            )
        seen.add(id(node))
        if depth > MAX_DEPTH or count > MAX_NODES:
            raise limit_error(label, node.start_mark, lang, deep=depth > MAX_DEPTH)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in (
            "tag:yaml.org,2002:map",
            "tag:yaml.org,2002:seq",
        ):
            raise _tag_error(label, node, lang)
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, yaml.Node] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _at(
                        label,
                        key_node,
                        t(
                            lang,
                            "a key must be plain text, not a list or mapping",
                            "キーはリストやマッピングではなく文字列にしてください",
                        ),
                        "key",
                    )
                if key_node.value in keys:
                    first = keys[key_node.value].start_mark.line + 1
                    raise _at(
                        label,
                        key_node,
                        t(
                            lang,
                            f"duplicate key {key_node.value!r} (first given on line {first}); "
                            "keep one of them",
                            f"キー {key_node.value!r} が重複しています（最初は{first}行目）。"
                            "どちらか一方だけ残してください",
                        ),
                        "duplicate-key",
                    )
                keys[key_node.value] = key_node
                stack.append((value_node, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)


def _construct(node: yaml.Node, loader: _Loader, lang: str = "en") -> Any:
    """Build plain data; mapping keys are always the key's source text."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: _construct(v, loader, lang) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_construct(child, loader, lang) for child in node.value]
    if node.tag not in _SAFE_SCALAR_TAGS:
        raise _tag_error("", node, lang)
    try:
        value = loader.construct_object(node)
    except (ValueError, KeyError, IndexError, TypeError, OverflowError, yaml.YAMLError):
        # `!!int abc`, `!!bool maybe`, a 5,000-digit integer: not a value we can read
        value = _BAD
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # "\ud800": a lone surrogate no file or PDF can hold
            value = _BAD
    if value is _BAD or (isinstance(value, float) and not math.isfinite(value)):
        shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
        raise _at(
            "",
            node,
            t(
                lang,
                f"{shown!r} cannot be read as {node.tag.rsplit(':', 1)[-1]}"
                + ("" if value is _BAD else " (it is not a finite number)")
                + "; write a plain value, in quotes if it is text",
                f"{shown!r} は {node.tag.rsplit(':', 1)[-1]} として読めません"
                + ("" if value is _BAD else "（有限の数ではありません）")
                + "。値をそのまま書き、文字列なら引用符で囲んでください",
            ),
            "value",
        )
    return value


_BAD = object()


_SAFE_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


def parse(text: str, label: str, raw: bytes = b"", lang: str = "en") -> Document:
    """Parse YAML text into a Document; raise InputError with positions on any problem."""
    loader = _Loader(text)
    try:
        if _may_nest_deep(text):
            _depth_guard(text, label, _PyLoader, lang)
        elif len(text) > NODE_CHECK_CHARS:  # big enough for its node tree to matter
            _depth_guard(text, label, _Loader, lang)
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            if _libyaml_limit(exc):  # brackets hidden from the cheap test (e.g. in quotes)
                _depth_guard(text, label, _PyLoader, lang)
            raise
        if node is None:
            return Document(path=label, data=None, node=None, raw=raw)
        _check_tree(node, label, lang)
        data = _construct(node, loader, lang)
    except InputError as exc:  # values are read without the label: name the file here
        raise InputError([replace(p, file=label) for p in exc.problems]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        unclosed = "end of stream" in str(exc.problem) or "did not find expected ','" in str(
            exc.problem
        )
        if unclosed and exc.context_mark is not None:
            mark = exc.context_mark  # where the quote or bracket was opened
        if "expected a single document" in str(exc):
            msg = t(
                lang,
                "file holds more than one YAML document ('---'); keep one",
                "ファイルに YAML 文書が複数あります（'---'）。1つにしてください",
            )
            raise error_at(label, mark, msg, "multi-doc") from None
        raise error_at(label, mark, _scan_hint(exc, text, lang), "syntax") from None
    except yaml.YAMLError as exc:
        raise error_at(label, None, f"invalid YAML: {exc}", "syntax") from None
    except (RecursionError, MemoryError):
        message = t(
            lang,
            "document is too deeply nested or too large",
            "文書の入れ子が深すぎるか、大きすぎます",
        )
        raise error_at(label, None, message, "limits") from None
    finally:
        loader.dispose()
    return Document(path=label, data=data, node=node, raw=raw)


def load(path: Path | str, label: str | None = None, lang: str = "en") -> Document:
    """Read and parse a YAML file (`-`: standard input)."""
    label = label or (STDIN_LABEL if str(path) == "-" else str(path))
    raw = read_bytes(path, label, lang)
    return parse(decode(raw, label, lang), label, raw, lang)
