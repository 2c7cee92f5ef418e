"""Render: one Jinja2 template per page kind, writing Markdown that any MkDocs-like engine publishes.

Escaping happens here, in one place, for every value: the environment's `finalize` turns each
`{{ value }}` into inert text (HTML-escaped, Markdown punctuation as character references), so
no field can become a tag, a link or a template. Only helpers in this module build markup, and
they mark it with `Markup` after escaping what they were given.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import views
from .dates import PartialDate, date_range_human
from .derive import CONTESTED, STATUSES, ClaimFacts, Status, answer_label
from .exports import claim_jsonld, page_url, source_jsonld
from .history import Change, History
from .licences import data_licence
from .link import Citation, Index
from .model import ID_PATTERN, QUALIFIER_WORDS, Actor, Claim, Corpus, Event, Question, Record, Source
from .quotes import text_fragment
from .validate import quote_language

TEMPLATES = Path(__file__).parent / "templates"

# Characters that Markdown (or its extensions: attr_list, footnotes, tables, emphasis) read as syntax anywhere
# in a line; those that matter only at the start of a line (lists, headings, setext underlines) are handled there.
_MARKDOWN_SPECIALS = {c: f"&#{ord(c)};" for c in "\\`*_{}[]<>|~^"}
_HTML_ESCAPES = {"&": "&amp;", '"': "&quot;", "'": "&#39;"}
_ESCAPES = {**_MARKDOWN_SPECIALS, **_HTML_ESCAPES}
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=#])")
_INVISIBLE_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\x00-\x08\x0b-\x1f\x7f]")

KIND_FOLDERS = {"claim": "claims", "actor": "actors", "event": "events", "question": "questions", "source": "sources"}
KIND_OF_CLASS = {Claim: "claim", Actor: "actor", Event: "event", Question: "question", Source: "source"}


def md_escape(value: Any) -> str:
    """Make any value inert, one-line text in Markdown and HTML alike."""
    text = " ".join(_INVISIBLE_CONTROLS.sub("", str(value)).split())
    # a regular expression finds the few characters to replace (2.5x faster than str.translate on such text)
    escaped = _NEEDS_ESCAPE.sub(_escape_character, text) if _NEEDS_ESCAPE.search(text) else text
    return _LINE_START.sub(_escape_line_start, escaped, count=1)


def _escape_character(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


def _escape_line_start(match: re.Match[str]) -> str:
    if match.group(1):
        return f"{match.group(1)}&#{ord(match.group(2))};"
    return f"&#{ord(match.group(3))};"


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return md_escape(value)


def paragraphs(text: str) -> Markup:
    """Editor text with blank-line paragraphs, each escaped."""
    parts = [md_escape(part) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    return Markup("\n\n".join(parts))


def plain_title(text: str) -> str:
    """A page title that stays text even where a theme un-escapes it (MkDocs' <title> uses striptags)."""
    cleaned = " ".join(_INVISIBLE_CONTROLS.sub("", text).split()).replace("<", "‹").replace(">", "›")
    return html.escape(cleaned, quote=True)


@dataclass
class Page:
    """A generated page: where it goes, and its Markdown."""

    path: str  # relative to the docs folder
    text: str


class Renderer:
    """Holds the one Jinja2 environment, the corpus and its index, and renders each page kind."""

    def __init__(self, corpus: Corpus, index: Index, facts: dict[str, ClaimFacts], settings: dict[str, Any],
                 history: History | None = None) -> None:
        self.corpus, self.index, self.facts, self.settings = corpus, index, facts, settings
        self.history = history or History()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)),
            autoescape=False,  # Markdown, not HTML: escaping is done by _finalize, for every value
            finalize=_finalize,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals.update(
            corpus=corpus, index=index, facts=facts, statuses=STATUSES, contested=CONTESTED,
            site_name=settings.get("site_name", ""),
            link=self.link, ext_link=ext_link, badge=self.badge, when=when, event_when=event_when,
            paragraphs=paragraphs, answer_label=answer_label, quote_language=quote_language,
            fragment_link=self.fragment_link, authors=authors, attr=attr, sorted_claims=sorted_claims,
            actor_kinds=actor_kind_label,
            history=self.history, site_url=settings.get("site_url", ""), commit_date=commit_date,
            permalink_text=self.permalink_text, json_ld=json_ld, claim_jsonld=claim_jsonld,
            source_jsonld=source_jsonld, language_name=language_name,
            stance_cell=self.stance_cell, source_label=source_label, timeline_chart=self.timeline_chart,
            ledger_chart=self.ledger_chart, explorer_form=explorer_form, row_facets=self.row_facets,
            tags_listing=tags_listing, value_words=value_words,
            explore_link=self.explore_link, tag_link=tag_link, data_link=data_link, data_index_link=data_index_link,
            figures_link=figures_link, display_name=display_name, publishers_of=self.publishers_of,
            method_link=method_link, offline_copy=bool(settings.get("offline_copy")),
        )
        self.env.filters["answer_label"] = answer_label
        self.templates: dict[str, jinja2.Template] = {}

    def template(self, name: str) -> jinja2.Template:
        if name not in self.templates:
            self.templates[name] = self.env.get_template(name)
        return self.templates[name]

    # -- helpers that build markup ------------------------------------------------------------
    def link(self, record: Record, text: Any = None, anchor: str = "", depth: int = 1) -> Markup:
        """A Markdown link to a record's page, relative to a page `depth` folders deep."""
        kind = KIND_OF_CLASS[type(record)]
        label = text if text is not None else display_name(record)
        target = f"{'../' * depth}{KIND_FOLDERS[kind]}/{record.id}.md"
        if anchor:
            target += f"#{anchor}"
        return Markup(f"[{md_escape(label)}]({target})")

    def badge(self, status: Status, depth: int = 1) -> Markup:
        return Markup(f'[{md_escape(status.label)}]({"../" * depth}statuses.md#{status.key})'
                      f'{{ .qc-badge .qc-{status.key} }}')

    def fragment_link(self, citation: Citation) -> Markup:
        """A link to the passage in the original article (text fragment), when the quote was found."""
        source = self.corpus.sources[citation.evidence.source]
        if not citation.match:
            return ext_link(source.url, "original article")
        first_start, first_end = citation.match.spans[0]
        last_start, last_end = citation.match.spans[-1]
        passage = source.text[first_start:first_end]
        if len(citation.match.spans) > 1:
            passage = source.text[first_start:first_end] + " " + source.text[last_start:last_end]
        return ext_link(source.url + text_fragment(passage), "passage in the original")

    def permalink_text(self, record: Record) -> str:
        """The address readers cite: absolute when the site's address is configured, else from the site's root."""
        return page_url(KIND_FOLDERS[KIND_OF_CLASS[type(record)]], record.id, self.settings.get("site_url", ""))

    def explore_link(self, key: str, value: str, text: Any, depth: int = 1) -> Markup:
        """A link to the claims explorer, filtered by one facet (the filter lives in the query string)."""
        if not ID_PATTERN.match(key) or not ID_PATTERN.match(value):
            return Markup("")
        return Markup(f"[{md_escape(text)}]({'../' * depth}claims/index.md?{key}={value})")

    def publishers_of(self, claim: Claim) -> list[str]:
        """Every publisher quoted for a claim (disputing ones too), in the order of its evidence."""
        return list(dict.fromkeys(self.corpus.sources[item.source].publisher for item in claim.evidence))

    def stance_cell(self, citations: list[Citation], depth: int = 1) -> Markup:
        """A cell of the stance matrix: each stance links to its passage; no citation: the source is silent."""
        if not citations:
            return Markup('<span class="qc-silent">silent</span>')
        parts = []
        for citation in citations:
            stance = citation.evidence.stance
            target = f"{'../' * depth}sources/{citation.evidence.source}.md#{citation.anchor}"
            parts.append(f"[{md_escape(stance)}]({target}){{ .qc-stance .qc-stance-{md_escape(stance)} }}")
        return Markup(" ".join(parts))

    def row_facets(self, claim: Claim) -> Markup:
        """The hidden marker that carries a claims-table row's facets, for the explorer's filters."""
        facets = views.claim_facets(claim, self.facts[claim.id], self.corpus)
        data = "".join(f' data-{key}="{md_escape(" ".join(values))}"' for key, values in facets.items()
                       if values)  # an absent facet reads as empty in explorer.js: ten thousand rows stay lighter
        if claim.claimed:
            first, last = claim.claimed.earliest().isoformat(), claim.claimed.latest().isoformat()
            data += f' data-from="{first}" data-to="{last}"'
        return Markup(f'<span class="qc-row" hidden{data}></span>')

    def mark_link(self, record: Record, label: str, box: tuple[float, float, float, float], size: tuple[float, float],
                  depth: int, classes: str) -> str:
        """A link laid over a chart's mark (Markdown, so that MkDocs resolves it in every build)."""
        left, top, width, height = (100 * box[0] / size[0], 100 * box[1] / size[1], 100 * box[2] / size[0],
                                    100 * box[3] / size[1])
        target = f"{'../' * depth}{KIND_FOLDERS[KIND_OF_CLASS[type(record)]]}/{record.id}.md"
        style = f"left: {left:.3f}%; top: {top:.3f}%; width: {width:.3f}%; height: {height:.3f}%"
        return f'[<span class="qc-tip">{md_escape(label)}</span>]({target}){{ .qc-mark {classes} style="{style}" }}'

    def timeline_chart(self, overview: views.TimelineOverview, depth: int = 0) -> Markup:
        """The overview: a band per phase, a mark per event (a link), columns of dates in order."""
        label_w, col_w, row_h, pad, top = 236.0, 52.0, 20.0, 7.0, 48.0
        width = label_w + col_w * len(overview.columns) + 8
        height = top + sum(band.rows * row_h + 2 * pad for band in overview.bands) + 6
        svg: list[str] = [f'<svg class="qc-timeline-svg" viewBox="0 0 {width:.0f} {height:.0f}" '
                          'xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="qc-timeline-title">'
                          '<title id="qc-timeline-title">Overview of the events in date order; the list below '
                          'gives every event.</title>']

        def col_x(number: int) -> float:
            return label_w + col_w * number

        for number, year in overview.years():
            svg.append(f'<text class="qc-axis-year" x="{col_x(number) + 3:.1f}" y="16">{year}</text>')
        for number, column in enumerate(overview.columns):
            svg.append(f'<text class="qc-axis-label" x="{col_x(number) + col_w / 2:.1f}" y="38" '
                       f'text-anchor="middle">{md_escape(column.label)}</text>')
            svg.append(f'<line class="qc-grid" x1="{col_x(number):.1f}" y1="{top - 4:.0f}" x2="{col_x(number):.1f}" '
                       f'y2="{height:.0f}"/>')
        for number in overview.breaks:
            svg.append(f'<line class="qc-break" x1="{col_x(number):.1f}" y1="2" x2="{col_x(number):.1f}" '
                       f'y2="{height:.0f}"/>')
        marks: list[str] = []
        y = top
        for band_number, band in enumerate(overview.bands):
            band_h = band.rows * row_h + 2 * pad
            svg.append(f'<rect class="qc-band qc-band-{band_number % 2}" x="0" y="{y:.1f}" width="{width:.0f}" '
                       f'height="{band_h:.1f}"/>')
            svg.append(f'<text class="qc-band-label" x="6" y="{y + pad + row_h - 5:.1f}">'
                       f'{md_escape(_shorten(band.phase.title, 26))}</text>')
            for mark in band.marks:
                x0 = col_x(mark.first) + 3
                x1 = col_x(mark.last) + col_w - 3
                my = y + pad + mark.row * row_h + 2
                event = mark.event
                precision = event.date.precision if event.date else "day"
                kind = f"qc-ev-{precision}" + (" qc-phase" if mark.is_phase else "")
                kind += " qc-ev-approx" if event.approximate else ""
                svg.append(f'<rect class="qc-ev {kind}" x="{x0:.1f}" y="{my:.1f}" width="{x1 - x0:.1f}" '
                           f'height="{row_h - 4:.1f}" rx="3"/>')
                count = len(self.index.claims_about_event(event.id))
                label = f"{event.title}: {event_when(event)}; {count} claim{'s' if count != 1 else ''}"
                marks.append(self.mark_link(event, label, (x0, my - 1, x1 - x0, row_h - 2), (width, height), depth,
                                            ".qc-mark-bar"))
            y += band_h
        svg.append("</svg>")
        return _chart("qc-timeline-chart", "".join(svg), marks, width * 0.7)

    def ledger_chart(self, ledger: views.Ledger, depth: int = 0) -> Markup:
        """Each figure against the date it was claimed; undated figures apart, on the right; each mark a link."""
        width, height = 640.0, 340.0
        left, right, top, bottom = 70.0, 626.0, 32.0, 282.0
        strip = min(max(120.0, 44.0 * (len(ledger.undated) + 1)), 260.0) if ledger.undated else 0.0
        plot_right = right - strip - (24 if strip else 0)
        svg: list[str] = [f'<svg class="qc-ledger-svg" viewBox="0 0 {width:.0f} {height:.0f}" '
                          'xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="qc-ledger-title-'
                          f'{ledger.question.id}"><title id="qc-ledger-title-{ledger.question.id}">'
                          f'{md_escape(ledger.question.question)} Figures against the date they were claimed; '
                          'the table below lists them.</title>']

        def y_at(fraction: float) -> float:
            return top + fraction * (bottom - top)

        for tick in ledger.y_ticks:
            y = y_at(tick.at)
            svg.append(f'<line class="qc-grid" x1="{left:.0f}" y1="{y:.1f}" x2="{right:.0f}" y2="{y:.1f}"/>')
            svg.append(f'<text class="qc-axis-label" x="{left - 6:.0f}" y="{y + 4:.1f}" text-anchor="end">'
                       f'{md_escape(tick.label)}</text>')
        svg.append(f'<text class="qc-axis-unit" x="4" y="{top - 16:.0f}">{md_escape(ledger.unit)}</text>')
        if ledger.dated:
            for tick in ledger.x_ticks:
                x = left + tick.at * (plot_right - left)
                svg.append(f'<line class="qc-grid" x1="{x:.1f}" y1="{top:.0f}" x2="{x:.1f}" y2="{bottom:.0f}"/>')
                svg.append(f'<text class="qc-axis-label" x="{x:.1f}" y="{bottom + 20:.0f}" text-anchor="middle">'
                           f'{md_escape(tick.label)}</text>')
            svg.append(f'<text class="qc-axis-title" x="{(left + plot_right) / 2:.0f}" y="{bottom + 46:.0f}" '
                       'text-anchor="middle">date claimed</text>')
        else:
            svg.append(f'<text class="qc-axis-title" x="{(left + plot_right) / 2:.0f}" y="{(top + bottom) / 2:.0f}" '
                       'text-anchor="middle">no figure has a known date</text>')
        svg.append(f'<line class="qc-axis" x1="{left:.0f}" y1="{bottom:.0f}" x2="{plot_right:.0f}" '
                   f'y2="{bottom:.0f}"/>')
        if strip:
            x0 = right - strip
            svg.append(f'<rect class="qc-undated" x="{x0:.0f}" y="{top:.0f}" width="{strip:.0f}" '
                       f'height="{bottom - top:.0f}"/>')
            svg.append(f'<text class="qc-axis-title" x="{x0 + strip / 2:.0f}" y="{bottom + 20:.0f}" '
                       'text-anchor="middle">date not known</text>')
        marks: list[str] = []
        points = [(p, left + p.x0 * (plot_right - left), left + p.x1 * (plot_right - left)) for p in ledger.dated]
        points += [(p, right - strip + p.x0 * strip, right - strip + p.x1 * strip) for p in ledger.undated]
        for point, x0, x1 in points:
            y = y_at(point.y)
            claim = point.claim
            assert claim.value is not None
            if x1 - x0 > 1:
                svg.append(f'<rect class="qc-period" x="{x0:.1f}" y="{y - 4:.1f}" width="{x1 - x0:.1f}" height="8" '
                           'rx="4"/>')
            cx = (x0 + x1) / 2
            svg.append(_marker(claim.value.qualifier, cx, y))
            label = views.number_text(claim.value.number)
            if claim.claimed and claim.claimed.precision != "day":
                label += f" ({claim.claimed.human()})"
            if claim.claimed:  # beside a dated mark; above an undated one (they stand side by side)
                svg.append(f'<text class="qc-point-label" x="{cx + 9:.1f}" y="{y + 5:.1f}">{md_escape(label)}</text>')
            else:
                svg.append(f'<text class="qc-point-label" x="{cx:.1f}" y="{y - 11:.1f}" text-anchor="middle">'
                           f"{md_escape(label)}</text>")
            claimant = self.corpus.actors[claim.claimant].name
            tip = (f"{answer_label(claim)}: {claimant}, "
                   f"{'claimed ' + claim.claimed.human() if claim.claimed else 'date not known'}")
            box = (min(x0, cx - 11), y - 11, max(x1 - x0, 22), 22)
            marks.append(self.mark_link(claim, tip, box, (width, height), depth, ".qc-mark-point"))
        svg.append("</svg>")
        return _chart("qc-ledger-chart", "".join(svg), marks, 330)

    # -- pages ------------------------------------------------------------------------------
    def page(self, template: str, path: str, record: Record | None = None, **context: Any) -> Page:
        edit_path = record.path if record else ""
        text = self.template(template).render(record=record, edit_path=edit_path, edit_url=self.edit_url(edit_path),
                                              **context)
        return Page(path, text)

    def edit_url(self, edit_path: str) -> str:
        base = self.settings.get("edit_url", "")
        return base + edit_path if base and edit_path else ""

    def all_pages(self) -> Iterable[Page]:
        corpus = self.corpus
        for claim in corpus.claims.values():
            yield self.page("claim.md.j2", f"claims/{claim.id}.md", claim, claim=claim, fact=self.facts[claim.id],
                            citations=self.index.citations_of(claim.id))
        for actor in corpus.actors.values():
            yield self.page("actor.md.j2", f"actors/{actor.id}.md", actor, actor=actor)
        for event in corpus.events.values():
            about = sorted_claims(self.index.claims_about_event(event.id))
            yield self.page("event.md.j2", f"events/{event.id}.md", event, event=event, about=about,
                            matrix=views.stance_matrix(about, self.index, corpus))
        for question in corpus.questions.values():
            answers = question_answers(question, self.index)
            yield self.page("question.md.j2", f"questions/{question.id}.md", question, question=question,
                            answers=answers, matrix=views.stance_matrix(answers, self.index, corpus),
                            ledger=views.ledger(question, self.index, corpus))
        for source in corpus.sources.values():
            yield self.page("source.md.j2", f"sources/{source.id}.md", source, source=source,
                            blocks=source_blocks(source, self.index.claims_citing(source.id)))
        claims = sorted_claims(corpus.claims.values())
        yield self.page("claims_index.md.j2", "claims/index.md", claims=claims,
                        facets=views.explorer_facets(claims, self.facts, corpus))
        yield self.page("actors_index.md.j2", "actors/index.md", groups=actors_by_kind(corpus))
        yield self.page("events_index.md.j2", "events/index.md", events=events_in_order(corpus))
        yield self.page("questions_index.md.j2", "questions/index.md",
                        questions=sorted(corpus.questions.values(), key=lambda q: q.question.casefold()))
        yield self.page("sources_index.md.j2", "sources/index.md", sources=sources_in_order(corpus))
        yield self.page("statuses.md.j2", "statuses.md")
        yield self.page("home.md.j2", "index.md", counts=corpus.counts(), ledgers=views.ledgers(corpus, self.index))
        yield self.page("timeline.md.j2", "timeline.md", overview=views.timeline_overview(corpus, self.index),
                        years=views.timeline_entries(corpus, self.index))
        yield self.page("figures.md.j2", "figures.md", ledgers=views.ledgers(corpus, self.index))
        yield self.page("tags_index.md.j2", "tags/index.md", tags=self.index.tags())
        for tag in self.index.tags():
            yield self.page("tag.md.j2", tag_page(tag), tag=tag, claims=sorted_claims(self.index.claims_tagged(tag)))
        yield self.page("data_index.md.j2", "data/index.md", counts=corpus.counts(),
                        licence=data_licence(self.settings))
        for record in itertools.chain(corpus.claims.values(), corpus.actors.values(), corpus.events.values(),
                                      corpus.questions.values(), corpus.sources.values()):
            folder = KIND_FOLDERS[KIND_OF_CLASS[type(record)]]
            for old in record.redirect_from:
                yield self.page("redirect.md.j2", f"{folder}/{old}.md", target=record, old=old, folder=folder)


# -- presentation helpers (pure functions, used by the templates) ---------------------------------

_LABEL_FIELD = {Claim: "statement", Actor: "name", Event: "title", Question: "question", Source: "title"}


def display_name(record: Record) -> str:
    """The text a link to a record shows."""
    return getattr(record, _LABEL_FIELD[type(record)]) or record.id


def ext_link(url: str, text: Any) -> Markup:
    """A link out of the site. The address was validated as http(s); it is still escaped as an attribute."""
    return Markup(f'<a href="{html.escape(url, quote=True)}" rel="noopener noreferrer nofollow">'
                  f"{md_escape(text)}</a>")


def attr(value: Any) -> Markup:
    """A value for a YAML front-matter string (JSON is YAML), with no way out of its quotes."""
    return Markup(json.dumps(plain_title(str(value)), ensure_ascii=False))


def when(date: PartialDate | None, unknown: str = "date unknown") -> str:
    return date.human() if date else unknown


def event_when(event: Event) -> str:
    return date_range_human(event.date, event.end, event.approximate) if event.date else "date unknown"


def authors(source: Source) -> str:
    return ", ".join(source.authors) if source.authors else "unknown"


def actor_kind_label(kind: str) -> str:
    return {"person": "People", "anonymous": "Unnamed witnesses", "group": "Groups", "organisation": "Organisations",
            "state-body": "State bodies", "state": "States", "media-outlet": "Media outlets"}.get(kind, kind)


def sorted_claims(claims: Iterable[Claim]) -> list[Claim]:
    """Claims in reading order: by the date claimed (unknown last), then statement."""
    return sorted(claims, key=lambda c: (c.claimed is None, c.claimed.earliest() if c.claimed else None,
                                         c.statement.casefold(), c.id))


def events_in_order(corpus: Corpus) -> list[Event]:
    return sorted(corpus.events.values(), key=lambda e: (e.date.earliest() if e.date else None,
                                                         e.date.precision != "year" if e.date else True,
                                                         e.title.casefold(), e.id))


def sources_in_order(corpus: Corpus) -> list[Source]:
    return sorted(corpus.sources.values(), key=lambda s: (s.published is None,
                                                          s.published.earliest() if s.published else None, s.id))


def actors_by_kind(corpus: Corpus) -> list[tuple[str, list[Actor]]]:
    groups: dict[str, list[Actor]] = {}
    for actor in sorted(corpus.actors.values(), key=lambda a: (a.name.casefold(), a.id)):
        groups.setdefault(actor.kind, []).append(actor)
    order = ["person", "state-body", "state", "organisation", "group", "media-outlet", "anonymous"]
    return [(kind, groups[kind]) for kind in order if kind in groups]


def question_answers(question: Question, index: Index) -> list[Claim]:
    """Answers side by side: by value (numbers ascending) or answer label, then by date claimed."""
    def key(claim: Claim) -> tuple[Any, ...]:
        number = claim.value.number if claim.value else float("inf")
        claimed = claim.claimed.earliest().isoformat() if claim.claimed else "9999"  # undated answers last
        return (number, answer_label(claim).casefold(), claimed, claim.id)
    return sorted(index.claims_answering(question.id), key=key)


@dataclass
class SourceBlock:
    """A paragraph of a source's text (or an excerpt), with the cited passages marked."""

    html: Markup
    excerpt: bool = False


def _mark_segments(text: str, offset: int, citations: list[Citation], depth: int = 1) -> Markup:
    """Escape a stretch of text and wrap every cited passage in <mark>, with an anchor and a link to the claim."""
    local_spans: list[tuple[int, int, Citation, int]] = []
    for citation in citations:
        if not citation.match:
            continue
        for number, (start, end) in enumerate(citation.match.spans):
            start, end = max(start, offset), min(end, offset + len(text))
            if start < end:
                local_spans.append((start - offset, end - offset, citation, number))
    if not local_spans:
        return Markup(md_escape_keep_lines(text))
    bounds = sorted({0, len(text), *(s for s, _e, _c, _n in local_spans), *(e for _s, e, _c, _n in local_spans)})
    out: list[str] = []
    for left, right in itertools.pairwise(bounds):
        covering = [span for span in local_spans if span[0] <= left and right <= span[1]]
        anchors = "".join(f'<span class="qc-anchor" id="{c.anchor}"></span>'
                          for s, _e, c, n in local_spans if s == left and n == 0
                          and c.match is not None and c.match.spans[0][0] >= offset)
        piece = md_escape_keep_lines(text[left:right])
        if covering:
            claims = ", ".join(sorted({c.claim.id for _s, _e, c, _n in covering}))
            piece = f'<mark class="qc-cited" title="cited by: {claims}">{piece}</mark>'
        out.append(anchors + piece)
        for _s, e, c, n in local_spans:
            if e == right and n == len(c.match.spans) - 1 and c.match.end <= offset + len(text):
                out.append(f'<sup class="qc-ref">[{md_escape("↩ " + c.claim.id)}](../claims/{c.claim.id}.md)</sup>')
    return Markup("".join(out))


def md_escape_keep_lines(text: str) -> str:
    """Escape a piece of running text, keeping the space at its edges (pieces are joined back together)."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    tail = " " if text[-1].isspace() else ""
    return lead + md_escape(text) + tail


def source_blocks(source: Source, citations: list[Citation], context_chars: int = 160) -> list[SourceBlock]:
    """The source's text as paragraphs (full text), or only the cited passages with a little context."""
    text = source.text
    if source.full_text_allowed:
        blocks = []
        for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
            blocks.append(SourceBlock(_mark_segments(match.group(0), match.start(), citations)))
        return blocks
    windows: list[list[int]] = []
    for citation in citations:
        if not citation.match:
            continue
        first_paragraph = text.rfind("\n\n", 0, citation.match.start)
        last_paragraph = text.find("\n\n", citation.match.end)
        floor = first_paragraph + 2 if first_paragraph >= 0 else 0
        ceiling = last_paragraph if last_paragraph >= 0 else len(text)
        start = max(floor, citation.match.start - context_chars)
        end = min(ceiling, citation.match.end + context_chars)
        if start > floor:
            start = text.find(" ", start) + 1 or start
        if end < ceiling:
            end = text.rfind(" ", 0, end) if text.rfind(" ", citation.match.end, end) >= 0 else end
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    blocks = []
    for start, end in windows:
        inner = _mark_segments(text[start:end], start, citations)
        lead = "… " if start > 0 and text[start - 1] not in "\n" else ""
        tail = " …" if end < len(text) and text[end] not in "\n" else ""
        blocks.append(SourceBlock(Markup(lead) + inner + Markup(tail), excerpt=True))
    return blocks


LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "kk": "Kazakh", "uz": "Uzbek", "ky": "Kyrgyz", "de": "German",
                  "fr": "French", "zh": "Chinese", "tr": "Turkish", "uk": "Ukrainian", "be": "Belarusian"}
_MARKERS = {"exactly": "dot", "about": "ring", "at-least": "up", "more-than": "up", "slightly-more-than": "up",
            "fewer-than": "down", "at-most": "down"}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def source_label(source: Source) -> str:
    """A short name for a source in a table's heading: publisher and year."""
    return f"{source.publisher}, {source.published.year}" if source.published else source.publisher


def value_words(qualifier: str) -> str:
    return QUALIFIER_WORDS.get(qualifier, qualifier) or "exactly"


def commit_date(change: Change) -> str:
    """A commit's date as the site writes dates: '23 November 2026'."""
    try:
        return PartialDate.parse(change.date).human()
    except ValueError:
        return change.date


def json_ld(data: Any) -> Markup:
    """A JSON-LD block whose text cannot close its script element (<, > and & are written as \\u escapes)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def tag_page(tag: str) -> str:
    """A tag's page; 'index' is the list of all tags, so a tag of that name gets another file."""
    return "tags/index-tag.md" if tag == "index" else f"tags/{tag}.md"


def tag_link(tag: str, depth: int = 1) -> Markup:
    """A link to a tag's page."""
    if not ID_PATTERN.match(tag):
        return Markup(md_escape(tag))
    return Markup(f"[{tag}]({'../' * depth}{tag_page(tag)})")


def data_link(claim: Claim, depth: int = 1) -> Markup:
    """A link to the claim's own JSON, beside its page."""
    return Markup(f"[JSON]({'../' * depth}claims/{claim.id}.json)")


def method_link(depth: int = 1) -> Markup:
    return Markup(f"[How records are made]({'../' * depth}method.md)")


def data_index_link(depth: int = 1) -> Markup:
    return Markup(f"[open data]({'../' * depth}data/index.md)")


def figures_link(question: Question, text: Any = "This question in the figures ledger", depth: int = 1) -> Markup:
    return Markup(f"[{md_escape(text)}]({'../' * depth}figures.md#{question.id})")


def tags_listing(tag: str | None = None) -> Markup:
    """Material's tags plugin directive: the pages with this tag (or every tag, without one)."""
    if tag is None:
        return Markup("<!-- material/tags -->")
    if not ID_PATTERN.match(tag):
        return Markup("")
    return Markup(f"<!-- material/tags {{ include: [{tag}] }} -->")


def explorer_form(facets: list[views.Facet]) -> Markup:
    """The explorer's filters: hidden until the script runs, so that without JavaScript the table is simply whole."""
    fields = []
    for facet in facets:
        options = "".join(f'<option value="{md_escape(value)}">{md_escape(label)} ({count})</option>'
                          for value, label, count in facet.options)
        fields.append(f'<label>{md_escape(facet.label)} <select name="{facet.key}"><option value="">any</option>'
                      f"{options}</select></label>")
    fields.append('<label>Claimed from <input type="date" name="from"></label>')
    fields.append('<label>Claimed until <input type="date" name="to"></label>')
    fields.append('<label>Words <input type="search" name="q" placeholder="in the table"></label>')
    return Markup('<form class="qc-explorer-form" data-qc-explorer hidden>\n'
                  '<fieldset><legend>Filter the claims</legend>\n'
                  f'<div class="qc-filter-grid">{"".join(fields)}</div>\n'
                  '<p class="qc-explorer-status"><output class="qc-count" aria-live="polite"></output> '
                  '<button type="reset" class="md-button">Clear filters</button> '
                  '<a class="qc-view-link" href="">Link to this view</a></p>\n'
                  "</fieldset>\n</form>")


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _marker(qualifier: str, x: float, y: float) -> str:
    shape = _MARKERS.get(qualifier, "dot")
    if shape in ("up", "down"):  # a triangle pointing the way the figure may go
        tip, base = (y - 7, y + 4) if shape == "up" else (y + 7, y - 4)
        return (f'<path class="qc-marker qc-marker-{shape}" '
                f'd="M{x:.1f},{tip:.1f} L{x + 6:.1f},{base:.1f} L{x - 6:.1f},{base:.1f} Z"/>')
    return f'<circle class="qc-marker qc-marker-{shape}" cx="{x:.1f}" cy="{y:.1f}" r="5"/>'


def _chart(kind: str, svg: str, marks: list[str], min_width: float) -> Markup:
    """An SVG with its links laid over it; the frame keeps both at the same size (scrolling on narrow screens)."""
    return Markup(f'<div class="qc-chart {kind}" markdown="1">\n'
                  f'<div class="qc-chart-frame" style="min-width: {min_width:.0f}px" markdown="1">\n'
                  f"{svg}\n"
                  '<div class="qc-chart-marks" markdown="1">\n'
                  + "\n".join(marks) + "\n"
                  "</div>\n</div>\n</div>")


def render_pages(corpus: Corpus, index: Index, facts: dict[str, ClaimFacts], settings: dict[str, Any],
                 history: History | None = None) -> list[Page]:
    """Every generated page, in a stable order."""
    return list(Renderer(corpus, index, facts, settings, history).all_pages())
