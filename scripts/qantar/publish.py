"""Publish: write the generated pages under the docs folder, touching only files whose bytes change.

Writing only what changed keeps `mkdocs serve` from rebuilding in a loop and lets its dirty
builds see real changes only. Stale pages (a record renamed or removed) are deleted. Nothing
is ever written outside the generated folders.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .site.render import Page
from .site.routes import GENERATED_FOLDERS, is_generated


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
        if name in {"", ".", ".."} or not is_generated(parts):
            raise UnsafePath(f"refusing to write {page_path!r}: outside the generated folders of {self.docs}")
        return target


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as existing:
            return existing.read()
    except OSError:
        return None


class PageWriter:
    """Writes pages one by one as they are rendered (so that no more than one is held in memory), each only if its
    content changed; `finish` then deletes the generated files that no page produced."""

    def __init__(self, docs: Path) -> None:
        self.docs = docs
        self.report = WriteReport()
        self.targets = _Targets(docs)
        self.wanted: set[str] = set()
        self.made: set[str] = set()

    def write(self, page: Page) -> None:
        target = self.targets.resolve(page.path)
        if target in self.wanted:
            raise UnsafePath(f"two pages would be written to {page.path!r}")
        self.wanted.add(target)
        data = page.text.encode("utf-8")
        if _read(target) == data:
            self.report.unchanged += 1
            return
        folder = os.path.dirname(target)
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)
        temporary = target + ".tmp"
        with open(temporary, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
        self.report.written.append(page.path)

    def finish(self) -> WriteReport:
        for folder_name in GENERATED_FOLDERS:
            directory = self.docs / folder_name
            if not directory.is_dir():
                continue
            real = os.path.realpath(directory)
            for path in sorted(directory.rglob("*")):
                if not path.is_file():
                    continue
                plain = path.parent == directory and not path.is_symlink()
                where = os.path.join(real, path.name) if plain else os.path.realpath(path)
                if where not in self.wanted:
                    path.unlink()
                    self.report.deleted.append(path.relative_to(self.docs).as_posix())
            for folder in sorted((p for p in directory.rglob("*") if p.is_dir()), reverse=True):
                if not any(folder.iterdir()):  # a list that got shorter leaves no empty folder of pages behind
                    folder.rmdir()
        return self.report


def write_pages(pages: Iterable[Page], docs: Path) -> WriteReport:
    """Write each page if its content changed; delete generated files no page produced."""
    writer = PageWriter(docs)
    for page in pages:
        writer.write(page)
    return writer.finish()
