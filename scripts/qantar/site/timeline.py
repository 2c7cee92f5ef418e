"""Timeline: the pages of the timeline, each a list of phases with the events under them, and its columns (the
dates at which its events start or end), as plain data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
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
class TimelineRow:
    """One event on the timeline: how deep it sits under its phase (0: the phase itself) and the columns it spans."""

    event: Event
    depth: int
    first: int = 0
    last: int = 0


@dataclass
class TimelineBand:
    """A phase (a top-level event) with the events under it, in the order of the tree (each under its parent)."""

    phase: Event
    rows: list[TimelineRow]
    hidden: int = 0  # events under it that this page does not list (a phase larger than a page)


@dataclass
class TimelineView:
    """A page of the timeline: its columns (the dates at which its events start or end, in order, not to scale)
    and its bands."""

    columns: list[Column]
    bands: list[TimelineBand]
    breaks: list[int]  # column indices preceded by a long stretch of time with no event

    def spans(self, label: Callable[[Column], str]) -> list[tuple[int, int, str]]:
        """Runs of columns that share a label (a year, a month): (first column, last column, label)."""
        runs: list[tuple[int, int, str]] = []
        for number, column in enumerate(self.columns):
            text = label(column)
            if runs and runs[-1][2] == text:
                runs[-1] = (runs[-1][0], number, text)
            else:
                runs.append((number, number, text))
        return runs


@dataclass
class DayGroup:
    """Events that start on the same day (or in the same month or year, when that is all that is known)."""

    label: str
    events: list[Event]
    partial: bool  # the day (or month) is not known


def _interval(date: PartialDate) -> tuple[dt.date, dt.date, str]:
    return date.earliest(), date.latest(), date.precision


def _event_span(event: Event) -> tuple[dt.date, dt.date]:
    assert event.date is not None
    end = event.end or event.date
    return event.date.earliest(), end.latest()


def phases(corpus: Corpus) -> list[Event]:
    """Top-level events (no parent, or a parent that is not in the corpus), in date order."""
    return sorted(
        (e for e in corpus.events.values() if e.date and (not e.parent or e.parent not in corpus.events)), key=event_key
    )


def _column_order(interval: tuple[dt.date, dt.date, str]) -> tuple[int, int, int]:
    """A month comes before its days (it heads them); a whole year after everything else in it."""
    start, _end, precision = interval
    if precision == "year":
        return (start.year, 13, 0)
    return (start.year, start.month, start.day if precision == "day" else 0)


MAX_COLUMNS = 36  # past this many dates, a page's columns are months, then years


def _coarser(intervals: set[tuple[dt.date, dt.date, str]], precision: str) -> set[tuple[dt.date, dt.date, str]]:
    """Day columns merged into months ("month"), or everything into years ("year")."""
    out = set()
    for start, end, kind in intervals:
        if precision == "month" and kind == "day":
            last = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1) - dt.timedelta(days=1)
            out.add((start.replace(day=1), last, "month"))
        elif precision == "year" and kind != "year":
            out.add((dt.date(start.year, 1, 1), dt.date(start.year, 12, 31), "year"))
        else:
            out.add((start, end, kind))
    return out


def phase_rows(phase: Event, index: Index) -> list[TimelineRow]:
    """A phase and every event under it, each right after its parent, siblings in date order."""
    rows: list[TimelineRow] = []
    seen: set[str] = set()
    stack = [(phase, 0)]
    while stack:
        event, depth = stack.pop()
        if event.id in seen:
            continue
        seen.add(event.id)
        rows.append(TimelineRow(event, depth))
        stack.extend((child, depth + 1) for child in reversed(sorted(index.sub_events(event.id), key=event_key)))
    return rows


def timeline_bands(corpus: Corpus, index: Index, per_page: int) -> list[list[TimelineBand]]:
    """The phases, in date order, cut into pages of about `per_page` events; a phase with more events than a page
    lists its first `per_page` and counts the others."""
    pages: list[list[TimelineBand]] = [[]]
    size = 0
    for phase in phases(corpus):
        rows = phase_rows(phase, index)
        band = TimelineBand(phase, rows[:per_page], max(0, len(rows) - per_page))
        if pages[-1] and size + len(band.rows) > per_page:
            pages.append([])
            size = 0
        pages[-1].append(band)
        size += len(band.rows)
    return pages


def timeline_view(bands: list[TimelineBand]) -> TimelineView:
    """Columns for every date the page's events start or end (months or years past MAX_COLUMNS), and the columns
    each event spans."""
    events = [row.event for band in bands for row in band.rows if row.event.date]
    intervals = {_interval(date) for e in events for date in (e.date, e.end) if date}
    for coarser in ("month", "year"):
        if len(intervals) > MAX_COLUMNS:
            intervals = _coarser(intervals, coarser)
    columns = [Column(start, end, precision) for start, end, precision in sorted(intervals, key=_column_order)]
    breaks: list[int] = []
    reached = columns[0].end if columns else dt.date.min
    for number, column in enumerate(columns[1:], start=1):
        if (column.start - reached).days > 40:
            breaks.append(number)
        reached = max(reached, column.end)
    for band in bands:
        for row in band.rows:
            if not row.event.date:  # listed under its parent, with no bar
                row.first = row.last = -1
                continue
            start, end = _event_span(row.event)
            inside = (
                [n for n, c in enumerate(columns) if c.start >= start and c.end <= end]
                or [n for n, c in enumerate(columns) if c.start <= end and c.end >= start]
                or [0]
            )
            row.first, row.last = min(inside), max(inside)
    return TimelineView(columns, bands, breaks)


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
