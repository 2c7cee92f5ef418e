"""Derive: what editors never type, because the records already say it.

A claim's status comes from its evidence (how many independent publishers carry it, whether
any source disputes it); its rivals come from the other answers to the same question.
"""

from __future__ import annotations

from dataclasses import dataclass

from .link import Index
from .model import Claim, Corpus


@dataclass(frozen=True)
class Status:
    key: str
    label: str
    definition: str


STATUSES = (
    Status("disputed", "Disputed",
           "At least one stored source that quotes this claim argues against it. Read the disputing passage "
           "beside the others: a dispute is itself a claim, not a verdict."),
    Status("corroborated", "Corroborated",
           "Carried by two or more independent publishers (different outlets), and disputed by none of our "
           "sources. Corroboration means several outlets report that this claimant said it; it does not make "
           "the claim true."),
    Status("single-source", "Single source",
           "Carried by one publisher only, and disputed by none of our sources. Look for a second, independent "
           "source before relying on it."),
)
STATUS_BY_KEY = {status.key: status for status in STATUSES}

CONTESTED = Status("contested", "Contested question",
                   "The claim answers a question to which other claims give a different answer. The question page "
                   "shows every answer side by side.")


@dataclass(frozen=True)
class ClaimFacts:
    """What the site says about a claim beyond what the editor wrote."""

    status: Status
    publishers: tuple[str, ...]  # independent publishers that report or support it
    disputing_sources: tuple[str, ...]
    rivals: tuple[str, ...]  # ids of claims answering the same question differently

    @property
    def contested(self) -> bool:
        return bool(self.rivals)


def answer_label(claim: Claim) -> str:
    """The answer a claim gives to its question, as shown side by side with its rivals."""
    if claim.value:
        return f"{claim.value.human()} {claim.value.unit}".strip()
    return claim.answer or claim.statement


def _answer_key(claim: Claim) -> tuple[object, ...]:
    if claim.value:
        return ("value", claim.value.number, claim.value.qualifier)
    return ("answer", (claim.answer or claim.statement).casefold())


def derive_facts(corpus: Corpus, index: Index) -> dict[str, ClaimFacts]:
    """Status, publishers and rivals for every claim, computed once."""
    facts: dict[str, ClaimFacts] = {}
    answers_by_question: dict[str, dict[tuple[object, ...], list[str]]] = {}
    for question_id in corpus.questions:
        grouped: dict[tuple[object, ...], list[str]] = {}
        for claim in index.claims_answering(question_id):
            grouped.setdefault(_answer_key(claim), []).append(claim.id)
        answers_by_question[question_id] = grouped
    for claim in corpus.claims.values():
        publishers: list[str] = []
        disputing: list[str] = []
        for item in claim.evidence:
            source = corpus.sources[item.source]
            if item.stance == "disputes":
                if source.id not in disputing:
                    disputing.append(source.id)
            elif source.publisher.casefold() not in (p.casefold() for p in publishers):
                publishers.append(source.publisher)
        if disputing:
            status = STATUS_BY_KEY["disputed"]
        elif len(publishers) >= 2:
            status = STATUS_BY_KEY["corroborated"]
        else:
            status = STATUS_BY_KEY["single-source"]
        rivals: list[str] = []
        if claim.question:
            own = _answer_key(claim)
            for key, ids in answers_by_question.get(claim.question, {}).items():
                if key != own:
                    rivals.extend(ids)
        facts[claim.id] = ClaimFacts(status, tuple(publishers), tuple(disputing), tuple(sorted(rivals)))
    return facts
