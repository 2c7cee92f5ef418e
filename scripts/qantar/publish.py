"""Publish: write the generated pages under the docs folder, touching only files whose bytes change.

Writing only what changed keeps `mkdocs serve` from rebuilding in a loop and lets its dirty
builds see real changes only. Stale pages (a record renamed or removed) are deleted. Nothing
is ever written outside the generated folders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .render import Page

GENERATED_FOLDERS = ("claims", "actors", "events", "questions", "sources")
GENERATED_FILES = ("index.md", "statuses.md")


class UnsafePath(ValueError):
    """A page path that would land outside the generated folders."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)


def _target(docs: Path, page_path: str) -> Path:
    target = (docs / page_path).resolve()
    root = docs.resolve()
    relative = target.relative_to(root) if target.is_relative_to(root) else None
    if relative is None or not (
        (len(relative.parts) == 2 and relative.parts[0] in GENERATED_FOLDERS)
        or (len(relative.parts) == 1 and relative.parts[0] in GENERATED_FILES)
    ):
        raise UnsafePath(f"refusing to write {page_path!r}: outside the generated folders of {docs}")
    return target


def write_pages(pages: list[Page], docs: Path) -> WriteReport:
    """Write each page if its content changed; delete generated files no page produced."""
    report = WriteReport()
    wanted: set[Path] = set()
    for page in pages:
        target = _target(docs, page.path)
        wanted.add(target)
        data = page.text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(target)
        report.written.append(page.path)
    for folder in GENERATED_FOLDERS:
        directory = docs / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*")):
            if path.is_file() and path.resolve() not in wanted:
                path.unlink()
                report.deleted.append(path.relative_to(docs).as_posix())
    return report
