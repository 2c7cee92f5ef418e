"""Formats: how the site writes dates, names and qualifiers, for templates and charts alike."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..dates import PartialDate, date_range_human
from ..model import Event, Source
from ..schemas import QUALIFIER_WORDS

LANGUAGE_NAMES = {
    "en": "English",
    "ru": "Russian",
    "kk": "Kazakh",
    "uz": "Uzbek",
    "ky": "Kyrgyz",
    "de": "German",
    "fr": "French",
    "zh": "Chinese",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "be": "Belarusian",
}


def when(date: PartialDate | None, unknown: str = "date unknown") -> str:
    return date.human() if date else unknown


def event_when(event: Event) -> str:
    return date_range_human(event.date, event.end, event.approximate) if event.date else "date unknown"


def authors(source: Source) -> str:
    return ", ".join(source.authors) if source.authors else "unknown"


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def source_label(source: Source) -> str:
    """A short name for a source in a table's heading: publisher and year."""
    return f"{source.publisher}, {source.published.year}" if source.published else source.publisher


def joined_words(words: list[str]) -> str:
    """Words in a sentence: 'English', 'English and Russian', 'A, B and C'."""
    unique = list(dict.fromkeys(words))
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1] if unique else ""


def language_names(codes: list[str]) -> str:
    """Languages in a sentence: 'English and Russian'."""
    return joined_words([language_name(code) for code in codes])


def date_span(first: PartialDate, last: PartialDate) -> str:
    """From one date to another, in words: 'in March 2021' when both fall in one month (or one year)."""
    if (first.year, first.month) == (last.year, last.month) and not (first.day and first == last):
        return f"in {PartialDate(first.year, first.month).human()}"
    if first == last:
        return f"on {first.human()}"
    return f"from {first.human()} to {last.human()}"


def month_of(date: PartialDate) -> str:
    """The month (or year) a date falls in, in words: 'January 2022'."""
    return PartialDate(date.year, date.month).human()


ACTOR_KINDS = {
    "person": "person",
    "anonymous": "unnamed witness",
    "group": "group",
    "organisation": "organisation",
    "state-body": "state body",
    "state": "state",
    "media-outlet": "media outlet",
}


def actor_kind(kind: str) -> str:
    """What sort of actor it is, in words: 'state body' for state-body."""
    return ACTOR_KINDS.get(kind, kind.replace("-", " "))


def source_kind(kind: str) -> str:
    """What sort of text a source is, in words: 'official statement' for official-statement."""
    return kind.replace("-", " ")


def site_of(url: str) -> str:
    """The site an address is on, as readers know it: 'novayagazeta.eu' for https://www.novayagazeta.eu/…."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def value_words(qualifier: str) -> str:
    return QUALIFIER_WORDS.get(qualifier, qualifier) or "exactly"


def change_date(iso: str) -> str:
    """A change's date as the site writes dates: '23 November 2026'."""
    try:
        return PartialDate.parse(iso[:10]).human()
    except ValueError:
        return iso[:10]


ATTRIBUTION_WORDS = {
    "own-text": "in its own text",
    "direct-quote": "quoting the claimant",
    "paraphrase": "in its own words",
    "none": "without saying who claimed it",
}


def attribution_words(attribution: str) -> str:
    """How a passage attributes the claim, in a few words for the line above the quote."""
    return ATTRIBUTION_WORDS.get(attribution, attribution)
