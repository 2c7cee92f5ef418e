"""JSON-LD: schema.org descriptions embedded in claim pages (Claim) and source pages (NewsArticle)."""

from __future__ import annotations

from typing import Any

from ..model import Claim, Corpus, Source
from .routes import kind_page, permalink

_NEWS_KINDS = {"report", "interview", "analysis", "opinion", "review"}
_PEOPLE = {"person", "anonymous"}


def _organisation(name: str) -> dict[str, str]:
    return {"@type": "Organization", "name": name}


def source_jsonld(source: Source, site_url: str = "") -> dict[str, Any]:
    """schema.org NewsArticle (or CreativeWork) for a stored source."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle" if source.kind in _NEWS_KINDS else "CreativeWork",
        "headline": source.title,
        "name": source.title,
        "url": source.url,
        "publisher": _organisation(source.publisher),
        "inLanguage": list(source.languages),
    }
    if source.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in source.authors]
    if source.published:
        data["datePublished"] = source.published.iso()
    if source.archived_url:
        data["archivedAt"] = source.archived_url
    if source.license:
        data["license"] = source.license
    if site_url:  # a relative address would resolve against the page, not the site: only an absolute one
        data["subjectOf"] = {"@type": "WebPage", "url": permalink(kind_page("source", source.id), site_url)}
    return data


def claim_jsonld(claim: Claim, corpus: Corpus, site_url: str = "") -> dict[str, Any]:
    """schema.org Claim: author = the claimant, appearance = the source articles, datePublished = when claimed."""
    claimant = corpus.actors.get(claim.claimant)
    author: dict[str, str] = {
        "@type": "Person" if claimant and claimant.kind in _PEOPLE else "Organization",
        "name": claimant.name if claimant else claim.claimant,
    }
    appearances = []
    for source_id in dict.fromkeys(item.source for item in claim.evidence):
        source = corpus.sources[source_id]
        appearance = {
            key: value
            for key, value in source_jsonld(source, site_url).items()
            if key not in {"@context", "subjectOf", "inLanguage", "archivedAt", "license"}
        }
        appearances.append(appearance)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Claim",
        "name": f"{claimant.name}: {claim.statement}" if claimant else claim.statement,
        "text": claim.statement,
        "author": author,
        "appearance": appearances,
    }
    if site_url:
        data["url"] = permalink(kind_page("claim", claim.id), site_url)
    if claim.claimed:
        data["datePublished"] = claim.claimed.iso()
    dated = sorted((a for a in appearances if "datePublished" in a), key=lambda a: str(a["datePublished"]))
    if dated:
        data["firstAppearance"] = dated[0]
    if claim.events:
        data["about"] = [{"@type": "Event", "name": corpus.events[e].title} for e in claim.events if e in corpus.events]
    if claim.tags:
        data["keywords"] = list(claim.tags)
    return data
