"""Views: what the explorer pages show, computed as plain data (no markup) from the corpus and its index.

The figures ledger's rows and chart geometry, the stance matrix and the claims explorer's facets are worked out
here (the timeline's in timeline.py), once, in named functions; pages.py and charts.py turn them into contexts and
SVG, and the templates only present them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field

from ..dates import MONTHS, PartialDate
from ..derive import ON_RECORD, STATUSES, ClaimFacts
from ..link import Citation, Index
from ..model import Claim, Corpus, Question, Source
from ..ordering import figure_key, question_key, source_key, value_key

# -- figures ledger ------------------------------------------------------------------------------


@dataclass
class LedgerPoint:
    claim: Claim
    x0: float  # fractions of the plot's width (0 = left); equal for a day, apart for a month or a year
    x1: float
    y: float  # fraction of the plot's height (0 = top)
    by: PartialDate | None = None  # for a figure with no date of its own: its earliest source's date ("by …")


@dataclass
class Tick:
    at: float  # fraction of the axis
    label: str


@dataclass
class Ledger:
    """Every figure given in answer to a numeric question, with the range across sources and a chart."""

    question: Question
    claims: list[Claim]  # by date claimed (undated last), then by value
    dated: list[LedgerPoint]
    undated: list[LedgerPoint]  # x is their place in the 'date not known' strip
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    low: Claim
    high: Claim
    by_source: list[tuple[Source, list[Claim]]] = field(default_factory=list)

    @property
    def unit(self) -> str:
        return self.question.unit


def _nice_step(span: float, count: int = 5) -> float:
    raw = span / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def number_text(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _value_axis(values: list[float]) -> tuple[float, float, list[float]]:
    """A value axis from zero (figures are counts: a cut axis would exaggerate the gaps between them) to a round
    number above the highest figure."""
    high = max(max(values), 1.0)
    step = _nice_step(high)
    top = math.ceil(high / step) * step
    if top == high:
        top += step
    ticks = [step * n for n in range(int(round(top / step)) + 1)]
    return 0.0, top, ticks


def _date_axis(starts: list[dt.date], ends: list[dt.date]) -> tuple[dt.date, dt.date, list[tuple[dt.date, str]]]:
    first, last = min(starts), max(ends)
    pad = max(dt.timedelta(days=45), (last - first) * 0.08)
    first, last = first - pad, last + pad
    if (last - first).days > 600:
        ticks = [(dt.date(year, 1, 1), str(year)) for year in range(first.year + 1, last.year + 1)]
    else:
        ticks = []
        year, month = first.year, first.month
        step = 1 if (last - first).days <= 200 else 3
        while True:
            month += 1
            if month > 12:
                year, month = year + 1, 1
            day = dt.date(year, month, 1)
            if day > last:
                break
            if (month - 1) % step == 0:
                ticks.append((day, f"{MONTHS[month][:3]} {year}" if month == 1 or not ticks else MONTHS[month][:3]))
    return first, last, ticks


def latest_possible_date(claim: Claim, corpus: Corpus) -> PartialDate | None:
    """The latest date an undated claim can have been made: the publication date of its earliest source."""
    dates = [date for item in claim.evidence if (date := corpus.sources[item.source].published) is not None]
    return min(dates, key=lambda date: (date.latest(), date.earliest())) if dates else None


def ledger(question: Question, index: Index, corpus: Corpus) -> Ledger | None:
    """The figures ledger of one numeric question, or None when no claim gives it a figure."""
    claims = [c for c in index.claims_answering(question.id) if c.value]
    if not question.unit or not claims:
        return None
    claims.sort(key=figure_key)
    values = [c.value.number for c in claims if c.value]
    bottom, top, ticks = _value_axis(values)

    def y_of(number: float) -> float:
        return 1 - (number - bottom) / (top - bottom)

    when = {c.id: c.claimed or latest_possible_date(c, corpus) for c in claims}
    dated_claims = [c for c in claims if when[c.id]]
    undated_claims = [c for c in claims if not when[c.id]]
    dated: list[LedgerPoint] = []
    x_ticks: list[Tick] = []
    if dated_claims:
        spans = [(date.earliest(), date.latest()) for c in dated_claims if (date := when[c.id])]
        first, last, date_ticks = _date_axis([start for start, _end in spans], [end for _start, end in spans])
        width = (last - first).days

        def x_of(day: dt.date) -> float:
            return (day - first).days / width

        for claim in dated_claims:
            date = when[claim.id]
            assert date is not None and claim.value is not None
            start, end = date.earliest(), date.latest()
            dated.append(
                LedgerPoint(
                    claim,
                    x_of(start),
                    x_of(end + dt.timedelta(days=1)) if end > start else x_of(start),
                    y_of(claim.value.number),
                    None if claim.claimed else date,
                )
            )
        x_ticks = [Tick(x_of(day), label) for day, label in date_ticks]
    undated = [
        LedgerPoint(
            c,
            (n + 1) / (len(undated_claims) + 1),
            (n + 1) / (len(undated_claims) + 1),
            y_of(c.value.number if c.value else 0),
        )
        for n, c in enumerate(undated_claims)
    ]
    by_value = sorted(claims, key=value_key)
    sources: dict[str, list[Claim]] = {}
    for claim in claims:
        for item in claim.evidence:
            if item.stance != "disputes" and claim not in sources.setdefault(item.source, []):
                sources[item.source].append(claim)
    by_source = [
        (corpus.sources[source_id], sorted(found, key=value_key))
        for source_id, found in sorted(sources.items(), key=lambda s: source_key(corpus.sources[s[0]]))
    ]
    return Ledger(
        question,
        claims,
        dated,
        undated,
        [Tick(y_of(t), number_text(t)) for t in ticks],
        x_ticks,
        by_value[0],
        by_value[-1],
        by_source,
    )


def ledgers(corpus: Corpus, index: Index) -> list[Ledger]:
    found = [ledger(q, index, corpus) for q in sorted(corpus.questions.values(), key=question_key)]
    return [item for item in found if item is not None]


# -- stance matrix -------------------------------------------------------------------------------


# A matrix shows at most this many sources and claims, so that a page about a large event stays light and the
# work stays linear in the corpus: the sources carrying the most of these claims, and the first claims in order.
MATRIX_SOURCES = 12
MATRIX_CLAIMS = 100


@dataclass
class StanceMatrix:
    """Claims as rows, sources as columns; each cell holds the citations (none: the source is silent)."""

    sources: list[Source]
    rows: list[tuple[Claim, list[list[Citation]]]]
    all_sources: int = 0  # how many sources carry these claims in all
    all_claims: int = 0

    @property
    def partial(self) -> bool:
        return len(self.sources) < self.all_sources or len(self.rows) < self.all_claims


def stance_matrix(claims: list[Claim], index: Index, corpus: Corpus) -> StanceMatrix:
    carried: dict[str, int] = {}
    for claim in claims:
        for source_id in dict.fromkeys(item.source for item in claim.evidence):
            carried[source_id] = carried.get(source_id, 0) + 1
    busiest = sorted(carried, key=lambda s: (-carried[s], source_key(corpus.sources[s])))[:MATRIX_SOURCES]
    sources = sorted((corpus.sources[s] for s in busiest), key=source_key)
    rows = []
    for claim in claims[:MATRIX_CLAIMS]:
        by_source: dict[str, list[Citation]] = {}
        for citation in index.citations_of(claim.id):
            by_source.setdefault(citation.evidence.source, []).append(citation)
        rows.append((claim, [by_source.get(source.id, []) for source in sources]))
    return StanceMatrix(sources, rows, len(carried), len(claims))


# -- claims explorer -----------------------------------------------------------------------------

EXPLORER_PAGE = 50  # claims per page of the explorer's table, with or without JavaScript
FACET_CHOICES = 100  # choices a facet's menu lists: the most frequent in the view, and the one chosen

# Each facet: its key (the address's parameter), its label, and the vocabulary its values come from.
FACETS = (
    ("record", "On record", "record"),
    ("status", "Contested", "status"),
    ("claimant", "Claimant", "actors"),
    ("actor", "About actor", "actors"),
    ("event", "Event", "events"),
    ("question", "Question", "questions"),
    ("source", "Source", "sources"),
    ("publisher", "Publisher", "publishers"),
    ("tag", "Tag", "tags"),
)


_SEPARATORS = re.compile(r"[\W_]+")
_FOLDED: dict[int, str] = {}  # each non-ASCII character met so far -> its folded form (str.translate's table)


def _fold_character(char: str) -> str:
    if "\u0400" <= char <= "\u04ff":
        return "е" if char == "ё" else char
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.category(c).startswith("M"))


def fold(text: str) -> str:
    """Text as the explorer compares it: lower case, accents dropped from Latin letters (é -> e), ё -> е; other
    Cyrillic letters kept whole (й stays й). explorer.js folds what a reader types the same way."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    lowered = unicodedata.normalize("NFC", lowered)
    for char in set(lowered):
        if ord(char) > 127 and ord(char) not in _FOLDED:
            _FOLDED[ord(char)] = _fold_character(char)
    return lowered.translate(_FOLDED)


def words(text: str) -> list[str]:
    """The words of a text, folded (letters and digits; everything else separates them)."""
    return [word for word in _SEPARATORS.split(fold(text)) if word]


def slug(text: str) -> str:
    """A readable key for a name: its folded words joined by hyphens ("Novaya Gazeta Europe" ->
    "novaya-gazeta-europe"; Cyrillic stays Cyrillic)."""
    return "-".join(words(text))


def publisher_keys(corpus: Corpus) -> dict[str, str]:
    """Each publisher's key in the explorer's address: the slug of its name (novaya-gazeta-europe), numbered when two
    names give the same slug. Publishers are names, not records with ids."""
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted({s.publisher for s in corpus.sources.values()}, key=lambda n: (n.casefold(), n)):
        base = slug(name) or "publisher"
        key, number = base, 1
        while key in taken:
            number += 1
            key = f"{base}-{number}"
        keys[name] = key
        taken.add(key)
    return keys


@dataclass
class Vocabulary:
    """The values of a facet, in the order its menu and the sorting use (by label), with their labels."""

    keys: list[str]
    labels: list[str]
    position: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.position = {key: number for number, key in enumerate(self.keys)}


def _by_label(pairs: dict[str, str]) -> Vocabulary:
    ordered = sorted(pairs.items(), key=lambda pair: (pair[1].casefold(), pair[0]))
    return Vocabulary([key for key, _label in ordered], [label for _key, label in ordered])


def vocabularies(corpus: Corpus, publishers: dict[str, str]) -> dict[str, Vocabulary]:
    """Every facet's vocabulary; the two answers in their own order (as the statuses page explains them)."""
    return {
        "record": Vocabulary([r.key for r in ON_RECORD], [r.label for r in ON_RECORD]),
        "status": Vocabulary([s.key for s in STATUSES], [s.label for s in STATUSES]),
        "actors": _by_label({a.id: a.name for a in corpus.actors.values()}),
        "events": _by_label({e.id: e.title for e in corpus.events.values()}),
        "questions": _by_label({q.id: q.question for q in corpus.questions.values()}),
        "sources": _by_label({s.id: f"{s.publisher}: {s.title}" for s in corpus.sources.values()}),
        "publishers": _by_label({key: name for name, key in publishers.items()}),
        "tags": _by_label({tag: tag for claim in corpus.claims.values() for tag in claim.tags}),
    }


def claim_facets(claim: Claim, facts: ClaimFacts, corpus: Corpus, publishers: dict[str, str]) -> dict[str, list[str]]:
    """The values a claim has for each facet (keys of the facets' vocabularies)."""
    sources = list(dict.fromkeys(item.source for item in claim.evidence))
    return {
        "record": [facts.on_record.key],
        "status": [facts.status.key],
        "claimant": [claim.claimant],
        "actor": list(claim.actors),
        "event": list(claim.events),
        "question": [claim.question] if claim.question else [],
        "source": sources,
        "publisher": list(dict.fromkeys(publishers[corpus.sources[s].publisher] for s in sources)),
        "tag": list(claim.tags),
    }


@dataclass
class Facet:
    """One way to filter the claims: its address parameter, its label, its most frequent choices (value, label,
    count) and how many values it has in all."""

    key: str
    label: str
    options: list[tuple[str, str, int]]
    values: int = 0


def explorer_facets(
    claims: list[Claim], facts: dict[str, ClaimFacts], corpus: Corpus, limit: int = FACET_CHOICES
) -> list[Facet]:
    """Every facet with its most frequent choices, each with how many claims have it (the explorer's script
    recounts them for the view a reader chooses)."""
    publishers = publisher_keys(corpus)
    vocab = vocabularies(corpus, publishers)
    counts: dict[str, dict[str, int]] = {key: {} for key, _label, _vocabulary in FACETS}
    for claim in claims:
        for key, values in claim_facets(claim, facts[claim.id], corpus, publishers).items():
            for value in values:
                counts[key][value] = counts[key].get(value, 0) + 1
    facets = []
    for key, label, vocabulary in FACETS:
        found, words = counts[key], vocab[vocabulary]
        if key in ("record", "status"):  # three answers each, in their own order
            order = [value for value in words.keys if value in found]
        else:  # the most frequent first, then in the menu's order
            order = sorted(found, key=lambda value: (-found[value], words.position.get(value, 0)))[:limit]
        facets.append(
            Facet(
                key, label, [(value, words.labels[words.position[value]], found[value]) for value in order], len(found)
            )
        )
    return facets
