"""Advisor branding: firm name, logo, accent colour, footer and marking for reports.

The logo must be a local PNG or JPEG; it is read once, checked by its magic bytes and embedded
as a `data:` URL, so the renderer never opens a path or URL a branding file names.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from readiness.formats import inputs, yamlio
from readiness.formats.problems import InputError, Problem
from readiness.formats.schemas import schema_problems

MAX_LOGO_BYTES = 2 * 1024 * 1024
_MAGIC = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


@dataclass(eq=False)
class Branding:
    firm: str = ""
    logo: str = ""  # a data: URL
    accent: str = ""
    footer: str = ""
    marking: str = ""


def _error(label: str, message: str, line: int = 0, column: int = 0) -> InputError:
    return InputError(
        [Problem(file=label, line=line, column=column, message=message, code="branding")]
    )


def load_logo(value: str, base: Path, label: str, position: tuple[int, int] = (0, 0)) -> str:
    """Read a local PNG/JPEG and return it as a data: URL; refuse URLs and anything else."""
    lowered = value.strip().lower()
    if "://" in lowered or lowered.startswith(("data:", "file:", "//")):
        raise _error(
            label,
            f"logo {value!r} refused: give a local PNG or JPEG file path, not a URL",
            *position,
        )
    path = (base / value).expanduser()
    try:
        raw = inputs.read_bytes(path, str(path))
    except InputError as exc:
        raise _error(label, f"logo: {exc.problems[0].message} ({path})", *position) from None
    if len(raw) > MAX_LOGO_BYTES:
        raise _error(label, f"logo {path} is larger than 2 MiB; use a smaller image", *position)
    mime = next((m for magic, m in _MAGIC.items() if raw.startswith(magic)), None)
    if mime is None:
        raise _error(label, f"logo {path} is not a PNG or JPEG image", *position)
    return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"


KEYS = frozenset({"format", "firm", "logo", "accent", "footer", "marking"})


def looks_like_branding(data: object) -> bool:
    """A mapping of branding keys only (how `validate` tells a branding file apart)."""
    return isinstance(data, dict) and bool(data) and set(data) <= KEYS and set(data) != {"format"}


def check_document(doc: yamlio.Document, lang: str = "en") -> list[Problem]:
    """Every problem of a branding file, the logo included, without raising."""
    problems = schema_problems(doc, "branding", lang)
    logo = doc.data.get("logo") if isinstance(doc.data, dict) else None
    if not problems and logo:
        try:
            load_logo(logo, Path(doc.path).parent, doc.path, doc.position(["logo"]))
        except InputError as exc:
            problems += exc.problems
    return problems


def load(path: Path | None, **overrides: str | None) -> Branding:
    """Branding from an optional YAML file, with command-line options taking precedence."""
    branding = Branding()
    if path is not None:
        label = str(path)
        doc = yamlio.load(path, label)
        if doc.data is None:
            doc.data = {}
        problems = schema_problems(doc, "branding")
        if problems:
            raise InputError(problems)
        data = doc.data
        for name in ("firm", "accent", "footer", "marking"):
            setattr(branding, name, data.get(name, ""))
        if data.get("logo"):
            branding.logo = load_logo(data["logo"], path.parent, label, doc.position(["logo"]))
    for name, value in overrides.items():
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # bytes from a terminal in another encoding
            raise _error(f"--{name}", "is not valid UTF-8 text; retype it") from None
        if name == "logo":
            branding.logo = load_logo(value, Path.cwd(), "--logo")
        elif name == "accent" and not _is_colour(value):
            raise _error("--accent", f"{value!r} is not a colour; write #RRGGBB, e.g. #0a6e5c")
        else:
            setattr(branding, name, value)
    return branding


def _is_colour(value: str) -> bool:
    return (
        len(value) == 7
        and value[0] == "#"
        and all(c in "0123456789abcdefABCDEF" for c in value[1:])
    )
