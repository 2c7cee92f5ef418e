"""Publish: write the generated pages under the docs folder, touching only files whose bytes change.

Writing only what changed keeps `mkdocs serve` from rebuilding in a loop and lets its dirty
builds see real changes only. Stale pages (a record renamed or removed) are deleted. Nothing
is ever written outside the generated folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .site.render import Page
from .site.routes import GENERATED_FILES, GENERATED_FOLDERS


class UnsafePath(ValueError):
    """A page path that would land outside the generated folders."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)


class _Targets:
    """Where pages land: each page path is checked once, each folder resolved once (not once per page)."""

    def __init__(self, docs: Path) -> None:
        self.docs = str(docs)
        self.root = os.path.realpath(docs)
        self.folders: dict[str, str] = {}

    def resolve(self, page_path: str) -> str:
        """The real path a page is written to; refuses any path outside the generated folders."""
        parent, name = os.path.split(os.path.join(self.docs, page_path))
        folder = self.folders.get(parent)
        if folder is None:
            folder = self.folders[parent] = os.path.realpath(parent)
        target = os.path.join(folder, name)
        if os.path.islink(target):
            target = os.path.realpath(target)
        parts = target[len(self.root) + 1:].split(os.sep) if target.startswith(self.root + os.sep) else []
        if name in {"", ".", ".."} or not (
            (len(parts) == 2 and parts[0] in GENERATED_FOLDERS)
            or (len(parts) == 1 and parts[0] in GENERATED_FILES)
        ):
            raise UnsafePath(f"refusing to write {page_path!r}: outside the generated folders of {self.docs}")
        return target


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as existing:
            return existing.read()
    except OSError:
        return None


def write_pages(pages: list[Page], docs: Path) -> WriteReport:
    """Write each page if its content changed; delete generated files no page produced."""
    report = WriteReport()
    targets = _Targets(docs)
    wanted: set[str] = set()
    made: set[str] = set()
    for page in pages:
        target = targets.resolve(page.path)
        wanted.add(target)
        data = page.text.encode("utf-8")
        if _read(target) == data:
            report.unchanged += 1
            continue
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        temporary = target + ".tmp"
        with open(temporary, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
        report.written.append(page.path)
    for folder_name in GENERATED_FOLDERS:
        directory = docs / folder_name
        if not directory.is_dir():
            continue
        real = os.path.realpath(directory)
        for path in sorted(directory.rglob("*")):
            if not path.is_file():
                continue
            plain = path.parent == directory and not path.is_symlink()
            where = os.path.join(real, path.name) if plain else os.path.realpath(path)
            if where not in wanted:
                path.unlink()
                report.deleted.append(path.relative_to(docs).as_posix())
    return report
