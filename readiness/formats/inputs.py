"""Bytes in: read a file or standard input within a size bound, and decode it as UTF-8.

Every OS and encoding error becomes a problem naming the file, and the fix, in either language.
"""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from typing import NoReturn

from readiness.formats.messages import t
from readiness.formats.problems import InputError, Problem

STDIN_LABEL = "<stdin>"
MAX_BYTES = 8 * 1024 * 1024  # larger than any real checklist or answers file


def label_for(path: Path | str) -> str:
    """How messages name an input: its path, or `<stdin>` for `-`."""
    return STDIN_LABEL if str(path) == "-" else str(path)


def read_bytes(path: Path | str, label: str | None = None, lang: str = "en") -> bytes:
    """Read a file, turning every OS error into a problem a user can act on."""
    label = label or (STDIN_LABEL if str(path) == "-" else str(path))
    if str(path) == "-":
        return _read_stdin(label, lang)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(
                [
                    Problem(
                        label,
                        0,
                        0,
                        t(lang, "is a folder, not a file", "ファイルではなくフォルダです"),
                        "not-a-file",
                    )
                ]
            )
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):  # /dev/zero, a FIFO, a socket: never read
            raise InputError(
                [
                    Problem(
                        label,
                        0,
                        0,
                        t(
                            lang,
                            "is not a regular file (a device, pipe or socket); give a file, "
                            "or `-` to read standard input",
                            "通常のファイルではありません（デバイス・パイプなど）。ファイルか、"
                            "標準入力なら `-` を指定してください",
                        ),
                        "not-a-file",
                    )
                ]
            )
        size = info.st_size
        if size > MAX_BYTES:
            raise InputError(
                [
                    Problem(
                        label,
                        0,
                        0,
                        t(
                            lang,
                            f"file is {size:,} bytes; the limit is {MAX_BYTES:,}. "
                            "Check that this is the right file.",
                            f"ファイルが {size:,} バイトあり、上限 {MAX_BYTES:,} バイトを超えています。"
                            "正しいファイルか確認してください",
                        ),
                        "too-large",
                    )
                ]
            )
        with open(p, "rb") as fh:  # bounded even if the file grows while we read it
            data = fh.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            _too_large(label, lang)
        return data
    except FileNotFoundError:
        raise InputError(
            [
                Problem(
                    label,
                    0,
                    0,
                    t(
                        lang,
                        "file not found; check the path and spelling",
                        "ファイルが見つかりません。パスと綴りを確認してください",
                    ),
                    "not-found",
                )
            ]
        ) from None
    except PermissionError:
        raise InputError(
            [
                Problem(
                    label,
                    0,
                    0,
                    t(
                        lang,
                        "permission denied; check the file's permissions",
                        "読み取りの権限がありません。ファイルの権限を確認してください",
                    ),
                    "no-access",
                )
            ]
        ) from None
    except OSError as exc:
        raise InputError(
            [
                Problem(
                    label,
                    0,
                    0,
                    t(lang, f"cannot read: {exc.strerror}", f"読み込めません：{exc.strerror}"),
                    "io",
                )
            ]
        ) from None


def _too_large(label: str, lang: str) -> NoReturn:
    raise InputError(
        [
            Problem(
                label,
                0,
                0,
                t(
                    lang,
                    f"input is over the limit of {MAX_BYTES:,} bytes",
                    f"入力が上限の {MAX_BYTES:,} バイトを超えています",
                ),
                "too-large",
            )
        ]
    )


def _read_stdin(label: str, lang: str = "en") -> bytes:
    """Standard input (`-`), read with the same size bound as a file."""
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        _too_large(label, lang)
    return data


def decode(raw: bytes, label: str, lang: str = "en") -> str:
    if b"\x00" in raw[:8192] or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            msg = t(
                lang,
                "file is UTF-16 text; save it as UTF-8 (in most editors: Save As → UTF-8)",
                "ファイルが UTF-16 です。UTF-8 で保存し直してください（多くのエディタで「名前を付けて保存」→ UTF-8）",
            )
        else:
            msg = t(
                lang,
                "file is binary, not YAML text; check that this is the right file",
                "YAML のテキストではなくバイナリファイルです。正しいファイルか確認してください",
            )
        raise InputError([Problem.at_start(label, msg, "encoding")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            [
                Problem(
                    label,
                    line,
                    column,
                    t(
                        lang,
                        "file is not UTF-8 text (for example Shift_JIS or Latin-1); save it as UTF-8",
                        "ファイルが UTF-8 ではありません（Shift_JIS など）。UTF-8 で保存し直してください",
                    ),
                    "encoding",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")  # a UTF-8 byte-order mark is harmless: drop it
