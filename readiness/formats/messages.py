"""User-facing strings of the CLI and reports, in Japanese and English.

Checklist content carries its own translations; this catalog holds only the tool's own words.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable

LANGS = ("en", "ja")

MESSAGES: dict[str, dict[str, str]] = {
    # statuses
    "status.met": {"en": "Met", "ja": "実施済み"},
    "status.partial": {"en": "Partially met", "ja": "一部実施"},
    "status.not_met": {"en": "Not met", "ja": "未実施"},
    "status.not_applicable": {"en": "Not applicable", "ja": "該当なし"},
    "status.unanswered": {"en": "Unanswered", "ja": "未回答"},
    "status.out_of_scope": {"en": "Out of scope", "ja": "対象外"},
    # verdicts
    "verdict.final": {"en": "Final (all requirements met)", "ja": "最終（全要件を充足）"},
    "verdict.conditional": {
        "en": "Conditional (POA&M to close within {days} days)",
        "ja": "条件付き（{days}日以内にPOA&Mを完了）",
    },
    "verdict.not_eligible": {"en": "Not eligible", "ja": "要件未達"},
    "verdict.incomplete": {"en": "Incomplete (unanswered items)", "ja": "未完了（未回答あり）"},
    "verdict.ready": {"en": "Ready (this tool's estimate)", "ja": "準備完了（本ツールの目安）"},
    "verdict.not_ready": {"en": "Not ready", "ja": "準備不足"},
    "verdict.not_applicable": {"en": "Not applicable", "ja": "対象外"},
    "verdict.nearly_ready": {
        "en": "Nearly ready (this tool's estimate)",
        "ja": "おおむね準備済み（本ツールの目安）",
    },
    # verdict reasons
    "reason.all_met": {
        "en": "Every requirement in scope is met.",
        "ja": "対象となる全要件を実施済みです。",
    },
    "reason.unanswered": {
        "en": "{n} item(s) unanswered; they are counted as not met until answered.",
        "ja": "未回答が{n}件あります。回答するまで未実施として扱います。",
    },
    "reason.gate": {
        "en": "No valid score: {items} is not met (a system security plan is required before "
        "any score counts).",
        "ja": "有効なスコアがありません：{items} が未実施です（スコアの前提としてシステムセキュリティ"
        "計画が必要です）。",
    },
    "reason.gate_unanswered": {
        "en": "No score until {items} (the system security plan) is answered.",
        "ja": "{items}（システムセキュリティ計画）に回答するまでスコアは出ません。",
    },
    "reason.score_below": {
        "en": "Score {score} is below the {minimum} needed for conditional status.",
        "ja": "スコア {score} は条件付きステータスに必要な {minimum} に届いていません。",
    },
    "reason.poam_ineligible": {
        "en": "Gaps that may not be left on a POA&M: {items}.",
        "ja": "POA&Mの対象にできない未実施項目：{items}",
    },
    "reason.poam_ok": {
        "en": "Score {score} ≥ {minimum} and every gap may go on a POA&M; close them by {date}.",
        "ja": "スコア {score} ≥ {minimum} で、未実施項目はすべてPOA&Mの対象にできます。{date} までに"
        "完了してください。",
    },
    "reason.all_met_required": {
        "en": "Every requirement must be met; {n} gap(s) remain and no POA&M is allowed.",
        "ja": "全要件の実施が必要です。未実施が{n}件あり、POA&Mは認められません。",
    },
    "reason.blocking": {
        "en": "Blocking gaps: {items}.",
        "ja": "必須項目の未実施：{items}",
    },
    "reason.percent_below": {
        "en": "{percent}% is below the {minimum}% needed.",
        "ja": "{percent}% は必要な {minimum}% に届いていません。",
    },
    "reason.percent_conditional": {
        "en": "{percent}% with no blocking gap; {ready}% is needed to be ready.",
        "ja": "必須項目の未実施はなく {percent}% です。準備完了には {ready}% が必要です。",
    },
    "reason.percent_ready": {
        "en": "{percent}% with no blocking gap.",
        "ja": "必須項目の未実施はなく {percent}% です。",
    },
    "reason.prerequisite": {
        "en": "Requires {checklist} with status {verdicts} first (now: {actual}).",
        "ja": "先に {checklist} が {verdicts} である必要があります（現在：{actual}）。",
    },
    "reason.prerequisite_assessor": {
        "en": "Requires {checklist} with status {verdicts} from a {assessors} assessment; "
        "these answers are assessed by: {actual}.",
        "ja": "{checklist} が {assessors} による評価で {verdicts} である必要があります"
        "（この回答の評価者：{actual}）。",
    },
    "thresholds.heuristic": {
        "en": "Bands (ready ≥ {ready}%, nearly ready ≥ {nearly}%) are this tool's heuristic, "
        "not a legal test: the regime has no percentage; every obligation and each blocking "
        "item is what counts.",
        "ja": "判定の区分（準備完了 {ready}% 以上、おおむね準備済み {nearly}% 以上）は本ツールの"
        "目安であり、法令上の基準ではありません。この制度に割合の基準はなく、すべての義務と"
        "必須項目の充足が問われます。",
    },
    "thresholds.bands": {
        "en": "Ready ≥ {ready}%, nearly ready ≥ {nearly}%.",
        "ja": "準備完了 {ready}% 以上、おおむね準備済み {nearly}% 以上。",
    },
    "thresholds.regulation": {
        "en": "Thresholds are the regulation's (32 CFR 170): conditional status needs "
        "{minimum} of {max} with every gap on a POA&M, closed within {days} days of the "
        "Conditional Status Date.",
        "ja": "基準は規則（32 CFR 170）によるものです：条件付きステータスには {max} 点中 "
        "{minimum} 点以上かつ全未実施項目のPOA&M登録が必要で、条件付きステータス付与日から"
        "{days}日以内に完了しなければなりません。",
    },
    "thresholds.all_met": {
        "en": "Threshold is the regulation's (32 CFR 170): every requirement met; no POA&M.",
        "ja": "基準は規則（32 CFR 170）によるものです：全要件の実施が必要で、POA&Mは認められません。",
    },
    "reason.best_below": {
        "en": "Even if every unanswered requirement were met the score would be {best}, below "
        "the {minimum} needed for conditional status.",
        "ja": "未回答の要件をすべて実施済みとしてもスコアは {best} で、条件付きステータスに必要な "
        "{minimum} に届きません。",
    },
    "reason.decided_despite_blanks": {
        "en": "{n} item(s) are still unanswered, but no answer to them can change this verdict.",
        "ja": "未回答が{n}件ありますが、どう回答してもこの判定は変わりません。",
    },
    "reason.profile_unknown": {
        "en": "Profile does not say: {facts}. Items that depend on it are kept in scope.",
        "ja": "プロファイルに未記入の項目があります：{facts}。関連する項目は対象として扱います。",
    },
    # CLI words
    "cli.checklist": {"en": "Checklist", "ja": "チェックリスト"},
    "cli.version": {"en": "Version", "ja": "版"},
    "cli.status": {"en": "Status", "ja": "状態"},
    "cli.items": {"en": "Items", "ja": "項目数"},
    "cli.title": {"en": "Title", "ja": "名称"},
    "cli.verdict": {"en": "Verdict", "ja": "判定"},
    "cli.thresholds": {"en": "Thresholds", "ja": "判定基準"},
    "cli.poam_ineligible": {"en": "Not POA&M-eligible", "ja": "POA&M対象外"},
    "cli.rendering": {
        "en": "Rendering the PDF (this takes a few seconds)…",
        "ja": "PDF を作成しています（数秒かかります）…",
    },
    "cli.newer": {
        "en": "A newer release, {ref}, exists; move these answers to it with "
        "`readiness migrate {path} --to {ref} -o NEW.yaml`.",
        "ja": "新しい版 {ref} がリリースされています。`readiness migrate {path} --to {ref} "
        "-o NEW.yaml` で回答を移行できます。",
    },
    "cli.review": {
        "en": "To confirm (question or criterion changed since answered)",
        "ja": "要確認（回答後に質問・基準が変更）",
    },
    "cli.percent": {"en": "Readiness", "ja": "達成率"},
    "cli.sprs": {"en": "SPRS score", "ja": "SPRSスコア"},
    "cli.score": {"en": "Score", "ja": "スコア"},
    "cli.no_score": {"en": "none (no valid score)", "ja": "なし（有効なスコアなし）"},
    "cli.poam": {"en": "POA&M", "ja": "POA&M"},
    "cli.closeout": {"en": "POA&M close-out by", "ja": "POA&M完了期限"},
    "cli.counts": {"en": "Answers", "ja": "回答"},
    "cli.blocking": {"en": "Blocking gaps", "ja": "必須項目の未実施"},
    "cli.unanswered": {"en": "Unanswered", "ja": "未回答"},
    "cli.out_of_scope": {"en": "Out of scope", "ja": "対象外"},
    "cli.missing": {
        "en": "Not answered but applies to your profile: {ids}",
        "ja": "プロファイル上は対象ですが未回答のチェックリスト：{ids}",
    },
    "cli.valid": {"en": "{n} file(s) valid.", "ja": "{n}件のファイルは有効です。"},
    "cli.invalid": {
        "en": "{errors} error(s), {warnings} warning(s) in {files} file(s).",
        "ja": "{files}件のファイルにエラー{errors}件、警告{warnings}件。",
    },
    "cli.wrote": {"en": "Wrote {path}", "ja": "{path} を書き出しました"},
    "cli.backup": {
        "en": "Previous file kept as {path}",
        "ja": "以前のファイルを {path} に保存しました",
    },
    "cli.template_sheet_next": {
        "en": "Next: fill in the sheets (status drop-downs, notes, owners, due dates), then "
        "`readiness import {path} -o ANSWERS.yaml`.",
        "ja": "次にシートに記入し（状況の選択、メモ、担当、期限）、"
        "`readiness import {path} -o ANSWERS.yaml` で取り込んでください。",
    },
    "cli.template_next": {
        "en": "Next: fill in the answers, then run `readiness validate {path}` and "
        "`readiness score {path}`.",
        "ja": "次に回答を記入し、`readiness validate {path}` と `readiness score {path}` を"
        "実行してください。",
    },
}


def parse_lang(value: str | None) -> str | None:
    """`ja`, `JA`, `ja_JP.UTF-8`, `ja-JP` → "ja"; `en_US` → "en"; anything else → None."""
    code = (value or "").strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return code if code in LANGS else None


def default_lang() -> str:
    """READINESS_LANG, else the locale in gettext's order (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).

    LANGUAGE may list several (`ja:en`); the first we speak wins. Case does not matter.
    """
    own = parse_lang(os.environ.get("READINESS_LANG"))
    if own:
        return own
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if not value or value in ("C", "POSIX"):
            continue
        for part in value.split(":"):
            found = parse_lang(part)
            if found:
                return found
        return "en"  # a locale we do not speak: English
    return "en"


def msg(key: str, lang: str, **kwargs: object) -> str:
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**kwargs) if kwargs else text


def t(lang: str, en: str, ja: str) -> str:
    """Pick one of two inline translations (for messages built with parameters)."""
    return ja if lang == "ja" else en


def suggest(word: str, options: Iterable[str], lang: str) -> str:
    """A "did you mean …?" suffix for a misspelt name, or an empty string."""
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    if not close:
        return ""
    return t(lang, f" (did you mean {close[0]!r}?)", f"（{close[0]!r} ではありませんか？）")
