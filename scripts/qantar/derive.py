"""Derive: what editors never type, because the records already say it.

Each claim answers two separate questions for the reader, both derived from its evidence:
- is it on record that the claimant said this? (`OnRecord`: in the claimant's own words, reported by others, or
  not attributed at all), with how many independent publishers attest it;
- is what they said contested? (`Status`: disputed by a source, corroborated by several independent publishers,
  or carried by a single one), and whether other claims give a rival answer to the same question.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .link import Index
from .model import Claim, Corpus, Evidence


@dataclass(frozen=True)
class Status:
    key: str
    label: str
    definition: str
    mark: str = ""  # a shape that tells the statuses apart without colour


@dataclass(frozen=True)
class OnRecord:
    """How firmly the sources put the claim in the claimant's mouth (not whether it is true)."""

    key: str
    label: str
    definition: str
    mark: str = ""


ON_RECORD = (
    OnRecord(
        "own-words",
        "In their own words",
        "At least one stored source is the claimant's own text (an author or outlet writing in its own voice) "
        "or quotes the claimant's words directly.",
        "◆",
    ),
    OnRecord(
        "reported",
        "Reported",
        "Our sources say that the claimant said this, but in their own words: none is the claimant's own text "
        "or quotes it directly.",
        "◇",
    ),
    OnRecord(
        "not-attributed",
        "Not attributed",
        "No stored source says that the claimant said this; the sources only argue about what it says.",
        "○",
    ),
)
ON_RECORD_BY_KEY = {item.key: item for item in ON_RECORD}
_ATTRIBUTING = {"own-text", "direct-quote", "paraphrase"}


STATUSES = (
    Status(
        "disputed",
        "Disputed",
        "At least one stored source argues against what the claim says. Read the disputing passage "
        "beside the others: a dispute is itself a claim, not a verdict. A source can both attest that the "
        "claimant said it and dispute it.",
        "✕",
    ),
    Status(
        "corroborated",
        "Corroborated",
        "Carried by two or more independent publishers (different outlets), and disputed by none of our "
        "sources. Corroboration means several outlets carry the claim; it does not make it true.",
        "✓",
    ),
    Status(
        "single-source",
        "Single source",
        "Carried by one publisher only, and disputed by none of our sources. Look for a second, independent "
        "source before relying on it.",
        "●",
    ),
)
STATUS_BY_KEY = {status.key: status for status in STATUSES}

CONTESTED = Status(
    "contested",
    "Contested question",
    "The claim answers a question to which other claims give a different answer. The question page "
    "shows every answer side by side.",
    "⇄",
)


@dataclass(frozen=True)
class ClaimFacts:
    """What the site says about a claim beyond what the editor wrote."""

    status: Status
    publishers: tuple[str, ...]  # independent publishers that report or support it
    disputing_sources: tuple[str, ...]
    on_record: OnRecord = ON_RECORD[-1]
    attesting: tuple[str, ...] = ()  # independent publishers whose passages say that the claimant said it
    own_voice: bool = False  # every passage is the claimant's own text: an author's or outlet's own assertion
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


def on_record(claim: Claim, corpus: Corpus) -> tuple[OnRecord, tuple[str, ...]]:
    """Whether the sources put the claim in the claimant's mouth, and which independent publishers do."""
    kinds = {item.attribution for item in claim.evidence}
    attesting: list[str] = []
    for item in claim.evidence:
        publisher = corpus.sources[item.source].publisher
        if item.attribution in _ATTRIBUTING and publisher.casefold() not in (p.casefold() for p in attesting):
            attesting.append(publisher)
    if kinds & {"own-text", "direct-quote"}:
        return ON_RECORD_BY_KEY["own-words"], tuple(attesting)
    if "paraphrase" in kinds:
        return ON_RECORD_BY_KEY["reported"], tuple(attesting)
    return ON_RECORD_BY_KEY["not-attributed"], ()


def contest_status(evidence: list[Evidence], publisher_of: Callable[[str], str]) -> tuple[Status, list[str], list[str]]:
    """Is what the claim says contested? From its passages' stances: the status, the independent publishers that
    report or support it, and the sources that dispute it."""
    publishers: list[str] = []
    disputing: list[str] = []
    for item in evidence:
        if item.stance == "disputes":
            if item.source not in disputing:
                disputing.append(item.source)
        elif (publisher := publisher_of(item.source)).casefold() not in (p.casefold() for p in publishers):
            publishers.append(publisher)
    if disputing:
        return STATUS_BY_KEY["disputed"], publishers, disputing
    if len(publishers) >= 2:
        return STATUS_BY_KEY["corroborated"], publishers, disputing
    return STATUS_BY_KEY["single-source"], publishers, disputing


def derive_facts(corpus: Corpus, index: Index) -> dict[str, ClaimFacts]:
    """Status, publishers and rivals for every claim, computed once."""
    facts: dict[str, ClaimFacts] = {}
    answers_by_question: dict[str, list[tuple[tuple[object, ...], RivalAnswer]]] = {}
    for question_id in corpus.questions:
        grouped: dict[tuple[object, ...], list[str]] = {}
        for claim in index.claims_answering(question_id):
            grouped.setdefault(claim.answer_identity(), []).append(claim.id)
        answers = [(key, RivalAnswer(min(ids), len(ids))) for key, ids in grouped.items()]
        answers_by_question[question_id] = sorted(answers, key=lambda answer: answer[1].claim_id)
    for claim in corpus.claims.values():
        status, publishers, disputing = contest_status(claim.evidence, lambda s: corpus.sources[s].publisher)
        rivals: list[RivalAnswer] = []
        answers = answers_by_question.get(claim.question, []) if claim.question else []
        if answers:
            own = claim.answer_identity()
            for key, answer in answers:  # stops after RIVALS_SHOWN: linear in the corpus, whatever the question
                if key != own:
                    rivals.append(answer)
                    if len(rivals) == RIVALS_SHOWN:
                        break
        record, attesting = on_record(claim, corpus)
        own_voice = all(item.attribution == "own-text" for item in claim.evidence)
        facts[claim.id] = ClaimFacts(
            status,
            tuple(publishers),
            tuple(disputing),
            record,
            attesting,
            own_voice,
            tuple(rivals),
            max(len(answers) - 1, 0),
        )
    return facts
