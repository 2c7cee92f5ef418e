"""Orderings: the only sort keys of the site. Every list of events, sources, claims, questions or actors is
sorted with one of these, so that a page and its neighbours never disagree on what comes first."""

from __future__ import annotations

import datetime as dt

from .dates import PartialDate
from .model import Actor, Claim, Event, Question, Source


def date_key(date: PartialDate | None) -> tuple[object, ...]:
    """Dates in time order; a date known only to the month (or year) after that month's days, never first as if
    it were the 1st; an unknown date last."""
    if date is None:
        return (1, dt.date.max, False)
    partial = date.precision != "day"
    return (0, date.latest() if partial else date.earliest(), partial)


def event_key(event: Event) -> tuple[object, ...]:
    """Events by when they start (see date_key), then title and id."""
    return (*date_key(event.date), event.title.casefold(), event.id)


def source_key(source: Source) -> tuple[object, ...]:
    """Sources oldest first (unknown dates last), then publisher and id."""
    return (
        source.published is None,
        source.published.earliest() if source.published else dt.date.min,
        source.publisher.casefold(),
        source.id,
    )


def claim_key(claim: Claim) -> tuple[object, ...]:
    """Claims in reading order: by the date claimed (unknown last), then statement and id."""
    return (
        claim.claimed is None,
        claim.claimed.earliest() if claim.claimed else dt.date.min,
        claim.statement.casefold(),
        claim.id,
    )


def question_key(question: Question) -> tuple[object, ...]:
    """Questions alphabetically, whatever their case."""
    return (question.question.casefold(), question.id)


def actor_key(actor: Actor) -> tuple[object, ...]:
    """Actors alphabetically by name, whatever their case."""
    return (actor.name.casefold(), actor.id)


def answer_key(claim: Claim, label: str) -> tuple[object, ...]:
    """Answers side by side: by value (numbers ascending) or answer label, then by date claimed (undated last)."""
    number = claim.value.number if claim.value else float("inf")
    claimed = claim.claimed.earliest().isoformat() if claim.claimed else "9999"
    return (number, label.casefold(), claimed, claim.id)


def figure_key(claim: Claim) -> tuple[object, ...]:
    """Figures by the date they were claimed (undated last), then by value."""
    return (
        claim.claimed is None,
        claim.claimed.earliest() if claim.claimed else dt.date.max,
        claim.value.number if claim.value else 0,
        claim.id,
    )


def value_key(claim: Claim) -> tuple[object, ...]:
    """Figures from lowest to highest."""
    return (claim.value.number if claim.value else 0, claim.id)
