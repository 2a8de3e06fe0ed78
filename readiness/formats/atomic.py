"""Writing files without ever losing data: atomic replace, explicit overwrite, backups."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

from readiness.formats.messages import t
from readiness.formats.problems import OutputError, Problem


def _error(path: Path, message: str, code: str) -> OutputError:
    return OutputError([Problem(file=str(path), message=message, code=code)])


STDOUT = "-"
_TMP = ".tmp"  # suffix of the temporary file beside the target


def _target(path: Path) -> Path:
    """Where writing `path` really lands: a symlink is followed, so the link stays a link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, fsync it, then rename it into place.

    A crash at any point leaves either the old file or the new one, never a torn mix. `-` is
    standard output; a symlink is followed and its target replaced; a device or FIFO (such as
    /dev/stdout) is written directly, since it cannot be replaced; a folder is refused.
    """
    if str(path) == STDOUT:
        _write_stream(sys.stdout.buffer, data)
        return
    path = _target(Path(path))
    if path.is_dir():
        raise _error(path, "is a folder; give a file name", "is-dir")
    if path.exists() and not path.is_file():  # a device, FIFO or socket
        try:
            with open(path, "wb") as fh:
                _write_stream(fh, data)
        except OSError as exc:
            raise _error(path, f"cannot write: {exc.strerror}", "io") from None
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TMP, dir=path.parent)
    except (FileExistsError, NotADirectoryError):
        raise _error(
            path,
            "cannot write here: part of the path is a file, not a folder; choose another folder",
            "io",
        ) from None
    except OSError as exc:
        raise _error(
            path, f"cannot write here: {exc.strerror}; choose another folder", "io"
        ) from None
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _error(path, f"cannot write: {exc.strerror}", "io") from None
        raise


def remove_temporary(path: Path | str) -> None:
    """Remove what an atomic write of `path` left when its process was killed mid-write
    (a normal failure removes it itself)."""
    target = _target(Path(path))
    for tmp in target.parent.glob(f".{glob.escape(target.name)}.*{_TMP}"):
        with contextlib.suppress(OSError):
            tmp.unlink()


def _write_stream(stream: BinaryIO, data: bytes) -> None:
    stream.write(data)
    stream.flush()


def _mode_for(path: Path) -> int:
    """Keep a replaced file's permissions; give a new file the usual umask-based ones."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_text(path: Path | str, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def make_backup(path: Path) -> Path:
    """Copy `path` to a backup name no other run can take at the same time (O_EXCL).

    A copy that fails half-way (a full disk) is removed, so no empty backup is left behind.
    """
    source = path.read_bytes()
    for n in range(10_000):
        candidate = path.with_name(path.name + (".bak" if n == 0 else f".bak.{n}"))
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _mode_for(path))
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(source)
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(candidate)
            raise
        return candidate
    raise OSError(errno.EEXIST, "too many backups")


def refuse_existing(path: Path | str, force: bool, lang: str = "en") -> None:
    """Stop before any work when `path` is a folder, or a file to be kept (no `force`)."""
    if str(path) == STDOUT:
        return
    target = _target(Path(path))
    if target.is_dir():
        raise _error(
            Path(path),
            t(lang, "is a folder; give a file name", "フォルダです。ファイル名を指定してください"),
            "is-dir",
        )
    if target.is_file() and not force:
        raise _error(
            Path(path),
            t(
                lang,
                "already exists; pass --force to replace it (a .bak copy is kept)",
                "既に存在します。置き換えるには --force を付けてください（.bak の控えを残します）",
            ),
            "exists",
        )


def write_user_file(path: Path | str, data: bytes, *, force: bool, lang: str = "en") -> Path | None:
    """Write a file a user may have edited: refuse to replace it unless `force`, then back it up.

    Returns the backup's path when an existing file was replaced.
    """
    if str(path) == STDOUT:
        atomic_write_bytes(STDOUT, data)
        return None
    path = Path(path)
    refuse_existing(path, force, lang)
    target = _target(path)
    backup = None
    if target.is_file():
        try:
            backup = make_backup(target)
        except OSError as exc:
            raise _error(
                path,
                t(
                    lang,
                    f"cannot back up before replacing: {exc.strerror}",
                    f"置き換える前の控えを作れません：{exc.strerror}",
                ),
                "io",
            ) from None
    atomic_write_bytes(path, data)
    return backup
