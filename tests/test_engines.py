"""One site, whoever builds it: `qantar build`, a plain `mkdocs build` and ProperDocs give the same files.

A plain `mkdocs build` runs the hook, which generates the pages and adds the offline copy the data page links to,
so it is the same site as `qantar build`, byte for byte, zip included. ProperDocs (the drop-in fork of MkDocs 1.6,
the second engine CI builds with) gives the same files except the generator tag in each page's head, and the zip
that holds those pages.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURE_CORPUS
from qantar.offline import OFFLINE_ZIP
from sitebuild import build_site, copy_project

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def engine_build(project: Path, engine: str, site: Path) -> subprocess.CompletedProcess[str]:
    """`ENGINE build --strict`, plain, as a maintainer would type it (no QANTAR_* variable, banner not silenced)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("QANTAR_") and key != "NO_MKDOCS_2_WARNING"
    }
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    project = copy_project(tmp_path_factory.mktemp("project"), corpus=FIXTURE_CORPUS)
    built = {name: tmp_path_factory.mktemp(name) / "site" for name in ("qantar", "mkdocs", "properdocs")}
    result = build_site(project, built["qantar"])
    assert result.returncode == 0, result.stdout + result.stderr
    for engine in ("mkdocs", "properdocs"):
        result = engine_build(project, engine, built[engine])
        assert result.returncode == 0, result.stdout + result.stderr
        assert not re.search(r"^WARNING +-", result.stderr, flags=re.M), result.stderr  # the log's warnings
    return built


def test_plain_mkdocs_build_gives_the_same_site_as_qantar_build_offline_copy_included(sites: dict[str, Path]) -> None:
    qantar, mkdocs = files(sites["qantar"]), files(sites["mkdocs"])
    assert OFFLINE_ZIP in mkdocs, "the data page links to the offline copy: a plain build must write it"
    assert sorted(qantar) == sorted(mkdocs)
    assert [name for name in qantar if qantar[name] != mkdocs[name]] == []


def test_properdocs_gives_the_same_site_but_for_the_generator_tag(sites: dict[str, Path]) -> None:
    mkdocs, properdocs = files(sites["mkdocs"]), files(sites["properdocs"])
    assert sorted(mkdocs) == sorted(properdocs)
    differing = [
        name
        for name in mkdocs
        if name != OFFLINE_ZIP and GENERATOR.sub(b"", mkdocs[name]) != GENERATOR.sub(b"", properdocs[name])
    ]
    assert differing == []
    assert b'content="mkdocs-ProperDocs ' in properdocs["index.html"]
    with (
        zipfile.ZipFile(io.BytesIO(mkdocs[OFFLINE_ZIP])) as one,
        zipfile.ZipFile(io.BytesIO(properdocs[OFFLINE_ZIP])) as other,
    ):
        assert one.namelist() == other.namelist()
        assert [
            name
            for name in one.namelist()
            if GENERATOR.sub(b"", one.read(name)) != GENERATOR.sub(b"", other.read(name))
        ] == []
