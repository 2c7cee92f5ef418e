"""List pages: the claims explorer, the tag pages, the figures ledger and the timeline, the pages whose lists grow
with the corpus. Each list is cut into pages of a fixed size: the first at the list's own address, the others at
<list>/page/<n>/, each with links to the others, so that no page grows with the corpus and every page reads
without JavaScript.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import Any, TypeVar

from ..derive import ClaimFacts, answer_label
from ..link import Index
from ..model import Actor, Claim, Corpus, Record
from ..ordering import actor_key, claim_key, event_key, question_key, source_key
from . import charts, places, timeline, views
from .contexts import (
    ActorsIndexContext,
    CitationView,
    ClaimLine,
    ClaimsIndexContext,
    EventsIndexContext,
    ExplorerRow,
    FigureRow,
    FiguresContext,
    LedgerView,
    PageMeta,
    Pager,
    PageSpec,
    QuestionsIndexContext,
    SiteSettings,
    SourcesIndexContext,
    TagContext,
    TagsIndexContext,
    TimelineContext,
)
from .formats import event_when
from .routes import FIGURES, TAGS_INDEX, TIMELINE, kind_index, list_page, tag_page

ACTOR_KIND_LABELS = {
    "person": "People",
    "anonymous": "Unnamed witnesses",
    "group": "Groups",
    "organisation": "Organisations",
    "state-body": "State bodies",
    "state": "States",
    "media-outlet": "Media outlets",
}
ACTOR_KIND_ORDER = ("person", "state-body", "state", "organisation", "group", "media-outlet", "anonymous")
TAG_PAGE = 100  # claims per page of a tag's list
RECORDS_PAGE = 100  # actors, events, questions or sources per page of their lists
LEDGERS_PAGE = 10  # questions per page of the figures ledger
FIGURE_ROWS = 25  # figures a ledger's table lists (its question's page lists them all)
FIGURE_SOURCES = 20  # sources its table of sources lists
TIMELINE_ROWS = 120  # events per page of the timeline (a phase is never split: a larger one lists its first 120)

_Item = TypeVar("_Item")


def paged(first: str, items: list[_Item], size: int) -> Iterator[tuple[Pager, list[_Item]]]:
    """A list cut into pages of `size` items (one empty page for an empty list), each with its pager."""
    count = max(1, -(-len(items) // size))
    for number in range(1, count + 1):
        chunk = items[(number - 1) * size : number * size]
        start = (number - 1) * size
        yield Pager(first, number, count, len(items), start + 1 if chunk else 0, start + len(chunk)), chunk


def _kind_rank(kind: str) -> int:
    return ACTOR_KIND_ORDER.index(kind) if kind in ACTOR_KIND_ORDER else len(ACTOR_KIND_ORDER)


def page_title(title: str, pager: Pager) -> str:
    return title if pager.number == 1 else f"{title}, page {pager.number} of {pager.pages}"


class ListPages(ABC):
    """The list pages of the site (mixed into pages.Site, whose fields and shared pieces they use: declared here
    as abstract, so that a class missing one cannot be made)."""

    corpus: Corpus
    index: Index
    facts: dict[str, ClaimFacts]
    settings: SiteSettings

    @abstractmethod
    def line(self, claim: Claim) -> ClaimLine: ...

    @abstractmethod
    def lines(self, claims: list[Claim]) -> list[ClaimLine]: ...

    @abstractmethod
    def citations(self, claim: Claim) -> list[CitationView]: ...

    @abstractmethod
    def meta(self, path: str, template: str, title: str, record: Record | None = None, **extra: Any) -> PageMeta: ...

    @abstractmethod
    def figure_date(self, claim: Claim) -> str: ...

    @property
    @abstractmethod
    def place_pages(self) -> Any:  # pages.Site's: the period links the timeline's first page shows
        ...

    def claimant_names(self, claims: list[Claim]) -> dict[str, str]:
        return {claim.claimant: self.corpus.actors[claim.claimant].name for claim in claims}

    # -- the claims explorer ------------------------------------------------------------------------
    def explorer_row(self, claim: Claim) -> ExplorerRow:
        corpus = self.corpus
        return ExplorerRow(
            self.line(claim),
            corpus.questions.get(claim.question) if claim.question else None,
            list(dict.fromkeys(corpus.sources[item.source].publisher for item in claim.evidence)),
        )

    def claims_pages(self) -> Iterator[PageSpec]:
        """The claims table, 50 claims a page; the first page also holds the explorer's filters."""
        claims = sorted(self.corpus.claims.values(), key=claim_key)
        facets = views.explorer_facets(claims, self.facts, self.corpus)
        first = kind_index("claim")
        patterns: list[tuple[str, Record]] = []
        if claims:
            patterns += [("claim", claims[0]), ("actor", self.corpus.actors[claims[0].claimant])]
        question = next((claim.question for claim in claims if claim.question), "")
        if question:
            patterns.append(("question", self.corpus.questions[question]))
        for pager, chunk in paged(first, claims, views.EXPLORER_PAGE):
            context = ClaimsIndexContext(
                [self.explorer_row(claim) for claim in chunk], facets if pager.number == 1 else [], pager, patterns
            )
            yield PageSpec(
                self.meta(
                    list_page(first, pager.number),
                    "claims_index.md.j2",
                    page_title("Claims", pager),
                    search_exclude=True,
                    hide=("toc",),
                ),
                context,
            )

    # -- the lists of actors, events, questions and sources ----------------------------------------------
    def actors_index(self) -> Iterator[PageSpec]:
        """Actors by kind, then name; the kind's heading repeated on each page where its actors continue."""
        actors = sorted(self.corpus.actors.values(), key=lambda a: (_kind_rank(a.kind), actor_key(a)))
        first = kind_index("actor")
        for pager, chunk in paged(first, actors, RECORDS_PAGE):
            groups: dict[str, list[tuple[Actor, int, int]]] = {}
            for actor in chunk:
                groups.setdefault(ACTOR_KIND_LABELS.get(actor.kind, actor.kind), []).append(
                    (actor, len(self.index.claims_by(actor.id)), len(self.index.claims_about_actor(actor.id)))
                )
            yield PageSpec(
                self.meta(
                    list_page(first, pager.number),
                    "actors_index.md.j2",
                    page_title("Actors", pager),
                    search_exclude=True,
                ),
                ActorsIndexContext(list(groups.items()), pager),
            )

    def events_index(self) -> Iterator[PageSpec]:
        events = self.corpus.events
        first = kind_index("event")
        for pager, chunk in paged(first, sorted(events.values(), key=event_key), RECORDS_PAGE):
            rows = [
                (
                    event,
                    events.get(event.parent) if event.parent else None,
                    len(self.index.claims_about_event(event.id)),
                )
                for event in chunk
            ]
            yield PageSpec(
                self.meta(
                    list_page(first, pager.number),
                    "events_index.md.j2",
                    page_title("Events", pager),
                    search_exclude=True,
                ),
                EventsIndexContext(rows, pager),
            )

    def questions_index(self) -> Iterator[PageSpec]:
        first = kind_index("question")
        for pager, chunk in paged(first, sorted(self.corpus.questions.values(), key=question_key), RECORDS_PAGE):
            rows = []
            for question in chunk:
                answers = self.index.claims_answering(question.id)
                rows.append((question, len(answers), len({answer_label(claim) for claim in answers})))
            yield PageSpec(
                self.meta(
                    list_page(first, pager.number), "questions_index.md.j2", page_title("Contested questions", pager)
                ),
                QuestionsIndexContext(rows, pager),
            )

    def sources_index(self) -> Iterator[PageSpec]:
        first = kind_index("source")
        for pager, chunk in paged(first, sorted(self.corpus.sources.values(), key=source_key), RECORDS_PAGE):
            rows = [
                (source, len({citation.claim.id for citation in self.index.claims_citing(source.id)}))
                for source in chunk
            ]  # claims, not quotes: a claim quoting a source twice counts once
            yield PageSpec(
                self.meta(
                    list_page(first, pager.number),
                    "sources_index.md.j2",
                    page_title("Sources", pager),
                    search_exclude=True,
                ),
                SourcesIndexContext(rows, pager),
            )

    # -- tags -----------------------------------------------------------------------------------------
    def tag_pages(self) -> Iterator[PageSpec]:
        tags = self.index.tags()
        yield PageSpec(
            self.meta(TAGS_INDEX, "tags_index.md.j2", "Tags", search_exclude=True),
            TagsIndexContext([(tag, len(self.index.claims_tagged(tag))) for tag in tags]),
        )
        for tag in tags:
            for pager, chunk in paged(tag_page(tag), self.lines(self.index.claims_tagged(tag)), TAG_PAGE):
                yield PageSpec(
                    self.meta(
                        tag_page(tag, pager.number), "tag.md.j2", page_title("Tag: " + tag, pager), search_exclude=True
                    ),
                    TagContext(tag, chunk, pager),
                )

    # -- the figures ledger and the timeline ----------------------------------------------------------
    def figures_page_of(self) -> dict[str, str]:
        """Which page of the figures ledger holds each numeric question's ledger."""
        numeric = [ledger.question.id for ledger in views.ledgers(self.corpus, self.index)]
        return {question: list_page(FIGURES, number // LEDGERS_PAGE + 1) for number, question in enumerate(numeric)}

    def figures_pages(self) -> Iterator[PageSpec]:
        """The figures ledger, ten questions a page; each with its chart, its first figures by date and the
        sources carrying the most of them (the question's page and the explorer list every one)."""
        for pager, chunk in paged(FIGURES, views.ledgers(self.corpus, self.index), LEDGERS_PAGE):
            path = list_page(FIGURES, pager.number)
            found = []
            for ledger in chunk:
                rows = [
                    FigureRow(self.line(claim), self.citations(claim), self.figure_date(claim))
                    for claim in ledger.claims[:FIGURE_ROWS]
                ]
                carrying = sorted(ledger.by_source, key=lambda pair: -len(pair[1]))[:FIGURE_SOURCES]
                found.append(
                    LedgerView(
                        ledger.question,
                        charts.ledger_chart(ledger, self.claimant_names(ledger.claims), path),
                        self.line(ledger.low),
                        self.line(ledger.high),
                        len(ledger.claims),
                        len({claim.claimant for claim in ledger.claims}),
                        rows,
                        [pair for pair in ledger.by_source if pair in carrying],
                        len(ledger.by_source),
                    )
                )
            yield PageSpec(
                self.meta(path, "figures.md.j2", page_title("Figures ledger", pager)), FiguresContext(found, pager)
            )

    def timeline_pages(self) -> Iterator[PageSpec]:
        """The timeline, phase by phase in date order, about 120 events a page."""
        corpus, index = self.corpus, self.index
        counts = {event_id: len(index.claims_about_event(event_id)) for event_id in corpus.events}
        pages = timeline.timeline_bands(corpus, index, TIMELINE_ROWS)
        before = 0
        for pager, chunk in paged(TIMELINE, pages, 1):
            bands = chunk[0] if chunk else []
            view = timeline.timeline_view(bands)
            path = list_page(TIMELINE, pager.number)
            items = Pager(
                pager.first,
                pager.number,
                pager.pages,
                sum(len(page) for page in pages),
                before + 1 if bands else 0,
                before + len(bands),
            )
            before += len(bands)
            first = event_when(bands[0].phase) if bands else ""
            last = event_when(bands[-1].phase) if bands else ""
            periods = self.place_pages.period_links(places.ALL_TIME) if pager.number == 1 else None
            yield PageSpec(
                self.meta(path, "timeline.md.j2", page_title("Timeline", pager), hide=("toc",)),
                TimelineContext(charts.timeline_chart(view, counts, path, corpus.places), items, first, last, periods),
            )
