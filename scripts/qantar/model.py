"""Model: the typed records built from the schemas (schemas.py), each kind's place, and the corpus."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .dates import PartialDate
from .schemas import ACTOR, CLAIM, EVENT, PLACE, QUALIFIER_WORDS, QUESTION, SOURCE, Schema


@dataclass
class Record:
    """What every record has: an id, the file it came from, and that file's positions."""

    id: str
    path: str
    raw: Any = field(repr=False, compare=False)  # load.RawRecord, for positions
    redirect_from: list[str] = field(default_factory=list)  # former ids, whose pages redirect here

    def at(self, *path: Any) -> tuple[int, int]:
        line, column = self.raw.position(*path)
        return int(line), int(column)


@dataclass
class Source(Record):
    title: str = ""
    publisher: str = ""
    publisher_actor: str = ""  # the outlet's actor record, when there is one
    authors: list[str] | None = None  # None: unknown
    published: PartialDate | None = None  # None: unknown
    published_note: str = ""
    url: str = ""
    archived_url: str = ""
    languages: list[str] = field(default_factory=list)
    kind: str = ""
    rights: str = ""
    license: str = ""
    notes: str = ""
    text: str = ""

    @property
    def full_text_allowed(self) -> bool:
        return self.rights == "full-text"


@dataclass
class Actor(Record):
    name: str = ""
    kind: str = ""
    aliases: list[str] = field(default_factory=list)
    description: str = ""


@dataclass
class Event(Record):
    title: str = ""
    date: PartialDate | None = None
    end: PartialDate | None = None
    approximate: bool = False
    place: str = ""  # a place id, or "unknown" (said explicitly: the sources give none)
    place_note: str = ""
    summary: str = ""
    parent: str = ""
    actors: list[str] = field(default_factory=list)


@dataclass
class Coordinates:
    latitude: float
    longitude: float


@dataclass
class Place(Record):
    name: str = ""
    kind: str = ""
    aliases: list[str] = field(default_factory=list)
    parent: str = ""
    coordinates: Coordinates | None = None
    precision: str = ""
    coordinates_source: str = ""
    outline: str = ""
    description: str = ""


@dataclass
class Question(Record):
    question: str = ""
    unit: str = ""
    description: str = ""
    accepted: list[Accepted] = field(default_factory=list)

    def accepts(self, check: str) -> bool:
        return any(item.check == check for item in self.accepted)


@dataclass
class Value:
    number: float
    unit: str
    qualifier: str

    def human(self) -> str:
        words = QUALIFIER_WORDS[self.qualifier]
        number = f"{self.number:,.0f}" if float(self.number).is_integer() else f"{self.number:,}"
        return f"{words} {number}".strip()


@dataclass
class Evidence:
    index: int
    source: str = ""
    quote: str = ""
    stance: str = ""
    language: str = ""
    translation: str = ""
    translated_by: str = ""
    attribution: str = ""


@dataclass
class Accepted:
    """A meaning-check warning that editors reviewed and accepted for one record, with their reason."""

    check: str
    reason: str


@dataclass
class Claim(Record):
    statement: str = ""
    claimant: str = ""
    claimed: PartialDate | None = None
    events: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    question: str = ""
    value: Value | None = None
    answer: str = ""
    tags: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    notes: str = ""
    accepted: list[Accepted] = field(default_factory=list)

    def answer_identity(self) -> tuple[object, ...]:
        """What makes two answers to a question the same answer: the figure and its hedge, or the answer's words."""
        if self.value:
            return ("value", self.value.number, self.value.qualifier)
        return ("answer", (self.answer or self.statement).casefold())

    def accepts(self, check: str) -> bool:
        """Whether editors reviewed and accepted this meaning check's warning for this claim."""
        return any(item.check == check for item in self.accepted)


@dataclass(frozen=True)
class Kind:
    """A record kind: its schema, its class, where its files live and where its pages go."""

    name: str  # claim, actor, …
    schema: Schema
    record_class: type[Record]
    site_folder: str  # the folder of its pages (and of their addresses) in the site
    label_field: str  # the field a link to one of its records shows

    @property
    def record_folder(self) -> str:
        """The folder of its files: the sources folder for sources, the claims folder (or a sub-folder) otherwise."""
        return self.schema.folder


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("claim", CLAIM, Claim, "claims", "statement"),
        Kind("actor", ACTOR, Actor, "actors", "name"),
        Kind("event", EVENT, Event, "events", "title"),
        Kind("question", QUESTION, Question, "questions", "question"),
        Kind("source", SOURCE, Source, "sources", "title"),
        Kind("place", PLACE, Place, "places", "name"),
    )
}
KIND_OF_CLASS: dict[type[Record], Kind] = {kind.record_class: kind for kind in KINDS.values()}


def kind_of(record: Record) -> Kind:
    return KIND_OF_CLASS[type(record)]


def label_of(record: Record) -> str:
    """The text a link to a record shows: its statement, name, title or question."""
    return str(getattr(record, kind_of(record).label_field)) or record.id


def record_folders() -> dict[str, str]:
    """The sub-folders of the claims folder that hold actors, events and questions, by kind."""
    return {kind.name: kind.record_folder for kind in KINDS.values() if kind.record_folder and kind.name != "source"}


@dataclass
class Corpus:
    """Every valid record, by kind and id."""

    sources: dict[str, Source] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    # ids of records that exist but failed validation: references to them are not reported again
    invalid_ids: dict[str, set[str]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> dict[str, Any]:
        table: dict[str, Any] = getattr(self, KINDS[kind].site_folder)
        return table

    def counts(self) -> dict[str, int]:
        return {
            "sources": len(self.sources),
            "claims": len(self.claims),
            "actors": len(self.actors),
            "events": len(self.events),
            "questions": len(self.questions),
            "places": len(self.places),
        }


def record_file(kind: str, record_id: str, sources_dir: str = "sources", claims_dir: str = "claims") -> str:
    """Where a record of this kind with this id lives, relative to the project folder."""
    if kind == "source":
        return f"{sources_dir}/{record_id}.md"
    folder = KINDS[kind].record_folder
    return f"{claims_dir}/{folder}/{record_id}.yaml" if folder else f"{claims_dir}/{record_id}.yaml"
