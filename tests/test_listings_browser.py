"""Listing pages as a reader meets them, in headless Chromium: the explorer's first view stays within its weight at
the largest fixture scale, its counts follow the filters, an empty view says how to widen it, words are found in
quotes and translations, addresses are readable and accept names, a view downloads as CSV and JSON, the pages
read without JavaScript; charts keep their text at 12 px or more and their legend, the timeline is a list on a
phone."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

import tally
from sitebuild import ROOT, SiteServer, copy_project

FIRST_VIEW_BUDGET = 150 * 1024  # gzipped: the page, its styles and scripts, before the reader does anything
LARGE_FIXTURE = 3000  # claims in the synthetic corpus the budget is checked on (every list's caps bind there)


# -- the largest fixture: the benchmark's synthetic corpus, built -----------------------------------------------


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    sys.path.insert(0, str(ROOT / "scripts" / "benchmark"))
    from generate_corpus import generate as generate_corpus

    corpus = tmp_path_factory.mktemp("large-corpus")
    generate_corpus(corpus, LARGE_FIXTURE, seed=5)
    project = copy_project(tmp_path_factory.mktemp("large-project"), corpus=corpus)
    site = tmp_path_factory.mktemp("large-site")
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", QANTAR_OFFLINE_COPY="0")
    result = subprocess.run(
        [sys.executable, "-m", "qantar.cli", "--root", str(project), "build", "--site-dir", str(site)],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with SiteServer(site) as server:
        yield server.url, corpus


@pytest.fixture(scope="module")
def large_site(large: tuple[str, Path]) -> str:
    return large[0]


def first_view(browser: Browser, url: str, width: int = 1366) -> tuple[int, list[tuple[str, int]]]:
    """What loading a page transfers, gzipped, before the reader does anything (search's own files apart: the
    search tests measure them)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    seen: list[tuple[str, int]] = []

    def record(response: object) -> None:
        address = response.url  # type: ignore[attr-defined]
        if re.search(r"/(search|pagefind)/", address):
            return
        try:
            body = response.body()  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a redirect has no body
            return
        seen.append((address, len(gzip.compress(body, compresslevel=6))))

    page.on("response", record)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(size for _address, size in seen), seen


def test_every_listing_page_at_the_largest_fixture_scale_stays_within_its_first_view_budget(
    chromium: Browser, large_site: str
) -> None:
    for path in (
        "claims/",
        "claims/page/2/",
        "figures/",
        "timeline/",
        "tags/protests/",
        "actors/",
        "events/",
        "sources/",
        "questions/",
    ):
        total, files = first_view(chromium, large_site + path)
        assert total <= FIRST_VIEW_BUDGET, (path, total, files)
        if path == "claims/":
            assert not any("/data/" in address for address, _size in files)  # nothing fetched before a filter
            tally.record(f"explorer first view at {LARGE_FIXTURE:,} claims, gzip", f"{total / 1024:.1f} KB")


def test_the_explorer_at_the_largest_fixture_scale_filters_counts_and_pages_from_its_data(
    page: Page, large_site: str
) -> None:
    page.goto(large_site + "claims/")
    option = page.locator("select[name=tag] option").nth(1)
    value, label = option.get_attribute("value"), option.inner_text()
    count = int(re.search(r"\(([\d,]+)\)$", label).group(1).replace(",", ""))  # type: ignore[union-attr]
    page.locator("select[name=tag]").select_option(value)
    expect(page.locator(".qc-count")).to_contain_text(f"{count:,} of {LARGE_FIXTURE:,} claims")
    assert page.locator(".qc-explorer tbody tr").count() == 50
    page.locator(".qc-view-pager button", has_text="Next").click()
    expect(page.locator(".qc-count")).to_contain_text("page 2 of")
    assert parse_qs(urlsplit(page.url).query) == {"tag": [value], "page": ["2"]}
    assert page.errors_seen == []  # type: ignore[attr-defined]


def test_at_the_largest_fixture_scale_a_word_finds_every_claim_that_has_it(page: Page, large: tuple[str, Path]) -> None:
    from conftest import run_check
    from qantar.site.views import words

    site_url, corpus_dir = large
    corpus = run_check(corpus_dir).corpus
    assert corpus is not None
    for word in ("curfew", "жители", "acknowledged"):  # the words files are many here: each word finds its own
        expected = 0
        for claim in corpus.claims.values():
            text = " ".join(
                [
                    claim.statement,
                    corpus.actors[claim.claimant].name,
                    *(f"{item.quote} {item.translation or ''}" for item in claim.evidence),
                ]
            )
            expected += any(found.startswith(word) for found in words(text))
        page.goto(site_url + f"claims/?q={word}")
        expect(page.locator(".qc-count")).to_contain_text(f"{expected:,} of {LARGE_FIXTURE:,} claims")
    assert page.errors_seen == []  # type: ignore[attr-defined]


# -- the real corpus ----------------------------------------------------------------------------------------------


def options(page: Page, facet: str) -> dict[str, int]:
    """A menu's choices and the counts it shows beside them."""
    found = {}
    for option in page.locator(f"select[name={facet}] option").all():
        match = re.search(r"\(([\d,]+)\)$", option.inner_text())
        if match and option.get_attribute("value"):
            found[str(option.get_attribute("value"))] = int(match.group(1).replace(",", ""))
    return found


def shown(page: Page) -> int:
    """How many claims the view holds, once the explorer shows it."""
    expect(page.locator(".qc-count")).to_contain_text(re.compile(r"^(All )?[\d,]+( of [\d,]+)? claims"))
    match = re.match(r"(All )?([\d,]+)", page.locator(".qc-count").inner_text())
    assert match, page.locator(".qc-count").inner_text()
    return int(match.group(2).replace(",", ""))


def test_facet_counts_follow_the_filters(page: Page, site_url: str) -> None:
    page.goto(site_url + "claims/?publisher=novaya-gazeta-europe")
    expect(page.locator(".qc-count")).to_contain_text("of 270 claims")
    tags = options(page, "tag")
    assert "torture" not in tags  # Novaya Gazeta Europe carries no claim tagged torture: not offered
    for tag, count in list(tags.items())[:3]:
        page.locator("select[name=tag]").select_option(tag)
        expect(page.locator(".qc-count")).to_contain_text(f"{count} of 270 claims")
        publishers = options(page, "publisher")  # each publisher's count with this tag
        assert publishers["novaya-gazeta-europe"] == count
        page.locator("select[name=tag]").select_option("")
    assert page.errors_seen == []  # type: ignore[attr-defined]


def test_an_empty_view_says_why_and_how_to_widen_it(page: Page, site_url: str) -> None:
    page.goto(site_url + "claims/?publisher=novaya-gazeta-europe&tag=torture")
    message = page.locator(".qc-explorer-message")
    expect(message).to_contain_text("No claim matches all of these filters together")
    expect(message).to_contain_text("Remove Publisher: Novaya Gazeta Europe to see")
    widen = message.locator("button", has_text="Remove Publisher")
    left = int(re.search(r"to see (\d+) claim", message.inner_text()).group(1))  # type: ignore[union-attr]
    widen.click()
    expect(page.locator(".qc-count")).to_contain_text(f"{left} of 270 claims")
    assert parse_qs(urlsplit(page.url).query) == {"tag": ["torture"]}
    expect(message).to_be_hidden()


@pytest.mark.parametrize(
    "words, claim",
    [
        ("bizarre", None),  # in a quote only
        ("мусолить", "authorities-killed-and-tortured-people"),  # in a Russian quote
        ("dialect", "csto-soldiers-spoke-armenian-kyrgyz"),  # in an English translation
    ],
)
def test_words_are_searched_in_statements_quotes_and_translations(
    page: Page, site_url: str, words: str, claim: str | None
) -> None:
    page.goto(site_url + "claims/")
    page.locator("input[name=q]").fill(words)
    expect(page.locator(".qc-count")).to_contain_text("of 270 claims")
    links = page.locator(".qc-explorer tbody tr td:first-child a")
    assert links.count() >= 1
    if claim:
        assert any(claim in (href or "") for href in links.evaluate_all("nodes => nodes.map(n => n.href)"))
    assert parse_qs(urlsplit(page.url).query) == {"q": [words]}


def test_readable_addresses_take_keys_and_typed_names(page: Page, site_url: str) -> None:
    page.goto(site_url + "claims/?publisher=novaya-gazeta-europe")
    expect(page.locator("select[name=publisher]")).to_have_value("novaya-gazeta-europe")
    rows = shown(page)
    page.goto(site_url + "claims/?publisher=Novaya%20Gazeta%20Europe")
    expect(page.locator("select[name=publisher]")).to_have_value("novaya-gazeta-europe")
    assert shown(page) == rows
    assert parse_qs(urlsplit(page.url).query) == {"publisher": ["novaya-gazeta-europe"]}  # the key, to share
    page.goto(site_url + "claims/?claimant=Kassym-Jomart%20Tokayev")
    expect(page.locator("select[name=claimant]")).to_have_value("tokayev")
    assert set(page.locator(".qc-explorer tbody tr td:nth-child(2)").all_inner_texts()) == {"Kassym-Jomart Tokayev"}
    page.goto(site_url + "claims/?publisher=pa9bd83f2")  # an old hashed address: said, not silently dropped
    expect(page.locator(".qc-explorer-message")).to_contain_text("No publisher is called “pa9bd83f2”")
    assert page.errors_seen == []  # type: ignore[attr-defined]


def test_the_view_downloads_as_csv_and_json(page: Page, site_url: str) -> None:
    page.goto(site_url + "claims/?claimant=tokayev&sort=-claimed")
    expect(page.locator(".qc-count")).to_contain_text("of 270 claims")
    ids = [
        href.rstrip("/").rsplit("/", 1)[-1]
        for href in page.locator(".qc-explorer tbody tr td:first-child a").evaluate_all(
            "nodes => nodes.map(n => n.href)"
        )
    ]
    with page.expect_download() as caught:
        page.locator("[data-qc-download=csv]").click()
    rows = list(csv.DictReader(io.StringIO(Path(caught.value.path()).read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == ids  # the view's rows, in the view's order
    assert {row["claimant"] for row in rows} == {"tokayev"} and all(row["statement"] for row in rows)
    assert caught.value.suggested_filename == "qantar-claims-view.csv"
    with page.expect_download() as caught:
        page.locator("[data-qc-download=json]").click()
    records = json.loads(Path(caught.value.path()).read_text(encoding="utf-8"))
    assert [record["id"] for record in records] == ids
    assert records[0]["url"].startswith(site_url + "claims/") and records[0]["publishers"]
    assert page.errors_seen == []  # type: ignore[attr-defined]


def test_without_javascript_the_claims_are_listed_fifty_a_page_with_links_to_the_others(
    chromium: Browser, site_url: str
) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "claims/?claimant=tokayev")
    expect(page.locator("form[data-qc-explorer]")).to_be_hidden()
    seen: list[str] = []
    for number in range(1, 7):
        rows = page.locator(".qc-explorer tbody tr")
        assert rows.count() == (50 if number < 6 else 20)
        expect(rows.last).to_be_visible()
        seen += rows.locator("td:first-child a").evaluate_all("nodes => nodes.map(n => n.href)")
        pager = page.locator("nav.qc-pager")
        expect(pager).to_contain_text(f"Claims {(number - 1) * 50 + 1}–{min(number * 50, 270)} of 270")
        if number < 6:
            pager.get_by_role("link", name="Next →").click()
            assert urlsplit(page.url).path.endswith(f"/claims/page/{number + 1}/")
    assert len(seen) == len(set(seen)) == 270
    pager.get_by_role("link", name="1", exact=True).click()
    assert urlsplit(page.url).path.endswith("/claims/")
    context.close()


# -- charts ----------------------------------------------------------------------------------------------------

SMALLEST_TEXT = """() => {
  const sizes = [];
  for (const text of document.querySelectorAll('.qc-chart svg text')) {
    const box = text.getBoundingClientRect();
    if (!box.width || getComputedStyle(text).display === 'none') continue;
    const scale = text.ownerSVGElement.getScreenCTM().a;
    sizes.push([parseFloat(getComputedStyle(text).fontSize) * scale, text.textContent]);
  }
  for (const node of document.querySelectorAll('.qc-chart .qc-legend, .qc-chart li, .qc-tl-label')) {
    if (node.getBoundingClientRect().width) {
      sizes.push([parseFloat(getComputedStyle(node).fontSize), node.textContent.slice(0, 40)]);
    }
  }
  return sizes.sort((a, b) => a[0] - b[0]).slice(0, 3);
}"""


@pytest.mark.parametrize("width", [1366, 390])
def test_chart_text_is_at_least_12_px_and_every_chart_has_its_legend(
    chromium: Browser, site_url: str, width: int
) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in ("figures/", "questions/death-toll/", "timeline/"):
        page.goto(site_url + path)
        smallest = page.evaluate(SMALLEST_TEXT)
        assert smallest and smallest[0][0] >= 12, (path, width, smallest)
        for chart in page.locator(".qc-chart").all():
            expect(chart.locator(".qc-legend")).to_have_count(1)
        if width < 600:  # nothing wider than the screen
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width, path
    context.close()


def test_every_figure_is_labelled_with_its_claimant_beside_its_mark_or_in_the_key(page: Page, site_url: str) -> None:
    page.goto(site_url + "figures/")
    for chart in page.locator(".qc-ledger-chart").all():
        marks = chart.locator("a.qc-mark").count()
        labels = chart.locator("svg text.qc-point-label").evaluate_all("nodes => nodes.map(n => n.textContent)")
        keyed = chart.locator("ol.qc-ledger-key li.qc-key-always").all_inner_texts()
        assert len(labels) + len(keyed) == marks > 0
        assert all(" · " in label for label in labels + keyed)
        boxes = chart.locator("svg text.qc-point-label").evaluate_all(
            "nodes => nodes.map(n => { const b = n.getBoundingClientRect(); "
            "return [b.left, b.top, b.right, b.bottom]; })"
        )
        for n, a in enumerate(boxes):  # no label over another
            for b in boxes[n + 1 :]:
                assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (a, b)


def test_the_figures_ledger_lists_each_source_once_per_figure(page: Page, site_url: str) -> None:
    page.goto(site_url + "figures/")
    for cell in page.locator("table:has(th:text('Figure')) tbody td:nth-child(5)").all():
        sources = [href.split("#")[0] for href in cell.locator("a").evaluate_all("nodes => nodes.map(n => n.href)")]
        assert len(sources) == len(set(sources)), cell.inner_text()


def test_on_a_phone_the_timeline_is_a_list_with_every_label_whole(chromium: Browser, site_url: str) -> None:
    for width in (1366, 390):
        context = chromium.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(site_url + "timeline/")
        labels = page.locator(".qc-tl-label")
        assert labels.count() == 33
        clipped = labels.evaluate_all(
            "nodes => nodes.filter(n => n.scrollWidth > n.clientWidth + 1 || "
            "n.getBoundingClientRect().right > window.innerWidth).map(n => n.textContent)"
        )
        assert clipped == [], (width, clipped[:3])
        expect(page.locator(".qc-tl-label a", has_text="Shooting at Republic Square")).to_be_visible()
        bars = page.locator(".qc-tl-bar").first
        if width < 600:
            expect(bars).to_be_hidden()
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        else:
            expect(bars).to_be_visible()
        context.close()
