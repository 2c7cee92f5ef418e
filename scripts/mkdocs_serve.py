"""Serve glue: keep `mkdocs serve --dirty` equal to a full build, and put problems in front of the editor.

A dirty rebuild writes only the pages whose Markdown is newer than their HTML, so that an edit shows in seconds.
Left alone, three things then go stale; this module repairs them after every rebuild:

- the search index: Material's search plugin writes only the rebuilt pages' entries, merged with the previous index
  on the assumption that one page changed (after 200 new files the index held 204 of 564 pages). Each page's
  entries are kept here, and the whole index is written in the order a full build writes it;
- files whose source is gone: a deleted claim's page and JSON were still served. Whatever the build did not make
  this time (other than what a full build makes beside the pages: 404.html, sitemap, search index) is removed;
- pages that show other pages: Material's tag listings show each tagged claim's title, so they are rebuilt when a
  claim page changes; and since a dirty rebuild reads only the changed pages, the tags plugin is given the titles
  and tags of the others, as last read, before it fills the listings (and tags.json).

A failed rebuild leaves MkDocs' server waiting for a good one, so every browser hangs, and MkDocs prints a repeated
error only once. Here the problems are printed on every rebuild, and a failed rebuild replaces the site with one
page that lists them and reloads itself once they are fixed.
"""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.hooks.qantar")

SEARCH_INDEX = "search/search_index.json"
LISTING_MARK = "<!-- material/tags"  # a page whose HTML lists other pages (Material's tags plugin)


def snapshot(folders: Iterable[Path]) -> frozenset[tuple[str, int, int]]:
    """Every file under these folders, with its modification time and size: what the engine reads and writes."""
    found: set[tuple[str, int, int]] = set()
    pending = [str(folder) for folder in folders]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    else:
                        info = entry.stat(follow_symlinks=False)
                        found.add((entry.path, info.st_mtime_ns, info.st_size))
        except OSError:
            continue
    return frozenset(found)


class ServeSync:
    """What a dirty rebuild needs from the builds before it; one per `mkdocs serve` session."""

    def __init__(self) -> None:
        # pages are known by their file's URL (the home page's is './', its page's '')
        self.entries: dict[str, list[dict[str, Any]]] = {}  # page URL -> its search entries, as last built
        self.extras: set[str] = set()  # files a full build writes beside the pages and static files
        self.complete = False  # whether `entries` and `extras` describe the whole site
        self.built: dict[str, list[dict[str, Any]]] = {}  # this rebuild's pages and their entries
        self.seen = 0  # search entries already attributed to a page in this rebuild
        self.page_order: list[str] = []
        self.outputs: set[str] = set()
        self.listings: set[str] = set()  # generated pages (docs paths) that list other pages
        self.meta: dict[str, tuple[str | None, dict[str, Any]]] = {}  # page URL -> title and front matter, as read
        self.others_changed = False  # whether a page that listings show was written or deleted in this rebuild
        # the records and the docs as the engine last left them: a rebuild that the engine's own writes set off
        # (MkDocs watches docs/) finds them unchanged and does not run the engine again
        self.generated: frozenset[tuple[str, int, int]] | None = None

    def engine_wrote(self, pages: Iterable[tuple[str, str]], written: Iterable[str], deleted: Iterable[str]) -> None:
        """Note the engine's pages (path, Markdown) and what it wrote and deleted, before MkDocs reads the files."""
        self.listings = {path for path, text in pages if LISTING_MARK in text}
        self.others_changed = any(path.endswith(".md") and path not in self.listings for path in [*written, *deleted])

    def engine_skipped(self) -> None:
        """Note that the engine did not run: nothing it reads or writes changed since it last did."""
        self.others_changed = False

    def files(self, documentation_pages: Iterable[Any], every_file: Iterable[Any]) -> None:
        """Remember the pages' order and every output, and make stale listings rebuild (their HTML is deleted)."""
        self.built, self.seen = {}, 0
        pages = list(documentation_pages)
        self.page_order = [page.url for page in pages]
        self.outputs = {file.dest_uri for file in every_file}
        if self.complete and self.others_changed:
            for page in pages:
                if page.src_uri in self.listings and os.path.isfile(page.abs_dest_path):
                    os.unlink(page.abs_dest_path)

    def page_read(self, url: str, title: str | None, meta: dict[str, Any]) -> None:
        """Note a page MkDocs read in this rebuild: its title and front matter (what tag listings show)."""
        self.meta[url] = (title, dict(meta))

    def complete_tags(self, mappings: Any, pages: Iterable[Any]) -> None:
        """Give Material's tags plugin the pages this rebuild did not read, in the order a full build reads them.

        `mappings` is the plugin's MappingManager: `data` maps a page URL to the page's tags, `add(page, markdown)`
        reads them from the page's front matter.
        """
        if not self.complete:
            return
        ordered: dict[str, Any] = {}
        for page in pages:
            mapping = mappings.data.get(page.url)
            if mapping is None and page.markdown is None and page.file.url in self.meta:
                title, meta = self.meta[page.file.url]
                page.meta = dict(meta)
                page.title = title
                mapping = mappings.add(page, "")
            if mapping is not None:
                ordered[page.url] = mapping
        mappings.data = ordered

    def page_built(self, url: str, search_entries: list[dict[str, Any]]) -> None:
        """Note a page MkDocs rendered in this rebuild, with the search entries the search plugin made for it."""
        self.built[url] = search_entries[self.seen :]
        self.seen = len(search_entries)

    def finish(self, site_dir: str) -> None:
        """After a rebuild: write the whole search index and remove what no file of the site makes any more."""
        site = Path(site_dir)
        on_disk = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
        if not self.complete:
            self.entries = dict(self.built)
            self.extras = on_disk - self.outputs
            self.complete = True
            return
        self.entries.update(self.built)
        for gone in set(self.entries) - set(self.page_order):
            del self.entries[gone]
        for gone in set(self.meta) - set(self.page_order):
            del self.meta[gone]
        index_path = site / SEARCH_INDEX
        if index_path.is_file():
            written = json.loads(index_path.read_text(encoding="utf-8"))
            docs = [entry for url in self.page_order for entry in self.entries.get(url, [])]
            # as Material's search plugin writes it in a full build
            whole = json.dumps({"config": written["config"], "docs": docs}, separators=(",", ":"), default=str)
            index_path.write_bytes(whole.encode("utf-8"))
        keep = self.outputs | self.extras
        for stale in sorted(on_disk - keep):
            (site / stale).unlink()
        for folder in sorted((p for p in site.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()

    def failed(self, site_dir: str, problems: list[str]) -> None:
        """Replace the site with one page listing the problems, served for every address until they are fixed."""
        self.complete = False
        site = Path(site_dir)
        for entry in site.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        (site / "404.html").write_text(problems_page(problems), encoding="utf-8")


def problems_page(problems: list[str]) -> str:
    """A page of its own (no theme, no request elsewhere) listing the problems; it reloads once the site is back."""
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site was not rebuilt: {len(problems)} problem(s)</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }}
li {{ margin: .5rem 0; }} code {{ white-space: pre-wrap; word-break: break-word; }}
</style>
</head>
<body>
<h1>The site was not rebuilt</h1>
<p>Fix these problems in the records and save: this page reloads by itself when the site is back.</p>
<ol class="qantar-problems">
{items}
</ol>
<script>
setInterval(function () {{
  fetch(location.href, {{cache: "no-store"}}).then(function (response) {{
    if (response.ok) {{ location.reload(); }}
  }}, function () {{}});
}}, 1000);
</script>
</body>
</html>
"""


class ErrorLog(logging.Handler):
    """Collects what MkDocs and the hook log as errors during one build, for the problems page."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message and not message.startswith("Aborted with"):
            self.lines.extend(line for line in message.splitlines() if line.strip())


def guarded(
    builder: Callable[[], Any], site_dir: str, sync: ServeSync, problems: Callable[[], list[str]]
) -> Callable[[], None]:
    """The rebuild MkDocs' server runs on each change, made never to fail: a failed rebuild shows its problems."""

    def rebuild() -> None:
        errors = ErrorLog()
        logging.getLogger("mkdocs").addHandler(errors)
        try:
            builder()
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # noqa: BLE001 - MkDocs' Abort is a SystemExit; every failure is shown
            lines = problems() or errors.lines
            if not lines:  # not a problem in the records or a message MkDocs printed: a bug, with its traceback
                lines = [f"{type(error).__name__}: {error}"]
                log.error(f"the rebuild failed: {lines[0]}", exc_info=not isinstance(error, SystemExit))
            sync.failed(site_dir, lines)
            log.error("the site shows these problems until they are fixed")
        finally:
            logging.getLogger("mkdocs").removeHandler(errors)

    return rebuild
