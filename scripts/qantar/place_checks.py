"""Place checks: what ties places together beyond their references (which validate.check_references checks).

A place lies in no loop of parents; its coordinates are never more precise than its kind; and a place shown at a
coarser precision than its kind (a site known only to its city) carries exactly that ancestor's coordinates, so
that no position is ever invented between the two.
"""

from __future__ import annotations

from typing import Any

from .load import dotted
from .model import Corpus, Place
from .problems import Problems
from .schemas import PRECISIONS

# The precision that a place of each kind can have at best.
_FINEST = {"site": "site", "district": "district", "city": "city", "region": "region", "country": "country"}


def _rank(precision: str) -> int:
    return PRECISIONS.index(precision) if precision in PRECISIONS else -1


def _error(problems: Problems, place: Place, path: tuple[Any, ...], message: str, hint: str) -> None:
    line, column = place.at(*path)
    problems.error(place.path, line, column, dotted(path), message, hint)


def ancestors(place: Place, places: dict[str, Place]) -> list[Place]:
    """The places it lies in, nearest first (stops at a loop, which check_places reports)."""
    found: list[Place] = []
    seen = {place.id}
    current = places.get(place.parent) if place.parent else None
    while current is not None and current.id not in seen:
        found.append(current)
        seen.add(current.id)
        current = places.get(current.parent) if current.parent else None
    return found


def check_places(corpus: Corpus, problems: Problems) -> None:
    """Parents form no loop; precision fits the kind; a coarse position is its ancestor's, exactly."""
    places = corpus.places
    reported: set[str] = set()
    for place in sorted(places.values(), key=lambda p: p.id):
        if place.raw.refused("parent"):
            continue
        trail = [place.id]
        current = places.get(place.parent) if place.parent else None
        while current is not None:
            if current.id in trail:
                if current.id == place.id and place.id not in reported:
                    reported.update(trail)
                    _error(
                        problems,
                        place,
                        ("parent",),
                        "places form a loop: " + " → ".join(trail + [place.id]),
                        "a place cannot lie inside itself; fix one 'parent'",
                    )
                break
            trail.append(current.id)
            current = places.get(current.parent) if current.parent else None
    for place in sorted(places.values(), key=lambda p: p.id):
        if place.raw.refused("kind") or place.raw.refused("precision") or place.id in reported:
            continue
        finest = _FINEST.get(place.kind, "")
        if _rank(place.precision) < _rank(finest):
            _error(
                problems,
                place,
                ("precision",),
                f"a {place.kind} cannot be placed at {place.precision} precision",
                f"write precision: {finest}, or coarser",
            )
            continue
        if place.precision == finest or place.coordinates is None or place.raw.refused("coordinates"):
            continue
        holder = next((a for a in ancestors(place, places) if a.kind == place.precision), None)
        if holder is None:
            _error(
                problems,
                place,
                ("precision",),
                f"precision {place.precision}, but no {place.precision} contains it",
                f"set 'parent:' to the {place.precision} it lies in, whose coordinates it keeps",
            )
        elif holder.coordinates is not None and holder.coordinates != place.coordinates:
            where = holder.coordinates
            _error(
                problems,
                place,
                ("coordinates",),
                f"at {place.precision} precision it keeps the coordinates of "
                f"{holder.id} ({where.latitude:g}, {where.longitude:g})",
                f"copy them, or give precision: {finest} with a source for its own position",
            )
