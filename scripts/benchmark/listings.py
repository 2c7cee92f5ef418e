"""The listing pages at scale: each list's first page (HTML, gzipped), what a browser fetches for it before the
reader does anything (the first view: the page, its styles and scripts; search's own files apart, which the search
benchmark measures), and what the claims explorer fetches and how long it takes to show a filtered view, a words
search and a further page.

    .venv/bin/python scripts/benchmark/listings.py SITE          # a built site: sizes and Chromium, as JSON

run.py calls `listing_sizes` and `first_views` for every scale with --listings.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

KB = 1024
CHROMIUM = Path("/usr/bin/chromium")
BUDGET = 150 * KB  # gzipped, the first view of a listing page (issue 15)
LISTS = ("claims/", "figures/", "timeline/", "actors/", "events/", "sources/", "questions/", "tags/")
NOT_THE_LIST = re.compile(r"/(search|pagefind)/")


def _gzip(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def largest_tag(site: Path) -> str:
    tags = [path for path in (site / "tags").glob("*/index.html")]
    return f"tags/{max(tags, key=lambda p: p.stat().st_size).parent.name}/" if tags else ""


def listing_sizes(site: Path) -> dict[str, Any]:
    """Each list's first page: its HTML raw and gzipped, and how many pages the list has."""
    out: dict[str, Any] = {}
    for path in (*LISTS, largest_tag(site)):
        if not path:
            continue
        page = site / path / "index.html"
        if not page.is_file():
            continue
        html = page.read_bytes()
        pages = 1 + sum(1 for _ in (site / path / "page").glob("*/index.html"))
        out[path] = {"html_bytes": len(html), "html_gzip_bytes": _gzip(html), "pages": pages}
    data = site / "data" / "explorer"
    if data.is_dir():
        facets = (data / "facets.json").read_bytes()
        rows = [p.read_bytes() for p in sorted((data / "rows").glob("*.json"))]
        words = [p.read_bytes() for p in sorted((data / "words").glob("*.json"))]
        out["explorer_data"] = {
            "facets_bytes": len(facets), "facets_gzip_bytes": _gzip(facets),
            "rows_files": len(rows),
            "rows_file_median_gzip_bytes": statistics.median(_gzip(r) for r in rows) if rows else 0,
            "words_files": len(words), "words_file_largest_gzip_bytes": max((_gzip(w) for w in words), default=0),
            "words_file_median_gzip_bytes": statistics.median(_gzip(w) for w in words) if words else 0,
            "bytes": sum(p.stat().st_size for p in data.rglob("*") if p.is_file()),
            "files": sum(1 for p in data.rglob("*") if p.is_file()),
        }
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def first_views(site: Path, word: str = "residents") -> dict[str, Any]:
    """Load each list's first page in headless Chromium; then, on the explorer, choose a tag, search a word and
    turn a page, each timed from the reader's action to the rows on screen, with what it fetched (gzipped)."""
    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    result: dict[str, Any] = {"pages": {}, "explorer": {}}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=["--no-sandbox", "--disable-gpu",
                                                       "--disable-background-networking"])
            fetched: list[tuple[str, int]] = []

            def record(response: Any) -> None:
                if NOT_THE_LIST.search(response.url):
                    return
                try:
                    fetched.append((response.url.replace(base, ""), _gzip(response.body())))
                except Exception:  # noqa: BLE001 - a redirect has no body
                    pass

            for path in (*LISTS, largest_tag(site)):
                if not path or not (site / path / "index.html").is_file():
                    continue
                fetched.clear()
                context = browser.new_context(viewport={"width": 1366, "height": 900})  # an empty cache each time
                page = context.new_page()
                page.on("response", record)
                page.goto(base + path, wait_until="networkidle")
                context.close()
                total = sum(size for _url, size in fetched)
                result["pages"][path] = {"first_view_gzip_bytes": total, "requests": len(fetched),
                                         "within_budget": total <= BUDGET}

            def timed(action: Any, done: str) -> dict[str, Any]:
                fetched.clear()
                start = time.perf_counter()
                action()
                page.wait_for_function(done, timeout=600_000)
                seconds = time.perf_counter() - start
                page.wait_for_load_state("networkidle")
                return {"ms": seconds * 1000, "requests": len(fetched),
                        "gzip_bytes": sum(size for _url, size in fetched),
                        "shown": page.locator(".qc-count").inner_text()}

            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page = context.new_page()
            page.on("response", record)
            page.goto(base + "claims/", wait_until="networkidle")
            on_screen = ("document.querySelector('form[data-qc-explorer]').getAttribute('data-qc-shown') === "
                         "location.search && location.search !== ''")
            shown = f"() => {on_screen}"
            tag = page.locator("select[name=tag] option").nth(1).get_attribute("value")
            result["explorer"]["first_filter"] = timed(
                lambda: page.locator("select[name=tag]").select_option(tag), shown)
            result["explorer"]["next_page"] = timed(
                lambda: page.locator(".qc-view-pager button", has_text="Next").click(),
                f"() => {on_screen} && location.search.includes('page=2')")
            page.goto(base + "claims/", wait_until="networkidle")
            page.locator("select[name=record]").select_option(index=1)  # the data, loaded before the words
            page.wait_for_function(shown, timeout=600_000)
            result["explorer"]["words"] = timed(lambda: page.locator("input[name=q]").fill(word),
                                                f"() => {on_screen} && location.search.includes('q={word}')")
            browser.close()
    finally:
        httpd.shutdown()
    return result


def main() -> int:
    site = Path(sys.argv[1]).resolve()
    print(json.dumps({"sizes": listing_sizes(site), "browser": first_views(site)}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
