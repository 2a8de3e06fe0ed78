"""Start the next draft of a checklist, and the text edits a release makes.

Edits are made to the YAML text, line by line at the top level, so a maintainer's comments,
folding and layout survive; the result is parsed and validated again by the caller.
"""

from __future__ import annotations

import re
from pathlib import Path

from readiness.content.catalog import VERSION_RE, Catalog, Entry, version_key
from readiness.formats import atomic
from readiness.formats.messages import t
from readiness.formats.problems import InputError, OutputError, Problem
from readiness.formats.resources import data_root

_TOP = r"^{key}:[^\n]*\n"


def is_installed(root: Path) -> bool:
    """Whether a checklists folder lies inside an installed package (never written to)."""
    installed = data_root()
    return installed.name == "_data" and root.resolve().is_relative_to(installed.resolve())


def installed_message(root: Path, lang: str) -> str:
    return t(
        lang,
        f"{root} is inside the installed package; copy the checklists to a folder of your own "
        "and pass it with `readiness --checklists DIR ...`",
        f"{root} はインストールされたパッケージの中です。チェックリストを自分のフォルダにコピーし、"
        "`readiness --checklists DIR ...` で指定してください",
    )


def next_version(version: str, part: str = "minor") -> str:
    major, minor, patch = version_key(version)
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return f"{major}.{minor + 1}.0"


def _set_top(text: str, key: str, value: str, after: str | None = None) -> str:
    """Set a top-level `key: value` line, adding it after the `after` key if it is missing."""
    line = f"{key}: {value}\n"
    pattern = re.compile(_TOP.format(key=re.escape(key)), re.M)
    if pattern.search(text):
        return pattern.sub(lambda _: line, text, count=1)
    anchor = re.compile(_TOP.format(key=re.escape(after or "version")), re.M).search(text)
    if anchor is None:
        raise InputError(f"cannot find the top-level `{after}:` line to add `{key}:` after")
    return text[: anchor.end()] + line + text[anchor.end() :]


def _drop_top(text: str, key: str) -> str:
    return re.sub(_TOP.format(key=re.escape(key)), "", text, count=1, flags=re.M)


def draft_text(text: str, version: str) -> str:
    """The text of a new draft made from an earlier version's text."""
    text = _set_top(text, "version", f'"{version}"')
    text = _set_top(text, "status", "draft", after="version")
    return _drop_top(text, "released")


def set_release_fields(text: str, date: str) -> str:
    """`status: released` and `released: "DATE"` on a draft's text."""
    text = _set_top(text, "status", "released", after="version")
    return _set_top(text, "released", f'"{date}"', after="status")


def destination(catalog: Catalog, lang: str) -> Path:
    """The checklists folder new drafts go to: the first --checklists folder, else a checkout's."""
    root = catalog.dirs[0]
    if is_installed(root):
        raise OutputError(installed_message(root, lang))
    return root


def new_version(
    catalog: Catalog, checklist_id: str, version: str | None = None, lang: str = "en"
) -> tuple[Entry, Path]:
    """Write the next draft of a checklist from its latest version; (source, new file)."""
    versions = catalog.versions(checklist_id)
    if not versions:
        catalog.resolve(checklist_id)  # raises with the known ids
    latest = versions[-1]
    version = version or next_version(latest.version)
    problem = None
    if not VERSION_RE.match(version):
        problem = t(
            lang,
            f"{version!r} is not a version; write MAJOR.MINOR.PATCH, e.g. 1.1.0",
            f"{version!r} は版番号ではありません。1.1.0 のように書いてください",
        )
    elif version_key(version) <= version_key(latest.version):
        problem = t(
            lang,
            f"{version} is not newer than the latest version {latest.version}",
            f"{version} は最新の版 {latest.version} より新しくありません",
        )
    if problem:
        raise InputError([Problem(file="", message=problem, code="version")])
    target = destination(catalog, lang) / checklist_id / f"{version}.yaml"
    if target.exists():
        raise OutputError(
            [
                Problem(
                    file=str(target),
                    message=t(lang, "already exists", "既に存在します"),
                    code="exists",
                )
            ]
        )
    text = latest.path.read_text(encoding="utf-8")
    atomic.atomic_write_text(target, draft_text(text, version))
    return latest, target
