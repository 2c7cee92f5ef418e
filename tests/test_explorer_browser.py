"""The explorer as a reader uses it, in headless Chromium: filter the claims table and share the view, follow a
chart's mark to its record, and read the offline copy from file://, search included."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from browsing import type_query
from qantar.offline import OFFLINE_FOLDER, OFFLINE_ZIP


@pytest.fixture(scope="module")
def built(site_url: str, built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The real corpus's site, served on localhost; and the offline copy `qantar build` zipped, unzipped here."""
    archive = built_site / OFFLINE_ZIP
    assert archive.is_file(), "qantar build writes the offline copy when offline_copy = true"
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as unzipped:
        unzipped.extractall(target)
    return site_url, target / OFFLINE_FOLDER


def visible_rows(page: Page) -> list[str]:
    """The claimant column of every row the explorer shows, once it shows a filtered view."""
    expect(page.locator(".qc-count")).to_contain_text(re.compile(r"^\d+ of 270 claims"))
    return page.locator(".qc-explorer tbody tr:not([hidden]) td:nth-child(2)").all_inner_texts()


def test_filtering_the_claims_by_claimant_is_kept_in_the_address(page: Page, built: tuple[str, Path]) -> None:
    site_url, _offline = built
    page.goto(site_url + "claims/")
    expect(page.locator(".qc-count")).to_have_text("All 270 claims, by date claimed")
    page.locator("select[name=claimant]").select_option("tokayev")
    rows = visible_rows(page)
    assert 0 < len(rows) < 50 and set(rows) == {"Kassym-Jomart Tokayev"}
    assert parse_qs(urlsplit(page.url).query) == {"claimant": ["tokayev"]}
    expect(page.locator(".qc-count")).to_have_text(f"{len(rows)} of 270 claims")
    page.reload()
    expect(page.locator("select[name=claimant]")).to_have_value("tokayev")
    assert visible_rows(page) == rows
    assert page.errors_seen == []  # type: ignore[attr-defined]


def test_filtering_by_question_then_claimant_is_a_view_that_can_be_shared(
    page: Page, chromium: Browser, built: tuple[str, Path]
) -> None:
    site_url, _offline = built
    page.goto(site_url + "claims/")
    page.locator("select[name=question]").select_option("death-toll")
    assert len(visible_rows(page)) == 8
    page.locator("select[name=claimant]").select_option("kazakh-authorities")
    rows = visible_rows(page)
    assert set(rows) == {"Kazakh authorities"} and len(rows) == 4
    address = page.url
    assert parse_qs(urlsplit(address).query) == {"question": ["death-toll"], "claimant": ["kazakh-authorities"]}
    other = chromium.new_context().new_page()  # someone else opens the shared address
    other.goto(address)
    expect(other.locator("select[name=question]")).to_have_value("death-toll")
    assert visible_rows(other) == rows
    other.context.close()


def test_sorting_by_date_claimed_is_kept_in_the_address(page: Page, built: tuple[str, Path]) -> None:
    site_url, _offline = built
    page.goto(site_url + "claims/?question=death-toll")
    visible_rows(page)
    page.locator(".qc-explorer th button", has_text="Claimed").click()
    expect(page.locator(".qc-explorer th").nth(2)).to_have_attribute("aria-sort", "ascending")
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["claimed"]
    page.wait_for_function(
        "() => document.querySelector('form[data-qc-explorer]').getAttribute('data-qc-shown') === location.search"
    )
    dates = page.locator(".qc-explorer tbody tr:not([hidden]) td:nth-child(3)").all_inner_texts()
    assert dates == [
        "January 2022",
        "January 2022",
        "6 February 2022",
        "2023",
        "2023",
        "16 February 2023",
        "2 February 2024",
        "—",
    ]  # by earliest day, the undated last


def test_a_point_of_the_figures_chart_leads_to_its_claim(page: Page, built: tuple[str, Path]) -> None:
    site_url, _offline = built
    page.goto(site_url + "figures/")
    point = page.locator("#death-toll ~ .qc-ledger-chart a.qc-mark").filter(has_text="238 people")
    expect(point).to_have_count(1)
    point.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/claims/death-toll-238-official/")
    expect(page.locator("h1")).to_contain_text("238")


def test_a_mark_of_the_timeline_leads_to_its_event(page: Page, built: tuple[str, Path]) -> None:
    site_url, _offline = built
    page.goto(site_url + "timeline/")
    mark = page.locator(".qc-timeline-chart a").filter(has_text="Shooting at Republic Square")
    mark.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/events/republic-square-shooting/")


def test_the_explorer_views_make_no_request_to_another_host(page: Page, built: tuple[str, Path]) -> None:
    site_url, _offline = built
    for path in (
        "claims/",
        "claims/?claimant=tokayev",
        "timeline/",
        "figures/",
        "questions/death-toll/",
        "events/bloody-january/",
        "tags/",
        "tags/casualties/",
        "data/",
        "claims/csto-soldiers-spoke-armenian-kyrgyz/",
    ):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert [url for url in page.requests_seen if not url.startswith(site_url)] == []  # type: ignore[attr-defined]
    assert page.errors_seen == []  # type: ignore[attr-defined]


def test_the_offline_copy_works_from_the_file_system_search_included(page: Page, built: tuple[str, Path]) -> None:
    _site_url, offline = built
    home = (offline / "index.html").as_uri()
    page.goto(home)
    page.get_by_role("link", name="Claims explorer").click()
    page.wait_for_load_state()
    assert page.url == (offline / "claims" / "index.html").as_uri()
    page.goto(home, wait_until="commit")
    box = page.locator("input.md-search__input")
    box.click()
    type_query(box, "balaclavas")  # once, at once: search.js answers when the inlined index has loaded
    found = page.locator('.md-search-result__item a[href*="balaclava"]')
    expect(found.first).to_be_visible()
    found.first.click()
    page.wait_for_load_state()
    assert page.url.startswith((offline / "claims").as_uri()) and ".html" in page.url
    expect(page.locator("h1")).to_contain_text("balaclavas")
    # blob: is Pagefind's script, made in the page from its inlined copy (search.js): memory, not a request
    assert [
        url
        for url in page.requests_seen  # type: ignore[attr-defined]
        if not url.startswith(("file://", "blob:null/"))
    ] == []
    assert page.errors_seen == []  # type: ignore[attr-defined]


def test_the_explorer_filters_in_the_offline_copy_too(page: Page, built: tuple[str, Path]) -> None:
    _site_url, offline = built
    page.goto((offline / "claims" / "index.html").as_uri() + "?publisher=the-diplomat&q=curfew")
    expect(page.locator(".qc-count")).to_contain_text(re.compile(r"^\d+ of 270 claims"))
    links = page.locator(".qc-explorer tbody tr td:first-child a").evaluate_all("nodes => nodes.map(n => n.href)")
    assert links and all(link.startswith((offline / "claims").as_uri()) and link.endswith(".html") for link in links)
    # blob: is Pagefind's script, made in the page from its inlined copy (search.js): memory, not a request
    assert [
        url
        for url in page.requests_seen  # type: ignore[attr-defined]
        if not url.startswith(("file://", "blob:null/"))
    ] == []
    assert page.errors_seen == []  # type: ignore[attr-defined]
