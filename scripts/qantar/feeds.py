"""Feeds: the records' changes as Atom (RFC 4287), for the whole site and for each question.

An entry is one commit's change to one record, in the reader's words (changes.py): a journalist following a
question sees "figure: 225 → at least 225 people" under the claim's title, never a commit message. Links are
absolute when the site's address is known (site_url), else relative to the feed. Ids are stable URNs made from
the record and the commit, so that they do not change when the site moves.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from .changes import RecordChange, RecordHistory
from .model import Claim, Corpus, Record, kind_of, label_of
from .site.render import Page
from .site.routes import FEED, HOME, address, question_feed, record_page, relative

SITE_ENTRIES = 100  # the whole site's feed: the latest changes only
QUESTION_ENTRIES = 100
_NAMESPACE = uuid.UUID("7d4c1f3a-5b8e-4a59-9b1e-2f6a0c9d8e11")  # this engine's feeds
_EPOCH = "1970-01-01T00:00:00Z"  # a feed with no entry yet: a fixed date, so that builds stay identical


@dataclass(frozen=True)
class FeedEntry:
    record: Record
    title: str
    change: RecordChange


def _title(record: Record, corpus: Corpus) -> str:
    if isinstance(record, Claim) and record.claimant in corpus.actors:
        return f"{corpus.actors[record.claimant].name}: {record.statement}"
    return label_of(record)


def _entries(records: list[Record], history: RecordHistory, corpus: Corpus, limit: int) -> list[FeedEntry]:
    found = [
        FeedEntry(record, _title(record, corpus), change) for record in records for change in history.of(record.path)
    ]
    found.sort(key=lambda e: (e.change.utc, e.change.commit, kind_of(e.record).name, e.record.id), reverse=True)
    return found[:limit]


def _href(feed: str, page: str, site_url: str) -> str:
    return f"{site_url}{address(page)}" if site_url else _relative_address(feed, page)


def _relative_address(feed: str, page: str) -> str:
    """A page's address relative to the feed file (both relative to the site's root)."""
    return relative(feed, address(page)) or "./"


def atom(feed: str, title: str, about_page: str, entries: list[FeedEntry], site_name: str, site_url: str) -> str:
    """One Atom document: the feed's own links and id, then its entries, newest first."""
    feed_id = f"{site_url}{feed}" if site_url else f"urn:uuid:{uuid.uuid5(_NAMESPACE, feed)}"
    self_href = f"{site_url}{feed}" if site_url else feed.rsplit("/", 1)[-1]
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(feed_id)}</id>",
        f"  <updated>{escape(entries[0].change.utc if entries else _EPOCH)}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(self_href)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(_href(feed, about_page, site_url))}/>',
        f"  <author><name>{escape(site_name)} editors</name></author>",
    ]
    for entry in entries:
        page = record_page(entry.record)
        key = f"{kind_of(entry.record).name}/{entry.record.id}/{entry.change.commit}"
        lines += [
            "  <entry>",
            f"    <title>{escape(entry.title)}</title>",
            f"    <id>urn:uuid:{uuid.uuid5(_NAMESPACE, key)}</id>",
            f"    <updated>{escape(entry.change.utc)}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(_href(feed, page, site_url))}/>',
            f"    <summary>{escape(entry.change.summary[:1].upper() + entry.change.summary[1:])}.</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def feed_pages(corpus: Corpus, history: RecordHistory, site_name: str, site_url: str) -> list[Page]:
    """The whole site's feed and one feed per question (the question and the claims that answer it), also at the
    addresses of the question's former ids."""
    records: list[Record] = [
        *corpus.claims.values(),
        *corpus.actors.values(),
        *corpus.events.values(),
        *corpus.questions.values(),
        *corpus.sources.values(),
    ]
    pages = [
        Page(
            FEED,
            atom(
                FEED,
                f"{site_name}: changes to the records",
                HOME,
                _entries(records, history, corpus, SITE_ENTRIES),
                site_name,
                site_url,
            ),
        )
    ]
    answering: dict[str, list[Record]] = {}
    for claim in corpus.claims.values():
        if claim.question:
            answering.setdefault(claim.question, []).append(claim)
    for question in corpus.questions.values():
        entries = _entries([question, *answering.get(question.id, [])], history, corpus, QUESTION_ENTRIES)
        path = question_feed(question.id)
        feed = atom(path, f"{site_name}: {question.question}", record_page(question), entries, site_name, site_url)
        pages.append(Page(path, feed))
        # a feed has no redirect: the same feed stays at a former id's address, so that its subscribers keep it
        pages.extend(Page(question_feed(former), feed) for former in question.redirect_from)
    return pages
