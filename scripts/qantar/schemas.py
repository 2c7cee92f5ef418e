"""Schemas: each record kind's fields, declared once, with the vocabularies they accept.

The same declarations drive validation (validate.py), the field reference in the docs and the
JSON Schema editors get. Each field has a one-line description written for editors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_MAX_LENGTH = 80

ACTOR_KINDS = ("person", "anonymous", "group", "organisation", "state-body", "state", "media-outlet")
SOURCE_KINDS = ("report", "interview", "analysis", "opinion", "review", "official-statement", "blog", "other")
RIGHTS = ("full-text", "excerpts")
STANCES = ("reports", "supports", "disputes")
QUALIFIERS = ("exactly", "about", "at-least", "more-than", "slightly-more-than", "fewer-than", "at-most")
TRANSLATORS = ("source", "editors")
ATTRIBUTIONS = ("own-text", "direct-quote", "paraphrase", "none")
PLACE_KINDS = ("country", "region", "city", "district", "site")
# How exactly a place's coordinates place it, finest first; a place is never more precise than its kind.
PRECISIONS = ("site", "district", "city", "region", "country")
MEANING_CHECKS = ("hedge", "one-sided-question", "undated-figure", "collective-claimant", "source-word")
QUALIFIER_WORDS = {
    "exactly": "",
    "about": "about",
    "at-least": "at least",
    "more-than": "more than",
    "slightly-more-than": "a little over",
    "fewer-than": "fewer than",
    "at-most": "at most",
}


@dataclass(frozen=True)
class Field:
    """One field of a record: its name, its type, whether it is required, and what it means."""

    name: str
    type: str  # id line text date bool number degrees url language languages choice ref refs strings mapping mappings
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str = ""  # the record kind a ref/refs field points at
    fields: tuple[Field, ...] = ()  # for mapping and mappings
    unknown_word: str = ""  # a word accepted instead of a value: 'unknown'
    max_length: int = 0
    bounds: tuple[float, ...] = ()  # for degrees: the lowest and highest value allowed
    former: bool = False  # ids this record had: not references to records that exist


@dataclass(frozen=True)
class Schema:
    kind: str
    folder: str
    description: str
    fields: tuple[Field, ...]

    def field_named(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def references(self) -> list[tuple[tuple[Field, ...], Field]]:
        """Every field that names another record, with the nested fields that lead to it (evidence → source)."""
        found: list[tuple[tuple[Field, ...], Field]] = []

        def walk(fields: tuple[Field, ...], parents: tuple[Field, ...]) -> None:
            for spec in fields:
                if spec.ref and not spec.former:
                    found.append((parents, spec))
                walk(spec.fields, parents + (spec,))

        walk(self.fields, ())
        return found


_ID = Field("id", "id", "The record's id: lower-case words joined by hyphens; must equal the file name.", True)


def _redirect_from(kind: str) -> Field:
    return Field(
        "redirect_from",
        "refs",
        "Ids this record had before it was renamed; their old pages redirect here.",
        ref=kind,
        former=True,
    )


ACCEPTED_FIELDS = (
    Field("check", "choice", "The meaning check whose warning this record accepts.", True, choices=MEANING_CHECKS),
    Field("reason", "text", "Why the warning does not apply here, for the next editor.", True, max_length=1000),
)


def _accepted() -> Field:
    return Field(
        "accepted",
        "mappings",
        "Meaning-check warnings that editors have reviewed and accepted for this record, each with its reason.",
        fields=ACCEPTED_FIELDS,
    )


SOURCE = Schema(
    "source",
    "sources",
    "A stored article: front matter, then the text exactly as published.",
    (
        _ID,
        Field("title", "line", "The headline as published.", True, max_length=300),
        Field(
            "publisher", "line", "The outlet that published it (Eurasianet, Global Voices, …).", True, max_length=200
        ),
        Field(
            "publisher_actor",
            "ref",
            "The outlet's own actor record (a media outlet), when there is one: its "
            "description tells readers what the outlet is.",
            ref="actor",
        ),
        Field("authors", "strings", "Author names as printed, or the word unknown.", True, unknown_word="unknown"),
        Field(
            "published",
            "date",
            "Publication date (YYYY, YYYY-MM or YYYY-MM-DD), or the word unknown.",
            True,
            unknown_word="unknown",
        ),
        Field(
            "published_note", "line", "How the date was established when the article does not print it.", max_length=500
        ),
        Field("url", "url", "The article's address (http or https).", True),
        Field("archived_url", "url", "An archived copy's address (web.archive.org, archive.today …)."),
        Field(
            "languages", "languages", "ISO 639-1 codes of the languages of the text, main one first: [en, ru].", True
        ),
        Field("kind", "choice", "What sort of text it is.", True, choices=SOURCE_KINDS),
        Field(
            "rights",
            "choice",
            "full-text when the licence allows republishing the text; excerpts otherwise "
            "(only quoted passages are shown).",
            True,
            choices=RIGHTS,
        ),
        Field("license", "line", "The licence, when one is stated (e.g. CC BY 3.0).", max_length=100),
        Field(
            "notes",
            "text",
            "Editors' notes: [sic] typos, what page furniture was dropped, translation notes.",
            max_length=4000,
        ),
        _redirect_from("source"),
    ),
)

ACTOR = Schema(
    "actor",
    "actors",
    "A person, organisation, state body, group or media outlet.",
    (
        _ID,
        Field("name", "line", "The name readers know, in English spelling.", True, max_length=200),
        Field(
            "kind", "choice", "What sort of actor it is; anonymous for an unnamed witness.", True, choices=ACTOR_KINDS
        ),
        Field("aliases", "strings", "Other spellings and scripts the sources use (Massimov, Назарбаев, KNB)."),
        Field(
            "description",
            "text",
            "One neutral paragraph: who this is, as far as the corpus is concerned.",
            True,
            max_length=3000,
        ),
        _redirect_from("actor"),
    ),
)

EVENT = Schema(
    "event",
    "events",
    "Something that happened, at a date or over a range of dates.",
    (
        _ID,
        Field("title", "line", "A short neutral title.", True, max_length=200),
        Field(
            "date",
            "date",
            "When it happened, or began (YYYY, YYYY-MM or YYYY-MM-DD), no more precise than the sources.",
            True,
        ),
        Field("end", "date", "When it ended, for an event over several days."),
        Field("approximate", "bool", "true when the sources give the date only roughly."),
        Field(
            "place",
            "ref",
            "Where it happened: the id of a place (claims/places/), as precise as the sources allow, "
            "or the word unknown when they give none.",
            True,
            ref="place",
            unknown_word="unknown",
        ),
        Field(
            "place_note",
            "line",
            "What one place cannot say: that the sources disagree on it, or that it spread beyond it.",
            max_length=300,
        ),
        Field("summary", "text", "One neutral paragraph.", True, max_length=3000),
        Field("parent", "ref", "The larger event this one is part of.", ref="event"),
        Field("actors", "refs", "Actors involved.", ref="actor"),
        _redirect_from("event"),
    ),
)

QUESTION = Schema(
    "question",
    "questions",
    "A contested question that claims answer differently.",
    (
        _ID,
        Field("question", "line", "The question, ending with a question mark.", True, max_length=300),
        Field(
            "unit",
            "line",
            "The unit of a numeric answer (people, troops, cases); leave out for other questions.",
            max_length=50,
        ),
        Field("description", "text", "Why answers differ and what a reader should watch for.", max_length=3000),
        _accepted(),
        _redirect_from("question"),
    ),
)

VALUE_FIELDS = (
    Field("number", "number", "The figure as a number: 238, not 'two hundred'.", True),
    Field("unit", "line", "The unit; must be the question's unit.", True, max_length=50),
    Field("qualifier", "choice", "How the figure is hedged in the quote.", True, choices=QUALIFIERS),
)

EVIDENCE_FIELDS = (
    Field("source", "ref", "The source that carries the claim.", True, ref="source"),
    Field("quote", "text", "A verbatim passage of the source; '…' skips words.", True, max_length=2000),
    Field(
        "stance",
        "choice",
        "What the source does with the claim: reports it, supports it or disputes it.",
        True,
        choices=STANCES,
    ),
    Field("language", "language", "The quote's language when it is not the source's first language."),
    Field("translation", "text", "An English translation, required when the quote is not in English.", max_length=3000),
    Field("translated_by", "choice", "Who translated: the source itself, or our editors.", choices=TRANSLATORS),
    Field(
        "attribution",
        "choice",
        "How the passage puts the claim in the claimant's mouth: own-text (the passage "
        "is the claimant's own writing, e.g. an author or outlet in its own voice), direct-quote (it quotes the "
        "claimant's words), paraphrase (it reports them in other words), none (it argues about the content "
        "without saying that the claimant said it).",
        True,
        choices=ATTRIBUTIONS,
    ),
)


CLAIM = Schema(
    "claim",
    "",
    "A claim: who asserts what, and the passages of sources that carry it.",
    (
        _ID,
        Field(
            "statement",
            "line",
            "One neutral sentence saying what the claimant asserts, hedges kept, without 'X said "
            "that' (the site shows the claimant beside it); never whether it is true.",
            True,
            max_length=500,
        ),
        Field("claimant", "ref", "The actor who asserts it (not the outlet that carries it).", True, ref="actor"),
        Field("claimed", "date", "When it was claimed, as precisely as known."),
        Field("events", "refs", "Events the claim is about.", ref="event"),
        Field("actors", "refs", "Actors the claim is about.", ref="actor"),
        Field(
            "places",
            "refs",
            "Places the claim names, beyond its events' places (where it says something happened).",
            ref="place",
        ),
        Field("question", "ref", "The contested question this claim answers.", ref="question"),
        Field("value", "mapping", "The claim's figure, for a numeric question.", fields=VALUE_FIELDS),
        Field("answer", "line", "A short answer label for the question page (Moscow, 6 January 2022).", max_length=120),
        Field("tags", "strings", "Topic tags, lower-case words joined by hyphens."),
        Field("evidence", "mappings", "One entry per passage that carries the claim.", True, fields=EVIDENCE_FIELDS),
        Field("notes", "text", "Editors' note shown under the claim.", max_length=3000),
        _accepted(),
        _redirect_from("claim"),
    ),
)

COORDINATE_FIELDS = (
    Field(
        "latitude",
        "degrees",
        "Degrees north (negative: south), in decimal degrees: 43.25249.",
        True,
        bounds=(-90.0, 90.0),
    ),
    Field(
        "longitude",
        "degrees",
        "Degrees east (negative: west), in decimal degrees: 76.9115.",
        True,
        bounds=(-180.0, 180.0),
    ),
)

PLACE = Schema(
    "place",
    "places",
    "A place where events happened: a country, region, city, district or site.",
    (
        _ID,
        Field("name", "line", "The name readers know, in English spelling.", True, max_length=200),
        Field("kind", "choice", "What sort of place it is.", True, choices=PLACE_KINDS),
        Field("aliases", "strings", "Other names and spellings, in every script the sources use (Алматы, Alma-Ata)."),
        Field(
            "parent", "ref", "The place it lies in: a site's city, a city's region, a region's country.", ref="place"
        ),
        Field(
            "coordinates",
            "mapping",
            "A point for the map, no more precise than its source.",
            True,
            fields=COORDINATE_FIELDS,
        ),
        Field(
            "precision",
            "choice",
            "How exactly the coordinates place it. A site whose own position no source gives "
            "keeps its city's coordinates, at city precision: never a guessed street.",
            True,
            choices=PRECISIONS,
        ),
        Field(
            "coordinates_source",
            "line",
            "Where the coordinates come from (GeoNames 1526384, CC BY 4.0; Natural Earth admin-1 label point; …).",
            True,
            max_length=300,
        ),
        Field(
            "outline",
            "line",
            "The id of its outline in the base map (scripts/geo/), for a place drawn as an area.",
            max_length=80,
        ),
        Field("description", "text", "One neutral paragraph: what the sources say of the place.", max_length=3000),
        _redirect_from("place"),
    ),
)

SCHEMAS = {schema.kind: schema for schema in (SOURCE, ACTOR, EVENT, QUESTION, CLAIM, PLACE)}
