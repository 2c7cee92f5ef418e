"""Cross-checks: what ties the valid records together, checked once every record is typed.

Every id a record names exists (for every reference field the schemas declare), no event is its own ancestor,
figures match their question, quotes (and the translations a source prints) stand in their source, names read
in one script, and nothing is left unused. Every check runs; none stops at the first problem.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from .load import dotted
from .look_alikes import check_look_alikes
from .model import KINDS, Claim, Corpus, Evidence, record_file
from .problems import Problems, did_you_mean
from .quote_helper import matching_sentences
from .quotes import closest_passage, find_quote, normalise, quote_parts
from .schemas import SCHEMAS, Field


def check_references(
    corpus: Corpus, problems: Problems, sources_dir: str = "sources", claims_dir: str = "claims"
) -> None:
    """Every id a record names exists (every reference field the schemas declare); no event is its own ancestor;
    figures match their question."""
    for kind in KINDS.values():
        references = kind.schema.references()
        if not references:
            continue
        for record in corpus.of_kind(kind.name).values():
            for parents, spec in references:
                for path, ref in _referenced(record, parents, spec):
                    _check_ref(problems, record, path, ref, spec.ref, corpus, sources_dir, claims_dir)
    _check_event_cycles(corpus, problems)
    _check_publishers(corpus, problems)
    for claim in corpus.claims.values():
        _check_value(claim, corpus, problems)
        _check_languages(claim, corpus, problems)
    check_redirects(corpus, problems)


def _taken_by(name: str, folder: str, noun: str) -> str:
    page = f"{folder}/{name}.md"
    return f"the page that lists every {noun} ({page})" if name == "index" else f"a page the site makes ({page})"


def check_reserved_names(corpus: Corpus, problems: Problems, reserved: dict[str, tuple[str, ...]]) -> None:
    """No record id and no tag takes the name of a page the engine writes itself in the same folder, and no two
    tags land on the same page. `reserved` maps a docs folder to the page names (without .md) it keeps for itself."""
    for kind in SCHEMAS:
        folder = KINDS[kind].site_folder
        for record in corpus.of_kind(kind).values():
            if record.id in reserved.get(folder, ()):
                _error(
                    problems,
                    record,
                    ("id",),
                    f"the {kind} id '{record.id}' is taken by {_taken_by(record.id, folder, kind)}",
                    f"rename the file and the id, e.g. to '{_free_name(record.id, corpus.of_kind(kind))}'",
                )
    pages: dict[str, str] = {}
    for claim in sorted(corpus.claims.values(), key=lambda c: c.id):
        for number, tag in enumerate(claim.tags):
            name = tag  # a tag's page is named after it: validation accepts slugs only
            if name in reserved.get("tags", ()):
                _error(
                    problems,
                    claim,
                    ("tags", number),
                    f"the tag '{tag}' is taken by {_taken_by(name, 'tags', 'tag')}",
                    "use another word for the tag",
                )
            elif pages.setdefault(name, tag) != tag:
                _error(
                    problems,
                    claim,
                    ("tags", number),
                    f"the tags '{tag}' and '{pages[name]}' would share one page (tags/{name}.md)",
                    f"use '{pages[name]}' or another word",
                )


def _free_name(taken: str, table: dict[str, Any]) -> str:
    number = 1
    while f"{taken}-{number}" in table:
        number += 1
    return f"{taken}-{number}"


def _referenced(record: Any, parents: tuple[Field, ...], spec: Field) -> list[tuple[tuple[Any, ...], str]]:
    """(path, id) for every id a reference field holds in this record, inside nested entries too."""
    holders: list[tuple[tuple[Any, ...], Any]] = [((), record)]
    for parent in parents:
        nested = []
        for path, holder in holders:
            value = getattr(holder, parent.name, None)
            if isinstance(value, list):
                nested += [(path + (parent.name, number), item) for number, item in enumerate(value)]
            elif value is not None:
                nested.append((path + (parent.name,), value))
        holders = nested
    found: list[tuple[tuple[Any, ...], str]] = []
    for path, holder in holders:
        value = getattr(holder, spec.name, None)
        if isinstance(value, list):
            found += [(path + (spec.name, number), ref) for number, ref in enumerate(value) if ref]
        elif value and not (spec.unknown_word and value == spec.unknown_word):
            found.append((path + (spec.name,), value))
    return found


def check_redirects(corpus: Corpus, problems: Problems) -> None:
    """A former id (redirect_from) names no record of its kind and is claimed by one record only."""
    for kind in SCHEMAS:
        table = corpus.of_kind(kind)
        claimed: dict[str, str] = {}
        for record in sorted(table.values(), key=lambda r: r.id):
            for number, old in enumerate(record.redirect_from):
                path = ("redirect_from", number)
                if old == "index":
                    _error(
                        problems,
                        record,
                        path,
                        "'index' is the address of the list of all records",
                        "remove it from redirect_from",
                    )
                elif old == record.id:
                    _error(problems, record, path, f"'{old}' is this {kind}'s own id", "remove it from redirect_from")
                elif old in table or old in corpus.invalid_ids.get(kind, set()):
                    _error(
                        problems,
                        record,
                        path,
                        f"a {kind} with the id '{old}' exists; its page cannot also redirect here",
                        f"remove '{old}' from redirect_from, or rename that {kind}",
                    )
                elif old in claimed:
                    _error(
                        problems,
                        record,
                        path,
                        f"the {kind} '{claimed[old]}' also redirects from '{old}'",
                        "an old address can lead to one record only: remove it from one of the two",
                    )
                else:
                    claimed[old] = record.id


def _error(problems: Problems, record: Any, path: tuple[Any, ...], message: str, hint: str) -> None:
    line, column = record.at(*path)
    problems.error(record.path, line, column, dotted(path), message, hint)


def _check_ref(
    problems: Problems,
    record: Any,
    path: tuple[Any, ...],
    ref: str,
    kind: str,
    corpus: Corpus,
    sources_dir: str,
    claims_dir: str,
) -> None:
    if not ref:
        return
    table = corpus.of_kind(kind)
    if ref in table or ref in corpus.invalid_ids.get(kind, set()):
        return
    where = record_file(kind, ref, sources_dir, claims_dir)
    hint = did_you_mean(ref, table) or f"create {where}, or name an existing {kind}"
    _error(problems, record, path, f"no {kind} '{ref}'", hint)


def _check_event_cycles(corpus: Corpus, problems: Problems) -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(corpus.events):
        path: list[str] = []
        current = start
        while current in corpus.events and state.get(current) != 2:
            if state.get(current) == 1:
                cycle = path[path.index(current) :] + [current]
                event = corpus.events[current]
                _error(
                    problems,
                    event,
                    ("parent",),
                    "events form a cycle: " + " → ".join(cycle),
                    "an event cannot be part of itself; remove one 'parent'",
                )
                break
            state[current] = 1
            path.append(current)
            current = corpus.events[current].parent
        for seen in path:
            state[seen] = 2


def _check_publishers(corpus: Corpus, problems: Problems) -> None:
    """A source's publisher_actor is the outlet itself: its description is what readers learn of the outlet."""
    for source in corpus.sources.values():
        outlet = corpus.actors.get(source.publisher_actor)
        if outlet is not None and outlet.kind != "media-outlet":
            _error(
                problems,
                source,
                ("publisher_actor",),
                f"'{outlet.id}' is a {outlet.kind.replace('-', ' ')}, not a media outlet",
                f"name the actor record of the outlet ({source.publisher}), whose kind is media-outlet, or "
                "leave publisher_actor out",
            )


def _check_value(claim: Claim, corpus: Corpus, problems: Problems) -> None:
    if claim.raw.refused("value") or claim.raw.refused("question"):
        return  # already reported
    question = corpus.questions.get(claim.question)
    if claim.value and not claim.question:
        _error(
            problems,
            claim,
            ("value",),
            "a value needs a question",
            "add 'question:' with the numeric question this figure answers",
        )
        return
    if question is None:
        return
    if claim.value and not question.unit:
        _error(
            problems,
            claim,
            ("value",),
            f"the question '{question.id}' is not answered by a number",
            "remove 'value:' and use 'answer:' for a short answer",
        )
    elif claim.value and claim.value.unit != question.unit:
        _error(
            problems,
            claim,
            ("value", "unit"),
            f"the unit '{claim.value.unit}' differs from the question's unit '{question.unit}'",
            f"write unit: {question.unit}",
        )
    elif question.unit and not claim.value and not claim.answer:
        _error(
            problems,
            claim,
            ("question",),
            f"the question '{question.id}' is answered by a number, but the claim gives neither a value nor an answer",
            f"add value: with number, unit: {question.unit} and "
            "qualifier, or answer: for an answer that is not a figure",
        )


def quote_language(item: Evidence, source_languages: list[str]) -> str:
    """The quote's language: as given, or the source's main language."""
    return item.language or (source_languages[0] if source_languages else "en")


def _check_languages(claim: Claim, corpus: Corpus, problems: Problems) -> None:
    for item in claim.evidence:
        source = corpus.sources.get(item.source)
        if source is None:
            continue
        here = ("evidence", item.index)
        if claim.raw.refused(*here, "language") or source.raw.refused("languages"):
            continue
        language = quote_language(item, source.languages)
        if item.language and item.language not in source.languages:
            _error(
                problems,
                claim,
                here + ("language",),
                f"the source '{source.id}' is not in '{item.language}'",
                f"its languages are {', '.join(source.languages)}; add the language to the source or fix this",
            )
        if language != "en" and not item.translation:
            _error(
                problems,
                claim,
                here + ("quote",),
                f"the quote is in '{language}' but has no translation",
                "add 'translation:' with the English text and 'translated_by: source' or 'editors'",
            )
        if item.translation and not item.translated_by:
            _error(
                problems,
                claim,
                here + ("translation",),
                "the translation does not say who made it",
                "add 'translated_by: source' (the source gives it) or 'translated_by: editors'",
            )
        if language == "en" and _mostly_cyrillic(item.quote):
            _error(
                problems,
                claim,
                here + ("quote",),
                "the quote is in Cyrillic script but its language is 'en'",
                "add 'language: ru' (or kk) and a translation",
            )


def _mostly_cyrillic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum("CYRILLIC" in unicodedata.name(c, "") for c in letters) > len(letters) / 2


def check_quotes(corpus: Corpus, problems: Problems) -> dict[tuple[str, int], Any]:
    """Prove every quote (and every translation the source itself gives) stands in its source.

    Returns where each quote was found, keyed by (claim id, evidence index), for the link stage.
    """
    normalised = {
        source_id: normalise(source.text) for source_id, source in corpus.sources.items() if source.text.strip()
    }
    found: dict[tuple[str, int], Any] = {}
    for claim in corpus.claims.values():
        for item in claim.evidence:
            text = normalised.get(item.source)
            if text is None or claim.raw.refused("evidence", item.index, "quote") or not item.quote:
                continue
            match = _find_or_report(claim, item, ("evidence", item.index, "quote"), item.quote, text, problems)
            if match:
                found[(claim.id, item.index)] = match
            if item.translation and item.translated_by == "source":
                _find_or_report(
                    claim,
                    item,
                    ("evidence", item.index, "translation"),
                    item.translation,
                    text,
                    problems,
                    what="translation",
                    original=corpus.sources[item.source].text,
                )
    return found


def _find_or_report(
    claim: Claim,
    item: Evidence,
    path: tuple[Any, ...],
    quote: str,
    text: Any,
    problems: Problems,
    what: str = "quote",
    original: str = "",
) -> Any:
    if not quote_parts(quote):
        _error(problems, claim, path, f"the {what} has no words", "copy a passage from the source")
        return None
    match = find_quote(text, quote)
    if match:
        return match
    if len(quote) > len(text.text) + 10:
        _error(
            problems,
            claim,
            path,
            f"the {what} is longer than the source '{item.source}' itself",
            "copy a shorter passage from the source's text",
        )
        return None
    parts = quote_parts(quote)
    if len(parts) > 1 and all(part in text.text for part in parts):
        _error(
            problems,
            claim,
            path,
            f"the parts of the {what} around '…' are in the source '{item.source}', but not in this order",
            "put the parts in the order the source gives them",
        )
        return None
    passage, difference = closest_passage(text, quote)
    if passage and what == "translation":
        # a translation is compared as a whole: show the whole sentence it is closest to, and name it for what it is
        sentence = next(iter(matching_sentences(original, passage)), passage) if original else passage
        hint = f'the closest sentence in sources/{item.source}.md reads "{sentence}"'
        hint += f"; {difference.replace('the quote', 'the translation')}" if difference else ""
        hint += (
            "; copy the words exactly as stored (typos included), or set translated_by: editors if the "
            "translation is ours"
        )
    elif passage:
        hint = f'the closest passage in sources/{item.source}.md reads "{passage}"'
        hint += f"; {difference}" if difference else ""
        hint += "; copy the words exactly as stored (typos included)"
    elif what == "translation":
        hint = (
            f"copy the translation exactly as sources/{item.source}.md prints it, or set translated_by: editors "
            "if the translation is ours"
        )
    else:
        hint = f"copy the passage exactly from sources/{item.source}.md"
    _error(problems, claim, path, f"the {what} is not in the source '{item.source}'", hint)
    return None


def check_usage(corpus: Corpus, problems: Problems) -> None:
    """Warn about sources and actors that nothing refers to (usually a forgotten claim or a typo), and about names
    and statements that hide look-alike characters."""
    check_look_alikes(corpus, problems)
    cited = {item.source for claim in corpus.claims.values() for item in claim.evidence}
    named = {claim.claimant for claim in corpus.claims.values()}
    named.update(a for claim in corpus.claims.values() for a in claim.actors)
    named.update(a for event in corpus.events.values() for a in event.actors)
    named.update(source.publisher_actor for source in corpus.sources.values())
    invalid = corpus.invalid_ids
    for source in corpus.sources.values():
        if source.id not in cited and source.id not in invalid.get("source", set()):
            line, column = source.at("id")
            problems.warning(
                source.path,
                line,
                column,
                "id",
                f"no claim cites the source '{source.id}'",
                "add claims with quotes from it, or remove it",
            )
    for actor in corpus.actors.values():
        if actor.id not in named and actor.id not in invalid.get("actor", set()):
            line, column = actor.at("id")
            problems.warning(
                actor.path,
                line,
                column,
                "id",
                f"no claim or event names the actor '{actor.id}'",
                "name it in a claim's claimant or actors, or remove it",
            )
