"""Contexts: what each page kind's template receives, as small typed records (built by pages.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..changes import RecordChange
from ..derive import ClaimFacts, OnRecord, Status
from ..licences import DataLicence
from ..link import Citation
from ..model import Actor, Claim, Event, Place, Question, Record, Source
from . import views
from .passages import SourceBlock
from .places import Period
from .summaries import Coverage
from .timeline import DayGroup


@dataclass(frozen=True)
class SiteSettings:
    """What pages need to know of the site's settings."""

    site_name: str = ""
    edit_url: str = ""
    site_url: str = ""
    offline_copy: bool = False
    licence: DataLicence | None = None  # of the records, stated on the data page


@dataclass(frozen=True)
class PageMeta:
    """What every page has: where it goes, its title and front matter, and (for a record) its history and edit link."""

    path: str
    template: str
    title: str
    record: Record | None = None
    search_exclude: bool = False
    hide: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    redirect_to: str = ""
    changes: tuple[RecordChange, ...] = ()
    permalink: str = ""
    edit_path: str = ""
    edit_url: str = ""


@dataclass(frozen=True)
class PageSpec:
    """A page to render: its meta and its kind's typed context (a dataclass whose fields the template reads)."""

    meta: PageMeta
    context: Any


@dataclass(frozen=True)
class ClaimLine:
    """A claim as any list shows it: never without its claimant and both of its answers (on record? contested?)."""

    claim: Claim
    claimant: Actor
    status: Status
    on_record: OnRecord
    contested: bool
    own_voice: bool

    @property
    def claimant_label(self) -> str:
        """The claimant's name, saying so when the claim is an author's or outlet's own assertion."""
        if not self.own_voice:
            return self.claimant.name
        if self.claimant.kind == "media-outlet":
            return f"{self.claimant.name}, in its own reporting"
        return (
            f"{self.claimant.name}, in the author's own words"
            if self.claimant.kind == "person"
            else f"{self.claimant.name}, in its own words"
        )


def joined_names(names: list[str]) -> str:
    return ", ".join(dict.fromkeys(names))


def claim_title(claim: Claim, claimant: Actor) -> str:
    """A claim's title wherever it stands alone (page title, search result, feed): its claimant, then what it says."""
    return f"{claimant.name}: {claim.statement}"


@dataclass(frozen=True)
class CitationView:
    """One quote of a claim with its source, where it stands on the source's page, and its original."""

    citation: Citation
    source: Source
    language: str
    anchor: str
    fragment: Markup
    line: ClaimLine | None = None  # the claim with its claimant and answers, where the page lists claims

    @property
    def evidence(self) -> Any:
        return self.citation.evidence


@dataclass(frozen=True)
class RivalView:
    line: ClaimLine
    others: int  # how many more claims give the same answer


@dataclass(frozen=True)
class AnswerView:
    line: ClaimLine
    label: str
    citations: list[CitationView]


@dataclass(frozen=True)
class MatrixRow:
    claim: Claim
    label: str
    cells: list[list[tuple[Citation, str]]]  # per source: (citation, anchor); empty: the source is silent


@dataclass(frozen=True)
class MatrixView:
    sources: list[Source]
    rows: list[MatrixRow]
    all_sources: int
    all_claims: int
    partial: bool


@dataclass(frozen=True)
class ClaimContext:
    claim: Claim
    line: ClaimLine
    fact: ClaimFacts
    question: Question | None
    events: list[Event]
    actors: list[Actor]
    disputing: list[Source]
    citations: list[CitationView]
    rivals: list[RivalView]
    jsonld: dict[str, Any]
    on_record_text: str
    contest_text: str


@dataclass(frozen=True)
class AnswerLine:
    """One answer at a glance: what it says, who says it and when, and who disputes it."""

    line: ClaimLine
    label: str
    when: str  # "7 January 2022", "by February 2024" (its source's date), or "date not known"
    disputing: list[str]  # publishers of the sources that dispute it


@dataclass(frozen=True)
class QuestionSummary:
    """A question's answers at a glance: the box at the top of its page, and its lines on the home page."""

    question: Question
    claims: int
    distinct: int
    claimants: int
    figures: int
    low: AnswerLine | None
    high: AnswerLine | None
    official: list[AnswerLine]  # oldest first
    latest_official: AnswerLine | None  # the last made, of those with a date of their own
    disputed: list[AnswerLine]  # newest first
    other_claimants: list[Actor]
    last_changed: str  # the date of the last change to the question or an answer, or ""
    unit: str = ""

    @property
    def other_official(self) -> list[AnswerLine]:
        return [answer for answer in self.official if answer is not self.latest_official]


@dataclass(frozen=True)
class GroupedClaims:
    """Claims on one question (None: on no question), by status, each status's claims by date."""

    question: Question | None
    count: int
    by_status: list[tuple[Status, list[ClaimLine]]]


@dataclass(frozen=True)
class ActorContext:
    actor: Actor
    says: list[ClaimLine]
    disputed: list[tuple[ClaimLine, list[str]]]  # with the publishers that dispute each
    said_about: list[ClaimLine]
    disputes: list[ClaimLine]
    events: list[Event]
    quoting: list[Source]
    publishes: list[Source]


@dataclass(frozen=True)
class EventContext:
    event: Event
    parent: Event | None
    actors: list[Actor]
    subs: list[Event]
    same_day: list[Event]
    same_month: list[Event]  # events of the same month (or year) that the sources do not date to the day
    figures: list[QuestionSummary]  # the figures given about this event, by question
    claims: int
    groups: list[GroupedClaims]
    matrix: MatrixView
    place: Place | None = None
    locator: Markup | None = None
    position_note: str = ""


@dataclass(frozen=True)
class QuestionContext:
    question: Question
    summary: QuestionSummary
    answers: list[AnswerView]
    distinct_answers: int
    matrix: MatrixView
    chart: Markup | None
    feed: str  # the page path of the question's Atom feed


@dataclass(frozen=True)
class SourceClaim:
    """A claim that cites the source, once, with every passage of the source that carries it."""

    line: ClaimLine
    citations: list[CitationView]


@dataclass(frozen=True)
class SourceContext:
    source: Source
    outlet: Actor | None  # the publisher's actor record, when there is one
    claims: list[SourceClaim]
    topics: list[tuple[str, int]]  # the tags of the claims citing it, with how many claims carry each
    blocks: list[SourceBlock]
    jsonld: dict[str, Any]


@dataclass(frozen=True)
class FigureRow:
    line: ClaimLine
    citations: list[CitationView]
    claimed: str  # when it was claimed, or "by <date>" (its earliest source's date), or "date not known"


@dataclass(frozen=True)
class LedgerView:
    question: Question
    chart: Markup
    low: ClaimLine
    high: ClaimLine
    figures: int
    claimants: int
    rows: list[FigureRow]  # the first FIGURE_ROWS figures by date
    by_source: list[tuple[Source, list[Claim]]]  # the sources carrying the most figures, at most FIGURE_SOURCES
    sources: int  # how many sources carry its figures in all


@dataclass(frozen=True)
class FiguresContext:
    ledgers: list[LedgerView]
    pager: Pager


@dataclass(frozen=True)
class HomeContext:
    what_happened: Markup | None  # the editors' introduction (introduction.py), as they wrote it
    not_covered: list[Markup]
    propose: Markup | None
    counts: dict[str, int]
    key_figures: list[QuestionSummary]
    questions: list[QuestionSummary]
    coverage: Coverage
    offline_copy: bool
    feed: str


@dataclass(frozen=True)
class TimelineContext:
    chart: Markup
    pager: Pager
    first: str  # the first and last dates on this page, as text
    last: str
    periods: list[PeriodLink] | None = None  # the dates a reader can choose to see one period (map and list)


@dataclass(frozen=True)
class Pager:
    """Where a page stands in a list cut into pages: its number, how many pages and items there are, and the path
    of the list's first page (the others' paths come from routes.list_page)."""

    first: str
    number: int
    pages: int
    items: int
    start: int  # the first item on this page, counted from 1 (0 when the list is empty)
    end: int


@dataclass(frozen=True)
class ExplorerRow:
    line: ClaimLine
    question: Question | None
    publishers: list[str]


@dataclass(frozen=True)
class ClaimsIndexContext:
    rows: list[ExplorerRow]
    facets: list[views.Facet]  # on the first page only: the filters (the script fetches what else it needs)
    pager: Pager
    patterns: list[tuple[str, Record]]  # a record of each kind the script links to, for the shape of its links


@dataclass(frozen=True)
class ActorsIndexContext:
    groups: list[tuple[str, list[tuple[Actor, int, int]]]]
    pager: Pager


@dataclass(frozen=True)
class EventsIndexContext:
    rows: list[tuple[Event, Event | None, int]]
    pager: Pager


@dataclass(frozen=True)
class QuestionsIndexContext:
    rows: list[tuple[Question, int, int]]
    pager: Pager


@dataclass(frozen=True)
class SourcesIndexContext:
    rows: list[tuple[Source, int]]  # each source with how many claims cite it
    pager: Pager


@dataclass(frozen=True)
class TagsIndexContext:
    rows: list[tuple[str, int]]


@dataclass(frozen=True)
class TagContext:
    tag: str
    claims: list[ClaimLine]
    pager: Pager


@dataclass(frozen=True)
class StatusesContext:
    statuses: tuple[Status, ...]
    contested: Status
    on_record: tuple[OnRecord, ...]


@dataclass(frozen=True)
class DataIndexContext:
    counts: dict[str, int]
    offline_copy: bool
    offline_href: str
    licence: DataLicence | None = None


@dataclass(frozen=True)
class RedirectContext:
    target: Record
    old: str


@dataclass(frozen=True)
class PeriodLink:
    """One choice of the map's and timeline's date control: a period and its page."""

    period: Period
    page: str
    current: bool
    events: int


@dataclass(frozen=True)
class PlaceRow:
    """A place in the table of all places."""

    place: Place
    parent: Place | None
    events: int  # its own and those of the places inside it
    claims: int


@dataclass(frozen=True)
class MapContext:
    period: Period
    periods: list[PeriodLink]
    chart: Markup
    insets: list[Markup]
    countrywide: list[Place]
    outside: list[tuple[Place, int, int]]  # beyond the map's frame: place, events, claims
    unknown: list[Event]  # the period's events whose place the sources do not give
    rows: list[PlaceRow]
    days: list[DayGroup]
    places: dict[str, Place]
    claim_counts: dict[str, int]


@dataclass(frozen=True)
class PlaceContext:
    place: Place
    lineage: list[Place]  # the places it lies in, nearest first
    inside: list[Place]
    locator: Markup | None
    position_note: str
    events: list[tuple[Event, Place]]  # by date, with the place each names (this one, or one inside it)
    claims: list[ClaimLine]  # about those events, or naming it or a place inside it
    more_claims: int  # beyond the list's limit


@dataclass(frozen=True)
class PlacesIndexContext:
    rows: list[PlaceRow]
    periods: list[PeriodLink]
