"""Validate checklist, answers and profile files: syntax, JSON Schema and meaning.

Every problem in every file is collected (one bad file never hides another), each with the
file, line and column and a message that says what to change.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from readiness import applicability, yamlio
from readiness.catalog import LOCK_NAME, Catalog, Entry, lock_problems, sha256
from readiness.model import Answers, same_as_target
from readiness.problems import InputError, Problem
from readiness.resources import resource

KINDS = ("checklist", "answers", "profile")
_JAPANESE = r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]"  # compiled on first use: costly


@cache
def schema(kind: str) -> Draft202012Validator:
    with open(resource("schemas", f"{kind}.schema.json"), encoding="utf-8") as fh:
        return Draft202012Validator(json.load(fh))


def t(lang: str, en: str, ja: str) -> str:
    return ja if lang == "ja" else en


def json_path(parts: Iterable[Any]) -> str:
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(part)):
            out += f".{part}"
        else:
            out += f"[{json.dumps(str(part), ensure_ascii=False)}]"
    return out


def detect_kind(data: Any) -> str | None:
    if isinstance(data, dict):
        if "sections" in data:
            return "checklist"
        if "checklists" in data or "answers" in data:
            return "answers"
        if "facts" in data:
            return "profile"
    return None


def _suggest(word: str, options: Iterable[str], lang: str) -> str:
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return (
        t(lang, f" (did you mean {close[0]!r}?)", f"（{close[0]!r} ではありませんか？）")
        if close
        else ""
    )


# -- schema errors ------------------------------------------------------------------------------


def _schema_message(err: ValidationError, lang: str) -> tuple[str, list[Any], str | None]:
    """(message, path to point at, key to point at) for one jsonschema error."""
    path = list(err.absolute_path)
    v, inst = err.validator, err.instance
    if v in ("oneOf", "anyOf") and err.context:
        enum_errs = [e for e in err.context if e.validator == "enum"]
        if isinstance(inst, str) and enum_errs:
            return _schema_message(enum_errs[0], lang)
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
                return _schema_message(best_match(obj), lang)
        deeper = [e for e in err.context if e.validator != "type"] or list(err.context)
        return _schema_message(best_match(deeper), lang)
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
        hint = _suggest(key, allowed, lang) if key else ""
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
            _suggest(inst, [str(c) for c in err.validator_value], lang)
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


def schema_problems(doc: yamlio.Document, kind: str, lang: str = "en") -> list[Problem]:
    problems = []
    for err in schema(kind).iter_errors(doc.data):
        message, path, key = _schema_message(err, lang)
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


# -- checklist meaning --------------------------------------------------------------------------


class _Collector:
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


def _texts(node: Any, path: list[Any]) -> Iterable[tuple[list[Any], dict[str, str]]]:
    """Every bilingual {ja, en} text in a document, with its path."""
    if isinstance(node, dict):
        if set(node) == {"ja", "en"} or (
            set(node) >= {"ja", "en"} and set(node) <= {"ja", "en", "note"}
        ):
            yield path, node
        for k, v in node.items():
            yield from _texts(v, [*path, k])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _texts(v, [*path, i])


def check_checklist_document(
    doc: yamlio.Document, catalog: Catalog, entry: Entry | None = None, lang: str = "en"
) -> list[Problem]:
    problems = schema_problems(doc, "checklist", lang)
    if problems:
        return problems
    data = doc.data
    c = _Collector(doc, lang)
    path_obj = Path(doc.path)
    if entry is None and path_obj.suffix in (".yaml", ".yml"):
        entry = Entry(path_obj.parent.name, path_obj.stem, path_obj, path_obj.parent.parent)
    if entry is not None:
        if data["version"] != entry.version:
            c.add(
                ["version"],
                t(
                    lang,
                    f"version {data['version']!r} does not match the file name {path_obj.name!r}; name the file <version>.yaml",
                    f"版 {data['version']!r} がファイル名 {path_obj.name!r} と一致しません。ファイル名を <版>.yaml にしてください",
                ),
                "name",
            )
        if data["id"] != entry.id:
            c.add(
                ["id"],
                f"id {data['id']!r} does not match the folder {entry.id!r}; keep checklists in checklists/<id>/<version>.yaml",
                "name",
            )
        lock = catalog.lock_for(entry.root) if entry.root.joinpath(LOCK_NAME).exists() else {}
        if entry.root.joinpath(LOCK_NAME).exists():
            for p in lock_problems(entry, sha256(doc.raw), data["status"], lock):
                c.problems.append(
                    Problem(file=doc.path, line=1, column=1, message=p.message, code=p.code)
                )

    for path, text in _texts(data, []):
        for lang_key in ("ja", "en"):
            if not str(text.get(lang_key, "")).strip():
                c.add(
                    [*path, lang_key],
                    t(lang, f"missing {lang_key} translation", f"{lang_key} の訳がありません"),
                    "translation",
                )
        if (
            text.get("en")
            and text.get("ja")
            and not re.search(_JAPANESE, text["ja"])
            and len(text["ja"]) > 12
        ):
            c.add(
                [*path, "ja"],
                "the ja text has no Japanese characters; is it untranslated?",
                "translation",
                level="warning",
            )
        if text.get("ja") and text["ja"] == text.get("en") and len(text["ja"]) > 12:
            c.add(
                [*path, "ja"],
                "ja and en texts are identical; translate one of them",
                "translation",
                level="warning",
            )

    sources = {s["id"] for s in data["sources"]}
    used_sources: set[str] = set()
    scoring = data["scoring"]
    method = scoring["method"]
    facts = catalog.profile_facts
    if "applicability" in data:
        _check_condition(c, ["applicability", "when"], data["applicability"]["when"], facts)
    prereq = scoring.get("prerequisite")
    if prereq and prereq["checklist"] not in catalog.ids():
        c.add(
            ["scoring", "prerequisite", "checklist"],
            f"unknown checklist {prereq['checklist']!r}",
            "prerequisite",
        )

    seen_sections: dict[str, int] = {}
    seen_items: dict[str, list[Any]] = {}
    cmmc_fields = ("points", "partial_points", "poam", "gate")
    for si, section in enumerate(data["sections"]):
        if section["id"] in seen_sections:
            c.add(["sections", si, "id"], f"duplicate section id {section['id']!r}", "duplicate-id")
        seen_sections[section["id"]] = si
        for ii, item in enumerate(section["items"]):
            ipath: list[Any] = ["sections", si, "items", ii]
            iid = item["id"]
            if iid in seen_items:
                first = doc.position(seen_items[iid])[0]
                c.add(
                    [*ipath, "id"],
                    t(
                        lang,
                        f"duplicate item id {iid!r} (first on line {first}); item ids must be unique",
                        f"項目ID {iid!r} が重複しています（最初は{first}行目）。IDは一意にしてください",
                    ),
                    "duplicate-id",
                )
            else:
                seen_items[iid] = [*ipath, "id"]
            for ri, ref in enumerate(item["references"]):
                used_sources.add(ref["source"])
                if ref["source"] not in sources:
                    c.add(
                        [*ipath, "references", ri, "source"],
                        t(
                            lang,
                            f"unknown source {ref['source']!r}{_suggest(ref['source'], sources, lang)}; add it to `sources` or fix the id",
                            f"不明な出典 {ref['source']!r}{_suggest(ref['source'], sources, lang)}。`sources` に追加するかIDを直してください",
                        ),
                        "reference",
                    )
            if "applicability" in item:
                _check_condition(
                    c, [*ipath, "applicability", "when"], item["applicability"]["when"], facts
                )
            for target in item.get("same_as", []):
                _check_same_as(
                    c, [*ipath, "same_as"], same_as_target(target), catalog, data["id"]
                )
            if method == "cmmc-points":
                _check_cmmc_item(c, ipath, item, scoring)
            else:
                for name in cmmc_fields:
                    if name in item:
                        c.add(
                            ipath,
                            t(
                                lang,
                                f"{name!r} is not used by scoring method {method!r}; remove it or use cmmc-points",
                                f"{name!r} は採点方法 {method!r} では使いません。削除するか cmmc-points を使ってください",
                            ),
                            "method",
                            key=name,
                        )
            if method == "all-met" and "blocking" in item:
                c.add(
                    ipath,
                    "'blocking' has no effect with method 'all-met' (every item must be met)",
                    "method",
                    level="warning",
                    key="blocking",
                )
    for si, source in enumerate(data["sources"]):
        if source["id"] not in used_sources:
            c.add(
                ["sources", si, "id"],
                t(
                    lang,
                    f"source {source['id']!r} is not cited by any item",
                    f"出典 {source['id']!r} はどの項目からも参照されていません",
                ),
                "reference",
                level="warning",
            )
    if method == "cmmc-points":
        scored = sum(1 for s in data["sections"] for i in s["items"])
        if scored != scoring["max_score"]:
            c.add(
                ["scoring", "max_score"],
                f"max_score {scoring['max_score']} differs from the number of requirements ({scored})",
                "method",
                level="warning",
            )
    if method == "weighted" and scoring["conditional_percent"] > scoring["ready_percent"]:
        c.add(
            ["scoring", "conditional_percent"],
            "conditional_percent must not exceed ready_percent",
            "method",
        )
    return c.problems


def _check_cmmc_item(
    c: _Collector, ipath: list[Any], item: dict[str, Any], scoring: dict[str, Any]
) -> None:
    allowed = scoring["allowed_points"]
    if item.get("gate"):
        for name in ("points", "partial_points"):
            if name in item:
                c.add(ipath, f"a gate requirement has no {name}; remove it", "points", key=name)
        if item.get("poam") not in (None, "not_eligible"):
            c.add(
                ipath,
                "a gate requirement cannot go on a POA&M; set poam: not_eligible",
                "poam",
                key="poam",
            )
        return
    if "points" not in item:
        c.add(
            ipath, f"missing 'points' (one of {allowed}) required by method cmmc-points", "points"
        )
    elif item["points"] not in allowed:
        c.add(
            [*ipath, "points"],
            t(
                c.lang,
                f"{item['points']} points is not allowed by this method; use one of {allowed}",
                f"{item['points']}点はこの採点方法では使えません。{allowed} のいずれかにしてください",
            ),
            "points",
        )
    if "poam" not in item:
        c.add(ipath, "missing 'poam' (eligible, not_eligible or partial_only)", "poam")
    if "partial_points" in item and "points" in item and item["partial_points"] >= item["points"]:
        c.add([*ipath, "partial_points"], "partial_points must be less than points", "points")
    if item.get("poam") == "partial_only" and "partial_points" not in item:
        c.add(
            [*ipath, "poam"], "poam: partial_only needs partial_points (the partial case)", "poam"
        )


def _condition_facts(cond: dict[str, Any], path: list[Any]) -> Iterable[tuple[list[Any], str, Any]]:
    """(path of the mapping holding the fact, fact, spec) for every fact in a condition."""
    if applicability.is_combinator(cond):
        key, arg = next(iter(cond.items()))
        if key in ("any", "all"):
            for i, sub in enumerate(arg):
                yield from _condition_facts(sub, [*path, key, i])
        else:
            yield from _condition_facts(arg, [*path, key])
        return
    for fact, spec in cond.items():
        yield path, fact, spec


def _check_condition(
    c: _Collector, path: list[Any], cond: dict[str, Any], facts: dict[str, dict[str, Any]]
) -> None:
    for where, fact, spec in _condition_facts(cond, path):
        if fact not in facts:
            c.add(
                where,
                t(
                    c.lang,
                    f"unknown profile fact {fact!r}{_suggest(fact, facts, c.lang)}; facts are defined in checklists/profile.yaml",
                    f"不明なプロファイル項目 {fact!r}{_suggest(fact, facts, c.lang)}。項目は checklists/profile.yaml で定義します",
                ),
                "profile",
                key=fact,
            )
            continue
        kind = facts[fact]["type"]
        for value in applicability.values_in(spec):
            if not applicability.value_fits(kind, value):
                c.add(
                    [*where, fact],
                    f"fact {fact!r} is {kind}, but the condition compares it with {value!r}",
                    "profile",
                )


def _check_same_as(
    c: _Collector, path: list[Any], target: str, catalog: Catalog, own_id: str
) -> None:
    cid, _, item_id = target.partition(":")
    if cid == own_id:
        c.add(path, f"same_as {target!r} points into the same checklist", "same-as")
        return
    entry = catalog.find(cid)
    if entry is None:
        c.add(
            path,
            f"same_as {target!r}: no checklist {cid!r} is available",
            "same-as",
            level="warning",
        )
        return
    try:
        ids = catalog.item_ids(entry)
    except InputError:
        return  # that checklist's own problems are reported when it is validated
    if item_id not in ids:
        c.add(
            path,
            f"same_as {target!r}: {entry.ref} has no item {item_id!r}{_suggest(item_id, ids, 'en')}",
            "same-as",
        )


# -- answers meaning ----------------------------------------------------------------------------


def _real_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_answers_document(
    doc: yamlio.Document, catalog: Catalog, lang: str = "en"
) -> list[Problem]:
    problems = schema_problems(doc, "answers", lang)
    if problems:
        return problems
    data = doc.data
    c = _Collector(doc)
    if _real_date(data["assessment_date"]) and not 1990 <= int(data["assessment_date"][:4]) <= 2199:
        c.add(
            ["assessment_date"],
            t(
                lang,
                f"{data['assessment_date']!r} is not a plausible assessment date; check the year",
                f"{data['assessment_date']!r} は評価日としてありえません。年を確認してください",
            ),
            "date",
        )
    if not _real_date(data["assessment_date"]):
        c.add(
            ["assessment_date"],
            t(
                lang,
                f"{data['assessment_date']!r} is not a real date",
                f"{data['assessment_date']!r} は存在しない日付です",
            ),
            "date",
        )
    facts = catalog.profile_facts
    profile = data.get("profile") or {}
    for name, value in profile.items():
        if name not in facts:
            c.add(
                ["profile"],
                t(
                    lang,
                    f"unknown profile fact {name!r}{_suggest(name, facts, lang)}; known facts: {', '.join(facts)}",
                    f"不明なプロファイル項目 {name!r}{_suggest(name, facts, lang)}",
                ),
                "profile",
                key=name,
            )
            continue
        if value is None:
            continue
        fact = facts[name]
        kind = fact["type"]
        if not applicability.value_fits(kind, value):
            want = {"boolean": "true or false", "integer": "a whole number", "string": "text"}[kind]
            c.add(
                ["profile", name],
                t(lang, f"{name} must be {want}", f"{name} は {want} で答えてください"),
                "profile",
            )
        elif "values" in fact and value not in fact["values"]:
            c.add(
                ["profile", name],
                t(
                    lang,
                    f"{value!r} is not one of {fact['values']}",
                    f"{value!r} は {fact['values']} のいずれでもありません",
                ),
                "profile",
            )

    needed_facts: set[str] = set()
    for cid, entry_data in (data.get("checklists") or {}).items():
        base = ["checklists", cid]
        if not catalog.versions(cid):
            c.add(
                ["checklists"],
                t(
                    lang,
                    f"unknown checklist {cid!r}{_suggest(cid, catalog.ids(), lang)}; available: {', '.join(catalog.ids())}",
                    f"不明なチェックリスト {cid!r}{_suggest(cid, catalog.ids(), lang)}。利用可能：{', '.join(catalog.ids())}",
                ),
                "unknown-checklist",
                key=cid,
            )
            continue
        entry = catalog.find(cid, entry_data["version"])
        if entry is None:
            have = ", ".join(e.version for e in catalog.versions(cid))
            c.add(
                [*base, "version"],
                t(
                    lang,
                    f"{cid} has no version {entry_data['version']!r}; available: {have}",
                    f"{cid} に版 {entry_data['version']!r} はありません。利用可能：{have}",
                ),
                "unknown-version",
            )
            continue
        try:
            checklist = catalog.load(entry)
        except InputError as exc:
            c.add(
                [*base, "version"],
                t(
                    lang,
                    f"{entry.ref} itself is invalid ({len(exc.problems)} problem(s)); run `readiness validate {entry.path}`",
                    f"{entry.ref} 自体に問題があります（{len(exc.problems)}件）",
                ),
                "checklist-invalid",
            )
            continue
        if entry_data.get("sha256") and entry_data["sha256"] != checklist.sha256:
            c.add(
                [*base, "sha256"],
                t(
                    lang,
                    f"these answers were made for a different text of {entry.ref} (sha256 {entry_data['sha256'][:12]}…, now {checklist.sha256[:12]}…); check the answers against the current questions and update sha256",
                    f"この回答は別の内容の {entry.ref} に対するものです（sha256 が一致しません）",
                ),
                "hash",
            )
        stated = {k: v for k, v in profile.items() if v is not None}
        rules = [checklist.data.get("applicability")] + [i.applicability for i in checklist.items()]
        for rule in rules:
            if rule and applicability.evaluate(rule["when"], stated) is None:
                needed_facts.update(f for f, _ in applicability.facts_in(rule["when"]))
        ids = [i.id for i in checklist.items()]
        for item_id, value in (entry_data.get("answers") or {}).items():
            item = checklist.item(item_id)
            if item is None:
                c.add(
                    [*base, "answers"],
                    t(
                        lang,
                        f"{entry.ref} has no item {item_id!r}{_suggest(item_id, ids, lang)}",
                        f"{entry.ref} に項目 {item_id!r} はありません{_suggest(item_id, ids, lang)}",
                    ),
                    "unknown-item",
                    key=item_id,
                )
                continue
            status = value if not isinstance(value, dict) else value.get("status")
            if status == "not_applicable" and not item.allow_na:
                c.add(
                    [*base, "answers", item_id],
                    t(
                        lang,
                        f"{item_id} cannot be not_applicable; answer met, partial or not_met",
                        f"{item_id} は「該当なし」にできません。met・partial・not_met で答えてください",
                    ),
                    "na-not-allowed",
                )
            if isinstance(value, dict) and value.get("due") and not _real_date(value["due"]):
                c.add(
                    [*base, "answers", item_id, "due"],
                    t(
                        lang,
                        f"{value['due']!r} is not a real date",
                        f"{value['due']!r} は存在しない日付です",
                    ),
                    "date",
                )
    missing = sorted(f for f in needed_facts if profile.get(f) is None and f in facts)
    if missing:
        c.add(
            ["profile"],
            t(
                lang,
                f"profile does not state {', '.join(missing)}; items that depend on them stay in scope",
                f"プロファイルに {', '.join(missing)} が未記入です。関連項目は対象として扱います",
            ),
            "profile-incomplete",
            level="warning",
        )
    return c.problems


def check_profile_document(doc: yamlio.Document, lang: str = "en") -> list[Problem]:
    problems = schema_problems(doc, "profile", lang)
    if problems:
        return problems
    c = _Collector(doc)
    seen: set[str] = set()
    for i, fact in enumerate(doc.data["facts"]):
        if fact["id"] in seen:
            c.add(["facts", i, "id"], f"duplicate fact id {fact['id']!r}", "duplicate-id")
        seen.add(fact["id"])
    return c.problems


# -- files --------------------------------------------------------------------------------------


def expand(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            )
        else:
            files.append(path)
    return files


def validate_file(
    path: Path, catalog: Catalog, lang: str = "en"
) -> tuple[str | None, list[Problem]]:
    """(kind, problems) for one file; never raises for bad input."""
    label = str(path)
    try:
        doc = yamlio.load(path, label)
    except InputError as exc:
        return None, exc.problems
    if doc.data is None:
        return None, [
            Problem(
                file=label,
                line=1,
                column=1,
                message=t(
                    lang,
                    "file is empty (only blank lines or comments); to start an answers file run `readiness template CHECKLIST -o FILE`",
                    "ファイルが空です（空行またはコメントのみ）。回答ファイルは `readiness template CHECKLIST -o FILE` で作成できます",
                ),
                code="empty",
            )
        ]
    kind = detect_kind(doc.data)
    if kind is None:
        return None, [
            Problem(
                file=label,
                line=1,
                column=1,
                message=t(
                    lang,
                    "not a readiness file: a checklist has `sections:`, an answers file has `checklists:`, the profile has `facts:`",
                    "readiness のファイルではありません（チェックリストは sections:、回答ファイルは checklists: を持ちます）",
                ),
                code="kind",
            )
        ]
    if kind == "checklist":
        problems = check_checklist_document(doc, catalog, lang=lang)
    elif kind == "answers":
        problems = check_answers_document(doc, catalog, lang=lang)
    else:
        problems = check_profile_document(doc, lang=lang)
    return kind, sorted(problems)


def validate_paths(
    paths: Iterable[Path], catalog: Catalog, lang: str = "en"
) -> tuple[list[Path], list[Problem]]:
    paths = list(paths)
    files = expand(paths)
    problems: list[Problem] = [
        Problem(
            file=str(p),
            message=t(
                lang,
                "no .yaml files found here; check the folder",
                ".yaml ファイルが見つかりません。フォルダを確認してください",
            ),
            code="no-files",
        )
        for p in paths
        if p.is_dir() and not any(f.is_relative_to(p) for f in files)
    ]
    for path in files:
        problems.extend(validate_file(path, catalog, lang)[1])
    return files, sorted(problems)


def load_answers(path: Path, catalog: Catalog, lang: str = "en") -> tuple[Answers, list[Problem]]:
    """Load an answers file for scoring; InputError with every error if it is not valid."""
    label = str(path)
    doc = yamlio.load(path, label)
    if doc.data is None:
        raise InputError(validate_file(path, catalog, lang)[1])
    kind = detect_kind(doc.data)
    if kind != "answers":
        what = {"checklist": "a checklist", "profile": "the profile facts"}.get(
            kind or "", "not an answers file"
        )
        raise InputError(
            [
                Problem(
                    file=label,
                    line=1,
                    column=1,
                    message=t(
                        lang,
                        f"expected an answers file, but this is {what}; create one with `readiness template`",
                        f"回答ファイルが必要ですが、これは {what} です。`readiness template` で作成してください",
                    ),
                    code="kind",
                )
            ]
        )
    problems = check_answers_document(doc, catalog, lang)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise InputError(errors)
    return Answers(data=doc.data, path=label), problems
