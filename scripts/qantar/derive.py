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
    rivals: tuple[RivalAnswer, ...] = ()  # other answers to the same question, at most RIVALS_SHOWN of them
    rival_answers: int = 0  # how many other answers there are in all (the question page lists every one)

    @property
    def contested(self) -> bool:
        return bool(self.rivals)

    @property
    def rivals_not_shown(self) -> int:
        return self.rival_answers - len(self.rivals)


# A claim page lists at most this many rival answers, so that its size does not grow with the question's.
RIVALS_SHOWN = 20


@dataclass(frozen=True)
class RivalAnswer:
    """Another answer to a claim's question: the first claim (by id) that gives it, and how many give it."""

    claim_id: str
    claims: int


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
    answers_by_question: dict[str, list[tuple[tuple[object, ...], RivalAnswer]]] = {}
    for question_id in corpus.questions:
        grouped: dict[tuple[object, ...], list[str]] = {}
        for claim in index.claims_answering(question_id):
            grouped.setdefault(_answer_key(claim), []).append(claim.id)
        answers = [(key, RivalAnswer(min(ids), len(ids))) for key, ids in grouped.items()]
        answers_by_question[question_id] = sorted(answers, key=lambda answer: answer[1].claim_id)
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
        rivals: list[RivalAnswer] = []
        answers = answers_by_question.get(claim.question, []) if claim.question else []
        if answers:
            own = _answer_key(claim)
            for key, answer in answers:  # stops after RIVALS_SHOWN: linear in the corpus, whatever the question
                if key != own:
                    rivals.append(answer)
                    if len(rivals) == RIVALS_SHOWN:
                        break
        facts[claim.id] = ClaimFacts(status, tuple(publishers), tuple(disputing), tuple(rivals),
                                     max(len(answers) - 1, 0))
    return facts
