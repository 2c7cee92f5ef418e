"""Places: what happened where, and when, as plain data for the map, the place pages and the period views.

A place's events are those that name it, and those that name a place inside it (a site's events are also its
city's); its claims are the claims about those events and the claims that name it. Periods are cut from the
events' own dates: every year with an event, the months of a busy year, the days of a busy month.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ..dates import MONTHS
from ..link import Index
from ..model import Claim, Corpus, Event, Place
from ..ordering import claim_key, event_key

# A year with more events than this is cut into months; a month with more into days (the busiest few months only,
# so that the number of views stays bounded however large the corpus grows).
BUSY_YEAR = 6
BUSY_MONTH = 10
MONTHS_BY_DAY = 2


@dataclass(frozen=True)
class Period:
    """A stretch of time the map and the timeline can be filtered to: all time, a year, a month or a day."""

    key: str  # "" for all time; 2022, 2022-01, 2022-01-05
    label: str
    start: dt.date
    end: dt.date
    precision: str  # all | year | month | day

    def holds(self, event: Event) -> bool:
        """Whether the event belongs to this period: its dates overlap it, and are at least as precise (an event
        known only to a month is on that month's view, not on each of its days')."""
        if event.date is None:
            return False
        if self.precision == "all":
            return True
        order = ("year", "month", "day")
        if order.index(event.date.precision) < order.index(self.precision):
            return False
        start = event.date.earliest()
        end = (event.end or event.date).latest()
        return start <= self.end and end >= self.start


ALL_TIME = Period("", "All dates", dt.date.min, dt.date.max, "all")


@dataclass
class PlaceSummary:
    """A place with what happened there (its own events and those of the places inside it) in one period."""

    place: Place
    events: list[Event] = field(default_factory=list)  # its own and those of the places inside it
    claims: list[Claim] = field(default_factory=list)  # about those events, or naming it or a place inside it
    own_events: list[Event] = field(default_factory=list)  # events that name this place itself
    own_claims: list[Claim] = field(default_factory=list)  # about those, or naming this place itself

    @property
    def count(self) -> int:
        return len(self.claims)

    @property
    def shown(self) -> bool:
        """Whether anything happened at the place itself in the period (it gets a mark of its own)."""
        return bool(self.own_events or self.own_claims)


def periods(corpus: Corpus) -> list[Period]:
    """All time, then each year with an event; the months of a busy year; the days of a busy month, in order."""
    dated = [event for event in corpus.events.values() if event.date]
    by_year: dict[int, list[Event]] = defaultdict(list)
    for event in dated:
        assert event.date is not None
        by_year[event.date.year].append(event)
    months_count: dict[tuple[int, int], int] = defaultdict(int)
    for event in dated:
        assert event.date is not None
        if event.date.month:
            months_count[(event.date.year, event.date.month)] += 1
    by_day = {
        month
        for month, count in sorted(months_count.items(), key=lambda item: (-item[1], item[0]))[:MONTHS_BY_DAY]
        if count > BUSY_MONTH
    }
    found = [ALL_TIME]
    for year in sorted(by_year):
        found.append(Period(str(year), str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), "year"))
        events = by_year[year]
        months = sorted({e.date.month for e in events if e.date and e.date.month})
        if len(events) <= BUSY_YEAR or len(months) < 2 and len(events) <= BUSY_MONTH:
            continue
        for month in months:
            first = dt.date(year, month, 1)
            last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            found.append(Period(f"{year}-{month:02d}", f"{MONTHS[month]} {year}", first, last, "month"))
            in_month = [e for e in events if e.date and e.date.month == month]
            if (year, month) not in by_day:
                continue
            days = sorted({e.date.day for e in in_month if e.date and e.date.day})
            for day in days:
                date = dt.date(year, month, day)
                found.append(Period(date.isoformat(), f"{day} {MONTHS[month]} {year}", date, date, "day"))
    return found


def children(corpus: Corpus) -> dict[str, list[Place]]:
    """The places directly inside each place, by name."""
    found: dict[str, list[Place]] = defaultdict(list)
    for place in sorted(corpus.places.values(), key=place_key):
        if place.parent in corpus.places:
            found[place.parent].append(place)
    return found


def place_key(place: Place) -> tuple[object, ...]:
    return (place.name.casefold(), place.id)


def lineage(place: Place, corpus: Corpus) -> list[Place]:
    """The place and every place it lies in, nearest first."""
    found = [place]
    seen = {place.id}
    while found[-1].parent in corpus.places and found[-1].parent not in seen:
        found.append(corpus.places[found[-1].parent])
        seen.add(found[-1].id)
    return found


def summaries(corpus: Corpus, index: Index, period: Period = ALL_TIME) -> dict[str, PlaceSummary]:
    """Every place with its events in the period (its own and those of the places inside it) and their claims."""
    result = {place_id: PlaceSummary(place) for place_id, place in corpus.places.items()}
    claim_sets: dict[str, dict[str, Claim]] = defaultdict(dict)
    own_sets: dict[str, dict[str, Claim]] = defaultdict(dict)
    for event in sorted(corpus.events.values(), key=event_key):
        if event.place not in corpus.places or not period.holds(event):
            continue
        about = index.claims_about_event(event.id)
        own_sets[event.place].update((claim.id, claim) for claim in about)
        result[event.place].own_events.append(event)
        for holder in lineage(corpus.places[event.place], corpus):
            result[holder.id].events.append(event)
            claim_sets[holder.id].update((claim.id, claim) for claim in about)
    for place_id in corpus.places:
        for claim in index.claims_naming_place(place_id):
            if period.precision != "all" and not any(
                period.holds(corpus.events[e]) for e in claim.events if e in corpus.events
            ):
                continue
            own_sets[place_id][claim.id] = claim
            for holder in lineage(corpus.places[place_id], corpus):
                claim_sets[holder.id][claim.id] = claim
    for place_id, claims in claim_sets.items():
        result[place_id].claims = sorted(claims.values(), key=claim_key)
    for place_id, claims in own_sets.items():
        result[place_id].own_claims = sorted(claims.values(), key=claim_key)
    return result


def events_in(corpus: Corpus, period: Period) -> list[Event]:
    """The period's events in date order."""
    return sorted((event for event in corpus.events.values() if period.holds(event)), key=event_key)
