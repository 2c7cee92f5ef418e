"""Load pages of a built site in headless Chromium and record what they do: dialogs, script errors, requests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sitebuild import SiteServer


@dataclass
class Visit:
    site_url: str = ""
    pages: int = 0
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    searches: dict[str, int] = field(default_factory=dict)

    @property
    def foreign(self) -> list[str]:
        """Every address requested from a host other than the site's."""
        return sorted({url for url in self.requests if not url.startswith(self.site_url)})


def page_paths(site: Path) -> list[str]:
    """The address (relative to the site) of every HTML page, as a reader would type it."""
    return [page.relative_to(site).as_posix().removesuffix("index.html") for page in sorted(site.rglob("*.html"))]


def browse(
    browser: object, site: Path, paths: Iterable[str], search_for: Iterable[str] = (), settle: str = "load"
) -> Visit:
    """Serve the site on localhost and load each page in one tab; then search for each of the given words."""
    visit = Visit()
    with SiteServer(site) as server:
        visit.site_url = server.url
        context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        tab = context.new_page()
        tab.on(
            "dialog",
            lambda dialog: (visit.dialogs.append(f"{tab.url}: {dialog.type}: {dialog.message}"), dialog.dismiss()),
        )
        tab.on("pageerror", lambda error: visit.errors.append(f"{tab.url}: {error}"))
        context.on("request", lambda request: visit.requests.append(request.url))  # pages and their workers
        for path in paths:
            tab.goto(server.url + path, wait_until=settle)
            visit.pages += 1
        for words in search_for:
            visit.searches[words] = search_results(tab, server.url, words)
        tab.wait_for_load_state("networkidle")
        context.close()
    return visit


def search_results(tab: object, site_url: str, words: str) -> int:
    """Type into the search box as a reader would, right as the page opens; count the results shown."""
    tab.goto(site_url, wait_until="commit")  # type: ignore[attr-defined]
    box = tab.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.click()
    type_query(box, words)
    tab.locator(".md-search-result__item").first.wait_for(timeout=30_000)  # type: ignore[attr-defined]
    tab.wait_for_load_state("networkidle")  # type: ignore[attr-defined] # the answer to the whole query
    return tab.locator(".md-search-result__item").count()  # type: ignore[attr-defined]


def type_query(box: object, words: str) -> None:
    """Type words key by key. Playwright types a letter missing from its US keyboard (Cyrillic) as text, with
    no key event, and Material reads the box on key up: a reader's keyboard sends one for every letter, so the
    last letter gets one here too (End moves nothing)."""
    box.press_sequentially(words)  # type: ignore[attr-defined]
    if not words.isascii():
        box.press("End")  # type: ignore[attr-defined]


# In a page's script: `parse` reads a CSS colour into numbers; `behind` finds the opaque colour behind an element.
COLOURS_JS = """  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const behind = node => {
    for (let n = node; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return parse(getComputedStyle(document.body).backgroundColor).slice(0, 3);
  };
"""
