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


TAG = "tags/<largest tag>/"  # the tag with the most claims, whatever its name at each scale


def _lists(site: Path) -> list[tuple[str, str]]:
    """(the name a table shows, the page's path) for each list."""
    found = [(path, path) for path in LISTS if (site / path / "index.html").is_file()]
    return found + ([(TAG, largest_tag(site))] if largest_tag(site) else [])


def listing_sizes(site: Path) -> dict[str, Any]:
    """Each list's first page: its HTML raw and gzipped, and how many pages the list has."""
    out: dict[str, Any] = {}
    for name, path in _lists(site):
        html = (site / path / "index.html").read_bytes()
        pages = 1 + sum(1 for _ in (site / path / "page").glob("*/index.html"))
        out[name] = {"path": path, "html_bytes": len(html), "html_gzip_bytes": _gzip(html), "pages": pages}
    data = site / "data" / "explorer"
    if data.is_dir():
        facets = (data / "facets.json").read_bytes()
        rows = [p.read_bytes() for p in sorted((data / "rows").glob("*.json"))]
        words = [p.read_bytes() for p in sorted((data / "words").glob("*.json"))]
        out["explorer_data"] = {
            "facets_bytes": len(facets),
            "facets_gzip_bytes": _gzip(facets),
            "rows_files": len(rows),
            "rows_file_median_gzip_bytes": statistics.median(_gzip(r) for r in rows) if rows else 0,
            "words_files": len(words),
            "words_file_largest_gzip_bytes": max((_gzip(w) for w in words), default=0),
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
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
            responses: list[Any] = []  # read once the action is over: a body read inside the event can be lost

            def record(response: Any) -> None:
                if not NOT_THE_LIST.search(response.url):
                    responses.append(response)

            def fetched() -> list[tuple[str, int]]:
                found = []
                for response in responses:
                    try:
                        found.append((response.url.replace(base, ""), _gzip(response.body())))
                    except Exception:  # noqa: BLE001 - a redirect has no body
                        pass
                return found

            for name, path in _lists(site):
                responses.clear()
                context = browser.new_context(viewport={"width": 1366, "height": 900})  # an empty cache each time
                page = context.new_page()
                page.on("response", record)
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_timeout(1500)  # what the page's scripts fetch once it has loaded counts too
                page.wait_for_load_state("networkidle")
                loaded = fetched()
                context.close()
                total = sum(size for _url, size in loaded)
                result["pages"][name] = {
                    "first_view_gzip_bytes": total,
                    "requests": len(loaded),
                    "within_budget": total <= BUDGET,
                }

            def timed(action: Any, done: str) -> dict[str, Any]:
                responses.clear()
                start = time.perf_counter()
                action()
                page.wait_for_function(done, timeout=600_000)
                seconds = time.perf_counter() - start
                page.wait_for_load_state("networkidle")
                loaded = fetched()
                return {
                    "ms": seconds * 1000,
                    "requests": len(loaded),
                    "gzip_bytes": sum(size for _url, size in loaded),
                    "shown": page.locator(".qc-count").inner_text(),
                }

            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page = context.new_page()
            page.on("response", record)
            page.goto(base + "claims/", wait_until="networkidle")
            on_screen = (
                "document.querySelector('form[data-qc-explorer]').getAttribute('data-qc-shown') === "
                "location.search && location.search !== ''"
            )
            shown = f"() => {on_screen}"
            tag = page.locator("select[name=tag] option").nth(1).get_attribute("value")
            result["explorer"]["first_filter"] = timed(
                lambda: page.locator("select[name=tag]").select_option(tag), shown
            )
            if page.locator(".qc-view-pager button", has_text="Next").count():  # a view of more than one page
                result["explorer"]["next_page"] = timed(
                    lambda: page.locator(".qc-view-pager button", has_text="Next").click(),
                    f"() => {on_screen} && location.search.includes('page=2')",
                )
            page.goto(base + "claims/", wait_until="networkidle")
            page.locator("select[name=record]").select_option(index=1)  # the data, loaded before the words
            page.wait_for_function(shown, timeout=600_000)
            result["explorer"]["words"] = timed(
                lambda: page.locator("input[name=q]").fill(word),
                f"() => {on_screen} && location.search.includes('q={word}')",
            )
            browser.close()
    finally:
        httpd.shutdown()
    return result


def listings_site(project: Path, target: Path, log: Path) -> Path:
    """Build the listing pages alone (the lists, their further pages, the explorer's data, the hand-written pages and
    assets) with the project's mkdocs.yml, for a scale whose whole site this machine cannot build; links to record
    pages stay unresolved (not --strict), which changes no page's size by more than a few bytes a link."""
    import os
    import shutil
    import subprocess

    if target.exists():
        shutil.rmtree(target)
    docs = project / "docs"
    lists = target / "docs"
    keep = ("index.md", "statuses.md", "timeline.md", "figures.md", "method.md")
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs)
        parts = relative.parts
        wanted = (
            parts[0] in ("assets", "guide", "schemas", "timeline", "figures")
            or (len(parts) == 1 and parts[0] in keep)
            or (parts[-1] == "index.md" and len(parts) == 2)
            or (len(parts) >= 3 and parts[-2] == "page")
            or parts[:2] == ("data", "explorer")
            or (parts[0] == "tags" and len(parts) == 2)
        )
        if path.is_file() and wanted:
            (lists / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, lists / relative)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^(hooks|watch):\n(  - .*\n)+", "", config, flags=re.M)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    if (project / "overrides").is_dir():
        shutil.copytree(project / "overrides", target / "overrides")
    site = target / "site"
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with open(log, "w", encoding="utf-8") as out:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
            cwd=target,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=True,
        )
    return site


def listings_table(results: list[dict[str, Any]]) -> str:
    """A row per measure, a column per scale: each list's first view, the explorer's data and what it fetches."""
    with_lists = [r for r in results if "listings" in r]
    heads = [f"{r['claims']:,} claims" + (" (lists built alone)" if r.get("listings_only") else "") for r in with_lists]
    rows: list[tuple[str, list[str]]] = []
    paths: list[str] = []
    for r in with_lists:
        paths += [p for p in r["listings"]["sizes"] if p != "explorer_data" and p not in paths]

    def kb(value: float | None) -> str:
        return "–" if value is None else f"{value / KB:,.1f} KB"

    for path in paths:

        def cell(r: dict[str, Any], path: str = path) -> str:
            size = r["listings"]["sizes"].get(path)
            view = r["listings"].get("browser", {}).get("pages", {}).get(path)
            if not size:
                return "–"
            text = f"{kb(size['html_gzip_bytes'])} ({size['pages']:,} pages)"
            return f"{kb(view['first_view_gzip_bytes'])} · page {text}" if view else f"page {text}"

        rows.append((f"`{path}` first view, gzip · its HTML (pages in the list)", [cell(r) for r in with_lists]))

    def data(key: str, r: dict[str, Any]) -> Any:
        return r["listings"]["sizes"].get("explorer_data", {}).get(key)

    rows.append(
        (
            "explorer data: facets.json raw / gzip",
            [
                f"{data('facets_bytes', r) / 1024 / 1024:,.2f} MB / {kb(data('facets_gzip_bytes', r))}"
                if data("facets_bytes", r)
                else "–"
                for r in with_lists
            ],
        )
    )
    rows.append(
        (
            "explorer data: rows files (median gzip) · words files (largest gzip)",
            [
                f"{data('rows_files', r):,} ({kb(data('rows_file_median_gzip_bytes', r))}) · "
                f"{data('words_files', r):,} "
                f"({kb(data('words_file_largest_gzip_bytes', r))})"
                if data("rows_files", r)
                else "–"
                for r in with_lists
            ],
        )
    )
    for key, label in (
        ("first_filter", "explorer: first filter (a tag): fetched, gzip · time to rows shown"),
        ("next_page", "explorer: next page of that view"),
        ("words", "explorer: a word typed (data already loaded)"),
    ):
        rows.append(
            (
                label,
                [
                    f"{kb(r['listings']['browser']['explorer'][key]['gzip_bytes'])} in "
                    f"{r['listings']['browser']['explorer'][key]['requests']} requests · "
                    f"{r['listings']['browser']['explorer'][key]['ms']:,.0f} ms"
                    if r["listings"].get("browser", {}).get("explorer", {}).get(key)
                    else "–"
                    for r in with_lists
                ],
            )
        )
    for r in with_lists:
        if r.get("listings_only"):
            e = r["engine"]
            rows.append(
                (
                    f"engine at {r['claims']:,} claims: seconds (CPU) · peak RSS",
                    [
                        f"{e['seconds']:,.1f} s ({e['cpu_seconds']:,.1f} s) · {e['peak_mb']:,.0f} MB" if x is r else ""
                        for x in with_lists
                    ],
                )
            )
    lines = ["| | " + " | ".join(heads) + " |", "|---|" + "---:|" * len(heads)]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows]
    return "\n".join(lines)


def main() -> int:
    site = Path(sys.argv[1]).resolve()
    print(json.dumps({"sizes": listing_sizes(site), "browser": first_views(site)}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
