"""The thin glue between MkDocs and the engine: regenerate the pages before every build, index them after.

`mkdocs build` and `mkdocs serve` call on_pre_build; `watch:` in mkdocs.yml makes serve rebuild
when a record changes. Engines that ignore hooks (Zensical) run `qantar generate` first instead.
Under `mkdocs serve`, mkdocs_serve.py keeps dirty rebuilds equal to a full build and shows problems
in the browser (on_startup, on_serve, on_files, on_page_context, on_post_build).
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
from mkdocs.plugins import event_priority  # noqa: E402

from mkdocs_serve import ServeSync, guarded, log, snapshot  # noqa: E402
from qantar import (
    offline,  # noqa: E402
    search_index,  # noqa: E402
)
from qantar.build import generate  # noqa: E402
from qantar.build_time import VARIABLE as SOURCE_DATE_EPOCH  # noqa: E402
from qantar.build_time import BuildTimeError, source_date_epoch  # noqa: E402
from qantar.config import load_settings  # noqa: E402
from qantar.output_folders import UnsafeOutput, check_docs_folder, check_site_folder  # noqa: E402
from qantar.publish import ForeignFiles, foreign_file_problems  # noqa: E402


class _DirtyBuildNotice(logging.Filter):
    """`qantar serve` asks MkDocs for dirty rebuilds on purpose (the engine rewrites exactly the pages that changed,
    so they are complete); MkDocs' warning that they may be inaccurate would only alarm an editor."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


_build_log = logging.getLogger("mkdocs.commands.build")
if not any(isinstance(f, _DirtyBuildNotice) for f in _build_log.filters):
    _build_log.addFilter(_DirtyBuildNotice())


def on_config(config, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    """Give MkDocs the site's address when the deploy knows it (canonical links, sitemap); make the build
    reproducible: the same records give the same bytes, whatever the day or the clock.

    MkDocs stamps the build time into sitemap.xml (<lastmod>, once site_url is set) and into the gzip header
    of sitemap.xml.gz, unless SOURCE_DATE_EPOCH is set (https://reproducible-builds.org/specs/source-date-epoch/).
    Left unset, it is set to 0 here: gzip's "no time stamp". A publisher that wants dated sitemap entries sets
    it to the commit's time, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct).
    """
    try:
        os.environ[SOURCE_DATE_EPOCH] = source_date_epoch(os.environ.get(SOURCE_DATE_EPOCH))  # empty: unset
        settings = load_settings(Path(config.config_file_path).resolve().parent)
        check_docs_folder(settings)
        check_site_folder(settings, Path(config.site_dir), f"the site folder {config.site_dir}")
    except (BuildTimeError, UnsafeOutput) as error:
        raise PluginError(str(error)) from None
    site_url = load_settings(Path(config.config_file_path).resolve().parent).site_url
    if site_url and not config.site_url:  # the address the deploy gives (QANTAR_SITE_URL): canonical links, sitemap
        config.site_url = site_url
    return config


_command = ""  # what the engine was asked to do: build, serve, gh-deploy
_serving: ServeSync | None = None  # set for a `mkdocs serve` session
_problems: list[str] = []  # the last build's problems, for the page a failed rebuild serves
_actors: dict[str, dict] | None = None  # data/actors.json of the current build, read once (search)
_names: search_index.NameMatcher | None = None


def on_startup(command, dirty, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    """Note the command (serve keeps dirty rebuilds whole); builds started from here (the offline copy's) get the
    same quiet environment."""
    global _command, _serving
    _command = command
    _serving = ServeSync() if command == "serve" else None
    os.environ.update(offline.engine_environment())


def on_serve(server, config, builder, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    if _serving is not None and hasattr(server, "builder"):
        server.builder = guarded(server.builder, config.site_dir, _serving, lambda: list(_problems))
    return server


def on_pre_build(config, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    global _actors, _names
    _actors, _names = None, None
    _problems.clear()
    if os.environ.get(offline.GENERATED_JUST_NOW) == "1":
        os.environ[offline.GENERATED_JUST_NOW] = "0"  # generated just now; later rebuilds (serve) regenerate
        return
    root = Path(config.config_file_path).resolve().parent
    settings = load_settings(root)
    inputs = (root / settings.sources, root / settings.claims, settings.docs_path)
    if _serving is not None and _serving.generated is not None and snapshot(inputs) == _serving.generated:
        _serving.engine_skipped()  # nothing changed since the engine last ran: its pages are as it left them
        return
    try:
        result = generate(settings, keep_pages=_serving is not None)  # serve compares them; builds need not
    except ForeignFiles as refusal:
        problems = foreign_file_problems(refusal, settings.docs)
    else:
        problems = result.problems
        if result.ok and _serving is not None and result.written is not None:
            _serving.engine_wrote(
                ((page.path, page.text) for page in result.pages), result.written.written, result.written.deleted
            )
            _serving.generated = snapshot(inputs)
    # printed on every build, by a logger of our own: MkDocs' build logger prints a repeated message only once
    for problem in problems.errors:
        _problems.append(str(problem))
        log.error(str(problem))
    for problem in problems.warnings:
        log.info(str(problem))
    if problems.has_errors():
        raise PluginError(f"{len(problems.errors)} error(s) in the records; nothing was published")


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


def on_files(files, config, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    if _serving is not None:
        _serving.files(files.documentation_pages(), files)
    return files


def on_page_markdown(markdown, page, config, files, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    if _serving is not None:
        _serving.page_read(page.file.url, page.title, page.meta)
    return markdown


@event_priority(110)  # before Material's tags plugin fills its listings (priority 100)
def on_env(env, config, files, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    tags = next((plugin for plugin in config.plugins.values() if hasattr(plugin, "mappings")), None)
    if _serving is not None and tags is not None and getattr(tags, "mappings", None) is not None:
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        _serving.complete_tags(tags.mappings, pages)
    return env


def on_page_context(context, page, config, nav, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    if _serving is not None:
        search = next((plugin for plugin in config.plugins.values() if hasattr(plugin, "search_index")), None)
        _serving.page_built(page.file.url, search.search_index.entries if search is not None else [])
    return context


def on_post_build(config, **kwargs):  # noqa: ANN001, ANN003, ANN201 - MkDocs' hook signature
    """Under serve, finish the dirty rebuild so that it equals a full one. After a build, add the offline copy the
    data page links to, whoever started the build: `qantar build`, a plain `mkdocs build`, or ProperDocs. The copy
    is built by the same engine."""
    if _serving is not None:
        _serving.finish(config.site_dir)
    site = Path(config.site_dir)
    started = time.perf_counter()
    try:  # every build, serve's rebuilds too: the served search equals a full build's (Pagefind takes about 1 s)
        bundle = search_index.build_bundle(site, directory_urls=config.use_directory_urls)
    except search_index.SearchBuildError as error:
        raise PluginError(f"the search index was not built:\n{error}") from error
    if not config.use_directory_urls:  # the offline copy, opened from file://
        search_index.inline_bundle(bundle)
    log.info("search: Pagefind indexed the site in %.1f s", time.perf_counter() - started)
    root = Path(config.config_file_path).resolve().parent
    if _command not in {"build", "gh-deploy"} or not offline.wanted(load_settings(root).offline_copy):
        return
    engine = sys.modules["mkdocs"].__name__  # "properdocs" when ProperDocs runs (it aliases mkdocs.* to itself)
    try:
        target = offline.add_offline_copy(root, Path(config.site_dir), engine=engine)
    except offline.OfflineBuildError as error:
        raise PluginError(f"the site is built, but its offline copy is not:\n{error}") from error
    logging.getLogger("mkdocs.hooks.qantar").info("offline copy: %s", target)
