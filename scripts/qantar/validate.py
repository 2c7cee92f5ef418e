"""Validate: turn raw records into typed ones against their schema, then check what ties them together.

Every check runs; none stops at the first problem. A record with errors is left out of the
corpus, so that later checks do not report its consequences twice; the build then refuses to
publish, because the collector holds errors.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from .dates import ACCEPTED_FORMS, DateError, PartialDate
from .load import RawCorpus, RawRecord, dotted
from .model import (
    ID_MAX_LENGTH,
    ID_PATTERN,
    KINDS,
    SCHEMAS,
    Accepted,
    Claim,
    Coordinates,
    Corpus,
    Evidence,
    Field,
    Schema,
    VALUE_FIELDS,
    Value,
    record_file,
)
from .problems import Problems, did_you_mean
from .quotes import closest_passage, find_quote, normalise, quote_parts

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# Control characters (Unicode category Cc: U+0000-001F, U+007F-009F) except tab, plus the bidi controls;
# one regular-expression search per value instead of a Python loop over every character.
_INVISIBLE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")
_INVISIBLE_BUT_NEWLINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")


class _RecordChecker:
    """Checks one raw record against its schema and yields the typed values."""

    def __init__(self, raw: RawRecord, problems: Problems, today: dt.date, stems: dict[str, str]) -> None:
        self.raw = raw
        self.stems = stems  # file names of the same kind, to tell a duplicate id from a typo
        self.problems = problems
        self.today = today
        self.ok = True

    def fail(self, path: tuple[Any, ...], message: str, hint: str = "", at_key: bool = False) -> None:
        line, column = self.raw.key_position(*path) if at_key else self.raw.position(*path)
        self.raw.failed.add(tuple(path))
        self.problems.error(self.raw.path, line, column, dotted(path), message, hint)
        self.ok = False

    # -- whole mappings -------------------------------------------------------------------
    def mapping(self, data: dict[str, Any], fields: tuple[Field, ...], path: tuple[Any, ...]) -> dict[str, Any]:
        known = {f.name: f for f in fields}
        for name in data:
            if name not in known:
                suggestion = did_you_mean(name, known)
                allowed = "allowed fields: " + ", ".join(known)
                self.fail(path + (name,), "unknown field", suggestion or allowed, at_key=True)
        values: dict[str, Any] = {}
        for spec in fields:
            if spec.name not in data or data[spec.name] is None or data[spec.name] == "":
                if spec.required:
                    where = path + (spec.name,) if spec.name in data else path
                    self.fail(where, f"missing required field '{spec.name}'" if where == path else "is empty",
                              f"add '{spec.name}:' ({spec.description[0].lower()}{spec.description[1:]})"
                              if where == path else f"give it a value: {spec.description}")
                continue
            value = self.value(spec, data[spec.name], path + (spec.name,))
            if value is not None:
                values[spec.name] = value
        return values

    # -- single values --------------------------------------------------------------------
    def value(self, spec: Field, value: Any, path: tuple[Any, ...]) -> Any:
        if spec.unknown_word and value == spec.unknown_word:
            return "unknown"
        checker = getattr(self, f"type_{spec.type}")
        return checker(spec, value, path)

    def text_scalar(self, value: Any, path: tuple[Any, ...], what: str = "text") -> str | None:
        if isinstance(value, list):
            self.fail(path, f"must be {what}, not a list", "remove the '-' or '[ ]' and write a single value")
            return None
        if isinstance(value, dict):
            self.fail(path, f"must be {what}, not a set of fields", "write a single value on this line")
            return None
        return value

    def clean_text(self, value: str, path: tuple[Any, ...], allow_newlines: bool) -> str | None:
        found = (_INVISIBLE_BUT_NEWLINE if allow_newlines else _INVISIBLE).search(value)
        if found is None:
            return value
        char = found.group()
        name = unicodedata.name(char, "control character")
        self.fail(path, f"contains the invisible character U+{ord(char):04X} ({name}) at position {found.start() + 1}",
                  "delete it: it can make text display in a misleading order or break pages")
        return None

    def type_line(self, spec: Field, value: Any, path: tuple[Any, ...]) -> str | None:
        value = self.text_scalar(value, path)
        if value is None or self.clean_text(value, path, allow_newlines=True) is None:
            return None
        value = " ".join(value.split())
        return self.length_ok(spec, value, path)

    def type_text(self, spec: Field, value: Any, path: tuple[Any, ...]) -> str | None:
        value = self.text_scalar(value, path)
        if value is None or self.clean_text(value, path, allow_newlines=True) is None:
            return None
        value = value.strip()
        if not value:
            self.fail(path, "is empty", f"give it a value: {spec.description}")
            return None
        return self.length_ok(spec, value, path)

    def length_ok(self, spec: Field, value: str, path: tuple[Any, ...]) -> str | None:
        if spec.max_length and len(value) > spec.max_length:
            self.fail(path, f"is {len(value):,} characters long, over the limit of {spec.max_length:,}",
                      "shorten it")
            return None
        if not value:
            self.fail(path, "is empty", f"give it a value: {spec.description}")
            return None
        return value

    def type_id(self, spec: Field, value: Any, path: tuple[Any, ...]) -> str | None:
        value = self.text_scalar(value, path, "an id")
        if value is None:
            return None
        problem = id_problem(value)
        if problem:
            self.fail(path, problem[0], problem[1])
            return None
        if path == ("id",) and value != self.raw.stem:
            if value in self.stems:
                self.fail(path, f"the {self.raw.kind} id '{value}' is also used by {self.stems[value]}",
                          "ids must be unique: rename one of the two")
                return None
            suffix = self.raw.path[self.raw.path.rfind("."):]
            self.fail(path, f"the id '{value}' differs from the file name '{self.raw.stem}'",
                      f"rename the file to '{value}{suffix}' or set id: {self.raw.stem}"
                      if id_problem(self.raw.stem) is None else f"rename the file to '{value}{suffix}'")
            return None
        return value

    def type_ref(self, spec: Field, value: Any, path: tuple[Any, ...]) -> str | None:
        value = self.text_scalar(value, path, f"the id of {_article(spec.ref)} {spec.ref}")
        if value is None:
            return None
        problem = id_problem(value)
        if problem:
            self.fail(path, f"'{value}' is not a valid {spec.ref} id: {problem[0]}", problem[1])
            return None
        return value

    def type_refs(self, spec: Field, value: Any, path: tuple[Any, ...]) -> list[str] | None:
        items = self.list_of(value, path, f"{spec.ref} ids")
        if items is None:
            return None
        result: list[str] = []
        for index, item in enumerate(items):
            ref = self.type_ref(spec, item, path + (index,))
            if ref is None:
                continue
            if ref in result:
                self.fail(path + (index,), f"'{ref}' is listed twice", "remove the second one")
                continue
            result.append(ref)
        return result

    def type_strings(self, spec: Field, value: Any, path: tuple[Any, ...]) -> list[str] | None:
        items = self.list_of(value, path, "texts")
        if items is None:
            return None
        if not items and spec.required:
            self.fail(path, "is empty", f"give it a value: {spec.description}")
            return None
        result = []
        for index, item in enumerate(items):
            text = self.type_line(spec, item, path + (index,))
            if text is not None:
                if spec.name == "tags" and id_problem(text):
                    self.fail(path + (index,), f"the tag '{text}' is not lower-case words joined by hyphens",
                              f"write it as '{suggest_id(text)}'")
                    continue
                result.append(text)
        return result

    def list_of(self, value: Any, path: tuple[Any, ...], what: str) -> list[Any] | None:
        if isinstance(value, dict):
            self.fail(path, f"must be a list of {what}, not a set of fields", "write [first, second]")
            return None
        if not isinstance(value, list):
            self.fail(path, f"must be a list of {what}", f"write [{value}] with square brackets")
            return None
        return value

    def type_date(self, spec: Field, value: Any, path: tuple[Any, ...]) -> PartialDate | None:
        value = self.text_scalar(value, path, "a date")
        if value is None:
            return None
        try:
            date = PartialDate.parse(value)
        except DateError as error:
            extra = " or the word unknown" if spec.unknown_word else ""
            self.fail(path, str(error), f"write {ACCEPTED_FORMS}{extra}")
            return None
        if date.earliest() > self.today:
            self.fail(path, f"'{value}' is in the future", "check the year; records describe what has happened")
            return None
        return date

    def type_bool(self, spec: Field, value: Any, path: tuple[Any, ...]) -> bool | None:
        value = self.text_scalar(value, path, "true or false")
        if value is None:
            return None
        if value.lower() in {"true", "false"}:
            return value.lower() == "true"
        self.fail(path, f"'{value}' is not true or false", "write true or false")
        return None

    def type_number(self, spec: Field, value: Any, path: tuple[Any, ...]) -> float | None:
        value = self.text_scalar(value, path, "a number")
        if value is None:
            return None
        try:
            number = float(value.replace("_", "")) if not any(c in value for c in ", ") else None
        except ValueError:
            number = None
        if number is None or math.isnan(number) or math.isinf(number):
            self.fail(path, f"'{value}' is not a number", "write digits only, without commas or words: 4300")
            return None
        if number < 0:
            self.fail(path, f"'{value}' is negative", "figures in claims are counts: write the figure as quoted")
            return None
        return int(number) if number.is_integer() else number

    def type_degrees(self, spec: Field, value: Any, path: tuple[Any, ...]) -> float | None:
        value = self.text_scalar(value, path, "a number of degrees")
        if value is None:
            return None
        try:
            number = float(value) if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value.strip()) else None
        except ValueError:
            number = None
        if number is None:
            self.fail(path, f"'{value}' is not a number of degrees", "write decimal degrees with a point: 43.25249 "
                      "(negative for south or west), not degrees and minutes")
            return None
        low, high = spec.bounds or (-math.inf, math.inf)
        if not low <= number <= high:
            self.fail(path, f"{value} is outside {low:g} to {high:g}",
                      "latitude comes first, then longitude; check that the two are not swapped")
            return None
        return number

    def type_url(self, spec: Field, value: Any, path: tuple[Any, ...]) -> str | None:
        value = self.text_scalar(value, path, "an address")
        if value is None or self.clean_text(value, path, allow_newlines=False) is None:
            return None
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.netloc or any(c.isspace() for c in value) \
                or any(c in value for c in "<>\"'`\\"):
            self.fail(path, f"'{value}' is not an http(s) address",
                      "give the full address, starting with https://, without spaces or quotes")
            return None
        return value

    def type_language(self, spec: Field, value: Any, path: tuple[Any, ...]) -> str | None:
        value = self.text_scalar(value, path, "a language code")
        if value is None:
            return None
        if not _LANGUAGE_CODE.match(value):
            self.fail(path, f"'{value}' is not a language code", "write an ISO 639-1 code in lower case: en, ru, kk")
            return None
        return value

    def type_languages(self, spec: Field, value: Any, path: tuple[Any, ...]) -> list[str] | None:
        items = self.list_of(value, path, "language codes")
        if items is None:
            return None
        if not items:
            self.fail(path, "is empty", "name at least the main language: [en]")
            return None
        result = [self.type_language(spec, item, path + (i,)) for i, item in enumerate(items)]
        return [code for code in result if code] if all(result) else None

    def type_choice(self, spec: Field, value: Any, path: tuple[Any, ...]) -> str | None:
        value = self.text_scalar(value, path, "one word")
        if value is None:
            return None
        if value not in spec.choices:
            suggestion = did_you_mean(value, spec.choices)
            self.fail(path, f"'{value}' is not one of: {', '.join(spec.choices)}", suggestion or
                      f"write one of: {', '.join(spec.choices)}")
            return None
        return value

    def type_mapping(self, spec: Field, value: Any, path: tuple[Any, ...]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(path, "must be a set of fields", "write the fields indented under it: " +
                      ", ".join(f.name for f in spec.fields))
            return None
        return self.mapping(value, spec.fields, path)

    def type_mappings(self, spec: Field, value: Any, path: tuple[Any, ...]) -> list[dict[str, Any]] | None:
        items = self.list_of(value, path, "entries")
        if items is None:
            return None
        if not items:
            self.fail(path, "is empty", "give at least one entry with source, quote and stance")
            return None
        result = []
        for index, item in enumerate(items):
            entry = self.type_mapping(spec, item, path + (index,))
            if entry is not None:
                result.append(entry)
        return result


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def id_problem(value: str) -> tuple[str, str] | None:
    """Why a string cannot be an id (and how to fix it), or None when it can."""
    if not value:
        return "is empty", "write lower-case words joined by hyphens"
    if len(value) > ID_MAX_LENGTH:
        return f"is longer than {ID_MAX_LENGTH} characters", "shorten it"
    if not ID_PATTERN.match(value):
        if any(part in value for part in ("/", "\\", "..")):
            return (f"'{value}' could point outside its folder", "ids are lower-case words joined by hyphens, "
                    f"e.g. '{suggest_id(value)}'")
        foreign = next(((i, c) for i, c in enumerate(value) if ord(c) > 127), None)
        if foreign:
            position, char = foreign
            name = unicodedata.name(char, "unknown character")
            return (f"'{value}' has characters outside a-z, 0-9 and '-': U+{ord(char):04X} {name} at position "
                    f"{position + 1}", f"use plain ASCII letters, e.g. '{suggest_id(value)}'")
        return (f"'{value}' is not lower-case words joined by hyphens",
                f"write it as '{suggest_id(value)}'")
    if value in _WINDOWS_RESERVED:
        return f"'{value}' is a reserved file name on Windows", f"use a longer id, e.g. '{value}-1'"
    return None


_LOOK_ALIKES = str.maketrans("аеорсухіјѕкмтвнАЕОРСУХІЈЅКМТВНαοιν", "aeopcyxijskmtbhaeopcyxijskmtbhaoiv")


def suggest_id(value: str) -> str:
    """A valid id close to what was written."""
    ascii_text = unicodedata.normalize("NFKD", value.translate(_LOOK_ALIKES)).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    return "-".join(words) or "record"


def build_records(raw_corpus: RawCorpus, problems: Problems, today: dt.date) -> Corpus:
    """Check every raw record against its schema and build the typed records.

    A record with errors is kept, with what could be read, so that its references and quotes are
    checked too and the editor sees every problem at once; its id goes into `invalid_ids`.
    """
    corpus = Corpus()
    for kind, stems in raw_corpus.unreadable.items():
        corpus.invalid_ids.setdefault(kind, set()).update(stems)
    stems_by_kind: dict[str, dict[str, str]] = {}
    for raw in raw_corpus.all():
        stems_by_kind.setdefault(raw.kind, {})[raw.stem] = raw.path
    for raw in raw_corpus.all():
        schema: Schema = SCHEMAS[raw.kind]
        checker = _RecordChecker(raw, problems, today, stems_by_kind.get(raw.kind, {}))
        values = checker.mapping(raw.data, schema.fields, ())
        _type_nested_values(raw.kind, values)
        if raw.kind == "source":
            values["text"] = raw.body
            if not raw.body.strip():
                checker.fail((), "the source has no text", "paste the article text after the closing '---'")
            for word_field in ("authors", "published"):
                if values.get(word_field) == "unknown":
                    values[word_field] = None
        if raw.kind == "event":
            _check_range(checker, values)
        record_id = values.get("id") or raw.stem
        values["id"] = record_id
        if not checker.ok:
            corpus.invalid_ids.setdefault(raw.kind, set()).add(record_id)
        table = corpus.of_kind(raw.kind)
        if record_id in table:
            continue  # a second file claiming the same id: reported by the id check
        table[record_id] = KINDS[raw.kind].record_class(path=raw.path, raw=raw, **values)
    return corpus


def _type_nested_values(kind: str, values: dict[str, Any]) -> None:
    """Turn checked nested mappings into their dataclasses (value, evidence entries, accepted warnings)."""
    if "accepted" in values:
        values["accepted"] = [Accepted(**entry) for entry in values["accepted"] if len(entry) == 2]
    if kind == "place":
        coordinates = values.get("coordinates")
        values["coordinates"] = Coordinates(**coordinates) if coordinates and len(coordinates) == 2 else None
    if kind != "claim":
        return
    value = values.get("value")
    if value is not None:
        names = [spec.name for spec in SCHEMAS["claim"].fields if spec.name == "value"]
        value_fields = {spec.name for spec in VALUE_FIELDS}
        values["value"] = Value(**value) if names and set(value) == value_fields else None  # else: reported
    if "evidence" in values:
        values["evidence"] = [Evidence(index, **entry) for index, entry in enumerate(values["evidence"])]


def _check_range(checker: _RecordChecker, values: dict[str, Any]) -> None:
    start, end = values.get("date"), values.get("end")
    if start and end and end.latest() < start.earliest():
        checker.fail(("end",), f"the event ends ({end}) before it starts ({start})", "swap the two dates or fix one")


# -- checks across records ---------------------------------------------------------------------

def check_references(corpus: Corpus, problems: Problems, sources_dir: str = "sources",
                     claims_dir: str = "claims") -> None:
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
    for claim in corpus.claims.values():
        _check_value(claim, corpus, problems)
        _check_languages(claim, corpus, problems)
    check_redirects(corpus, problems)


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
                    _error(problems, record, path, "'index' is the address of the list of all records",
                           "remove it from redirect_from")
                elif old == record.id:
                    _error(problems, record, path, f"'{old}' is this {kind}'s own id", "remove it from redirect_from")
                elif old in table or old in corpus.invalid_ids.get(kind, set()):
                    _error(problems, record, path, f"a {kind} with the id '{old}' exists; its page cannot also "
                           "redirect here", f"remove '{old}' from redirect_from, or rename that {kind}")
                elif old in claimed:
                    _error(problems, record, path, f"the {kind} '{claimed[old]}' also redirects from '{old}'",
                           "an old address can lead to one record only: remove it from one of the two")
                else:
                    claimed[old] = record.id


def _error(problems: Problems, record: Any, path: tuple[Any, ...], message: str, hint: str) -> None:
    line, column = record.at(*path)
    problems.error(record.path, line, column, dotted(path), message, hint)


def _check_ref(problems: Problems, record: Any, path: tuple[Any, ...], ref: str, kind: str, corpus: Corpus,
               sources_dir: str, claims_dir: str) -> None:
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
                cycle = path[path.index(current):] + [current]
                event = corpus.events[current]
                _error(problems, event, ("parent",), "events form a cycle: " + " → ".join(cycle),
                       "an event cannot be part of itself; remove one 'parent'")
                break
            state[current] = 1
            path.append(current)
            current = corpus.events[current].parent
        for seen in path:
            state[seen] = 2


def _check_value(claim: Claim, corpus: Corpus, problems: Problems) -> None:
    if claim.raw.refused("value") or claim.raw.refused("question"):
        return  # already reported
    question = corpus.questions.get(claim.question)
    if claim.value and not claim.question:
        _error(problems, claim, ("value",), "a value needs a question", "add 'question:' with the numeric "
               "question this figure answers")
        return
    if question is None:
        return
    if claim.value and not question.unit:
        _error(problems, claim, ("value",), f"the question '{question.id}' is not answered by a number",
               "remove 'value:' and use 'answer:' for a short answer")
    elif claim.value and claim.value.unit != question.unit:
        _error(problems, claim, ("value", "unit"), f"the unit '{claim.value.unit}' differs from the question's "
               f"unit '{question.unit}'", f"write unit: {question.unit}")
    elif question.unit and not claim.value and not claim.answer:
        _error(problems, claim, ("question",), f"the question '{question.id}' is answered by a number, but the "
               "claim gives neither a value nor an answer", f"add value: with number, unit: {question.unit} and "
               "qualifier, or answer: for an answer that is not a figure")


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
            _error(problems, claim, here + ("language",), f"the source '{source.id}' is not in '{item.language}'",
                   f"its languages are {', '.join(source.languages)}; add the language to the source or fix this")
        if language != "en" and not item.translation:
            _error(problems, claim, here + ("quote",), f"the quote is in '{language}' but has no translation",
                   "add 'translation:' with the English text and 'translated_by: source' or 'editors'")
        if item.translation and not item.translated_by:
            _error(problems, claim, here + ("translation",), "the translation does not say who made it",
                   "add 'translated_by: source' (the source gives it) or 'translated_by: editors'")
        if language == "en" and _mostly_cyrillic(item.quote):
            _error(problems, claim, here + ("quote",), "the quote is in Cyrillic script but its language is 'en'",
                   "add 'language: ru' (or kk) and a translation")


def _mostly_cyrillic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum("CYRILLIC" in unicodedata.name(c, "") for c in letters) > len(letters) / 2


def check_quotes(corpus: Corpus, problems: Problems) -> dict[tuple[str, int], Any]:
    """Prove every quote (and every translation the source itself gives) stands in its source.

    Returns where each quote was found, keyed by (claim id, evidence index), for the link stage.
    """
    normalised = {source_id: normalise(source.text) for source_id, source in corpus.sources.items()
                  if source.text.strip()}
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
                _find_or_report(claim, item, ("evidence", item.index, "translation"), item.translation, text,
                                problems, what="translation")
    return found


def _find_or_report(claim: Claim, item: Evidence, path: tuple[Any, ...], quote: str, text: Any,
                    problems: Problems, what: str = "quote") -> Any:
    if not quote_parts(quote):
        _error(problems, claim, path, f"the {what} has no words", "copy a passage from the source")
        return None
    match = find_quote(text, quote)
    if match:
        return match
    if len(quote) > len(text.text) + 10:
        _error(problems, claim, path, f"the {what} is longer than the source '{item.source}' itself",
               "copy a shorter passage from the source's text")
        return None
    parts = quote_parts(quote)
    if len(parts) > 1 and all(part in text.text for part in parts):
        _error(problems, claim, path, f"the parts of the {what} around '…' are in the source '{item.source}', but "
               "not in this order", "put the parts in the order the source gives them")
        return None
    passage, difference = closest_passage(text, quote)
    if passage:
        hint = f"the closest passage in sources/{item.source}.md reads \"{passage}\""
        hint += f"; {difference}" if difference else ""
        hint += "; copy the words exactly as stored (typos included)"
        if what == "translation":
            hint += ", or set translated_by: editors if the translation is ours"
    else:
        hint = f"copy the passage exactly from sources/{item.source}.md"
    _error(problems, claim, path, f"the {what} is not in the source '{item.source}'", hint)
    return None


def check_usage(corpus: Corpus, problems: Problems) -> None:
    """Warn about sources and actors that nothing refers to (usually a forgotten claim or a typo)."""
    cited = {item.source for claim in corpus.claims.values() for item in claim.evidence}
    named = {claim.claimant for claim in corpus.claims.values()}
    named.update(a for claim in corpus.claims.values() for a in claim.actors)
    named.update(a for event in corpus.events.values() for a in event.actors)
    invalid = corpus.invalid_ids
    for source in corpus.sources.values():
        if source.id not in cited and source.id not in invalid.get("source", set()):
            line, column = source.at("id")
            problems.warning(source.path, line, column, "id", f"no claim cites the source '{source.id}'",
                             "add claims with quotes from it, or remove it")
    for actor in corpus.actors.values():
        if actor.id not in named and actor.id not in invalid.get("actor", set()):
            line, column = actor.at("id")
            problems.warning(actor.path, line, column, "id", f"no claim or event names the actor '{actor.id}'",
                             "name it in a claim's claimant or actors, or remove it")
