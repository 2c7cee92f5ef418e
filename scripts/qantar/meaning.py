"""Meaning checks: what can be said about a claim's meaning beyond its form, as positioned warnings.

- hedge: a quote (or its translation) hedges ("allegedly", "якобы", …) and the statement does not;
- one-sided-question: a question with fewer than two distinct answers;
- undated-figure: a figure with no date it was claimed;
- collective-claimant: a group credited with an assertion whose quotes name no speaker;
- source-word: the statement carries an evaluative word ("grisly", "tragic", "чудовищный") from a passage in the
  source's own voice, outside quotation marks.

Each warning is silenced only per record, with a written reason: `accepted: [{check: hedge, reason: "…"}]`.
The words and rules are written out in the curation guide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Actor, Claim, Corpus, Evidence, Question
from .problems import Problems

# Hedges: words by which a text says that it does not vouch for what follows. Lower-case entries match whatever the
# case; "may" is matched in lower case only, so that the month of May is not a hedge.
HEDGES_EN = (
    "allegedly",
    "alleged",
    "reportedly",
    "apparently",
    "seemingly",
    "supposedly",
    "purportedly",
    "it seems",
    "seems",
    "seem",
    "seemed",
    "appears",
    "appear",
    "appeared",
    "might",
    "possibly",
    "probably",
    "perhaps",
    "likely",
    "rumours",
    "rumour",
    "rumors",
    "rumor",
    "rumoured",
    "rumored",
    "according to",
    "some kind of",
    "almost certainly",
    "suspected",
    "unconfirmed",
    "if true",
    "claimed",
)
HEDGES_RU = (
    "якобы",
    "по словам",
    "по-видимому",
    "видимо",
    "кажется",
    "казалось",
    "возможно",
    "вероятно",
    "какая-то",
    "какой-то",
    "какое-то",
    "какие-то",
    "судя по",
    "предположительно",
    "по данным",
    "по сообщениям",
    "будто",
    "по-моему",
    "слухи",
)
# Hedges that say who is speaking rather than doubt what is said: a paraphrased quote already shows them.
ATTRIBUTING = {"according to", "claimed", "по словам", "по данным", "по сообщениям", "судя по"}
_CASE_SENSITIVE = ("may",)
_HEDGE = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(h) for h in sorted(HEDGES_EN + HEDGES_RU, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_HEDGE_CASED = re.compile(r"(?<![\w-])(" + "|".join(_CASE_SENSITIVE) + r")(?![\w-])")
# Evaluative words: a passage in the source's own voice (own-text) that has one colours what it reports; the
# statement keeps the assertion and leaves the colour, unless the evaluation is the assertion (accepted, with why).
# Russian entries are stems.
EVALUATIVE_EN = (
    "absurd",
    "appalling",
    "atrocious",
    "barbaric",
    "bizarre",
    "blatant",
    "brutal",
    "brutally",
    "chilling",
    "cynical",
    "disgraceful",
    "dreadful",
    "egregious",
    "glib",
    "grisly",
    "gruesome",
    "harrowing",
    "heinous",
    "heroic",
    "horrendous",
    "horrible",
    "horrific",
    "infamous",
    "ludicrous",
    "monstrous",
    "nefarious",
    "notorious",
    "outrageous",
    "power-hungry",
    "preposterous",
    "primal",
    "revolutionary",
    "ridiculous",
    "savage",
    "shameful",
    "shocking",
    "sinister",
    "terrible",
    "tragic",
    "tragically",
    "vile",
)
EVALUATIVE_RU = (
    "ужасн",
    "чудовищн",
    "кошмарн",
    "трагическ",
    "трагичн",
    "жесток",
    "абсурдн",
    "позорн",
    "циничн",
    "варварск",
)
_EVALUATIVE = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(w) for w in sorted(EVALUATIVE_EN, key=len, reverse=True))
    + r"(?![\w-])|(?:"
    + "|".join(EVALUATIVE_RU)
    + r")\w*)",
    re.IGNORECASE,
)
# What a statement puts in quotation marks is quoted, not said in its own words: a title, a term, a cited phrase.
_QUOTED = re.compile(r'“[^”]*”|"[^"]*"|«[^»]*»')

# Words by which a quote names who speaks: when a quote has one, a collective claimant is reported speaking.
_SPEECH = re.compile(
    r"(?<!\w)(say|says|said|saying|tell|tells|told|claim|claims|claimed|believe|believes|think|"
    r"thinks|according to|insist|insists|argue|argues|complain|complained|recall|recalled|"
    r"говор\w*|сказал\w*|считают|утвержда\w*|рассказ\w*|по словам)(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Hedge:
    word: str
    where: str  # "quote" or "translation"
    position: int  # from 1, in characters


def hedges_in(text: str) -> list[tuple[str, int]]:
    """Every hedge in a text, with its position (from 1), in order."""
    found = [(m.group(1), m.start() + 1) for m in _HEDGE.finditer(text)]
    found += [(m.group(1), m.start() + 1) for m in _HEDGE_CASED.finditer(text)]
    return sorted(found, key=lambda item: item[1])


def missing_hedge(claim: Claim, item: Evidence) -> Hedge | None:
    """The first hedge of a quote (or its translation) when the claim's statement carries none."""
    if hedges_in(claim.statement):
        return None
    for where, text in (("quote", item.quote), ("translation", item.translation)):
        for word, position in hedges_in(text):
            if word.casefold() in ATTRIBUTING and item.attribution in ("paraphrase", "direct-quote"):
                continue  # "according to X", "X claimed": the attribution already says who says it
            return Hedge(word, where, position)
    return None


def evaluative_words(text: str) -> list[str]:
    """The evaluative words of a text outside its quotation marks, in order, as written."""
    return [m.group(1) for m in _EVALUATIVE.finditer(_QUOTED.sub(" ", text))]


def source_word(claim: Claim) -> tuple[str, Evidence, str] | None:
    """The first evaluative word of the statement that a passage in the source's own voice also has: the word, the
    evidence entry and where in it ("quote" or "translation")."""
    own_voice = [
        (item, where, {w.casefold() for w in evaluative_words(text)})
        for item in claim.evidence
        if item.attribution == "own-text"
        for where, text in (("quote", item.quote), ("translation", item.translation))
    ]
    for word in evaluative_words(claim.statement):
        for item, where, words in own_voice:
            if word.casefold() in words:
                return word, item, where
    return None


def check_meaning(corpus: Corpus, problems: Problems) -> None:
    """Run every meaning check over the valid records; each finding is a warning with its position and fix."""
    answers: dict[str, set[tuple[object, ...]]] = {question_id: set() for question_id in corpus.questions}
    for claim in corpus.claims.values():
        if claim.question in answers:
            answers[claim.question].add(claim.answer_identity())
        _check_hedges(claim, problems)
        _check_source_word(claim, problems)
        _check_undated_figure(claim, corpus, problems)
        claimant = corpus.actors.get(claim.claimant)
        if claimant is not None:
            _check_collective(claim, claimant, problems)
    for question_id, found in answers.items():
        _check_one_sided(corpus.questions[question_id], len(found), problems)


def _warn(
    problems: Problems,
    record: Claim | Question,
    path: tuple[object, ...],
    field: str,
    message: str,
    hint: str,
    at_key: bool = False,
) -> None:
    line, column = record.raw.key_position(*path) if at_key else record.at(*path)
    problems.warning(record.path, line, column, field, message, hint)


def _accept_hint(check: str) -> str:
    return f'or, if it does not apply, add accepted: [{{check: {check}, reason: "…"}}] with the reason'


def _check_hedges(claim: Claim, problems: Problems) -> None:
    if claim.accepts("hedge"):
        return
    for item in claim.evidence:
        hedge = missing_hedge(claim, item)
        if hedge:
            _warn(
                problems,
                claim,
                ("statement",),
                "statement",
                f'evidence[{item.index}].{hedge.where} hedges with "{hedge.word}" (at character {hedge.position}) '
                "but the statement asserts it flatly",
                f'keep the hedge in the statement ("… {hedge.word.lower()} …"), {_accept_hint("hedge")}',
            )
            return


def _check_source_word(claim: Claim, problems: Problems) -> None:
    if claim.accepts("source-word"):
        return
    found = source_word(claim)
    if found:
        word, item, where = found
        _warn(
            problems,
            claim,
            ("statement",),
            "statement",
            f'the statement carries "{word}", an evaluative word of evidence[{item.index}].{where}, which is the '
            "source's own voice",
            f'keep the assertion and leave out "{word}", put it in quotation marks if it is a name or a cited phrase, '
            + _accept_hint("source-word"),
        )


def _check_undated_figure(claim: Claim, corpus: Corpus, problems: Problems) -> None:
    if claim.value is None or claim.claimed is not None or claim.accepts("undated-figure"):
        return
    dates = [corpus.sources[item.source].published for item in claim.evidence if item.source in corpus.sources]
    known = [date for date in dates if date is not None]
    placed = (
        f"the site places it by {min(known, key=lambda d: d.latest()).human()}, its earliest source's date"
        if known
        else 'the site shows it under "date not known"'
    )
    _warn(
        problems,
        claim,
        ("value",),
        "value",
        f"the figure has no date it was claimed: {placed}",
        f"add claimed: with the date the passage gives, {_accept_hint('undated-figure')}",
        at_key=True,
    )


def _check_collective(claim: Claim, claimant: Actor, problems: Problems) -> None:
    if claimant.kind != "group" or claim.accepts("collective-claimant"):
        return
    names = [claimant.name, *claimant.aliases]
    for item in claim.evidence:
        text = f"{item.quote} {item.translation}"
        if _SPEECH.search(text) or any(name.casefold() in text.casefold() for name in names if len(name) > 3):
            return
    _warn(
        problems,
        claim,
        ("claimant",),
        "claimant",
        f"the group '{claimant.id}' is credited with this, but no quote names it or anyone speaking",
        "credit who asserts it (often the article's author or outlet, in its own voice), "
        + _accept_hint("collective-claimant"),
    )


def _check_one_sided(question: Question, distinct: int, problems: Problems) -> None:
    if distinct >= 2 or question.accepts("one-sided-question"):
        return
    _warn(
        problems,
        question,
        ("question",),
        "question",
        f'the question has {distinct or "no"} distinct answer{"" if distinct == 1 else "s"}: readers see "No rival '
        'answer recorded yet"',
        "record the rival answers the sources give (claims with this question), " + _accept_hint("one-sided-question"),
    )
