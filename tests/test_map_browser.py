"""The map as a reader uses it, in headless Chromium: a mark leads to its place; the date control narrows both the
map and the list of events, without JavaScript."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, expect


def test_a_mark_links_to_its_place_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "map/")
    mark = page.locator("a.qc-map-link", has_text="Zhanaozen")
    expect(mark).to_have_count(1)
    mark.click()  # the link laid over the drawn mark
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/places/zhanaozen/")
    expect(page.locator("h1")).to_have_text("Zhanaozen")
    expect(page.locator("figure.qc-locator svg")).to_have_count(1)
    expect(page.get_by_role("link", name="Protests begin in Zhanaozen")).to_be_visible()


def test_the_date_control_filters_the_map_and_the_timeline_without_javascript(chromium: Browser, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "timeline/")
    page.locator(".qc-periods").get_by_role("link", name="6 January 2022").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/map/2022-01-06/")
    events = page.locator("h2:has-text('Events of 6 January 2022') + ul")
    expect(events.get_by_role("link", name="Shooting at Republic Square, Almaty")).to_be_visible()
    expect(events.get_by_role("link", name="Riots in Almaty on 5 January")).to_have_count(0)
    marks = page.locator("a.qc-map-link")
    expect(marks.filter(has_text="Zhanaozen")).to_have_count(0)  # nothing there on 6 January
    expect(marks.filter(has_text="Almaty").first).to_be_attached()
    # back to all dates: both widen again
    page.locator(".qc-periods").get_by_role("link", name="All dates").click()
    page.wait_for_load_state()
    expect(page.locator("a.qc-map-link").filter(has_text="Zhanaozen")).to_have_count(1)
    expect(page.get_by_role("link", name="Riots in Almaty on 5 January").first).to_be_visible()
    context.close()


def test_map_pages_make_no_request_to_another_host(page: Page, site_url: str) -> None:
    for path in ("map/", "map/2022-01/", "places/almaty/", "places/", "events/republic-square-shooting/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    foreign = [url for url in page.requests_seen if not url.startswith(site_url)]  # type: ignore[attr-defined]
    assert foreign == []
    assert page.errors_seen == []  # type: ignore[attr-defined]


def test_the_map_page_with_its_styles_and_scripts_is_under_150_kb_gzipped(built_site: Path) -> None:
    import gzip
    import re

    html = (built_site / "map" / "index.html").read_text(encoding="utf-8")
    assets = re.findall(r'(?:href|src)="\.\./((?:assets|stylesheets|javascripts)[^"?#]*\.(?:css|js))', html)
    total = len(gzip.compress(html.encode("utf-8"), 9))
    total += sum(len(gzip.compress((built_site / asset).read_bytes(), 9)) for asset in set(assets))
    assert assets and total <= 150_000, total
