"""Find checklist versions on disk and load them (validated, cached by content hash).

Layout: `<dir>/<checklist-id>/<version>.yaml`, the company-profile facts in `<dir>/profile.yaml`
and the release pins in `<dir>/releases.lock`. The bundled folder is always searched last, so
maintainers can point `--checklists` at a working copy.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from readiness.content.checks import check_checklist_document
from readiness.content.model import Checklist
from readiness.content.pins import LOCK_NAME, lock_problems, read_lock, sha256
from readiness.content.profile import check_profile_document
from readiness.formats import atomic, inputs, yamlio
from readiness.formats.messages import suggest, t
from readiness.formats.problems import InputError, Problem, ReadinessError
from readiness.formats.resources import resource

VERSION_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
COMPILED_DIR = "compiled"  # parsed released versions, named by the sha256 of their YAML
PROFILE_NAME = "profile.yaml"
CACHE_FORMAT = 2  # 2: a checksum line before the JSON


def version_key(version: str) -> tuple[int, ...]:
    m = VERSION_RE.match(version)
    return tuple(int(x) for x in m.groups()) if m else (-1,)


@dataclass(frozen=True)
class Entry:
    """A checklist version found on disk."""

    id: str
    version: str
    path: Path
    root: Path

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


class Catalog:
    """All checklist versions reachable from the search folders."""

    def __init__(self, dirs: list[Path] | None = None, use_cache: bool | None = None):
        bundled = resource("checklists")
        extra = [Path(d) for d in (dirs or [])]
        self.dirs = [*extra, bundled] if bundled not in extra else extra
        if use_cache is None:
            use_cache = not os.environ.get("READINESS_NO_CACHE")
        self.use_cache = use_cache
        self._loaded: dict[Path, Checklist] = {}
        self._item_ids: dict[Path, set[str]] = {}
        self._locks: dict[Path, dict[str, str]] = {}

    @cached_property
    def entries(self) -> list[Entry]:
        found: dict[tuple[str, str], Entry] = {}
        for root in self.dirs:
            if not root.is_dir():
                continue
            for path in sorted(root.glob("*/*.yaml")):
                cid, version = path.parent.name, path.stem
                if VERSION_RE.match(version):
                    found.setdefault((cid, version), Entry(cid, version, path, root))
        return sorted(found.values(), key=lambda e: (e.id, version_key(e.version)))

    def ids(self) -> list[str]:
        return sorted({e.id for e in self.entries})

    def versions(self, checklist_id: str) -> list[Entry]:
        return [e for e in self.entries if e.id == checklist_id]

    def find(self, checklist_id: str, version: str | None = None) -> Entry | None:
        """The entry for `id@version`; without a version, the latest released (else latest)."""
        candidates = self.versions(checklist_id)
        if version is not None:
            return next((e for e in candidates if e.version == version), None)
        if not candidates:
            return None
        released = [e for e in candidates if self.lock_for(e.root).get(e.ref)]
        return (released or candidates)[-1]

    def resolve(self, spec: str) -> Entry:
        """`id` or `id@version` → Entry, or an InputError that lists what exists."""
        cid, _, version = spec.partition("@")
        entry = self.find(cid, version or None)
        if entry is not None:
            return entry
        if not self.versions(cid):
            known = ", ".join(self.ids()) or "none"
            hint = suggest(cid, self.ids(), "en")
            raise InputError(f"unknown checklist {cid!r}{hint}; known checklists: {known}")
        have = ", ".join(e.version for e in self.versions(cid))
        raise InputError(f"{cid} has no version {version!r}; available: {have}")

    # -- release pins -------------------------------------------------------------------------

    def lock_for(self, root: Path) -> dict[str, str]:
        if root not in self._locks:
            self._locks[root] = read_lock(root / LOCK_NAME)
        return self._locks[root]

    # -- profile facts ------------------------------------------------------------------------

    @cached_property
    def profile_facts(self) -> dict[str, dict[str, Any]]:
        for root in self.dirs:
            path = root / PROFILE_NAME
            if path.is_file():
                doc = yamlio.load(path)
                errors = [p for p in check_profile_document(doc) if p.level == "error"]
                if errors:  # a broken profile.yaml in a --checklists folder: say so, stop
                    raise InputError(errors)
                return {f["id"]: f for f in doc.data["facts"]}
        return {}

    # -- loading ------------------------------------------------------------------------------

    def load(self, entry: Entry) -> Checklist:
        """Load and validate a checklist version; raise InputError with its problems if bad."""
        if entry.path in self._loaded:
            return self._loaded[entry.path]
        raw = inputs.read_bytes(entry.path)
        digest = sha256(raw)
        checklist = None
        # A release ships its parsed form (checked equal to the YAML by the tests); other
        # versions are cached after a full check. Either is used only if it still makes sense.
        data = self._cached(digest) or _read_json(entry.root / COMPILED_DIR / f"{digest}.json")
        if data is not None:
            try:
                checklist = Checklist(data=data, path=str(entry.path), sha256=digest)
            except (KeyError, TypeError, AttributeError):  # damaged: rebuild from the YAML
                checklist = None
        if checklist is None:
            doc = yamlio.parse(inputs.decode(raw, str(entry.path)), str(entry.path), raw)
            problems = [
                p
                for p in check_checklist_document(doc, self) + self.pin_problems(doc)
                if p.level == "error"
            ]
            if problems:
                raise InputError(problems)
            checklist = Checklist(data=doc.data, path=str(entry.path), sha256=digest)
            self._store(digest, doc.data)
        self._loaded[entry.path] = checklist
        return checklist

    def item_ids(self, entry: Entry) -> set[str]:
        """Item ids of a version, without validating it (for cross-checklist references)."""
        if entry.path in self._loaded:
            return {i.id for i in self._loaded[entry.path].items()}
        if entry.path not in self._item_ids:
            self._item_ids[entry.path] = self._peek_ids(entry)
        return self._item_ids[entry.path]

    @staticmethod
    def _peek_ids(entry: Entry) -> set[str]:
        data = yamlio.load(entry.path).data
        sections = data.get("sections") if isinstance(data, dict) else None
        return {
            str(item.get("id"))
            for section in sections or []
            if isinstance(section, dict)
            for item in section.get("items") or []
            if isinstance(item, dict)
        }

    def latest_item_ids(self, checklist_id: str) -> tuple[str, set[str]] | None:
        """(`id@version`, item ids) of a checklist's latest version; ids empty if unreadable."""
        entry = self.find(checklist_id)
        if entry is None:
            return None
        try:
            return entry.ref, self.item_ids(entry)
        except InputError:
            return entry.ref, set()

    def previous_item_ids(self, checklist_id: str, version: str) -> tuple[str, set[str]] | None:
        """(`id@version`, item ids) of the version just before `version`, or None."""
        earlier = [
            e for e in self.versions(checklist_id) if version_key(e.version) < version_key(version)
        ]
        if not earlier:
            return None
        try:
            return earlier[-1].ref, self.item_ids(earlier[-1])
        except InputError:
            return earlier[-1].ref, set()

    def pin_problems(self, doc: yamlio.Document) -> list[Problem]:
        """Release-pin problems of a checklist document at `<root>/<id>/<version>.yaml`."""
        path = Path(doc.path)
        root = path.parent.parent
        data = doc.data if isinstance(doc.data, dict) else {}
        if not root.joinpath(LOCK_NAME).exists() or "status" not in data:
            return []
        ref = f"{path.parent.name}@{path.stem}"
        return [
            Problem.at_start(doc.path, p.message, p.code)
            for p in lock_problems(
                doc.path, ref, sha256(doc.raw), data["status"], self.lock_for(root)
            )
        ]

    def load_spec(self, spec: str) -> Checklist:
        return self.load(self.resolve(spec))

    @staticmethod
    def entry_for_file(path: Path, lang: str = "en") -> Entry:
        """A checklist file given by its path (`checklists/cmmc-l2/1.2.0.yaml`, or a copy kept
        elsewhere in the same ID/VERSION.yaml layout) as an entry, loaded like any other."""
        if not path.is_file():
            inputs.read_bytes(path, lang=lang)  # raises the usual "not found" (or why not)
        if not VERSION_RE.match(path.stem):
            raise InputError(
                t(
                    lang,
                    f"{path}: a checklist file is named VERSION.yaml (such as 1.2.0.yaml) inside "
                    "a folder named after its id; rename it, or give ID@VERSION",
                    f"{path}：チェックリストのファイル名は版番号.yaml（例：1.2.0.yaml）で、"
                    "ID と同じ名前のフォルダに置きます。名前を変えるか ID@版 で指定してください",
                )
            )
        return Entry(path.parent.name, path.stem, path, path.parent.parent)

    def _cache_path(self, digest: str) -> Path:
        base = os.environ.get("READINESS_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
        root = Path(base) if base else Path.home() / ".cache"
        if not os.environ.get("READINESS_CACHE_DIR"):
            root = root / "readiness"
        return root / f"checklist-{digest}-v{CACHE_FORMAT}.json"

    def _cached(self, digest: str) -> dict[str, Any] | None:
        """A cache entry whose own checksum still holds, else None (a damaged one is dropped)."""
        if not self.use_cache:
            return None
        path = self._cache_path(digest)
        try:
            check, _, payload = path.read_text(encoding="utf-8").partition("\n")
        except (OSError, ValueError):
            return None
        if check != sha256(payload.encode("utf-8")):
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        try:
            data = json.loads(payload)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def _store(self, digest: str, data: dict[str, Any]) -> None:
        if not self.use_cache:
            return
        # a cache that cannot be written is only slower, never an error
        with contextlib.suppress(OSError, ReadinessError):
            payload = json.dumps(data, ensure_ascii=False)
            check = sha256(payload.encode("utf-8"))
            atomic.atomic_write_text(self._cache_path(digest), f"{check}\n{payload}")


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None
