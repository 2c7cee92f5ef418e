"""The real corpus builds with --strict, and the site is whole, light and private."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from qantar.build import check
from qantar.config import load_settings
from qantar.search_index import read_fragments
from sitebuild import ROOT, build_site, copy_project


@pytest.fixture(scope="module")
def real_site(built_site: Path) -> Path:
    """The real corpus, built once for the session by `qantar build` (strict, and no warning: see conftest)."""
    return built_site


def test_real_corpus_has_no_errors() -> None:
    result = check(load_settings(ROOT))
    assert result.ok, result.problems.report()


def test_every_record_page_is_in_the_search_index(real_site: Path) -> None:
    corpus = check(load_settings(ROOT)).corpus
    assert corpus is not None
    pages = {fragment["url"] for fragment in read_fragments(real_site / "pagefind")}
    for claim_id in corpus.claims:
        assert f"/claims/{claim_id}/" in pages
    for source_id in corpus.sources:
        assert f"/sources/{source_id}/" in pages


def test_pagefind_holds_the_index_and_materials_own_index_is_empty(real_site: Path) -> None:
    material = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert material["docs"] == []  # Material's box stays; search.js answers it from Pagefind's bundle
    rules = json.loads((real_site / "pagefind" / "qantar-folding.json").read_text(encoding="utf-8"))
    assert rules["cyrillic"]["қ"] == "q" and ["q", "k"] in rules["latin_rules"]
    assert (real_site / "pagefind" / "pagefind.js").is_file()
    assert not (real_site / "pagefind" / "pagefind-ui.js").exists()  # Pagefind's own interface is not used


def test_a_claims_search_record_carries_its_claimant_sources_status_and_spelling_keys(real_site: Path) -> None:
    records = {fragment["url"]: fragment for fragment in read_fragments(real_site / "pagefind")}
    meta = records["/claims/tokayev-20000-terrorists/"]["meta"]
    assert meta["claimant"] == "Kassym-Jomart Tokayev"
    assert meta["sources"] == "Global Voices; The Diplomat; bne IntelliNews"
    assert meta["status"] == "Disputed"
    assert "Токаев" in meta["names"]  # the claimant's aliases
    assert "tokaev" in meta["keys"].split()
    # what lists, citations and the edit line say stays out, as it stayed out of Material's index
    assert "Suggest a correction" not in records["/claims/tokayev-20000-terrorists/"]["content"]


def test_home_page_shows_the_counts_the_build_prints(real_site: Path) -> None:
    counts = check(load_settings(ROOT)).corpus.counts()  # type: ignore[union-attr]
    home = (real_site / "index.html").read_text(encoding="utf-8")
    for name in ("claims", "sources", "actors", "events", "questions"):
        assert re.search(rf'href="{name}/">{counts[name]} (contested )?{name}</a>', home), name


def test_no_page_loads_anything_from_another_host(real_site: Path) -> None:
    pattern = re.compile(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="(?:https?:)?//', re.I)
    for page in real_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not pattern.search(html), page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page


def test_record_pages_are_not_in_the_navigation(real_site: Path) -> None:
    claim_page = next((real_site / "claims").glob("*/index.html")).read_text(encoding="utf-8")
    nav = claim_page[claim_page.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert nav.count('class="md-nav__link') < 20


def test_the_death_toll_question_shows_every_figure_side_by_side(real_site: Path) -> None:
    page = (real_site / "questions" / "death-toll" / "index.html").read_text(encoding="utf-8")
    table = page[page.index("<table") : page.index("</table>")]
    for figure in ("238 people", "225 people", "at least 225 people", "230 people", "a little over 200 people"):
        assert f">{figure}</a>" in table, figure


def test_no_generated_page_or_build_output_is_committed() -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    generated = [
        path
        for path in tracked.splitlines()
        if re.match(
            r"^(site/|docs/(claims|actors|events|questions|sources|tags|data)/|docs/(index|statuses|timeline|figures)\.md$)",
            path,
        )
    ]
    assert generated == []


def test_a_malformed_claim_makes_the_build_fail_with_its_line(tmp_path: Path) -> None:
    from conftest import FIXTURE_CORPUS

    project = copy_project(
        tmp_path / "project" if (tmp_path / "project").mkdir() is None else tmp_path, corpus=FIXTURE_CORPUS
    )
    claim = project / "claims" / "official-toll-12.yaml"
    claim.write_text(
        claim.read_text(encoding="utf-8").replace("claimant: riverton-officials", "claimant: riverton-oficials"),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 1
    assert (
        "claims/official-toll-12.yaml:3:11: claimant: no actor 'riverton-oficials'; did you mean 'riverton-officials'?"
    ) in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert not (site / "index.html").exists()


def test_a_relative_site_folder_is_in_the_project_with_its_offline_copy(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import FIXTURE_CORPUS

    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project", corpus=FIXTURE_CORPUS)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "qantar.cli", "--root", str(project), "build", "--site-dir", "out"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "out" / "index.html").is_file()
    assert (project / "out" / "download" / "qantar-claims-offline.zip").is_file()
    assert list(elsewhere.iterdir()) == []
