"""Licences: the code is MIT, the records CC BY 4.0 with a credit line, the source texts keep their own rights.

The data licence is stated from one setting ([tool.qantar] data_license, attribution) on the data page, in
datapackage.json and in data/LICENSE.txt; LICENSE-DATA.md says the same for readers of the repository.
"""

from __future__ import annotations

import json
import tomllib

import pytest

from conftest import ROOT
from qantar.build import generate
from qantar.config import Settings, load_settings
from qantar.licences import data_licence


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data_files() -> dict[str, str]:
    result = generate(load_settings(ROOT), write=False)
    assert result.ok, result.problems.report()
    return {page.path: page.text for page in result.pages if page.path.startswith("data/")}


def test_the_code_is_mit_with_an_spdx_expression() -> None:
    project = pyproject()["project"]
    assert project["license"] == "MIT", "an SPDX expression, not the deprecated table"
    assert project["license-files"] == ["LICENSE", "LICENSE-DATA.md"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) ")
    assert "Permission is hereby granted, free of charge" in text


def test_the_records_licence_is_one_setting() -> None:
    assert pyproject()["tool"]["qantar"]["data_license"] == "CC-BY-4.0"
    licence = data_licence(load_settings(ROOT))
    assert licence is not None
    assert licence.url == "https://creativecommons.org/licenses/by/4.0/"
    assert licence.credit == (
        "Qantar Claims contributors, https://github.com/qantar-claims/qantar-claims, licensed "
        "under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
    )
    readme = (ROOT / "LICENSE-DATA.md").read_text(encoding="utf-8")
    assert f"]({licence.url})" in readme and f"(`{licence.spdx}`)" in readme
    assert " ".join(line.removeprefix("> ") for line in readme.splitlines() if line.startswith("> ")) == licence.credit


def test_datapackage_names_the_licence(data_files: dict[str, str]) -> None:
    package = json.loads(data_files["data/datapackage.json"])
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0 International",
        }
    ]
    assert "Quotes remain the work of their publishers" in package["description"]


def test_the_data_folder_carries_the_licence_and_the_credit(data_files: dict[str, str]) -> None:
    notice = data_files["data/LICENSE.txt"]
    licence = data_licence(load_settings(ROOT))
    assert licence is not None and f"    {licence.credit}\n" in notice
    assert "The quotes and the source texts are not covered" in notice


def test_the_data_page_states_the_licence(data_files: dict[str, str]) -> None:
    page = data_files["data/index.md"]
    assert "## Licence" in page
    assert '<a href="https://creativecommons.org/licenses/by/4.0/"' in page
    assert "[LICENSE.txt](LICENSE.txt)" in page
    assert "The quotes and the source texts are not covered" in page


def test_every_republished_source_names_its_licence(data_files: dict[str, str]) -> None:
    sources = json.loads(data_files["data/sources.json"])
    assert sources
    for source in sources:
        if source["rights"] == "full-text":
            assert source["license"], f"{source['id']}: a full text is republished only under a named licence"
        else:
            assert source["text"] is None, f"{source['id']}: excerpts only, no full text in the data"


def test_without_a_setting_no_licence_is_claimed() -> None:
    assert data_licence(Settings(root=ROOT)) is None
