"""Render: one Jinja2 template per page kind turns each page's typed context into Markdown.

The environment's `finalize` escapes every `{{ value }}` (markup.py); the helpers offered to templates are
pure: they format a value or build a link from the page being rendered to another page (routes.py). None of
them can reach the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..derive import CONTESTED, OnRecord, Status, answer_label
from ..model import Record, label_of
from ..schemas import ID_PATTERN
from .contexts import PageSpec
from .formats import (
    actor_kind,
    attribution_words,
    authors,
    change_date,
    date_span,
    event_when,
    joined_words,
    language_name,
    language_names,
    month_of,
    site_of,
    source_kind,
    source_label,
    value_words,
    when,
)
from .markup import attr, ext_link, finalize, finished, json_ld, md_escape, md_link, paragraphs
from .routes import (
    DATA_INDEX,
    EXPLORER_DATA,
    FIGURES,
    METHOD,
    STATUSES,
    claim_json,
    kind_index,
    kind_page,
    list_page,
    record_page,
    relative,
    tag_page,
)
from .views import number_text

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Page:
    """A generated file: where it goes (relative to the docs folder), and its text."""

    path: str
    text: str


# -- helpers that link from the page being rendered --------------------------------------------------


def _here(context: Any) -> str:
    page = context.get("page")
    return str(page.path) if page is not None else ""


@jinja2.pass_context
def link(context: Any, record: Record, text: Any = None, anchor: str = "") -> Markup:
    """A link to a record's page (and an anchor on it) from the page being rendered."""
    target = relative(_here(context), record_page(record)) + (f"#{anchor}" if anchor else "")
    return md_link(text if text is not None else label_of(record), target)


@jinja2.pass_context
def page_link(context: Any, page: str, text: Any, anchor: str = "") -> Markup:
    """A link to a generated or hand-written page of the site."""
    return md_link(text, relative(_here(context), page) + (f"#{anchor}" if anchor else ""))


@jinja2.pass_context
def badge(context: Any, status: Status | OnRecord) -> Markup:
    """A status as a badge that links to its definition: a shape and a word, so that no colour is needed."""
    label = f"{status.mark} {status.label}" if status.mark else status.label
    return md_link(label, relative(_here(context), STATUSES) + f"#{status.key}", f".qc-badge .qc-{status.key}")


@jinja2.pass_context
def answers(context: Any, line: Any) -> Markup:
    """A claim's two answers as badges: is it on record? is it contested? (and a rival-answers badge)."""
    parts = [badge(context, line.on_record), badge(context, line.status)]
    if line.contested:
        parts.append(badge(context, CONTESTED))
    return finished(" ".join(parts))


@jinja2.pass_context
def status_badges(context: Any, line: Any) -> Markup:
    """A claim's two answers as badges, without the rival-answers badge (for a list of one question's answers)."""
    return finished(f"{badge(context, line.on_record)} {badge(context, line.status)}")


@jinja2.pass_context
def stances(context: Any, citations: list[Any]) -> Markup:
    """Each passage that carries a claim: its publisher, linked to the passage, and what it does with the claim."""
    return finished(
        ", ".join(
            f"{link(context, view.source, view.source.publisher, anchor=view.anchor)} "
            f"({md_escape(view.evidence.stance)})"
            for view in citations
        )
    )


@jinja2.pass_context
def claim_item(context: Any, line: Any) -> Markup:
    """A claim in a list: what it says, who says it, and both of its answers."""
    return finished(f"{link(context, line.claim)} — **{md_escape(line.claimant_label)}** {answers(context, line)}")


@jinja2.pass_context
def answer_line(context: Any, answer: Any) -> Markup:
    """One answer: what it says (linked to its claim), who says it, when, and who disputes it."""
    disputed = f"; disputed by {md_escape(joined_words(answer.disputing))}" if answer.disputing else ""
    return finished(
        f"**{link(context, answer.line.claim, answer.label)}** "
        f"({link(context, answer.line.claimant, answer.line.claimant.name)}, {md_escape(answer.when)}"
        f"{disputed})"
    )


@jinja2.pass_context
def answer_range(context: Any, summary: Any) -> Markup:
    """A question's answers in a few words: the range of its figures, or how many different answers it has."""
    low, high = summary.low, summary.high
    if low is not None and high is not None and low.label != high.label:
        return finished(f"from {answer_line(context, low)} to {answer_line(context, high)}")
    if low is not None:
        return answer_line(context, low)
    return finished(f"{summary.distinct} different answer{'' if summary.distinct == 1 else 's'}")


@jinja2.pass_context
def claim_list(context: Any, lines: list[Any], shown: int = 8, dated: bool = False) -> Markup:
    """A list of claims, each with its claimant and both answers (and its date, when `dated`); past `shown` items
    the rest fold away under a summary that says how many there are."""

    def item(line: Any) -> str:
        date = f"{md_escape(line.claim.claimed.human())} · " if dated and line.claim.claimed else ""
        return f"- {date}{claim_item(context, line)}"

    parts = [item(line) for line in lines[:shown]]
    if len(lines) > shown:
        parts += [
            "",
            '<details class="qc-more" markdown="1">',
            f"<summary>{len(lines) - shown} more</summary>",
            "",
            *(item(line) for line in lines[shown:]),
            "",
            "</details>",
        ]
    return finished("\n".join(parts))


@jinja2.pass_context
def explore_link(context: Any, key: str, value: str, text: Any) -> Markup:
    """A link to the claims explorer, filtered by one facet (the filter lives in the query string)."""
    if not ID_PATTERN.match(key) or not ID_PATTERN.match(value):
        return finished("")
    return md_link(text, relative(_here(context), kind_index("claim")) + f"?{key}={value}")


@jinja2.pass_context
def tag_link(context: Any, tag: str) -> Markup:
    if not ID_PATTERN.match(tag):
        return finished(md_escape(tag))
    return md_link(tag, relative(_here(context), tag_page(tag)))


@jinja2.pass_context
def data_link(context: Any, claim: Any) -> Markup:
    """A link to the claim's own JSON, beside its page."""
    return md_link("JSON", relative(_here(context), claim_json(claim.id)))


@jinja2.pass_context
def data_index_link(context: Any) -> Markup:
    return md_link("open data", relative(_here(context), DATA_INDEX))


@jinja2.pass_context
def method_link(context: Any, text: Any = "How records are made") -> Markup:
    return md_link(text, relative(_here(context), METHOD))


@jinja2.pass_context
def figures_link(context: Any, question: Any, text: Any = "This question in the figures ledger") -> Markup:
    """A link to a question's ledger, on the page of the figures ledger that holds it."""
    page = (context.get("figures_pages") or {}).get(question.id, FIGURES)
    return md_link(text, relative(_here(context), page) + f"#{question.id}")


@jinja2.pass_context
def sources_cell(context: Any, citations: list[Any]) -> Markup:
    """A claim's sources, one entry each with every stance it takes: "bne IntelliNews (reports, supports)"; the
    link goes to its first quoted passage."""
    grouped: dict[str, list[Any]] = {}
    for view in citations:
        grouped.setdefault(view.source.id, []).append(view)
    parts = []
    for views in grouped.values():
        first = views[0]
        stances = ", ".join(dict.fromkeys(view.evidence.stance for view in views))
        parts.append(
            f"{link(context, first.source, first.source.publisher, anchor=first.anchor)} ({md_escape(stances)})"
        )
    return finished(", ".join(parts))


@jinja2.pass_context
def stance_cell(context: Any, cell: list[tuple[Any, str]]) -> Markup:
    """A cell of the stance matrix: each stance links to its passage; no citation: the source is silent."""
    if not cell:
        return finished('<span class="qc-silent">silent</span>')
    here = _here(context)
    parts = []
    for citation, anchor in cell:
        stance = citation.evidence.stance
        target = relative(here, kind_page("source", citation.evidence.source)) + f"#{anchor}"
        parts.append(f"[{md_escape(stance)}]({target}){{ .qc-stance .qc-stance-{md_escape(stance)} }}")
    return finished(" ".join(parts))


def value_number(claim: Any) -> str:
    """A figure's number and unit without its hedge ("20,000 people")."""
    return f"{number_text(claim.value.number)} {claim.value.unit}".strip() if claim.value else ""


# -- helpers that build finished markup -----------------------------------------------------------


def tags_listing(tag: str | None = None) -> Markup:
    """Material's tags plugin directive: the pages with this tag (or every tag, without one)."""
    if tag is None:
        return finished("<!-- material/tags -->")
    if not ID_PATTERN.match(tag):
        return finished("")
    return finished(f"<!-- material/tags {{ include: [{tag}] }} -->")


@jinja2.pass_context
def explorer_form(context: Any, facets: list[Any], total: int) -> Markup:
    """The explorer's filters, hidden until the script runs (without JavaScript the pages list every claim). Each
    menu lists its most frequent choices with their counts; the script recounts them for every view."""
    parts = [
        '<label class="qc-words">Words <input type="search" name="q" placeholder="in statements, quotes, '
        'translations"></label>'
    ]
    for facet in facets:
        options = "".join(
            f'<option value="{md_escape(value)}">{md_escape(label)} ({count:,})</option>'
            for value, label, count in facet.options
        )
        if facet.values > len(facet.options):
            options += f'<option value="" disabled>… and {facet.values - len(facet.options):,} more</option>'
        parts.append(
            f'<label>{md_escape(facet.label)} <select name="{facet.key}"><option value="">any</option>'
            f"{options}</select></label>"
        )
    parts.append('<label>Claimed from <input type="date" name="from"></label>')
    parts.append('<label>Claimed until <input type="date" name="to"></label>')
    data = relative(_here(context), EXPLORER_DATA) + "/"
    return finished(
        f'<form class="qc-explorer-form" data-qc-explorer data-qc-data="{data}" data-qc-total="{total}" '
        "hidden>\n"
        "<fieldset><legend>Filter the claims</legend>\n"
        '<details class="qc-filters" open><summary>Filters</summary>\n'
        f'<div class="qc-filter-grid">{"".join(parts)}</div>\n</details>\n'
        '<p class="qc-explorer-status"><output class="qc-count" aria-live="polite"></output> '
        '<button type="reset" class="md-button">Clear filters</button> '
        '<a class="qc-view-link" href="">Link to this view</a> '
        '<span class="qc-download">Download this view: '
        '<button type="button" class="md-button" data-qc-download="csv">CSV</button> '
        '<button type="button" class="md-button" data-qc-download="json">JSON</button></span></p>\n'
        "</fieldset>\n</form>"
    )


@jinja2.pass_context
def link_patterns(context: Any, patterns: list[tuple[str, Any]]) -> Markup:
    """Hidden links to one record of each kind the explorer's script links to: it reads from them how this build
    writes a link (directory addresses, or .html files in the offline copy) and links every row the same way."""
    links = " ".join(f'{link(context, record, record.id)}{{ data-qc-kind="{kind}" }}' for kind, record in patterns)
    return finished(f'<div class="qc-link-patterns" hidden markdown="1">\n{links}\n</div>')


@jinja2.pass_context
def pager_links(context: Any, pager: Any, what: str = "claims") -> Markup:
    """Links between the pages of a list: previous and next, the first and last, and the pages around this one."""
    if pager.pages <= 1:
        return finished("")
    here = _here(context)

    def page(number: int, text: str, rel: str = "") -> str:
        attributes = f' rel="{rel}"' if rel else ""
        if number == pager.number:
            return f'<strong aria-current="page">{text}</strong>'
        return (
            f"[{text}]({relative(here, list_page(pager.first, number))}){{{attributes} }}"
            if attributes
            else f"[{text}]({relative(here, list_page(pager.first, number))})"
        )

    numbers = sorted({1, pager.pages, *range(max(1, pager.number - 2), min(pager.pages, pager.number + 2) + 1)})
    items: list[str] = []
    for previous, number in zip([0, *numbers], numbers, strict=False):
        if number - previous > 1:
            items.append("…")
        items.append(page(number, f"{number:,}"))
    around = []
    if pager.number > 1:
        around.append(page(pager.number - 1, "← Previous", "prev"))
    if pager.number < pager.pages:
        around.append(page(pager.number + 1, "Next →", "next"))
    summary = f"{what.capitalize()} {pager.start:,}–{pager.end:,} of {pager.items:,}"
    return finished(
        f'<nav class="qc-pager" aria-label="Pages of this list" markdown="1">\n'
        f"{summary} · {' · '.join(around)}<br>Pages: {' '.join(items)}\n</nav>"
    )


# -- tables that become stacked cards on a phone ----------------------------------------------------
# A table is written as HTML whose cells hold Markdown (md_in_html), so that each cell can carry its column's name
# (data-label): under 600 px the stylesheet lays each row out as a card and prints the name before each cell.


def cards_head(headers: list[Any], classes: str = "", shown: list[Any] | None = None) -> Markup:
    """The start of a table whose rows become cards on a narrow screen: its column headings (`shown`, when the
    headings are links: the names then label the cells)."""
    names = "\n".join(
        f'<th markdown="span">{cell if isinstance(cell, Markup) else md_escape(cell)}</th>' for cell in shown or headers
    )  # one per line: md_in_html reads each as its own element
    return finished(
        f'<table class="qc-cards{" " + md_escape(classes) if classes else ""}" markdown="1">\n'
        f'<thead markdown="1">\n<tr markdown="1">\n{names}\n</tr>\n</thead>\n<tbody markdown="1">'
    )


def cards_row(headers: list[Any], cells: list[Any], first_is_heading: bool = True) -> Markup:
    """One row: each cell labelled with its column's heading (shown before it when the row is a card)."""
    parts = []
    for number, (header, cell) in enumerate(zip(headers, cells, strict=True)):
        value = cell if isinstance(cell, Markup) else md_escape("" if cell is None else cell)
        role = (
            ' class="qc-card-title"'
            if first_is_heading and number == 0
            else ' class="qc-num"'
            if isinstance(cell, int)
            else ""
        )  # a count: side by side with the next on a card
        parts.append(f'<td data-label="{md_escape(header)}"{role} markdown="span">{value}</td>')
    return finished('<tr markdown="1">\n' + "\n".join(parts) + "\n</tr>")


def cards_end() -> Markup:
    return finished("</tbody>\n</table>")


HELPERS: dict[str, Any] = {
    "link": link,
    "page_link": page_link,
    "badge": badge,
    "answers": answers,
    "claim_item": claim_item,
    "explore_link": explore_link,
    "tag_link": tag_link,
    "data_link": data_link,
    "data_index_link": data_index_link,
    "method_link": method_link,
    "figures_link": figures_link,
    "stance_cell": stance_cell,
    "ext_link": ext_link,
    "when": when,
    "event_when": event_when,
    "authors": authors,
    "language_name": language_name,
    "source_label": source_label,
    "value_words": value_words,
    "change_date": change_date,
    "date_span": date_span,
    "tags_listing": tags_listing,
    "explorer_form": explorer_form,
    "source_kind": source_kind,
    "actor_kind": actor_kind,
    "month_of": month_of,
    "site_of": site_of,
    "paragraphs": paragraphs,
    "json_ld": json_ld,
    "answer_label": answer_label,
    "display_name": label_of,
    "attribution_words": attribution_words,
    "attr": attr,
    "status_badges": status_badges,
    "answer_line": answer_line,
    "answer_range": answer_range,
    "claim_list": claim_list,
    "joined_words": joined_words,
    "language_names": language_names,
    "stances": stances,
    "cards_head": cards_head,
    "cards_row": cards_row,
    "cards_end": cards_end,
    "sources_cell": sources_cell,
    "value_number": value_number,
    "link_patterns": link_patterns,
    "pager_links": pager_links,
}


class Renderer:
    """The one Jinja2 environment; renders a page spec into a page."""

    def __init__(self, site_name: str, figures_pages: dict[str, str] | None = None) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)),
            autoescape=False,  # Markdown, not HTML: escaping is done by finalize, for every value
            finalize=finalize,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals.update(
            HELPERS, site_name=site_name, contested=CONTESTED, figures_pages=figures_pages or {}
        )  # question id -> its figures ledger page
        self.env.filters["answer_label"] = answer_label

    def render(self, spec: PageSpec) -> Page:
        context = {item.name: getattr(spec.context, item.name) for item in fields(spec.context)}
        text = self.env.get_template(spec.meta.template).render(page=spec.meta, **context)
        return Page(spec.meta.path, text)
