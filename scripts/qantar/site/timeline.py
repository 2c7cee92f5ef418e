"""Timeline: the overview's columns and bands, and the list of events by phase and day, as plain data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..dates import MONTHS, PartialDate
from ..link import Index
from ..model import Corpus, Event
from ..ordering import date_key, event_key


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
