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

from .dates import PartialDate, date_range_human
from .derive import CONTESTED, STATUSES, ClaimFacts, Status, answer_label
from .link import Citation, Index
from .model import Actor, Claim, Corpus, Event, Question, Record, Source
from .quotes import text_fragment
from .validate import quote_language

TEMPLATES = Path(__file__).parent / "templates"

# Characters that Markdown (or its extensions: attr_list, footnotes, tables, emphasis) read as syntax anywhere
# in a line; those that matter only at the start of a line (lists, headings, setext underlines) are handled there.
_MARKDOWN_SPECIALS = {c: f"&#{ord(c)};" for c in "\\`*_{}[]<>|~^"}
_HTML_ESCAPES = {"&": "&amp;", '"': "&quot;", "'": "&#39;"}
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=#])")
_INVISIBLE_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\x00-\x08\x0b-\x1f\x7f]")

KIND_FOLDERS = {"claim": "claims", "actor": "actors", "event": "events", "question": "questions", "source": "sources"}
KIND_OF_CLASS = {Claim: "claim", Actor: "actor", Event: "event", Question: "question", Source: "source"}


def md_escape(value: Any) -> str:
    """Make any value inert, one-line text in Markdown and HTML alike."""
    text = " ".join(_INVISIBLE_CONTROLS.sub("", str(value)).split())
    escaped = "".join(_HTML_ESCAPES.get(char) or _MARKDOWN_SPECIALS.get(char) or char for char in text)
    return _LINE_START.sub(_escape_line_start, escaped, count=1)


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

    def __init__(self, corpus: Corpus, index: Index, facts: dict[str, ClaimFacts], settings: dict[str, Any]) -> None:
        self.corpus, self.index, self.facts, self.settings = corpus, index, facts, settings
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
            yield self.page("event.md.j2", f"events/{event.id}.md", event, event=event)
        for question in corpus.questions.values():
            yield self.page("question.md.j2", f"questions/{question.id}.md", question, question=question,
                            answers=question_answers(question, self.index))
        for source in corpus.sources.values():
            yield self.page("source.md.j2", f"sources/{source.id}.md", source, source=source,
                            blocks=source_blocks(source, self.index.claims_citing(source.id)))
        yield self.page("claims_index.md.j2", "claims/index.md", claims=sorted_claims(corpus.claims.values()))
        yield self.page("actors_index.md.j2", "actors/index.md", groups=actors_by_kind(corpus))
        yield self.page("events_index.md.j2", "events/index.md", events=events_in_order(corpus))
        yield self.page("questions_index.md.j2", "questions/index.md",
                        questions=sorted(corpus.questions.values(), key=lambda q: q.question.casefold()))
        yield self.page("sources_index.md.j2", "sources/index.md", sources=sources_in_order(corpus))
        yield self.page("statuses.md.j2", "statuses.md")
        yield self.page("home.md.j2", "index.md", counts=corpus.counts())


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


def render_pages(corpus: Corpus, index: Index, facts: dict[str, ClaimFacts], settings: dict[str, Any]) -> list[Page]:
    """Every generated page, in a stable order."""
    return list(Renderer(corpus, index, facts, settings).all_pages())
