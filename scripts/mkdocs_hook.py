"""The thin glue between MkDocs and the engine: regenerate the pages before every build, index them after.

`mkdocs build` and `mkdocs serve` call on_pre_build; `watch:` in mkdocs.yml makes serve rebuild
when a record changes. Engines that ignore hooks (Zensical) run `qantar generate` first instead.
Search: each built page is marked for Pagefind (on_post_page) and Pagefind indexes the site
(on_post_build), so `mkdocs build` and `qantar build` give the same site (qantar/search_index.py).
Material's own index is left empty: its search box stays, and docs/assets/search.js answers it.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError  # noqa: E402

from qantar import search_index  # noqa: E402
from qantar.build import generate  # noqa: E402
from qantar.config import load_settings  # noqa: E402


class _DirtyBuildNotice(logging.Filter):
    """`qantar serve` asks MkDocs for dirty rebuilds on purpose (the engine rewrites exactly the pages that changed,
    so they are complete); MkDocs' warning that they may be inaccurate would only alarm an editor."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


_build_log = logging.getLogger("mkdocs.commands.build")
if not any(isinstance(f, _DirtyBuildNotice) for f in _build_log.filters):
    _build_log.addFilter(_DirtyBuildNotice())


def on_startup(command, dirty, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    global _serving_dirty
    _serving_dirty = command == "serve" and bool(dirty)


def on_config(config, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    """Make the build reproducible: the same records give the same bytes, whatever the day or the clock.

    MkDocs stamps the build time into sitemap.xml (<lastmod>, once site_url is set) and into the gzip header
    of sitemap.xml.gz, unless SOURCE_DATE_EPOCH is set (https://reproducible-builds.org/specs/source-date-epoch/).
    Left unset, it is set to 0 here: gzip's "no time stamp". A publisher that wants dated sitemap entries sets
    it to the commit's time, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct).
    """
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    return config


_serving_dirty = False  # `qantar serve`: MkDocs rebuilds only the pages that changed
_actors: dict[str, dict] | None = None  # data/actors.json of the current build, read once
_names: search_index.NameMatcher | None = None


def on_pre_build(config, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    global _actors, _names
    _actors, _names = None, None
    if os.environ.get("QANTAR_ENGINE_DONE") == "1":
        os.environ["QANTAR_ENGINE_DONE"] = "0"  # the CLI generated just now; later rebuilds (serve) regenerate
        return
    root = Path(config.config_file_path).resolve().parent
    result = generate(load_settings(root))
    if not result.ok:
        raise PluginError("the records have problems; nothing was published:\n" + result.problems.report())


def on_page_content(html, page, config, files, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    """Pagefind indexes what Material's search would have (pages not excluded in their front matter); Material's
    own index gets nothing, which also spares its parser."""
    page.qantar_searchable = not (page.meta.get("search") or {}).get("exclude")
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return search_index.keep_exclusions(html)


def on_post_page(output, page, config, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    global _actors, _names
    if not getattr(page, "qantar_searchable", False):
        return output
    if _actors is None or _names is None:
        _actors = search_index.actors_by_id(Path(config.docs_dir) / "data" / "actors.json")
        _names = search_index.NameMatcher(_actors)
    fields: dict[str, str] = {}
    data = Path(page.file.abs_src_path or "").with_suffix(".json")  # a record's open data, beside its page
    if page.file.abs_src_path and data.is_file():
        fields = search_index.record_fields(json.loads(data.read_text(encoding="utf-8")), _actors)
    return search_index.annotate_page(output, fields, _names)


def on_post_build(config, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    site = Path(config.site_dir)
    if _serving_dirty and (site / search_index.BUNDLE).is_dir():
        # an edit under `qantar serve` keeps the first build's index: re-indexing the whole site would double the
        # time an edit takes to show (restart serve, or build, for a fresh index)
        return
    started = time.perf_counter()
    try:
        bundle = search_index.build_bundle(site, directory_urls=config.use_directory_urls)
    except search_index.SearchBuildError as error:
        raise PluginError(f"the search index was not built:\n{error}") from error
    if not config.use_directory_urls:  # the offline copy, opened from file://
        search_index.inline_bundle(bundle)
    _build_log.info("search: Pagefind indexed the site in %.1f s", time.perf_counter() - started)
