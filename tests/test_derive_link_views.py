"""The stages between validation and pages, one by one: the index (link), the derived answers (derive), the sort keys
(ordering) and the view data the pages are built from (site.views)."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURE_CORPUS, TODAY
from qantar.build import check
from qantar.config import Settings
from qantar.dates import PartialDate
from qantar.derive import derive_facts
from qantar.model import Event
from qantar.ordering import date_key, event_key
from qantar.site import timeline, views


def engine(root: Path = FIXTURE_CORPUS):  # noqa: ANN201 - the EngineResult of check
    result = check(Settings(root=root), today=TODAY)
    assert result.ok, result.problems.report()
    return result


# -- derive: two answers per claim ---------------------------------------------------------------------


def test_a_claim_can_be_attested_and_disputed_by_the_same_corpus() -> None:
    facts = engine().facts["warning-too-late"]
    # Open Wire quotes the survivor directly; The Daily River paraphrases residents saying it, and disputes it.
    assert (facts.on_record.key, facts.attesting) == ("own-words", ("Open Wire", "The Daily River"))
    assert (facts.status.key, facts.disputing_sources) == ("disputed", ("daily-river-2021",))


def test_paraphrase_only_is_reported_and_corroboration_counts_publishers() -> None:
    facts = engine().facts["official-toll-12"]
    assert (facts.on_record.key, facts.attesting) == ("reported", ("The Daily River", "Open Wire"))
    assert (facts.status.key, facts.publishers) == ("corroborated", ("The Daily River", "Open Wire"))
    assert [rival.claim_id for rival in facts.rivals] == ["survivor-toll-15"]


def test_a_passage_that_attributes_nothing_does_not_attest(corpus_dir: Path) -> None:
    path = corpus_dir / "claims" / "warning-too-late.yaml"
    text = path.read_text(encoding="utf-8").replace("attribution: direct-quote", "attribution: none")
    path.write_text(text.replace("attribution: paraphrase", "attribution: none"), encoding="utf-8")
    facts = engine(corpus_dir).facts["warning-too-late"]
    assert (facts.on_record.key, facts.attesting, facts.status.key) == ("not-attributed", (), "disputed")


def test_facts_are_derived_again_identically() -> None:
    result = engine()
    assert derive_facts(result.corpus, result.index) == result.facts


# -- link: the index ---------------------------------------------------------------------------------


def test_the_index_answers_every_lookup_from_one_pass() -> None:
    index = engine().index
    assert [c.id for c in index.claims_by("flood-survivor")] == ["survivor-toll-15", "warning-too-late"]
    assert [c.id for c in index.claims_answering("flood-death-toll")] == ["official-toll-12", "survivor-toll-15"]
    assert [e.id for e in index.sub_events("riverton-flood")] == ["flood-warning"]
    citing = index.claims_citing("open-wire-2021")
    assert [c.match.start for c in citing if c.match] == sorted(c.match.start for c in citing if c.match)


# -- ordering ----------------------------------------------------------------------------------------


def _event(event_id: str, date: str) -> Event:
    return Event(id=event_id, path="", raw=None, title=event_id, date=PartialDate.parse(date))


def test_an_event_known_only_to_the_month_follows_that_months_days() -> None:
    events = [
        _event("month", "2022-01"),
        _event("fifth", "2022-01-05"),
        _event("december", "2021-12-31"),
        _event("year", "2022"),
        _event("february", "2022-02-01"),
    ]
    assert [e.id for e in sorted(events, key=event_key)] == ["december", "fifth", "month", "february", "year"]


def test_an_unknown_date_sorts_last() -> None:
    assert date_key(None) > date_key(PartialDate.parse("9999"))


# -- views ---------------------------------------------------------------------------------------------


def test_a_figure_without_its_own_date_is_placed_by_its_earliest_source(corpus_dir: Path) -> None:
    path = corpus_dir / "claims" / "official-toll-12.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('claimed: "2021-03"\n', ""), encoding="utf-8")
    result = engine(corpus_dir)
    ledger = views.ledger(result.corpus.questions["flood-death-toll"], result.index, result.corpus)
    assert ledger is not None and ledger.undated == []
    placed = {point.claim.id: point.by for point in ledger.dated}
    assert placed == {"official-toll-12": PartialDate.parse("2021-03-05"), "survivor-toll-15": None}


def test_the_value_axis_starts_at_zero() -> None:
    result = engine()
    ledger = views.ledger(result.corpus.questions["flood-death-toll"], result.index, result.corpus)
    assert ledger is not None
    bottom = max(ledger.y_ticks, key=lambda tick: tick.at)
    assert (bottom.label, bottom.at) == ("0", 1.0)


def test_events_of_a_day_are_grouped_after_the_days_before_them() -> None:
    groups = timeline.group_by_day([_event("month", "2022-01"), _event("fifth", "2022-01-05")])
    assert [(group.label, group.partial) for group in groups] == [
        ("5 January 2022", False),
        ("January 2022, day not given", True),
    ]
