"""Exports: the open data (JSON per record kind, CSV, a Frictionless data package).

The data files are generated with the pages (under docs/data/, and claims/<id>.json beside each
claim page), so `mkdocs build` and `mkdocs serve` publish them like any other file. The offline
copy of the whole site is offline.py's.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .config import Settings
from .crosscheck import quote_language
from .derive import ClaimFacts, answer_label
from .licences import data_licence
from .link import Citation, Index
from .model import Actor, Claim, Corpus, Event, Place, Question, Source
from .site.routes import DATA_FOLDER, claim_json, kind_page, passage_anchor, permalink


def page_url(kind: str, record_id: str, site_url: str = "") -> str:
    """A record page's address: absolute when the site's address is known, else relative to the site's root."""
    return permalink(kind_page(kind, record_id), site_url)


def _ref(record: Actor | Event | Question | Source | Place | None, label: str) -> dict[str, str] | None:
    return {"id": record.id, label: getattr(record, label)} if record else None


def citation_data(citation: Citation, corpus: Corpus, site_url: str) -> dict[str, Any]:
    item = citation.evidence
    source = corpus.sources[item.source]
    return {
        "source": source.id,
        "publisher": source.publisher,
        "title": source.title,
        "stance": item.stance,
        "attribution": item.attribution,
        "quote": item.quote,
        "language": quote_language(item, source.languages),
        "translation": item.translation or None,
        "translated_by": item.translated_by or None,
        "passage": page_url("source", source.id, site_url)
        + f"#{passage_anchor(citation.claim.id, citation.evidence.index)}"
        if citation.match
        else None,
    }


def claim_data(claim: Claim, corpus: Corpus, index: Index, facts: ClaimFacts, site_url: str = "") -> dict[str, Any]:
    """Everything a claim's page says, as data (the per-claim JSON and each entry of claims.json)."""
    question = corpus.questions.get(claim.question) if claim.question else None
    return {
        "id": claim.id,
        "url": page_url("claim", claim.id, site_url),
        "statement": claim.statement,
        "claimant": _ref(corpus.actors.get(claim.claimant), "name"),
        "claimed": claim.claimed.iso() if claim.claimed else None,
        "question": _ref(question, "question"),
        "answer": answer_label(claim) if question else None,
        "value": (
            {"number": claim.value.number, "unit": claim.value.unit, "qualifier": claim.value.qualifier}
            if claim.value
            else None
        ),
        "events": [_ref(corpus.events[e], "title") for e in claim.events if e in corpus.events],
        "actors": [_ref(corpus.actors[a], "name") for a in claim.actors if a in corpus.actors],
        "places": [_ref(corpus.places[p], "name") for p in claim.places if p in corpus.places],
        "tags": list(claim.tags),
        "on_record": facts.on_record.key,
        "on_record_label": facts.on_record.label,
        "attested_by": list(facts.attesting),
        "status": facts.status.key,
        "status_label": facts.status.label,
        "contested": facts.contested,
        "rivals": [{"claim": rival.claim_id, "claims_giving_it": rival.claims} for rival in facts.rivals],
        "rival_answers": facts.rival_answers,
        "publishers": list(facts.publishers),
        "disputed_by": list(facts.disputing_sources),
        "evidence": [citation_data(c, corpus, site_url) for c in index.citations_of(claim.id)],
        "notes": claim.notes or None,
        "redirect_from": list(claim.redirect_from),
    }


def actor_data(actor: Actor, index: Index, site_url: str = "") -> dict[str, Any]:
    return {
        "id": actor.id,
        "url": page_url("actor", actor.id, site_url),
        "name": actor.name,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
        "description": actor.description,
        "claims_made": [c.id for c in index.claims_by(actor.id)],
        "claims_about": [c.id for c in index.claims_about_actor(actor.id)],
        "redirect_from": list(actor.redirect_from),
    }


def event_data(event: Event, index: Index, site_url: str = "") -> dict[str, Any]:
    return {
        "id": event.id,
        "url": page_url("event", event.id, site_url),
        "title": event.title,
        "date": event.date.iso() if event.date else None,
        "end": event.end.iso() if event.end else None,
        "approximate": event.approximate,
        "place": event.place if event.place != "unknown" else None,
        "place_note": event.place_note or None,
        "summary": event.summary,
        "parent": event.parent or None,
        "sub_events": [e.id for e in index.sub_events(event.id)],
        "actors": list(event.actors),
        "claims": [c.id for c in index.claims_about_event(event.id)],
        "redirect_from": list(event.redirect_from),
    }


def place_data(place: Place, index: Index, site_url: str = "") -> dict[str, Any]:
    point = place.coordinates
    return {
        "id": place.id,
        "url": page_url("place", place.id, site_url),
        "name": place.name,
        "kind": place.kind,
        "aliases": list(place.aliases),
        "parent": place.parent or None,
        "latitude": point.latitude if point else None,
        "longitude": point.longitude if point else None,
        "precision": place.precision,
        "coordinates_source": place.coordinates_source,
        "outline": place.outline or None,
        "description": place.description or None,
        "events": [e.id for e in index.events_at(place.id)],
        "claims_naming": [c.id for c in index.claims_naming_place(place.id)],
        "redirect_from": list(place.redirect_from),
    }


def places_geojson(places: list[dict[str, Any]]) -> dict[str, Any]:
    """The places as a GeoJSON FeatureCollection (RFC 7946): a Point per place, longitude first, in WGS 84."""
    features = []
    for data in places:
        if data["latitude"] is None or data["longitude"] is None:
            continue
        properties = {
            key: value for key, value in data.items() if key not in {"latitude", "longitude", "redirect_from"}
        }
        features.append(
            {
                "type": "Feature",
                "id": data["id"],
                "geometry": {"type": "Point", "coordinates": [data["longitude"], data["latitude"]]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def question_data(question: Question, index: Index, site_url: str = "") -> dict[str, Any]:
    return {
        "id": question.id,
        "url": page_url("question", question.id, site_url),
        "question": question.question,
        "unit": question.unit or None,
        "description": question.description or None,
        "answers": [c.id for c in index.claims_answering(question.id)],
        "redirect_from": list(question.redirect_from),
    }


def source_data(source: Source, index: Index, site_url: str = "") -> dict[str, Any]:
    """A source's record; its text only when its rights allow republishing it (never for excerpts-only)."""
    return {
        "id": source.id,
        "page": page_url("source", source.id, site_url),
        "title": source.title,
        "publisher": source.publisher,
        "authors": list(source.authors) if source.authors is not None else None,
        "published": source.published.iso() if source.published else None,
        "published_note": source.published_note or None,
        "url": source.url,
        "archived_url": source.archived_url or None,
        "languages": list(source.languages),
        "kind": source.kind,
        "rights": source.rights,
        "license": source.license or None,
        "notes": source.notes or None,
        "claims_citing": list(dict.fromkeys(c.claim.id for c in index.claims_citing(source.id))),
        "text": source.text if source.full_text_allowed else None,
        "redirect_from": list(source.redirect_from),
    }


# -- CSV -------------------------------------------------------------------------------------------

CLAIM_COLUMNS = (
    ("id", "string", "The claim's id; its page is claims/<id>/."),
    ("statement", "string", "What is claimed, in one neutral sentence."),
    ("claimant", "string", "The id of the actor who asserts it."),
    ("claimant_name", "string", "The claimant's name."),
    ("claimed", "string", "When it was claimed: YYYY, YYYY-MM or YYYY-MM-DD, as precisely as known; empty if unknown."),
    ("question", "string", "The id of the contested question it answers, if any."),
    ("answer", "string", "The answer it gives to that question."),
    ("value_number", "number", "The figure it gives, for a numeric question."),
    ("value_unit", "string", "The figure's unit."),
    ("value_qualifier", "string", "How the figure is hedged: exactly, about, at-least, more-than, …"),
    ("events", "string", "Ids of the events it is about, separated by ';'."),
    ("actors", "string", "Ids of the actors it is about, separated by ';'."),
    ("places", "string", "Ids of the places it names (beyond its events' places), separated by ';'."),
    ("tags", "string", "Topic tags, separated by ';'."),
    (
        "on_record",
        "string",
        "Derived: is it on record that the claimant said it? own-words, reported or not-attributed.",
    ),
    ("attested_by", "string", "Independent publishers whose passages say that the claimant said it, separated by ';'."),
    ("status", "string", "Derived: is it contested? disputed, corroborated or single-source."),
    ("contested", "boolean", "Whether other claims answer the same question differently."),
    ("publishers", "string", "Independent publishers that carry it, separated by ';'."),
    ("sources", "string", "Ids of the sources quoted, separated by ';'."),
    ("evidence_count", "integer", "How many quotes carry it (rows in evidence.csv)."),
    ("url", "string", "The claim's page."),
)
EVIDENCE_COLUMNS = (
    ("claim_id", "string", "The claim this quote carries (claims.csv id)."),
    ("index", "integer", "The quote's place among the claim's evidence, from 0."),
    ("source_id", "string", "The source quoted."),
    ("publisher", "string", "The source's publisher."),
    ("stance", "string", "What the source does with the claim: reports, supports or disputes."),
    ("attribution", "string", "How the passage attributes the claim: own-text, direct-quote, paraphrase or none."),
    ("language", "string", "The quote's language (ISO 639-1)."),
    ("quote", "string", "The passage, verbatim; '…' marks skipped words."),
    ("translation", "string", "An English translation, for a quote not in English."),
    ("translated_by", "string", "Who translated: source or editors."),
    ("source_url", "string", "The original article."),
    ("passage_url", "string", "The passage marked on the site's copy of the source."),
)
PLACE_COLUMNS = (
    ("id", "string", "The place's id; its page is places/<id>/."),
    ("name", "string", "The name readers know, in English spelling."),
    ("kind", "string", "country, region, city, district or site."),
    ("parent", "string", "The id of the place it lies in."),
    ("latitude", "number", "Degrees north (WGS 84)."),
    ("longitude", "number", "Degrees east (WGS 84)."),
    ("precision", "string", "How exactly the coordinates place it: site, district, city, region or country."),
    ("coordinates_source", "string", "Where the coordinates come from."),
    ("aliases", "string", "Other names and spellings, separated by ';'."),
    ("events", "string", "Ids of the events that name it as their place, separated by ';'."),
    ("url", "string", "The place's page."),
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A CSV cell; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv(columns: tuple[tuple[str, str, str], ...], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([name for name, _type, _about in columns])
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name, _type, _about in columns])
    return buffer.getvalue()


def claim_row(data: dict[str, Any]) -> dict[str, Any]:
    value = data["value"] or {}
    return {
        "id": data["id"],
        "statement": data["statement"],
        "claimant": data["claimant"]["id"],
        "claimant_name": data["claimant"]["name"],
        "claimed": data["claimed"],
        "question": data["question"]["id"] if data["question"] else None,
        "answer": data["answer"],
        "value_number": value.get("number"),
        "value_unit": value.get("unit"),
        "value_qualifier": value.get("qualifier"),
        "events": ";".join(e["id"] for e in data["events"]),
        "actors": ";".join(a["id"] for a in data["actors"]),
        "places": ";".join(p["id"] for p in data["places"]),
        "tags": ";".join(data["tags"]),
        "on_record": data["on_record"],
        "attested_by": ";".join(data["attested_by"]),
        "status": data["status"],
        "contested": data["contested"],
        "publishers": ";".join(data["publishers"]),
        "sources": ";".join(dict.fromkeys(e["source"] for e in data["evidence"])),
        "evidence_count": len(data["evidence"]),
        "url": data["url"],
    }


def evidence_rows(data: dict[str, Any], corpus: Corpus) -> list[dict[str, Any]]:
    return [
        {
            "claim_id": data["id"],
            "index": number,
            "source_id": item["source"],
            "publisher": item["publisher"],
            "stance": item["stance"],
            "attribution": item["attribution"],
            "language": item["language"],
            "quote": item["quote"],
            "translation": item["translation"],
            "translated_by": item["translated_by"],
            "source_url": corpus.sources[item["source"]].url,
            "passage_url": item["passage"],
        }
        for number, item in enumerate(data["evidence"])
    ]


def _json(value: Any) -> str:
    # Compact: json.dumps with an indent runs the pure-Python encoder, 4x slower over 10,000 claim files.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def data_package(site_name: str, counts: dict[str, int]) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the data folder."""

    def table(
        name: str, path: str, columns: tuple[tuple[str, str, str], ...], about: str, extra: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "name": name,
            "path": path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": about,
            "schema": {"fields": [{"name": n, "type": t, "description": d} for n, t, d in columns], **extra},
        }

    def document(kind: str) -> dict[str, Any]:
        return {
            "name": f"{kind}-json",
            "path": f"{kind}.json",
            "profile": "data-resource",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "description": f"Every {kind[:-1]} record ({counts.get(kind, 0)}), as a JSON array sorted by id.",
        }

    return {
        "profile": "data-package",
        "name": "qantar-claims",
        "title": site_name,
        "description": (
            "Who claimed what, and which sources say so: every claim with its claimant and the verbatim "
            "quotes that carry it, with the actors, events, contested questions and sources they "
            "refer to. Quotes remain the work of their publishers; a source's full text is included "
            "only where its licence allows it (rights: full-text). In the CSV files a cell that would "
            "start with =, +, -, @ or a control character is prefixed with an apostrophe."
        ),
        "resources": [
            table("claims", "claims.csv", CLAIM_COLUMNS, "One row per claim.", {"primaryKey": ["id"]}),
            table(
                "evidence",
                "evidence.csv",
                EVIDENCE_COLUMNS,
                "One row per quote (evidence entry).",
                {
                    "primaryKey": ["claim_id", "index"],
                    "foreignKeys": [{"fields": ["claim_id"], "reference": {"resource": "claims", "fields": ["id"]}}],
                },
            ),
            table(
                "places",
                "places.csv",
                PLACE_COLUMNS,
                "One row per place.",
                {
                    "primaryKey": ["id"],
                    "foreignKeys": [{"fields": ["parent"], "reference": {"resource": "places", "fields": ["id"]}}],
                },
            ),
            *(document(kind) for kind in ("claims", "actors", "events", "questions", "sources", "places")),
            {
                "name": "places-geojson",
                "path": "places.geojson",
                "profile": "data-resource",
                "format": "geojson",
                "mediatype": "application/geo+json",
                "encoding": "utf-8",
                "description": "Every place as a GeoJSON Point (RFC 7946, longitude first, WGS 84), with the same "
                "properties as places.json; opens in QGIS or geojson.io. Coordinates are never more "
                "precise than their stated source: see each feature's precision.",
            },
        ],
    }


def export_files(corpus: Corpus, index: Index, facts: dict[str, ClaimFacts], settings: Settings) -> dict[str, str]:
    """Every data file, by its path under the docs folder: data/*.json, data/*.csv, data/datapackage.json,
    and claims/<id>.json beside each claim's page."""
    site_url = settings.site_url
    claims = [claim_data(corpus.claims[i], corpus, index, facts[i], site_url) for i in sorted(corpus.claims)]
    files: dict[str, str] = {}
    for data in claims:
        files[claim_json(data["id"])] = _json(data)
    files[f"{DATA_FOLDER}/claims.json"] = _json(claims)
    files[f"{DATA_FOLDER}/actors.json"] = _json(
        [actor_data(corpus.actors[i], index, site_url) for i in sorted(corpus.actors)]
    )
    files[f"{DATA_FOLDER}/events.json"] = _json(
        [event_data(corpus.events[i], index, site_url) for i in sorted(corpus.events)]
    )
    files[f"{DATA_FOLDER}/questions.json"] = _json(
        [question_data(corpus.questions[i], index, site_url) for i in sorted(corpus.questions)]
    )
    files[f"{DATA_FOLDER}/sources.json"] = _json(
        [source_data(corpus.sources[i], index, site_url) for i in sorted(corpus.sources)]
    )
    places = [place_data(corpus.places[i], index, site_url) for i in sorted(corpus.places)]
    files[f"{DATA_FOLDER}/places.json"] = _json(places)
    files[f"{DATA_FOLDER}/places.geojson"] = _json(places_geojson(places))
    files[f"{DATA_FOLDER}/places.csv"] = _csv(
        PLACE_COLUMNS,
        [{**data, "aliases": ";".join(data["aliases"]), "events": ";".join(data["events"])} for data in places],
    )
    files[f"{DATA_FOLDER}/claims.csv"] = _csv(CLAIM_COLUMNS, [claim_row(data) for data in claims])
    files[f"{DATA_FOLDER}/evidence.csv"] = _csv(
        EVIDENCE_COLUMNS, [row for data in claims for row in evidence_rows(data, corpus)]
    )
    package = data_package(settings.site_name, corpus.counts())
    if licence := data_licence(settings):
        package["licenses"] = [licence.package_entry()]
        files[f"{DATA_FOLDER}/LICENSE.txt"] = licence.notice(settings.site_name)
    files[f"{DATA_FOLDER}/datapackage.json"] = _json(package)
    return files
