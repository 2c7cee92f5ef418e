"""Views: what the explorer pages show, computed as plain data (no markup) from the corpus and its index.

The timeline's columns and bands, the figures ledger's rows and chart geometry, the stance matrix and
the claims explorer's facets are worked out here, once, in named functions; render.py turns them
into Markdown and SVG, and the templates only present them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..dates import MONTHS, PartialDate
from ..derive import STATUSES, ClaimFacts
from ..link import Citation, Index
from ..model import Claim, Corpus, Event, Question, Source
from ..ordering import date_key, event_key, figure_key, question_key, source_key, value_key

# -- timeline ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One date on the overview's axis: a day, or a month or year when the sources say no more."""

    start: dt.date
    end: dt.date
    precision: str  # day | month | year

    @property
    def label(self) -> str:
        if self.precision == "day":
            return f"{self.start.day} {MONTHS[self.start.month][:3]}"
        if self.precision == "month":
            return MONTHS[self.start.month][:3]
        return "year"


@dataclass
class TimelineMark:
    event: Event
    first: int  # the first column it covers
    last: int  # the last column it covers
    row: int = 0  # its row inside the band
    is_phase: bool = False


@dataclass
class TimelineBand:
    """A phase (a top-level event) with every event under it."""

    phase: Event
    marks: list[TimelineMark]
    first: int
    last: int
    rows: int


@dataclass
class TimelineOverview:
    columns: list[Column]
    bands: list[TimelineBand]
    breaks: list[int]  # column indices preceded by a long stretch of time with no event

    def years(self) -> list[tuple[int, int]]:
        """(column index, year) at the first column of each year."""
        seen: list[tuple[int, int]] = []
        for number, column in enumerate(self.columns):
            if not seen or seen[-1][1] != column.start.year:
                seen.append((number, column.start.year))
        return seen


@dataclass
class DayGroup:
    """Events that start on the same day (or in the same month or year, when that is all that is known)."""

    label: str
    events: list[Event]
    partial: bool  # the day (or month) is not known


@dataclass
class TimelineEntry:
    """A top-level event with its sub-events grouped by the day they start."""

    event: Event
    days: list[DayGroup]


def _interval(date: PartialDate) -> tuple[dt.date, dt.date, str]:
    return date.earliest(), date.latest(), date.precision


def _event_span(event: Event) -> tuple[dt.date, dt.date]:
    assert event.date is not None
    end = event.end or event.date
    return event.date.earliest(), end.latest()


def phases(corpus: Corpus) -> list[Event]:
    """Top-level events (no parent, or a parent that is not in the corpus), in date order."""
    return sorted((e for e in corpus.events.values() if e.date and (not e.parent or e.parent not in corpus.events)),
                  key=event_key)


def descendants(event: Event, index: Index) -> list[Event]:
    """Every event under this one, at any depth, in date order."""
    found: list[Event] = []
    stack = list(index.sub_events(event.id))
    seen = {event.id}
    while stack:
        child = stack.pop()
        if child.id in seen:
            continue
        seen.add(child.id)
        found.append(child)
        stack.extend(index.sub_events(child.id))
    return sorted(found, key=event_key)


def _column_order(interval: tuple[dt.date, dt.date, str]) -> tuple[int, int, int]:
    """A month comes before its days (it heads them); a whole year after everything else in it."""
    start, _end, precision = interval
    if precision == "year":
        return (start.year, 13, 0)
    return (start.year, start.month, start.day if precision == "day" else 0)


def timeline_overview(corpus: Corpus, index: Index) -> TimelineOverview:
    """Columns for every date an event starts or ends, and a band per phase with a mark per event."""
    dated = [e for e in corpus.events.values() if e.date]
    intervals = {_interval(date) for e in dated for date in (e.date, e.end) if date}
    columns = [Column(start, end, precision) for start, end, precision in sorted(intervals, key=_column_order)]
    breaks: list[int] = []
    reached = columns[0].end if columns else dt.date.min
    for number, column in enumerate(columns[1:], start=1):
        if (column.start - reached).days > 40:
            breaks.append(number)
        reached = max(reached, column.end)
    bands: list[TimelineBand] = []
    for phase in phases(corpus):
        events = [phase, *descendants(phase, index)]
        marks = []
        for event in events:
            start, end = _event_span(event)
            inside = [n for n, c in enumerate(columns) if c.start >= start and c.end <= end] or \
                [n for n, c in enumerate(columns) if c.start <= end and c.end >= start]
            marks.append(TimelineMark(event, min(inside), max(inside), is_phase=event is phase))
        rows = _pack_rows(marks)
        bands.append(TimelineBand(phase, marks, min(m.first for m in marks), max(m.last for m in marks), rows))
    return TimelineOverview(columns, bands, breaks)


def _pack_rows(marks: list[TimelineMark]) -> int:
    """The phase alone on row 0; every other mark (dated to the day first) on the first row where it fits."""
    rows: list[list[tuple[int, int]]] = [[]]
    def order(mark: TimelineMark) -> tuple[object, ...]:
        precision = mark.event.date.precision if mark.event.date else "day"
        return (not mark.is_phase, precision != "day", mark.first, -(mark.last - mark.first), mark.event.id)

    for mark in sorted(marks, key=order):
        if mark.is_phase:
            mark.row = 0
            continue
        for number in range(1, len(rows)):
            if all(mark.last < first or mark.first > last for first, last in rows[number]):
                rows[number].append((mark.first, mark.last))
                mark.row = number
                break
        else:
            rows.append([(mark.first, mark.last)])
            mark.row = len(rows) - 1
    return len(rows)


def day_label(date: PartialDate) -> tuple[str, bool]:
    """The heading for the events that start at this date, and whether the day is unknown."""
    if date.precision == "day":
        return date.human(), False
    if date.precision == "month":
        return f"{date.human()}, day not given", True
    return f"{date.human()}, month not given", True


def group_by_day(events: Iterable[Event]) -> list[DayGroup]:
    """Events grouped by the date they start, in order; a month or a year alone comes after its days."""
    groups: dict[PartialDate, list[Event]] = {}
    for event in events:
        if event.date:
            groups.setdefault(event.date, []).append(event)

    result = []
    for date in sorted(groups, key=date_key):
        label, partial = day_label(date)
        result.append(DayGroup(label, sorted(groups[date], key=event_key), partial))
    return result


def timeline_entries(corpus: Corpus, index: Index) -> list[tuple[int, list[TimelineEntry]]]:
    """The list below the overview: by year, each phase with its sub-events grouped by day."""
    years: dict[int, list[TimelineEntry]] = {}
    for phase in phases(corpus):
        assert phase.date is not None
        entry = TimelineEntry(phase, group_by_day(descendants(phase, index)))
        years.setdefault(phase.date.year, []).append(entry)
    return sorted(years.items())


# -- figures ledger ------------------------------------------------------------------------------


@dataclass
class LedgerPoint:
    claim: Claim
    x0: float  # fractions of the plot's width (0 = left); equal for a day, apart for a month or a year
    x1: float
    y: float  # fraction of the plot's height (0 = top)


@dataclass
class Tick:
    at: float  # fraction of the axis
    label: str


@dataclass
class Ledger:
    """Every figure given in answer to a numeric question, with the range across sources and a chart."""

    question: Question
    claims: list[Claim]  # by date claimed (undated last), then by value
    dated: list[LedgerPoint]
    undated: list[LedgerPoint]  # x is their place in the 'date not known' strip
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    low: Claim
    high: Claim
    by_source: list[tuple[Source, list[Claim]]] = field(default_factory=list)

    @property
    def unit(self) -> str:
        return self.question.unit


def _nice_step(span: float, count: int = 5) -> float:
    raw = span / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def number_text(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _value_axis(values: list[float]) -> tuple[float, float, list[float]]:
    low, high = min(values), max(values)
    if low == high:
        pad = max(abs(low) * 0.1, 1.0)
        low, high = low - pad, high + pad
    step = _nice_step(high - low)
    bottom = math.floor(low / step) * step
    top = math.ceil(high / step) * step
    if bottom == low:
        bottom -= step
    if top == high:
        top += step
    bottom = max(bottom, 0.0)
    ticks = [bottom + step * n for n in range(int(round((top - bottom) / step)) + 1)]
    return bottom, top, ticks


def _date_axis(starts: list[dt.date], ends: list[dt.date]) -> tuple[dt.date, dt.date, list[tuple[dt.date, str]]]:
    first, last = min(starts), max(ends)
    pad = max(dt.timedelta(days=45), (last - first) * 0.08)
    first, last = first - pad, last + pad
    if (last - first).days > 600:
        ticks = [(dt.date(year, 1, 1), str(year)) for year in range(first.year + 1, last.year + 1)]
    else:
        ticks = []
        year, month = first.year, first.month
        step = 1 if (last - first).days <= 200 else 3
        while True:
            month += 1
            if month > 12:
                year, month = year + 1, 1
            day = dt.date(year, month, 1)
            if day > last:
                break
            if (month - 1) % step == 0:
                ticks.append((day, f"{MONTHS[month][:3]} {year}" if month == 1 or not ticks else MONTHS[month][:3]))
    return first, last, ticks


def ledger(question: Question, index: Index, corpus: Corpus) -> Ledger | None:
    """The figures ledger of one numeric question, or None when no claim gives it a figure."""
    claims = [c for c in index.claims_answering(question.id) if c.value]
    if not question.unit or not claims:
        return None
    claims.sort(key=figure_key)
    values = [c.value.number for c in claims if c.value]
    bottom, top, ticks = _value_axis(values)

    def y_of(number: float) -> float:
        return 1 - (number - bottom) / (top - bottom)

    dated_claims = [c for c in claims if c.claimed]
    undated_claims = [c for c in claims if not c.claimed]
    dated: list[LedgerPoint] = []
    x_ticks: list[Tick] = []
    if dated_claims:
        first, last, date_ticks = _date_axis([c.claimed.earliest() for c in dated_claims if c.claimed],
                                             [c.claimed.latest() for c in dated_claims if c.claimed])
        width = (last - first).days

        def x_of(day: dt.date) -> float:
            return (day - first).days / width

        for claim in dated_claims:
            assert claim.claimed is not None and claim.value is not None
            start, end = claim.claimed.earliest(), claim.claimed.latest()
            dated.append(LedgerPoint(claim, x_of(start), x_of(end + dt.timedelta(days=1)) if end > start
                                     else x_of(start), y_of(claim.value.number)))
        x_ticks = [Tick(x_of(day), label) for day, label in date_ticks]
    undated = [LedgerPoint(c, (n + 1) / (len(undated_claims) + 1), (n + 1) / (len(undated_claims) + 1),
                           y_of(c.value.number if c.value else 0)) for n, c in enumerate(undated_claims)]
    by_value = sorted(claims, key=value_key)
    sources: dict[str, list[Claim]] = {}
    for claim in claims:
        for item in claim.evidence:
            if item.stance != "disputes" and claim not in sources.setdefault(item.source, []):
                sources[item.source].append(claim)
    by_source = [(corpus.sources[source_id], sorted(found, key=value_key))
                 for source_id, found in sorted(sources.items(), key=lambda s: source_key(corpus.sources[s[0]]))]
    return Ledger(question, claims, dated, undated, [Tick(y_of(t), number_text(t)) for t in ticks], x_ticks,
                  by_value[0], by_value[-1], by_source)


def ledgers(corpus: Corpus, index: Index) -> list[Ledger]:
    found = [ledger(q, index, corpus) for q in sorted(corpus.questions.values(), key=question_key)]
    return [item for item in found if item is not None]


# -- stance matrix -------------------------------------------------------------------------------


# A matrix shows at most this many sources and claims, so that a page about a large event stays light and the
# work stays linear in the corpus: the sources carrying the most of these claims, and the first claims in order.
MATRIX_SOURCES = 12
MATRIX_CLAIMS = 100


@dataclass
class StanceMatrix:
    """Claims as rows, sources as columns; each cell holds the citations (none: the source is silent)."""

    sources: list[Source]
    rows: list[tuple[Claim, list[list[Citation]]]]
    all_sources: int = 0  # how many sources carry these claims in all
    all_claims: int = 0

    @property
    def partial(self) -> bool:
        return len(self.sources) < self.all_sources or len(self.rows) < self.all_claims


def stance_matrix(claims: list[Claim], index: Index, corpus: Corpus) -> StanceMatrix:
    carried: dict[str, int] = {}
    for claim in claims:
        for source_id in dict.fromkeys(item.source for item in claim.evidence):
            carried[source_id] = carried.get(source_id, 0) + 1
    busiest = sorted(carried, key=lambda s: (-carried[s], source_key(corpus.sources[s])))[:MATRIX_SOURCES]
    sources = sorted((corpus.sources[s] for s in busiest), key=source_key)
    rows = []
    for claim in claims[:MATRIX_CLAIMS]:
        by_source: dict[str, list[Citation]] = {}
        for citation in index.citations_of(claim.id):
            by_source.setdefault(citation.evidence.source, []).append(citation)
        rows.append((claim, [by_source.get(source.id, []) for source in sources]))
    return StanceMatrix(sources, rows, len(carried), len(claims))


# -- claims explorer -----------------------------------------------------------------------------


@dataclass
class Facet:
    """One way to filter the claims table: its URL parameter, its label and its choices (value, label, count)."""

    key: str
    label: str
    options: list[tuple[str, str, int]]


def publisher_key(name: str) -> str:
    """A publisher's key in the explorer's address: a short digest of its name, so that no record text ever
    becomes an attribute or a URL (publishers are names, not records with ids)."""
    return "p" + hashlib.sha256(" ".join(name.casefold().split()).encode("utf-8")).hexdigest()[:8]


def claim_facets(claim: Claim, facts: ClaimFacts, corpus: Corpus) -> dict[str, list[str]]:
    """The values a claim has for each facet (what its row carries for filtering)."""
    sources = list(dict.fromkeys(item.source for item in claim.evidence))
    return {
        "status": [facts.status.key],
        "claimant": [claim.claimant],
        "actor": list(claim.actors),
        "event": list(claim.events),
        "question": [claim.question] if claim.question else [],
        "source": sources,
        "publisher": list(dict.fromkeys(publisher_key(corpus.sources[s].publisher) for s in sources)),
        "tag": list(claim.tags),
    }


def explorer_facets(claims: list[Claim], facts: dict[str, ClaimFacts], corpus: Corpus) -> list[Facet]:
    """Every facet with its choices and how many claims each choice has."""
    counts: dict[str, dict[str, int]] = {}
    for claim in claims:
        for key, values in claim_facets(claim, facts[claim.id], corpus).items():
            for value in values:
                counts.setdefault(key, {}).setdefault(value, 0)
                counts[key][value] += 1
    publishers = {publisher_key(s.publisher): s.publisher for s in corpus.sources.values()}
    labels = {
        "status": {s.key: s.label for s in STATUSES},
        "claimant": {a.id: a.name for a in corpus.actors.values()},
        "actor": {a.id: a.name for a in corpus.actors.values()},
        "event": {e.id: e.title for e in corpus.events.values()},
        "question": {q.id: q.question for q in corpus.questions.values()},
        "source": {s.id: f"{s.publisher}: {s.title}" for s in corpus.sources.values()},
        "publisher": publishers,
        "tag": {},
    }
    names = {"status": "Status", "claimant": "Claimant", "actor": "About actor", "event": "Event",
             "question": "Question", "source": "Source", "publisher": "Publisher", "tag": "Tag"}
    facets = []
    for key, name in names.items():
        found = counts.get(key, {})
        if key == "status":
            order = [s.key for s in STATUSES if s.key in found]
        else:
            order = sorted(found, key=lambda v, k=key: (labels[k].get(v, v).casefold(), v))  # type: ignore[misc]
        facets.append(Facet(key, name, [(value, labels[key].get(value, value), found[value]) for value in order]))
    return facets
