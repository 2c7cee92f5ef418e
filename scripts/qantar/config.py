"""Settings: read from [tool.qantar] in pyproject.toml, so another newsroom points the engine at its corpus."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Settings:
    root: Path
    sources: str = "sources"
    claims: str = "claims"
    docs: str = "docs"
    site_name: str = "Claims"
    edit_url: str = ""
    site_url: str = ""  # where the site is published (ends with /); permalinks and JSON-LD use it when set
    offline_copy: bool = False  # `qantar build` adds a zip of the site that works from file:// (exports.py)
    data_license: str = ""  # SPDX identifier of the records' licence (licences.py); none stated when empty
    attribution: str = ""  # who reusers of the data credit
    introduction: str = "introduction.md"  # the editors' home-page text, in the docs folder (introduction.py)

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs


# Where the site is published, set by the deploy (GitHub Pages: actions/configure-pages' base_url).
SITE_URL_VARIABLE = "QANTAR_SITE_URL"


def find_root(start: Path) -> Path:
    """The folder given when it holds a corpus, else the nearest one upwards with [tool.qantar] in pyproject.toml."""
    given = start.resolve()
    if (given / "sources").is_dir() or (given / "claims").is_dir():
        return given
    for folder in (given, *given.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "[tool.qantar]" in candidate.read_text(encoding="utf-8"):
            return folder
    return start.resolve()


def load_settings(root: Path) -> Settings:
    pyproject = root / "pyproject.toml"
    table: dict[str, Any] = {}
    if pyproject.is_file():
        table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("qantar", {})
    known = {
        "sources",
        "claims",
        "docs",
        "site_name",
        "edit_url",
        "site_url",
        "data_license",
        "attribution",
        "introduction",
    }
    values: dict[str, Any] = {key: str(value) for key, value in table.items() if key in known}
    if "offline_copy" in table:
        values["offline_copy"] = table["offline_copy"] is True
    published_at = os.environ.get(SITE_URL_VARIABLE, "").strip()
    if published_at:  # the deploy knows the address (actions/configure-pages' base_url): it wins over the file
        values["site_url"] = published_at
    if values.get("site_url") and not values["site_url"].endswith("/"):
        values["site_url"] += "/"
    return Settings(root=root, **values)
