"""What a reader does, in headless Chromium: read a claim, follow its quote to the passage, search."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

import tally
from benchmark.search_recall import load_pairs, measure, summary
from browsing import type_query
from qantar.search_index import query_keys

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


def search(page: Page, site_url: str, words: str, path: str = "") -> list[str]:
    """Type into the search box as soon as the page opens, once, as a reader would; the result addresses."""
    page.goto(site_url + path, wait_until="commit")
    box = page.locator("input.md-search__input")
    box.click()
    type_query(box, words)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")  # the answer to the whole query, not to its first letters
    return [str(href) for href in results.evaluate_all("links => links.map(a => a.getAttribute('href'))")]


def test_searching_an_english_word_finds_the_claim(page: Page, site_url: str) -> None:
    hrefs = search(page, site_url, "balaclavas")
    assert any("/claims/" in href and "balaclava" in href for href in hrefs), hrefs


def test_searching_a_russian_word_finds_the_russian_quote(page: Page, site_url: str) -> None:
    hrefs = search(page, site_url, "типографии")
    assert any("globalvoices-2024-bloody-january-taboo" in href or "moldabekov" in href for href in hrefs), hrefs


def test_a_query_typed_the_moment_the_page_opens_gets_its_results(page: Page, site_url: str) -> None:
    # typed before the search index (or even Material's script) has loaded, and never typed again
    page.goto(site_url + CLAIM, wait_until="commit")
    box = page.locator("input.md-search__input")
    box.click()
    type_query(box, "Назарбаев")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=30_000)
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching")
    assert page.locator('.md-search-result__item a[href*="nazarbayev"]').count() > 0


def test_each_result_shows_the_statement_claimant_sources_and_status(page: Page, site_url: str) -> None:
    search(page, site_url, "balaclavas")
    result = page.locator(".md-search-result__item").filter(has=page.locator('a[href*="/claims/"]')).first
    expect(result.locator("h1")).to_contain_text("balaclava")
    record = result.locator(".qc-search-record")
    expect(record).to_contain_text("Claimant")
    expect(record).to_contain_text("Sources")
    expect(record.locator(".qc-badge")).to_have_count(1)
    claim = result.locator("a").first.get_attribute("href") or ""
    data = page.request.get(site_url + urlsplit(claim).path.strip("/") + ".json").json()
    expect(record).to_contain_text(data["claimant"]["name"])
    for publisher in {item["publisher"] for item in data["evidence"]}:
        expect(record).to_contain_text(publisher)
    expect(record.locator(".qc-badge")).to_have_text(data["status_label"])


def test_the_search_shortcut_and_highlighting_are_materials(page: Page, site_url: str) -> None:
    page.goto(site_url + "method/")
    page.wait_for_load_state()
    page.keyboard.press("/")  # Material's shortcut opens the search box
    expect(page.locator("input.md-search__input")).to_be_focused()
    type_query(page.locator("input.md-search__input"), "Massimov")
    first = page.locator(".md-search-result__item a").first
    expect(first.locator("mark").first).to_be_visible(timeout=30_000)
    first.click()
    page.wait_for_load_state()
    expect(page.locator("article mark[data-md-highlight]").first).to_be_visible()


def test_pages_make_no_request_to_another_host_and_raise_no_script_error(page: Page, site_url: str) -> None:
    for path in (
        "",
        CLAIM,
        "questions/death-toll/",
        "sources/globalvoices-2024-bloody-january-taboo/",
        "actors/tokayev/",
        "events/bloody-january/",
        "statuses/",
    ):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    foreign = [url for url in page.requests_seen if not url.startswith(site_url)]  # type: ignore[attr-defined]
    assert foreign == []
    assert page.errors_seen == []  # type: ignore[attr-defined]


def test_the_cyrillic_latin_query_set_finds_the_same_claims(page: Page, site_url: str) -> None:
    # scripts/benchmark/search_queries.yaml: 40 pairs of spellings (Latin, Russian and Kazakh Cyrillic, aliases,
    # Russian inflections) written before the search was tuned; Material's lunr search passed 2 of them
    recalls = measure(page, site_url, load_pairs())
    result = summary(recalls)
    tally.record("search query set: pairs finding the same claims", f"{result['passing']} of {result['pairs']}")
    tally.record("search query set: mean recall", result["mean_recall"])
    assert result["passing"] == result["pairs"], result["failing"]


def test_the_browser_folds_a_query_as_the_build_folds_the_pages(page: Page, site_url: str) -> None:
    queries = [text for pair in load_pairs() for text in (pair["a"], pair["b"])] + [
        "Şymkent Алексей Ёлкин щит 20,000 X-ray Янаозен Kazakh’s ҰЛТТЫҚ",
        "Yevgeny Евгений Qasym-Jomart",
    ]
    page.goto(site_url)
    for query in queries:
        assert page.evaluate("query => window.qantarSearch.keys(query)", query) == query_keys(query), query
