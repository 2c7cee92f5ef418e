"""Place pages, the list of places, and the map with its period views: each returns its template and typed context.

Kept apart from pages.py (which calls `PlacePages(site).all_pages()`), with the same rule: a template gets only its
page's context, never the corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model import Event, Place
from ..ordering import event_key
from ..place_checks import ancestors
from . import maps, places
from .contexts import MapContext, PageSpec, PeriodLink, PlaceContext, PlaceRow, PlacesIndexContext
from .routes import kind_index, map_page, record_page
from .timeline import group_by_day

if TYPE_CHECKING:
    from .pages import Site

PLACE_CLAIMS_SHOWN = 100  # a place page lists at most this many claims; its events' pages list them all


class PlacePages:
    """The pages about places, read from one Site."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.corpus = site.corpus
        self.index = site.index
        self.periods = places.periods(self.corpus)
        self.summaries = places.summaries(self.corpus, self.index)
        self.children = places.children(self.corpus)
        self.period_events = {period.key: places.events_in(self.corpus, period) for period in self.periods}
        self.depth = {
            place_id: len(places.lineage(place, self.corpus)) for place_id, place in self.corpus.places.items()
        }

    def position_note(self, place: Place) -> str:
        """What the point on the map means, in one sentence."""
        if place.coordinates is None:
            return ""
        if place.precision == "country":
            return f"{place.name} is shown as a whole: the sources place nothing here more precisely."
        holder = next((a for a in ancestors(place, self.corpus.places) if a.kind == place.precision), None)
        if holder is not None and place.kind != place.precision:
            return (
                f"{place.name}: shown at {holder.name}'s position, because no source gives the {place.kind}'s "
                f"own ({place.precision} precision)."
            )
        return f"{place.name}: the {place.kind}'s own position ({place.precision} precision)."

    def rows(self, summaries: dict[str, places.PlaceSummary]) -> list[PlaceRow]:
        corpus = self.corpus
        ordered = sorted(corpus.places.values(), key=lambda p: (-summaries[p.id].count, places.place_key(p)))
        return [
            PlaceRow(place, corpus.places.get(place.parent), len(summaries[place.id].events), summaries[place.id].count)
            for place in ordered
        ]

    def period_links(self, current: places.Period) -> list[PeriodLink]:
        return [
            PeriodLink(period, map_page(period.key), period == current, len(self.period_events[period.key]))
            for period in self.periods
        ]

    def place_page(self, place: Place) -> PageSpec:
        summary = self.summaries[place.id]
        events = sorted(summary.events, key=event_key)
        where = [(event, self.corpus.places[event.place]) for event in events]
        lines = self.site.lines(summary.claims[:PLACE_CLAIMS_SHOWN])
        title = f"Where {place.name} is" + ("" if place.precision == "country" else " in the country")
        context = PlaceContext(
            place,
            ancestors(place, self.corpus.places),
            self.children.get(place.id, []),
            maps.locator(place, title, self.position_note(place)),
            self.position_note(place),
            where,
            lines,
            max(0, len(summary.claims) - PLACE_CLAIMS_SHOWN),
        )
        return PageSpec(self.site.meta(record_page(place), "place.md.j2", place.name, place), context)

    def event_locator(self, event: Event) -> tuple[Place | None, Markup | None, str]:
        """The event's place, its locator and the sentence under it (none for a place unknown)."""
        place = self.corpus.places.get(event.place)
        if place is None:
            return None, None, ""
        note = self.position_note(place)
        return place, maps.locator(place, f"Where {place.name} is", note), note

    def places_index(self) -> PageSpec:
        return PageSpec(
            self.site.meta(kind_index("place"), "places_index.md.j2", "Places", search_exclude=True),
            PlacesIndexContext(self.rows(self.summaries), self.period_links(places.ALL_TIME)),
        )

    def map_page(self, period: places.Period) -> PageSpec:
        corpus = self.corpus
        summaries = self.summaries if period is places.ALL_TIME else places.summaries(corpus, self.index, period)
        path = map_page(period.key)
        listed = sorted(summaries.values(), key=lambda s: places.place_key(s.place))
        when = "at any date" if period.precision == "all" else f"in {period.label}"
        chart = maps.national_map(
            listed,
            self.depth,
            path,
            f"Map of Kazakhstan and its regions: where the events "
            f"{when} happened, each place a mark sized by its number of claims; the table below "
            "lists every place.",
        )
        insets = []
        for place in sorted(corpus.places.values(), key=places.place_key):
            if place.outline and place.kind == "city":
                inside = [s for s in listed if place.id in {p.id for p in places.lineage(s.place, corpus)}]
                inset = maps.inset_map(place, inside, path)
                if inset is not None:
                    insets.append(inset)
        frame = maps.frame(maps.MAP_WIDTH)
        outside = []
        for summary in listed:
            point = summary.place.coordinates
            if (
                summary.shown
                and point
                and summary.place.precision != "country"
                and not frame.inside(*frame.point(point.longitude, point.latitude))
            ):
                outside.append((summary.place, len(summary.own_events), len(summary.own_claims)))
        events = self.period_events.get(period.key) or places.events_in(corpus, period)
        context = MapContext(
            period,
            self.period_links(period),
            chart,
            insets,
            [s.place for s in listed if s.shown and s.place.precision == "country"],
            outside,
            [e for e in events if e.place not in corpus.places],
            self.rows(summaries),
            group_by_day(events),
            corpus.places,
            {e.id: len(self.index.claims_about_event(e.id)) for e in events},
        )
        title = "Map" if period.precision == "all" else f"Map: {period.label}"
        return PageSpec(
            self.site.meta(path, "map.md.j2", title, hide=("toc",), search_exclude=period.precision != "all"), context
        )

    def all_pages(self) -> Iterator[PageSpec]:
        yield from (self.place_page(place) for place in self.corpus.places.values())
        yield self.places_index()
        yield from (self.map_page(period) for period in self.periods)
