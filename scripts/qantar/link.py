"""Link: the cross-reference index, built once, in one pass over the claims and events.

Templates and exports ask the index (`index.claims_citing(source_id)`); nothing scans the
corpus inside a loop.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Claim, Corpus, Event, Evidence
from .ordering import event_key
from .quotes import Match


@dataclass
class Citation:
    """One evidence entry of one claim, with where its quote stands in the source."""

    claim: Claim
    evidence: Evidence
    match: Match | None


@dataclass
class Index:
    corpus: Corpus
    _by_claimant: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    _about_actor: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    _about_event: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    _by_question: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    _by_tag: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    _citing: dict[str, list[Citation]] = field(default_factory=lambda: defaultdict(list))
    _sub_events: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    _events_of_actor: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    _sources_quoting: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    _naming_place: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    _events_at: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    _citations: dict[str, list[Citation]] = field(default_factory=dict)

    def claims_by(self, actor_id: str) -> list[Claim]:
        return self._by_claimant.get(actor_id, [])

    def claims_about_actor(self, actor_id: str) -> list[Claim]:
        return self._about_actor.get(actor_id, [])

    def claims_about_event(self, event_id: str) -> list[Claim]:
        return self._about_event.get(event_id, [])

    def claims_answering(self, question_id: str) -> list[Claim]:
        return self._by_question.get(question_id, [])

    def claims_tagged(self, tag: str) -> list[Claim]:
        return self._by_tag.get(tag, [])

    def tags(self) -> list[str]:
        return sorted(self._by_tag)

    def claims_citing(self, source_id: str) -> list[Citation]:
        return self._citing.get(source_id, [])

    def citations_of(self, claim_id: str) -> list[Citation]:
        return self._citations.get(claim_id, [])

    def sub_events(self, event_id: str) -> list[Event]:
        return self._sub_events.get(event_id, [])

    def events_of_actor(self, actor_id: str) -> list[Event]:
        return self._events_of_actor.get(actor_id, [])

    def claims_naming_place(self, place_id: str) -> list[Claim]:
        """Claims that name the place itself (not through one of their events)."""
        return self._naming_place.get(place_id, [])

    def events_at(self, place_id: str) -> list[Event]:
        """Events whose place is this one (not a place inside it), in date order."""
        return self._events_at.get(place_id, [])

    def sources_quoting(self, actor_id: str) -> list[str]:
        """Sources that carry claims made by this actor."""
        return self._sources_quoting.get(actor_id, [])


def build_index(corpus: Corpus, matches: dict[tuple[str, int], Match]) -> Index:
    """One pass over claims and events fills every lookup; lists come out in a stable order."""
    index = Index(corpus)
    quoting: dict[str, set[str]] = defaultdict(set)  # a set, so that a prolific claimant costs no scan
    for claim in sorted(corpus.claims.values(), key=lambda c: c.id):
        index._by_claimant[claim.claimant].append(claim)
        for actor_id in claim.actors:
            index._about_actor[actor_id].append(claim)
        for event_id in claim.events:
            index._about_event[event_id].append(claim)
        if claim.question:
            index._by_question[claim.question].append(claim)
        for tag in claim.tags:
            index._by_tag[tag].append(claim)
        for place_id in claim.places:
            index._naming_place[place_id].append(claim)
        citations = [Citation(claim, item, matches.get((claim.id, item.index))) for item in claim.evidence]
        index._citations[claim.id] = citations
        for citation in citations:
            index._citing[citation.evidence.source].append(citation)
            quoting[claim.claimant].add(citation.evidence.source)
    for event in sorted(corpus.events.values(), key=event_key):
        if event.parent:
            index._sub_events[event.parent].append(event)
        for actor_id in event.actors:
            index._events_of_actor[actor_id].append(event)
        if event.place:
            index._events_at[event.place].append(event)
    for actor_id, source_ids in quoting.items():
        index._sources_quoting[actor_id] = sorted(source_ids)
    for citations in index._citing.values():
        citations.sort(key=lambda c: (c.match.start if c.match else -1, c.claim.id, c.evidence.index))
    return index
