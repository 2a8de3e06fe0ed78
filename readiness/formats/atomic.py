"""Writing files without ever losing data: atomic replace, explicit overwrite, backups."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from readiness.formats.problems import OutputError, Problem


def _error(path: Path, message: str, code: str) -> OutputError:
    return OutputError([Problem(file=str(path), message=message, code=code)])


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, fsync it, then rename it into place.

    A crash at any point leaves either the old file or the new one, never a torn mix.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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


def backup_path(path: Path) -> Path:
    """`answers.yaml` → `answers.yaml.bak`, or `.bak.1`, `.bak.2`… if taken."""
    candidate = path.with_name(path.name + ".bak")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak.{n}")
        n += 1
    return candidate


def write_user_file(path: Path | str, data: bytes, *, force: bool) -> Path | None:
    """Write a file a user may have edited: refuse to replace it unless `force`, then back it up.

    Returns the backup's path when an existing file was replaced.
    """
    path = Path(path)
    backup = None
    if path.exists():
        if path.is_dir():
            raise _error(path, "is a folder; give a file name", "is-dir")
        if not force:
            raise _error(
                path,
                "already exists; pass --force to replace it (a .bak copy is kept)",
                "exists",
            )
        backup = backup_path(path)
        try:
            shutil.copy2(path, backup)
        except OSError as exc:
            raise _error(path, f"cannot back up before replacing: {exc.strerror}", "io") from None
    atomic_write_bytes(path, data)
    return backup
