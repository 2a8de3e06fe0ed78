"""The terminal interview: the profile questions not yet answered, then the unanswered items.

One line per question. Items: a status word (met, partial, not_met, na, or m/p/n; Japanese
はい/一部/いいえ/該当なし), optionally `: a note`. Anywhere: skip, back, quit (s, b, q;
スキップ/戻る/終了). Each answer is saved at once, so quitting (or end of input) loses nothing
and the next run starts at the first question still open. Reading and writing are callables,
so the CLI passes the terminal and tests pass a pipe.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from readiness.assess.session import Session
from readiness.content.model import tr
from readiness.formats.messages import t

STATUS_WORDS = {
    "met": "met",
    "m": "met",
    "yes": "met",
    "y": "met",
    "はい": "met",
    "実施済み": "met",
    "済": "met",
    "partial": "partial",
    "p": "partial",
    "一部": "partial",
    "not_met": "not_met",
    "notmet": "not_met",
    "not met": "not_met",
    "n": "not_met",
    "no": "not_met",
    "いいえ": "not_met",
    "未実施": "not_met",
    "na": "not_applicable",
    "n/a": "not_applicable",
    "not_applicable": "not_applicable",
    "該当なし": "not_applicable",
}
YES_NO = {
    "yes": True,
    "y": True,
    "true": True,
    "はい": True,
    "no": False,
    "n": False,
    "false": False,
    "いいえ": False,
}
COMMANDS = {
    "skip": "skip",
    "s": "skip",
    "スキップ": "skip",
    "back": "back",
    "b": "back",
    "戻る": "back",
    "quit": "quit",
    "q": "quit",
    "終了": "quit",
}


def normalise(text: str) -> str:
    """Full-width letters and colons to plain ones, lower case, spaces trimmed."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def parse_command(line: str) -> str | None:
    return COMMANDS.get(normalise(line))


def parse_status(line: str) -> tuple[str, str] | None:
    """(status, note) from `word` or `word: note`; None when the word is not a status."""
    text = unicodedata.normalize("NFKC", line).strip()
    word, _, note = text.partition(":")
    status = STATUS_WORDS.get(word.strip().lower())
    return (status, note.strip()) if status else None


def parse_fact(fact: dict[str, Any], line: str) -> tuple[bool, Any]:
    """(understood, value) for a profile fact's answer."""
    text = normalise(line)
    if fact["type"] == "boolean":
        return (text in YES_NO, YES_NO.get(text))
    if fact["type"] == "integer":
        try:
            value: Any = int(text)
        except ValueError:
            return False, None
    else:
        value = unicodedata.normalize("NFKC", line).strip()
    if "values" in fact and value not in fact["values"]:
        return False, None
    return bool(str(value)), value


def run(session: Session, read: Callable[[], str | None], write: Callable[[str], None]) -> bool:
    """Ask until every question has an answer or the user quits; True when finished."""
    lang = session.lang
    if not session.can_save:
        while True:
            write(t(lang, "Organisation name:", "組織名："))
            line = read()
            if line is None or parse_command(line) == "quit":
                return False
            if line.strip():
                session.set_name(line)
                session.save()
                break
    if not _ask_facts(session, read, write):
        return False
    added = session.add_applicable_checklists()
    if added:
        session.save()
        write(
            t(
                lang,
                f"Checklists that apply: {', '.join(added)}",
                f"対象のチェックリスト：{', '.join(added)}",
            )
        )
    return _ask_items(session, read, write)


def _ask_facts(
    session: Session, read: Callable[[], str | None], write: Callable[[str], None]
) -> bool:
    lang = session.lang
    facts = session.facts_to_ask()
    i = 0
    while i < len(facts):
        fact = facts[i]
        hint = (
            t(lang, "yes/no", "はい/いいえ")
            if fact["type"] == "boolean"
            else " / ".join(str(v) for v in fact.get("values", [])) or fact["type"]
        )
        write(
            f"[{t(lang, 'profile', 'プロファイル')} {i + 1} {t(lang, 'of', '/')} {len(facts)}] "
            f"{tr(fact['question'], lang)} ({hint})"
        )
        line = read()
        command = "quit" if line is None else parse_command(line)
        if command == "quit":
            return False
        if command == "skip":
            i += 1
            continue
        if command == "back":
            i = max(0, i - 1)
            continue
        ok, value = parse_fact(fact, line or "")
        if not ok:
            write(t(lang, f"Please answer {hint}.", f"{hint} で答えてください。"))
            continue
        session.set_fact(fact["id"], value)
        session.save()
        i += 1
    return True


def _ask_items(
    session: Session, read: Callable[[], str | None], write: Callable[[str], None]
) -> bool:
    lang = session.lang
    asked: list[tuple[str, str]] = []  # (checklist, item) in the order asked, for `back`
    skipped: set[tuple[str, str]] = set()
    back_to: tuple[str, str] | None = None
    while True:
        todo = [(c, row) for c, row in session.items_to_ask() if (c.id, row.item.id) not in skipped]
        if back_to is not None:
            checklist = next(c for c in session.checklists() if c.id == back_to[0])
            item = checklist.item(back_to[1])
        elif todo:
            checklist, row = todo[0]
            item = row.item
        else:
            return not skipped
        key = (checklist.id, item.id)
        done, total = _overall(session)
        write("")
        write(
            f"[{min(done + 1, total)} {t(lang, 'of', '/')} {total}] {checklist.id} {item.id}  {tr(item.title, lang)}"
        )
        write(f"  {tr(item.question, lang)}")
        write(f"  {t(lang, 'Met when', '充足の基準')}: {tr(item.guidance, lang)}")
        current = session.answer(*key).get("status")
        if current:
            write(f"  {t(lang, 'current answer', '現在の回答')}: {current}")
        write(
            t(
                lang,
                "  met / partial / not_met / na [: note] · skip · back · quit",
                "  はい / 一部 / いいえ / 該当なし [: メモ] · スキップ · 戻る · 終了",
            )
        )
        line = read()
        command = "quit" if line is None else parse_command(line)
        if command == "quit":
            return False
        if command == "skip":
            skipped.add(key)
            back_to = None
            continue
        if command == "back":
            earlier = [k for k in asked if k != key]
            back_to = earlier[-1] if earlier else None
            if back_to is None:
                write(t(lang, "  (this is the first question)", "  （最初の質問です）"))
            continue
        parsed = parse_status(line or "")
        if parsed is None:
            write(
                t(
                    lang,
                    "  Please answer met, partial, not_met or na.",
                    "  はい・一部・いいえ・該当なし で答えてください。",
                )
            )
            continue
        status, note = parsed
        if status == "not_applicable" and not item.allow_na:
            write(
                t(
                    lang,
                    "  This item cannot be not applicable.",
                    "  この項目は「該当なし」にできません。",
                )
            )
            continue
        fields = {k: v for k, v in session.answer(*key).items() if k != "status"}
        if note:
            fields["note"] = note
        session.set_answer(checklist.id, item.id, status, **fields)
        session.save()
        if key in asked:
            asked.remove(key)
        asked.append(key)
        back_to = None


def _overall(session: Session) -> tuple[int, int]:
    progress = session.progress().values()
    return sum(d for d, _ in progress), sum(n for _, n in progress)
