"""Summaries: what a page says at a glance, computed as plain data (no markup) from the corpus and its index.

The range of a question's answers and its official answers (an answer is official when its claimant is a state
body or a state: the actor's kind says so, never the claim's words), what the corpus covers, the claims about an
event grouped by question and status, an actor's claims by what the actor does with them, the events of the same
day. pages.py turns them into contexts; the templates only present them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..dates import PartialDate
from ..derive import STATUSES, ClaimFacts, Status
from ..link import Index
from ..model import Actor, Claim, Corpus, Event, Question, Source
from ..ordering import claim_key, date_key, event_key, question_key, source_key
from .views import latest_possible_date

OFFICIAL_KINDS = ("state-body", "state")  # an answer is official when its claimant is one of these
STATUS_ORDER = {status.key: number for number, status in enumerate(STATUSES)}


def is_official(claim: Claim, corpus: Corpus) -> bool:
    return corpus.actors[claim.claimant].kind in OFFICIAL_KINDS


def dated(claim: Claim, corpus: Corpus) -> PartialDate | None:
    """When the claim was made, or else the latest it can have been made (its earliest source's date)."""
    return claim.claimed or latest_possible_date(claim, corpus)


def by_date(claims: list[Claim], corpus: Corpus) -> list[Claim]:
    """Claims in the order they were made (undated last), then as claim_key orders them."""
    return sorted(claims, key=lambda claim: (date_key(dated(claim, corpus)), claim_key(claim)))


@dataclass
class AnswerSummary:
    """A question's answers at a glance."""

    question: Question
    claims: int
    distinct: int
    claimants: int
    low: Claim | None = None  # the lowest and highest figures, for a numeric question
    high: Claim | None = None
    figures: int = 0
    official: list[Claim] = field(default_factory=list)  # oldest first
    disputed: list[Claim] = field(default_factory=list)  # answers a source disputes, newest first
    other_claimants: list[Actor] = field(default_factory=list)  # who answers otherwise than the latest official

    @property
    def latest_official(self) -> Claim | None:
        """The official answer made last: of those whose own date is known (an undated one is only known to come
        before its source), or else the last of all."""
        own = [claim for claim in self.official if claim.claimed]
        return own[-1] if own else (self.official[-1] if self.official else None)

    @property
    def numeric(self) -> bool:
        return self.low is not None and self.high is not None


def answer_summary(
    question: Question, claims: list[Claim], corpus: Corpus, facts: dict[str, ClaimFacts]
) -> AnswerSummary:
    figures = sorted((c for c in claims if c.value), key=lambda c: (c.value.number if c.value else 0, c.id))
    official = by_date([c for c in claims if is_official(c, corpus)], corpus)
    disputed = list(reversed(by_date([c for c in claims if facts[c.id].status.key == "disputed"], corpus)))
    summary = AnswerSummary(
        question,
        len(claims),
        len({c.answer_identity() for c in claims}),
        len({c.claimant for c in claims}),
        figures[0] if figures else None,
        figures[-1] if figures else None,
        len(figures),
        official,
        disputed,
    )
    if summary.latest_official is not None:
        latest = summary.latest_official.answer_identity()
        others = {
            c.claimant: corpus.actors[c.claimant]
            for c in by_date(claims, corpus)
            if c.answer_identity() != latest and not is_official(c, corpus)
        }
        summary.other_claimants = list(others.values())
    return summary


@dataclass
class Coverage:
    """What the corpus covers: its sources, their publishers, languages and dates, and the dates of its claims."""

    sources: list[tuple[Source, int]]  # oldest first, each with how many claims cite it
    publishers: list[str]
    languages: list[str]  # of the texts (codes), the most used first
    quote_languages: list[str]  # of quotes, when not a language of any text
    first_published: PartialDate | None
    last_published: PartialDate | None
    first_claimed: PartialDate | None
    last_claimed: PartialDate | None


def coverage(corpus: Corpus, index: Index) -> Coverage:
    sources = sorted(corpus.sources.values(), key=source_key)
    counts = [(source, len({c.claim.id for c in index.claims_citing(source.id)})) for source in sources]
    used: dict[str, int] = {}
    for source in sources:
        for language in source.languages:
            used[language] = used.get(language, 0) + 1
    quoted = sorted(
        {
            item.language
            for claim in corpus.claims.values()
            for item in claim.evidence
            if item.language and item.language not in used
        }
    )
    published = sorted((s.published for s in sources if s.published), key=date_key)
    claimed = sorted((c.claimed for c in corpus.claims.values() if c.claimed), key=date_key)
    return Coverage(
        counts,
        list(dict.fromkeys(s.publisher for s in sources)),
        sorted(used, key=lambda code: (-used[code], code)),
        quoted,
        published[0] if published else None,
        published[-1] if published else None,
        claimed[0] if claimed else None,
        claimed[-1] if claimed else None,
    )


@dataclass
class ClaimGroup:
    """Claims on one question (None: claims that answer no question), by status, each status's claims by date."""

    question: Question | None
    by_status: list[tuple[Status, list[Claim]]]

    @property
    def count(self) -> int:
        return sum(len(claims) for _status, claims in self.by_status)


def claim_groups(claims: list[Claim], corpus: Corpus, facts: dict[str, ClaimFacts]) -> list[ClaimGroup]:
    """The claims grouped by the question they answer (the busiest question first, claims on no question last),
    then by status (disputed, corroborated, single source), each in date order."""
    by_question: dict[str, list[Claim]] = {}
    for claim in claims:
        by_question.setdefault(claim.question, []).append(claim)
    order = sorted(
        (q for q in by_question if q), key=lambda q: (-len(by_question[q]), question_key(corpus.questions[q]))
    )
    groups = []
    for question_id in [*order, *([""] if "" in by_question else [])]:
        statuses: dict[str, list[Claim]] = {}
        for claim in by_date(by_question[question_id], corpus):
            statuses.setdefault(facts[claim.id].status.key, []).append(claim)
        groups.append(
            ClaimGroup(
                corpus.questions.get(question_id) if question_id else None,
                [(status, statuses[status.key]) for status in STATUSES if status.key in statuses],
            )
        )
    return groups


def same_day(event: Event, corpus: Corpus, index: Index) -> tuple[list[Event], list[Event]]:
    """For an event of one known day: the other events of that day, and those whose date the sources give only
    to the month or year that holds it (neither its parent nor its own sub-events)."""
    if event.date is None or event.date.precision != "day" or (event.end and event.end != event.date):
        return [], []
    day = event.date.earliest()
    related = {event.id, event.parent, *(sub.id for sub in index.sub_events(event.id))}
    exact, vague = [], []
    for other in sorted(corpus.events.values(), key=event_key):
        if other.id in related or other.date is None:
            continue
        end = other.end or other.date
        if not other.date.earliest() <= day <= end.latest():
            continue
        if other.date.precision == "day" and (other.end is None or other.end.precision == "day"):
            if other.end is None or other.end == other.date:
                exact.append(other)
        elif other.date.precision != "day":
            vague.append(other)
    return exact, vague


@dataclass
class ActorClaims:
    """An actor's claims by what the actor does with them; no claim stands in two groups."""

    says: list[Claim]  # made by the actor, disputed by no source
    disputed: list[Claim]  # made by the actor, and disputed by a source
    said_about: list[Claim]  # about the actor, made by others
    disputes: list[Claim]  # made by others, disputed in a source the actor publishes


def actor_claims(actor: Actor, index: Index, corpus: Corpus, facts: dict[str, ClaimFacts]) -> ActorClaims:
    made = by_date(index.claims_by(actor.id), corpus)
    own = {claim.id for claim in made}
    published = {s.id for s in corpus.sources.values() if s.publisher_actor == actor.id}
    disputes = []
    if published:
        for source_id in sorted(published):
            for citation in index.claims_citing(source_id):
                if (
                    citation.evidence.stance == "disputes"
                    and citation.claim.id not in own
                    and citation.claim not in disputes
                ):
                    disputes.append(citation.claim)
    return ActorClaims(
        [c for c in made if facts[c.id].status.key != "disputed"],
        [c for c in made if facts[c.id].status.key == "disputed"],
        by_date([c for c in index.claims_about_actor(actor.id) if c.id not in own], corpus),
        by_date(disputes, corpus),
    )


def sources_published_by(actor: Actor, corpus: Corpus) -> list[Source]:
    return sorted((s for s in corpus.sources.values() if s.publisher_actor == actor.id), key=source_key)
