"""What a reader does, in headless Chromium: read a claim, follow its quote to the passage, search."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

CLAIM = "claims/tokayev-20000-terrorists/"


def test_a_claim_page_shows_its_statement_claimant_and_quotes(page: Page, site_url: str) -> None:
    page.goto(site_url + CLAIM)
    expect(page.locator("h1")).to_contain_text("20,000 terrorists")
    expect(page.get_by_role("link", name="Kassym-Jomart Tokayev").first).to_be_visible()
    expect(page.locator(".qc-evidence blockquote")).to_have_count(3)
    expect(page.locator(".qc-answers a.qc-badge.qc-disputed")).to_have_text("✕ Disputed")


def test_following_a_quote_link_lands_on_the_marked_passage(page: Page, site_url: str) -> None:
    page.goto(site_url + CLAIM)
    evidence = page.locator(".qc-evidence").filter(has_text="The Diplomat")
    evidence.get_by_role("link", name="Mixed Feelings as Kazakhstan Looks Back on a Bloody January").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/sources/diplomat-2022-mixed-feelings/")
    assert urlsplit(page.url).fragment == "q-tokayev-20000-terrorists-1"
    anchor = page.locator("#q-tokayev-20000-terrorists-1")
    expect(anchor).to_have_count(1)
    passage = anchor.locator("xpath=following-sibling::mark[1]")
    expect(passage).to_contain_text("Although Tokayev spoke of 20,000 terrorists")
    expect(passage).to_be_in_viewport()


def search(page: Page, site_url: str, words: str) -> list[str]:
    """Type into the search box as a reader would, once Material's search worker has built its index."""
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_function(  # Material says "Initializing search" until the index is ready
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() !== '' && !/initiali/i.test(m.textContent); }", timeout=120_000)
    box = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__item a")
    highlight = "h=" + quote(words.lower())
    for _attempt in range(5):
        box.fill(words)
        box.press("End")  # Material searches on key events; fill() sends none
        try:  # results for exactly these words (Material adds ?h=<words> to each result link)
            page.locator(f'.md-search-result__item a[href*="{highlight}"]').first.wait_for(timeout=10_000)
            break
        except PlaywrightTimeoutError:
            box.fill("")
    return [str(href) for href in results.evaluate_all("links => links.map(a => a.getAttribute('href'))")]


def test_searching_an_english_word_finds_the_claim(page: Page, site_url: str) -> None:
    hrefs = search(page, site_url, "balaclavas")
    assert any("/claims/" in href and "balaclava" in href for href in hrefs), hrefs


def test_searching_a_russian_word_finds_the_russian_quote(page: Page, site_url: str) -> None:
    hrefs = search(page, site_url, "типографии")
    assert any("globalvoices-2024-bloody-january-taboo" in href or "moldabekov" in href for href in hrefs), hrefs


def test_pages_make_no_request_to_another_host_and_raise_no_script_error(page: Page, site_url: str) -> None:
    for path in ("", CLAIM, "questions/death-toll/", "sources/globalvoices-2024-bloody-january-taboo/",
                 "actors/tokayev/", "events/bloody-january/", "statuses/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    foreign = [url for url in page.requests_seen if not url.startswith(site_url)]  # type: ignore[attr-defined]
    assert foreign == []
    assert page.errors_seen == []  # type: ignore[attr-defined]
