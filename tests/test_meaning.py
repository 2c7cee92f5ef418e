"""Meaning checks: a dropped hedge (English, Russian, in a translation), a one-sided question, an undated figure, a
collective claimant and a statement that keeps an evaluative word of the source's own voice are positioned warnings;
a written `accepted` reason silences one for one record only."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import problem_lines
from qantar.meaning import EVALUATIVE_EN, EVALUATIVE_RU, HEDGES_EN, HEDGES_RU

CLAIM = "claims/hedged.yaml"
ACCEPT_HINT = 'or, if it does not apply, add accepted: [{check: hedge, reason: "…"}] with the reason'


def add_source_text(corpus: Path, text: str) -> None:
    path = corpus / "sources" / "open-wire-2021.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def write_claim(corpus: Path, statement: str, evidence: str, extra: str = "", claimant: str = "flood-survivor") -> None:
    (corpus / CLAIM).write_text(
        f"id: hedged\nstatement: {statement}\nclaimant: {claimant}\nevents: [riverton-flood]\n{extra}evidence:\n"
        f"{evidence}",
        encoding="utf-8",
    )


def warnings(corpus: Path) -> list[str]:
    return [line for line in problem_lines(corpus) if ": warning: " in line]


ENGLISH = (
    "  - source: open-wire-2021\n    quote: The dam allegedly failed at night.\n    stance: reports\n"
    "    attribution: direct-quote\n"
)


def test_an_english_hedge_dropped_by_the_statement_is_named_with_its_position(corpus_dir: Path) -> None:
    add_source_text(corpus_dir, "The dam allegedly failed at night.")
    write_claim(corpus_dir, "The dam failed at night.", ENGLISH)
    assert warnings(corpus_dir) == [
        f'{CLAIM}:2:12: warning: statement: evidence[0].quote hedges with "allegedly" (at character 9) but the '
        f'statement asserts it flatly; keep the hedge in the statement ("… allegedly …"), {ACCEPT_HINT}'
    ]


def test_a_statement_that_keeps_the_hedge_passes(corpus_dir: Path) -> None:
    add_source_text(corpus_dir, "The dam allegedly failed at night.")
    write_claim(corpus_dir, "The dam allegedly failed at night.", ENGLISH)
    assert warnings(corpus_dir) == []


def test_a_russian_hedge_in_the_quote_is_found(corpus_dir: Path) -> None:
    add_source_text(corpus_dir, "Выживший: якобы плотина не выдержала.")
    evidence = (
        "  - source: open-wire-2021\n    quote: якобы плотина не выдержала\n    stance: reports\n"
        "    attribution: direct-quote\n    language: ru\n    translation: the dam did not hold, so they say\n"
        "    translated_by: editors\n"
    )
    write_claim(corpus_dir, "The dam did not hold.", evidence)
    assert warnings(corpus_dir) == [
        f'{CLAIM}:2:12: warning: statement: evidence[0].quote hedges with "якобы" (at character 1) but the '
        f'statement asserts it flatly; keep the hedge in the statement ("… якобы …"), {ACCEPT_HINT}'
    ]


def test_a_hedge_in_the_translation_is_found(corpus_dir: Path) -> None:
    add_source_text(corpus_dir, "Выживший: плотина не выдержала.")
    evidence = (
        "  - source: open-wire-2021\n    quote: плотина не выдержала\n    stance: reports\n"
        "    attribution: direct-quote\n    language: ru\n    translation: the dam apparently did not hold\n"
        "    translated_by: editors\n"
    )
    write_claim(corpus_dir, "The dam did not hold.", evidence)
    assert warnings(corpus_dir) == [
        f'{CLAIM}:2:12: warning: statement: evidence[0].translation hedges with "apparently" (at character 9) but '
        f'the statement asserts it flatly; keep the hedge in the statement ("… apparently …"), {ACCEPT_HINT}'
    ]


def test_an_accepted_hedge_is_silenced_for_that_record_only(corpus_dir: Path) -> None:
    add_source_text(corpus_dir, "The dam allegedly failed at night.")
    write_claim(
        corpus_dir,
        "The dam failed at night.",
        ENGLISH,
        'accepted: [{check: hedge, reason: "the hedge is the reporter\'s word about the rumour"}]\n',
    )
    assert warnings(corpus_dir) == []


def test_an_accepted_warning_needs_a_reason(corpus_dir: Path) -> None:
    add_source_text(corpus_dir, "The dam allegedly failed at night.")
    write_claim(corpus_dir, "The dam failed at night.", ENGLISH, "accepted: [{check: hedge}]\n")
    assert any("accepted[0]: missing required field 'reason'" in line for line in problem_lines(corpus_dir))


def test_according_to_in_a_paraphrase_is_the_attribution_not_a_hedge(corpus_dir: Path) -> None:
    add_source_text(corpus_dir, "According to the survivor, the dam failed at night.")
    evidence = (
        "  - source: open-wire-2021\n    quote: According to the survivor, the dam failed at night.\n"
        "    stance: reports\n    attribution: paraphrase\n"
    )
    write_claim(corpus_dir, "The dam failed at night.", evidence)
    assert warnings(corpus_dir) == []


def test_a_question_with_one_distinct_answer_is_one_sided(corpus_dir: Path) -> None:
    path = corpus_dir / "claims" / "survivor-toll-15.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("number: 15", "number: 12")
        .replace("qualifier: at-least", "qualifier: exactly"),
        encoding="utf-8",
    )
    assert (
        "claims/questions/flood-death-toll.yaml:2:11: warning: question: the question has 1 distinct answer: "
        'readers see "No rival answer recorded yet"; record the rival answers the sources give (claims with '
        'this question), or, if it does not apply, add accepted: [{check: one-sided-question, reason: "…"}] '
        "with the reason" in warnings(corpus_dir)
    )


def test_an_undated_figure_is_placed_by_its_earliest_source(corpus_dir: Path) -> None:
    path = corpus_dir / "claims" / "official-toll-12.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('claimed: "2021-03"\n', ""), encoding="utf-8")
    assert warnings(corpus_dir) == [
        "claims/official-toll-12.yaml:7:1: warning: value: the figure has no date it was claimed: the site places "
        "it by 5 March 2021, its earliest source's date; add claimed: with the date the passage gives, or, if it "
        'does not apply, add accepted: [{check: undated-figure, reason: "…"}] with the reason'
    ]


@pytest.mark.parametrize(
    ("quote", "warned"),
    [
        ("The dam failed at night.", True),
        ("Residents told us the dam failed at night.", False),
        ("Riverton residents saw the dam fail at night.", False),
    ],
)
def test_a_collective_claimant_needs_a_speaker_in_its_quotes(corpus_dir: Path, quote: str, warned: bool) -> None:
    add_source_text(corpus_dir, quote)
    evidence = f"  - source: open-wire-2021\n    quote: {quote}\n    stance: reports\n    attribution: paraphrase\n"
    write_claim(corpus_dir, "The dam failed at night.", evidence, claimant="riverton-residents")
    found = [line for line in warnings(corpus_dir) if "claimant:" in line]
    assert found == (
        [
            f"{CLAIM}:3:11: warning: claimant: the group 'riverton-residents' is credited with this, but "
            "no quote names it or anyone speaking; credit who asserts it (often the article's author or "
            "outlet, in its own voice), or, if it does not apply, add accepted: [{check: "
            'collective-claimant, reason: "…"}] with the reason'
        ]
        if warned
        else []
    )


@pytest.mark.parametrize(
    ("passage", "statement", "attribution", "warned"),
    [
        ("The grisly flood killed 12 people.", "The grisly flood killed 12 people.", "own-text", "grisly"),
        ("The GRISLY flood killed 12 people.", "The Grisly flood killed 12 people.", "own-text", "Grisly"),
        ("The grisly flood killed 12 people.", "The flood killed 12 people.", "own-text", ""),
        # the witness's own word is the witness's claim, not the source's colour
        ("The grisly flood killed 12 people.", "The grisly flood killed 12 people.", "direct-quote", ""),
        # in quotation marks it is cited, a name or a phrase: the book “Tragic Flood”
        ("The book Tragic Flood came out.", "The book “Tragic Flood” came out.", "own-text", ""),
        (
            "Чудовищное наводнение унесло 12 жизней.",
            "Чудовищное наводнение унесло 12 жизней.",
            "own-text",
            "Чудовищное",
        ),
        ("Чудовищное наводнение унесло 12 жизней.", "A monstrous flood took 12 lives.", "own-text", "monstrous"),
    ],
)
def test_an_evaluative_word_of_the_sources_own_voice_is_left_out_of_the_statement(
    corpus_dir: Path, passage: str, statement: str, attribution: str, warned: str
) -> None:
    add_source_text(corpus_dir, passage)
    evidence = (
        f"  - source: open-wire-2021\n    quote: {passage}\n    stance: reports\n    attribution: {attribution}\n"
    )
    if passage.startswith("Ч"):
        evidence += "    language: ru\n    translation: A monstrous flood took 12 lives.\n    translated_by: editors\n"
    write_claim(corpus_dir, statement, evidence)
    found = [line for line in warnings(corpus_dir) if "evaluative" in line]
    where = "quote" if warned.casefold() in passage.casefold() else "translation"
    assert found == (
        [
            f'{CLAIM}:2:12: warning: statement: the statement carries "{warned}", an evaluative word of '
            f"evidence[0].{where}, which is the source's own voice; keep the assertion and leave out "
            f'"{warned}", put it in quotation marks if it is a name or a cited phrase, or, if it does not apply, '
            'add accepted: [{check: source-word, reason: "…"}] with the reason'
        ]
        if warned
        else []
    )


def test_an_accepted_source_word_is_silenced_with_its_reason(corpus_dir: Path) -> None:
    add_source_text(corpus_dir, "The most bizarre rumour was that the dam was sabotaged.")
    evidence = (
        "  - source: open-wire-2021\n    quote: The most bizarre rumour was that the dam was sabotaged.\n"
        "    stance: reports\n    attribution: own-text\n"
    )
    accepted = 'accepted:\n  - check: source-word\n    reason: "The evaluation is the claim."\n'
    write_claim(corpus_dir, "The most bizarre rumour was that the dam was sabotaged.", evidence, extra=accepted)
    assert [line for line in warnings(corpus_dir) if "evaluative" in line] == []


def test_the_curation_guide_lists_every_evaluative_word_the_check_knows() -> None:
    guide = (Path(__file__).parent.parent / "docs" / "guide" / "curation.md").read_text(encoding="utf-8")
    section = guide[guide.index("- **source-word**") : guide.index("### The accuracy checklist")]
    listed = " ".join(section.split())
    assert ", ".join(EVALUATIVE_EN) in listed
    assert ", ".join(stem + "…" for stem in EVALUATIVE_RU) in listed


def test_the_curation_guide_lists_every_hedge_the_check_knows() -> None:
    guide = (Path(__file__).parent.parent / "docs" / "guide" / "curation.md").read_text(encoding="utf-8")
    section = " ".join(guide[guide.index("- **hedge**") : guide.index("- **one-sided-question**")].split())
    assert ", ".join(HEDGES_EN) + ", and may (in lower case only" in section
    assert "in Russian, " + ", ".join(HEDGES_RU) + "." in section
