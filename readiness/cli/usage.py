"""click's usage errors in Japanese too: the common messages, matched and reworded."""

from __future__ import annotations

import re

import click

# (pattern of click's English message, Japanese with the same groups)
JA = [
    (r"No such option: (\S+)", "オプション {0} はありません。"),
    (r"No such option '(.+?)'\.", "オプション '{0}' はありません。"),
    (r"No such command '(.+)'\.", "コマンド '{0}' はありません。"),
    (r"Missing argument '(.+)'\.", "引数 '{0}' が必要です。"),
    (r"Missing option '(.+)'\.", "オプション '{0}' が必要です。"),
    (r"Option '(.+)' requires an argument\.", "オプション '{0}' には値が必要です。"),
    (r"Got unexpected extra arguments? \((.+)\)", "余分な引数があります（{0}）。"),
    (r"Invalid value for '(.+)': (.+)", "'{0}' の値が正しくありません：{1}"),
    (r"Did you mean (.+)\?", "{0} ではありませんか？"),
    (r"'(.+)' is not one of (.+)\.", "'{0}' は {1} のいずれでもありません。"),
    (r"(.+) is not a valid integer\.", "{0} は整数ではありません。"),
]


def translate(message: str, lang: str) -> str:
    """click's message in `lang`, sentence by sentence; unknown sentences stay English."""
    if lang != "ja":
        return message
    out = message
    for pattern, template in JA:
        out = re.sub(pattern, lambda m, t=template: t.format(*m.groups()), out)
    return out.replace("。 ", "。")  # Japanese puts no space between sentences


def show_usage_error(exc: click.exceptions.UsageError, lang: str) -> None:
    """Usage line, hint and error, as click shows them, in the user's language."""
    ctx = exc.ctx
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        help_cmd = f"{ctx.command_path} {ctx.help_option_names[0]}"
        hint = (
            f"ヘルプは '{help_cmd}' で表示できます。"
            if lang == "ja"
            else f"Try '{help_cmd}' for help."
        )
        click.echo(hint + "\n", err=True)
    label = "エラー" if lang == "ja" else "Error"
    click.echo(f"{label}: {translate(exc.format_message(), lang)}", err=True)
