"""The wording of JSON Schema errors, in English and Japanese.

jsonschema's own messages speak of validators and Python types; a founder needs "write
YYYY-MM-DD" or "did you mean 'met'?". One function turns an error into (message, path, key).
"""

from __future__ import annotations

import json
from typing import Any

from jsonschema.exceptions import ValidationError, best_match

from readiness.formats.messages import suggest, t


def schema_message(err: ValidationError, lang: str) -> tuple[str, list[Any], str | None]:
    """(message, path to point at, key to point at) for one jsonschema error."""
    path = list(err.absolute_path)
    v, inst = err.validator, err.instance
    if v in ("oneOf", "anyOf") and err.context:
        enum_errs = [e for e in err.context if e.validator == "enum"]
        if isinstance(inst, str) and enum_errs:
            return schema_message(enum_errs[0], lang)
        if isinstance(inst, bool) and enum_errs:
            return (
                t(
                    lang,
                    f"{str(inst).lower()} is read as a yes/no value; write one of: "
                    + ", ".join(enum_errs[0].validator_value),
                    f"{str(inst).lower()} は真偽値として読まれます。次のいずれかを書いてください："
                    + "、".join(enum_errs[0].validator_value),
                ),
                path,
                None,
            )
        if isinstance(inst, dict):
            obj = [e for e in err.context if e.validator not in ("type", "enum")]
            if obj:
                return schema_message(best_match(obj), lang)
        deeper = [e for e in err.context if e.validator != "type"] or list(err.context)
        return schema_message(best_match(deeper), lang)
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return (
            t(lang, f"missing required field {missing!r}", f"必須項目 {missing!r} がありません"),
            path,
            None,
        )
    if v == "additionalProperties" and isinstance(inst, dict):
        allowed = set(err.schema.get("properties", {}))
        extras = [k for k in inst if k not in allowed]
        key = extras[0] if extras else None
        hint = suggest(key, allowed, lang) if key else ""
        allowed_txt = ", ".join(sorted(allowed))
        return (
            t(
                lang,
                f"unknown field {key!r}{hint}; allowed here: {allowed_txt}",
                f"不明な項目 {key!r}{hint}。ここで使える項目：{allowed_txt}",
            ),
            path,
            key,
        )
    if v == "enum":
        choices = ", ".join(json.dumps(c, ensure_ascii=False) for c in err.validator_value)
        hint = (
            suggest(inst, [str(c) for c in err.validator_value], lang)
            if isinstance(inst, str)
            else ""
        )
        shown = json.dumps(inst, ensure_ascii=False)
        return (
            t(
                lang,
                f"{shown} is not allowed here{hint}; use one of: {choices}",
                f"{shown} はここでは使えません{hint}。次のいずれかを使ってください：{choices}",
            ),
            path,
            None,
        )
    if v == "const":
        return (
            t(
                lang,
                f"must be {err.validator_value!r}",
                f"{err.validator_value!r} である必要があります",
            ),
            path,
            None,
        )
    if v == "type":
        expected = err.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        found = type(inst).__name__.replace("NoneType", "nothing").replace("dict", "mapping")
        found = found.replace("str", "text").replace("bool", "boolean")
        if str(err.schema.get("pattern", "")).startswith("^[0-9]+\\.") and not isinstance(
            inst, str
        ):
            return (
                t(
                    lang,
                    f'{inst} is read as a number; a version is text with three parts in quotes, e.g. "1.0.0"',
                    f'{inst} は数値として読まれます。版は "1.0.0" のように3つの数字を引用符で囲んで書いてください',
                ),
                path,
                None,
            )
        if expected == "string" and isinstance(inst, (int, float)) and not isinstance(inst, bool):
            return (
                t(
                    lang,
                    f'{inst} is read as a number; put it in quotes, e.g. "{inst}"',
                    f'{inst} は数値として読まれます。"{inst}" のように引用符で囲んでください',
                ),
                path,
                None,
            )
        return (
            t(lang, f"expected {expected}, found {found}", f"{expected} が必要ですが {found} です"),
            path,
            None,
        )
    if v == "pattern" and err.validator_value == "\\S":
        if path and path[-1] in ("ja", "en"):  # a bilingual text left blank
            return (
                t(lang, f"missing {path[-1]} translation", f"{path[-1]} の訳がありません"),
                path,
                None,
            )
        return t(lang, "must not be blank", "空白だけにはできません"), path, None
    if v == "format" and err.validator_value == "date":
        return (
            t(
                lang,
                f"{inst!r} is not a real date; write YYYY-MM-DD",
                f"{inst!r} は実在する日付ではありません。YYYY-MM-DD で書いてください",
            ),
            path,
            None,
        )
    if v == "not" and path and path[-1] == "logo":
        return (
            t(
                lang,
                f"logo {inst!r} refused: give a local PNG or JPEG file path, not a URL",
                f"ロゴ {inst!r} は使えません。URL ではなく、手元の PNG・JPEG ファイルのパスを指定してください",
            ),
            path,
            None,
        )
    if v == "pattern":
        pattern = err.validator_value
        if "[0-9]{4}-" in pattern:
            return (
                t(
                    lang,
                    f"{inst!r} is not a date; write YYYY-MM-DD",
                    f"{inst!r} は日付ではありません。YYYY-MM-DD 形式で書いてください",
                ),
                path,
                None,
            )
        if pattern.startswith("^#[0-9A-Fa-f]"):
            return (
                t(
                    lang,
                    f"{inst!r} is not a colour; write #RRGGBB, e.g. #0a6e5c",
                    f"{inst!r} は色ではありません。#0a6e5c のように #RRGGBB で書いてください",
                ),
                path,
                None,
            )
        if pattern.startswith("^[0-9]+\\."):
            return (
                t(
                    lang,
                    f'{inst!r} is not a version; write MAJOR.MINOR.PATCH, e.g. "1.0.0"',
                    f'{inst!r} は版番号ではありません。"1.0.0" のように書いてください',
                ),
                path,
                None,
            )
        return (
            t(
                lang,
                f"{inst!r} does not have the expected form ({pattern})",
                f"{inst!r} は想定の形式（{pattern}）ではありません",
            ),
            path,
            None,
        )
    if v == "minLength":
        return t(lang, "must not be empty", "空にできません"), path, None
    if v == "minItems":
        return (
            t(
                lang,
                f"needs at least {err.validator_value} entr(y/ies)",
                f"{err.validator_value}件以上必要です",
            ),
            path,
            None,
        )
    if v == "propertyNames":
        return (
            t(lang, f"invalid name {inst!r}", f"不正な名前 {inst!r}"),
            path,
            None,
        )
    return err.message, path, None
