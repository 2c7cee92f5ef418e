"""Output folders: where the build may write, so that no option can make it delete what people wrote.

MkDocs empties its site folder before each build, and the engine deletes stale pages from the docs folder: a site
folder of `claims` deleted every record. A folder the build writes to may not be, hold or sit inside the records
(sources, claims), the theme overrides, the hand-written docs, or the project itself; and a site folder that
already holds files must be a site built before.
"""

from __future__ import annotations

import os
from pathlib import Path

from .config import Settings

OVERRIDES = "overrides"  # mkdocs.yml's theme.custom_dir
_SITE_MARKERS = ("404.html", "sitemap.xml")  # MkDocs with Material writes both into every site


class UnsafeOutput(ValueError):
    """A folder the build must not write to; the message says why, in one line."""


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def _protected(settings: Settings) -> list[tuple[Path, str]]:
    root = _real(settings.root)
    return [
        (_real(root / settings.sources), f"the sources folder ({settings.sources}/, the stored articles)"),
        (_real(root / settings.claims), f"the claims folder ({settings.claims}/, the records)"),
        (_real(root / OVERRIDES), f"the theme overrides ({OVERRIDES}/)"),
    ]


def _relation(folder: Path, protected: Path, what: str) -> str:
    if folder == protected:
        return f"it is {what}"
    if _inside(folder, protected):
        return f"it is inside {what}"
    if _inside(protected, folder):
        return f"it holds {what}"
    return ""


def check_docs_folder(settings: Settings) -> None:
    """Refuse a docs folder (where the engine writes pages and deletes stale ones) that overlaps the records,
    the theme overrides or the project folder itself."""
    docs, root = _real(settings.docs_path), _real(settings.root)
    if _inside(root, docs):
        raise UnsafeOutput(
            f"refusing the docs folder '{settings.docs}': it {'is' if docs == root else 'holds'} the "
            "project folder, where the generated folders would replace the records; set docs to a "
            'folder of its own in [tool.qantar] (docs = "docs")'
        )
    for protected, what in _protected(settings):
        relation = _relation(docs, protected, what)
        if relation:
            raise UnsafeOutput(
                f"refusing the docs folder '{settings.docs}': {relation}; set docs to a folder of its "
                'own in [tool.qantar] (docs = "docs")'
            )


def check_site_folder(settings: Settings, site_dir: Path, given_as: str) -> None:
    """Refuse a site folder that MkDocs, which empties it first, must not empty: the records, the theme overrides,
    the docs folder, the project, or a folder holding files that are not a site built before."""
    site, root = _real(site_dir), _real(settings.root)
    fix = "build into a folder of its own, such as site/"
    if _inside(root, site):
        raise UnsafeOutput(
            f"refusing {given_as}: it {'is' if site == root else 'holds'} the project folder, which "
            f"MkDocs would empty; {fix}"
        )
    docs = (_real(settings.docs_path), f"the docs folder ({settings.docs}/, hand-written and generated pages)")
    for protected, what in [*_protected(settings), docs]:
        relation = _relation(site, protected, what)
        if relation:
            raise UnsafeOutput(f"refusing {given_as}: {relation}, which MkDocs would empty; {fix}")
    if site.is_dir() and not any((site / marker).is_file() for marker in _SITE_MARKERS):
        others = sorted(entry.name for entry in os.scandir(site) if not entry.name.startswith("."))
        if others:
            raise UnsafeOutput(
                f"refusing {given_as}: it holds files that are not a built site ({others[0]}"
                f"{', …' if len(others) > 1 else ''}), which MkDocs would delete; {fix}, or empty "
                "that one first"
            )
