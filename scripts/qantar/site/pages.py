"""Pages: one function per page kind, each taking the records it shows and returning its template and a small
typed context. Templates only present these contexts; they never look anything up in the corpus, so each page's
inputs (and its cost) are visible here.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..changes import RecordHistory
from ..crosscheck import quote_language
from ..derive import CONTESTED, ON_RECORD, STATUSES, ClaimFacts, answer_label
from ..introduction import Introduction
from ..link import Citation, Index
from ..model import Actor, Claim, Corpus, Event, Question, Record, Source, kind_of, label_of
from ..ordering import answer_key, claim_key, question_key
from . import charts, summaries, views
from .contexts import (
    ActorContext,
    AnswerLine,
    AnswerView,
    CitationView,
    ClaimContext,
    ClaimLine,
    DataIndexContext,
    EventContext,
    GroupedClaims,
    HomeContext,
    MatrixRow,
    MatrixView,
    PageMeta,
    PageSpec,
    QuestionContext,
    QuestionSummary,
    RedirectContext,
    RivalView,
    SiteSettings,
    SourceClaim,
    SourceContext,
    StatusesContext,
    claim_title,
    joined_names,
)
from .jsonld import claim_jsonld, source_jsonld
from .list_pages import ListPages
from .markup import finished
from .passages import anchor_of, fragment_link, source_blocks
from .place_pages import PlacePages
from .routes import (
    DATA_INDEX,
    FEED,
    HOME,
    OFFLINE_ZIP,
    address,
    permalink,
    question_feed,
    record_page,
    relative,
)
from .routes import (
    STATUSES as STATUSES_PAGE,
)


@dataclass
class Site(ListPages):
    """The corpus, its index and derived facts, and the settings: what the page functions read from."""

    corpus: Corpus
    index: Index
    facts: dict[str, ClaimFacts]
    settings: SiteSettings
    history: RecordHistory = field(default_factory=RecordHistory)
    introduction: Introduction = field(default_factory=Introduction)

    @functools.cached_property
    def place_pages(self) -> PlacePages:
        return PlacePages(self)

    # -- shared pieces ------------------------------------------------------------------------------
    def line(self, claim: Claim) -> ClaimLine:
        fact = self.facts[claim.id]
        return ClaimLine(
            claim, self.corpus.actors[claim.claimant], fact.status, fact.on_record, fact.contested, fact.own_voice
        )

    def lines(self, claims: list[Claim]) -> list[ClaimLine]:
        return [self.line(claim) for claim in sorted(claims, key=claim_key)]

    def citation_view(self, citation: Citation) -> CitationView:
        source = self.corpus.sources[citation.evidence.source]
        return CitationView(
            citation,
            source,
            quote_language(citation.evidence, source.languages),
            anchor_of(citation),
            fragment_link(citation, source),
        )

    def citations(self, claim: Claim) -> list[CitationView]:
        return [self.citation_view(citation) for citation in self.index.citations_of(claim.id)]

    def matrix(self, claims: list[Claim], label: Any) -> MatrixView:
        matrix = views.stance_matrix(claims, self.index, self.corpus)
        rows = [
            MatrixRow(claim, label(claim), [[(c, anchor_of(c)) for c in cell] for cell in cells])
            for claim, cells in matrix.rows
        ]
        return MatrixView(matrix.sources, rows, matrix.all_sources, matrix.all_claims, matrix.partial)

    def when_said(self, claim: Claim) -> str:
        """When a claim was made, or the latest it can have been made (its earliest source's date)."""
        if claim.claimed:
            return claim.claimed.human()
        latest = views.latest_possible_date(claim, self.corpus)
        return f"by {latest.human()}" if latest else "date not known"

    def answer_line(self, claim: Claim) -> AnswerLine:
        disputing = [self.corpus.sources[s].publisher for s in self.facts[claim.id].disputing_sources]
        return AnswerLine(self.line(claim), answer_label(claim), self.when_said(claim), list(dict.fromkeys(disputing)))

    def question_summary(self, question: Question, claims: list[Claim] | None = None) -> QuestionSummary:
        """A question's answers at a glance (of the given claims only, for an event's figures)."""
        answering = self.index.claims_answering(question.id) if claims is None else claims
        found = summaries.answer_summary(question, answering, self.corpus, self.facts)
        changed = self.history.last_changed([question.path, *(claim.path for claim in answering)])

        def line(claim: Claim | None) -> AnswerLine | None:
            return self.answer_line(claim) if claim is not None else None

        official = [self.answer_line(c) for c in found.official]
        latest = next((answer for answer in official if answer.line.claim is found.latest_official), None)
        return QuestionSummary(
            question,
            found.claims,
            found.distinct,
            found.claimants,
            found.figures,
            line(found.low),
            line(found.high),
            official,
            latest,
            [self.answer_line(c) for c in found.disputed],
            found.other_claimants,
            changed.date if changed else "",
            question.unit,
        )

    def lines_by_status(self, claims: list[Claim]) -> list[GroupedClaims]:
        return [
            GroupedClaims(
                group.question,
                group.count,
                [(status, [self.line(c) for c in found]) for status, found in group.by_status],
            )
            for group in summaries.claim_groups(claims, self.corpus, self.facts)
        ]

    def meta(self, path: str, template: str, title: str, record: Record | None = None, **extra: Any) -> PageMeta:
        if record is None:
            return PageMeta(path, template, title, **extra)
        edit_url = self.settings.edit_url + record.path if self.settings.edit_url else ""
        return PageMeta(
            path,
            template,
            title,
            record,
            changes=tuple(self.history.of(record.path)),
            permalink=permalink(path, self.settings.site_url),
            edit_path=record.path,
            edit_url=edit_url,
            **extra,
        )

    def _publishers(self, claim: Claim, attributions: set[str]) -> list[str]:
        found = [
            self.corpus.sources[item.source].publisher for item in claim.evidence if item.attribution in attributions
        ]
        return list(dict.fromkeys(found))

    def on_record_text(self, claim: Claim, line: ClaimLine) -> str:
        """Is it on record that the claimant said this? One sentence, derived from the evidence."""
        fact = self.facts[claim.id]
        name = line.claimant.name
        if fact.on_record.key == "not-attributed":
            return f"no stored source says that {name} said this; the sources only argue about it."
        parts = []
        own = self._publishers(claim, {"own-text"})
        quoted = self._publishers(claim, {"direct-quote"})
        reported = self._publishers(claim, {"paraphrase"})
        if own:
            parts.append(f"{name}'s own text" + ("" if own == [name] else f", in {joined_names(own)}"))
        if quoted:
            parts.append(f"quoted directly by {joined_names(quoted)}")
        if reported:
            parts.append(f"reported in other words by {joined_names(reported)}")
        count = len(fact.attesting)
        return (
            f"{'; '.join(parts)}; {count} independent publisher{'' if count == 1 else 's'} "
            f"attest{'s' if count == 1 else ''} that {name} said it."
        )

    def contest_text(self, claim: Claim) -> str:
        """Is what the claimant said contested? One sentence, derived from the stances (rivals are linked apart)."""
        fact = self.facts[claim.id]
        if fact.status.key == "disputed":
            disputing = joined_names([self.corpus.sources[s].publisher for s in fact.disputing_sources])
            count = len(fact.disputing_sources)
            return f"disputed by {count} source{'' if count == 1 else 's'} ({disputing})."
        if fact.status.key == "corroborated":
            return (
                f"corroborated by {len(fact.publishers)} independent publishers "
                f"({joined_names(list(fact.publishers))}); "
                "disputed by none of our sources."
            )
        return (
            f"carried by a single publisher ({joined_names(list(fact.publishers))}); disputed by none of our sources."
        )

    # -- record pages -------------------------------------------------------------------------------
    def claim_page(self, claim: Claim) -> PageSpec:
        fact = self.facts[claim.id]
        corpus = self.corpus
        line = self.line(claim)
        rivals = [RivalView(self.line(corpus.claims[answer.claim_id]), answer.claims - 1) for answer in fact.rivals]
        context = ClaimContext(
            claim,
            line,
            fact,
            corpus.questions.get(claim.question) if claim.question else None,
            [corpus.events[e] for e in claim.events],
            [corpus.actors[a] for a in claim.actors],
            [corpus.sources[s] for s in fact.disputing_sources],
            self.citations(claim),
            rivals,
            claim_jsonld(claim, corpus, self.settings.site_url),
            self.on_record_text(claim, line),
            self.contest_text(claim),
        )
        title = claim_title(claim, line.claimant)
        return PageSpec(self.meta(record_page(claim), "claim.md.j2", title, claim, tags=tuple(claim.tags)), context)

    def actor_page(self, actor: Actor) -> PageSpec:
        index = self.index
        found = summaries.actor_claims(actor, index, self.corpus, self.facts)
        disputed = [
            (
                self.line(c),
                list(dict.fromkeys(self.corpus.sources[s].publisher for s in self.facts[c.id].disputing_sources)),
            )
            for c in found.disputed
        ]
        context = ActorContext(
            actor,
            [self.line(c) for c in found.says],
            disputed,
            [self.line(c) for c in found.said_about],
            [self.line(c) for c in found.disputes],
            index.events_of_actor(actor.id),
            [self.corpus.sources[s] for s in index.sources_quoting(actor.id)],
            summaries.sources_published_by(actor, self.corpus),
        )
        return PageSpec(self.meta(record_page(actor), "actor.md.j2", actor.name, actor), context)

    def event_page(self, event: Event) -> PageSpec:
        corpus = self.corpus
        about = sorted(self.index.claims_about_event(event.id), key=claim_key)
        place, locator, position = self.place_pages.event_locator(event)
        exact, vague = summaries.same_day(event, corpus, self.index)
        figures: dict[str, list[Claim]] = {}
        for claim in about:
            if claim.value and claim.question:
                figures.setdefault(claim.question, []).append(claim)
        context = EventContext(
            event,
            corpus.events.get(event.parent) if event.parent else None,
            [corpus.actors[a] for a in event.actors],
            self.index.sub_events(event.id),
            exact,
            vague,
            [self.question_summary(corpus.questions[q], found) for q, found in figures.items()],
            len(about),
            self.lines_by_status(about),
            self.matrix(about, lambda claim: claim_title(claim, corpus.actors[claim.claimant])),
            place,
            locator,
            position,
        )
        return PageSpec(self.meta(record_page(event), "event.md.j2", event.title, event), context)

    def question_page(self, question: Question) -> PageSpec:
        answers = sorted(self.index.claims_answering(question.id), key=lambda c: answer_key(c, answer_label(c)))
        ledger = views.ledger(question, self.index, self.corpus)
        path = record_page(question)
        chart = charts.ledger_chart(ledger, self.claimant_names(ledger.claims), path) if ledger else None
        views_ = [AnswerView(self.line(claim), answer_label(claim), self.citations(claim)) for claim in answers]
        distinct = len({claim.answer_identity() for claim in answers})
        context = QuestionContext(
            question,
            self.question_summary(question),
            views_,
            distinct,
            self.matrix(answers, answer_label),
            chart,
            question_feed(question.id),
        )
        return PageSpec(self.meta(path, "question.md.j2", question.question, question), context)

    def source_page(self, source: Source) -> PageSpec:
        path = record_page(source)
        citing = self.index.claims_citing(source.id)
        by_claim: dict[str, list[CitationView]] = {}
        for citation in citing:  # in the order of the text: a claim stands where its first passage does
            by_claim.setdefault(citation.claim.id, []).append(self.citation_view(citation))
        claims = [SourceClaim(self.line(self.corpus.claims[claim_id]), found) for claim_id, found in by_claim.items()]
        topics: dict[str, int] = {}
        for claim_id in by_claim:
            for tag in self.corpus.claims[claim_id].tags:
                topics[tag] = topics.get(tag, 0) + 1
        titles = {c.claim.id: claim_title(c.claim, self.corpus.actors[c.claim.claimant]) for c in citing}
        context = SourceContext(
            source,
            self.corpus.actors.get(source.publisher_actor),
            claims,
            sorted(topics.items(), key=lambda item: (-item[1], item[0])),
            source_blocks(source, citing, path, titles),
            source_jsonld(source, self.settings.site_url),
        )
        return PageSpec(self.meta(path, "source.md.j2", source.title, source), context)

    def redirect_page(self, record: Record, old: str) -> PageSpec:
        kind = kind_of(record)
        path = f"{kind.site_folder}/{old}.md"
        target = address(record_page(record)).rstrip("/")
        label = (
            claim_title(record, self.corpus.actors[record.claimant]) if isinstance(record, Claim) else label_of(record)
        )
        return PageSpec(
            self.meta(path, "redirect.md.j2", "Moved: " + label, search_exclude=True, redirect_to=target),
            RedirectContext(record, old),
        )

    # -- lists and views ----------------------------------------------------------------------------
    def figure_date(self, claim: Claim) -> str:
        if claim.claimed:
            return claim.claimed.human()
        latest = views.latest_possible_date(claim, self.corpus)
        return f"by {latest.human()} (its source's date)" if latest else "date not known"

    def home_page(self) -> PageSpec:
        corpus, intro = self.corpus, self.introduction
        questions = [self.question_summary(q) for q in sorted(corpus.questions.values(), key=question_key)]
        key_figures = [summary for summary in questions if summary.figures]
        context = HomeContext(
            finished(intro.what_happened) if intro.what_happened else None,
            [finished(line) for line in intro.not_covered],
            finished(intro.propose) if intro.propose else None,
            corpus.counts(),
            key_figures,
            [summary for summary in questions if not summary.figures],
            summaries.coverage(corpus, self.index),
            self.settings.offline_copy,
            FEED,
        )
        return PageSpec(
            self.meta(HOME, "home.md.j2", intro.title or self.settings.site_name, hide=("navigation",)), context
        )

    def statuses_page(self) -> PageSpec:
        return PageSpec(
            self.meta(STATUSES_PAGE, "statuses.md.j2", "Claim statuses"),
            StatusesContext(STATUSES, CONTESTED, ON_RECORD),
        )

    def data_index(self) -> PageSpec:
        return PageSpec(
            self.meta(DATA_INDEX, "data_index.md.j2", "Open data"),
            DataIndexContext(
                self.corpus.counts(),
                self.settings.offline_copy,
                relative(DATA_INDEX, OFFLINE_ZIP),
                self.settings.licence,
            ),
        )

    def all_pages(self) -> Iterator[PageSpec]:
        """Every generated page, in a stable order."""
        corpus = self.corpus
        yield from (self.claim_page(claim) for claim in corpus.claims.values())
        yield from (self.actor_page(actor) for actor in corpus.actors.values())
        yield from (self.event_page(event) for event in corpus.events.values())
        yield from (self.question_page(question) for question in corpus.questions.values())
        yield from (self.source_page(source) for source in corpus.sources.values())
        yield from self.claims_pages()
        yield from self.actors_index()
        yield from self.events_index()
        yield from self.questions_index()
        yield from self.sources_index()
        yield self.statuses_page()
        yield self.home_page()
        yield from self.timeline_pages()
        yield from self.figures_pages()
        yield from self.tag_pages()
        yield self.data_index()
        yield from self.place_pages.all_pages()
        for record in itertools.chain(
            corpus.claims.values(),
            corpus.actors.values(),
            corpus.events.values(),
            corpus.questions.values(),
            corpus.sources.values(),
            corpus.places.values(),
        ):
            for old in record.redirect_from:
                yield self.redirect_page(record, old)
