"""The engine's recipe: load, validate, link, derive, render, write. No logic lives here."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .changes import describe_history
from .config import Settings
from .crosscheck import (
    check_quotes,
    check_references,
    check_reserved_names,
    check_usage,
)
from .derive import ClaimFacts, derive_facts
from .explorer_data import explorer_files
from .exports import export_files
from .feeds import feed_pages
from .history import History, read_history
from .introduction import Introduction, load_introduction
from .licences import data_licence
from .link import Index, build_index
from .load import load_corpus
from .meaning import check_meaning
from .model import Corpus, record_folders
from .place_checks import check_places
from .problems import Problems
from .publish import PageWriter, WriteReport
from .site.contexts import SiteSettings
from .site.pages import Site
from .site.render import Page, Renderer
from .site.routes import reserved_page_names
from .validate import build_records


@dataclass
class EngineResult:
    problems: Problems
    corpus: Corpus | None = None
    index: Index | None = None
    facts: dict[str, ClaimFacts] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)
    written: WriteReport | None = None
    timings: dict[str, float] = field(default_factory=dict)
    introduction: Introduction = field(default_factory=Introduction)

    @property
    def ok(self) -> bool:
        return not self.problems.has_errors()


class _Stopwatch:
    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now


_Run = TypeVar("_Run", bound=Callable[..., Any])


def _without_cycle_collection(run: _Run) -> _Run:
    """Pause CPython's cycle collector while the engine runs.

    The engine builds one large graph that lives until the end and makes almost no cyclic garbage (a
    10,000-claim build frees a few hundred objects that way), yet every collection walks the whole
    graph: pausing it saves about a tenth of the engine's CPU time at that size, for +4% of memory.
    """

    @functools.wraps(run)
    def paused(*args: Any, **kwargs: Any) -> Any:
        if not gc.isenabled():
            return run(*args, **kwargs)
        gc.disable()
        try:
            return run(*args, **kwargs)
        finally:
            gc.enable()

    return paused  # type: ignore[return-value]


@_without_cycle_collection
def check(settings: Settings, today: dt.date | None = None) -> EngineResult:
    """Load and validate everything; report every problem; build nothing."""
    result = EngineResult(Problems())
    watch = _Stopwatch(result.timings)
    raw = load_corpus(settings.root, settings.sources, settings.claims, result.problems, record_folders())
    watch.lap("load")
    corpus = build_records(raw, result.problems, today or dt.date.today())
    check_references(corpus, result.problems, settings.sources, settings.claims)
    check_places(corpus, result.problems)
    matches = check_quotes(corpus, result.problems)
    check_reserved_names(corpus, result.problems, reserved_page_names())
    check_usage(corpus, result.problems)
    result.introduction = load_introduction(settings.root, settings.docs, settings.introduction, result.problems)
    if not result.problems.has_errors():
        check_meaning(corpus, result.problems)
    watch.lap("validate")
    result.corpus = corpus
    if result.ok:
        result.index = build_index(corpus, matches)
        result.facts = derive_facts(corpus, result.index)
        watch.lap("link")
    return result


@_without_cycle_collection
def generate(
    settings: Settings,
    today: dt.date | None = None,
    write: bool = True,
    history: History | None = None,
    keep_pages: bool = True,
) -> EngineResult:
    """Check, then render every page and data file and write the ones that changed under the docs folder.

    Each page is written as soon as it is rendered; with `keep_pages=False` none is kept in memory afterwards
    (`qantar generate`, `build` and the hook: a large corpus then needs no memory for its pages). The records'
    history comes from one `git log` and one `git cat-file` (empty without git), unless it is given; what changed in
    each record is worked out from it (changes.py).
    """
    result = check(settings, today)
    if not result.ok or result.corpus is None or result.index is None:
        return result
    watch = _Stopwatch(result.timings)
    if history is None:
        history = read_history(settings.root, (settings.sources, settings.claims))
        watch.lap("history")
    changes = describe_history(history, result.corpus, settings.sources, settings.claims, record_folders())
    watch.lap("changes")
    site = Site(result.corpus, result.index, result.facts, site_settings(settings), changes, result.introduction)
    renderer = Renderer(settings.site_name, site.figures_page_of())
    writer = PageWriter(settings.docs_path) if write else None
    writing = 0.0
    pages = itertools.chain(
        (renderer.render(spec) for spec in site.all_pages()),
        (Page(path, text) for path, text in export_files(result.corpus, result.index, result.facts, settings).items()),
        feed_pages(result.corpus, changes, settings.site_name, settings.site_url),
        explorer_files(site),
    )
    for page in pages:
        if keep_pages or writer is None:
            result.pages.append(page)
        if writer is not None:
            started = time.perf_counter()
            writer.write(page)
            writing += time.perf_counter() - started
    watch.lap("render")
    result.timings["render"] -= writing  # written as they come: the time spent writing is the write stage's
    if writer is not None:
        result.written = writer.finish()
        watch.lap("write")
        result.timings["write"] += writing
    return result


def site_settings(settings: Settings) -> SiteSettings:
    return SiteSettings(
        settings.site_name, settings.edit_url, settings.site_url, settings.offline_copy, data_licence(settings)
    )


def summary(result: EngineResult) -> str:
    """One line of counts, as the README and the home page state them."""
    counts: dict[str, Any] = result.corpus.counts() if result.corpus else {}
    return ", ".join(f"{value} {name if value != 1 else name[:-1]}" for name, value in counts.items())
