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
from typing import Any, cast
from urllib.parse import urlsplit

from .dates import ACCEPTED_FORMS, DateError, PartialDate, ascii_digits, describe, foreign_digit
from .ids import id_problem, suggest_id
from .load import RawCorpus, RawRecord, dotted
from .model import KINDS, Accepted, Coordinates, Corpus, Evidence, Value
from .problems import Problems, did_you_mean
from .schemas import SCHEMAS, VALUE_FIELDS, Field, Schema

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# Control characters (Unicode category Cc: U+0000-001F, U+007F-009F) except tab, plus the bidi controls;
# one regular-expression search per value instead of a Python loop over every character.
_INVISIBLE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")
_INVISIBLE_BUT_NEWLINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")
# The largest figure a claim may give: the largest whole number a float (and JavaScript, in the explorer and the
# JSON exports) holds exactly. Beyond it, 1e308 overflowed the charts' arithmetic and figures would be shown rounded.
MAX_FIGURE = 2**53 - 1
_NUMERAL = re.compile(r"^[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?$")


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
                    self.fail(
                        where,
                        f"missing required field '{spec.name}'" if where == path else "is empty",
                        f"add '{spec.name}:' ({spec.description[0].lower()}{spec.description[1:]})"
                        if where == path
                        else f"give it a value: {spec.description}",
                    )
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
        return cast(str, value)

    def clean_text(self, value: str, path: tuple[Any, ...], allow_newlines: bool) -> str | None:
        found = (_INVISIBLE_BUT_NEWLINE if allow_newlines else _INVISIBLE).search(value)
        if found is None:
            return value
        char = found.group()
        name = unicodedata.name(char, "control character")
        self.fail(
            path,
            f"contains the invisible character U+{ord(char):04X} ({name}) at position {found.start() + 1}",
            "delete it: it can make text display in a misleading order or break pages",
        )
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
            self.fail(path, f"is {len(value):,} characters long, over the limit of {spec.max_length:,}", "shorten it")
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
                self.fail(
                    path,
                    f"the {self.raw.kind} id '{value}' is also used by {self.stems[value]}",
                    "ids must be unique: rename one of the two",
                )
                return None
            suffix = self.raw.path[self.raw.path.rfind(".") :]
            self.fail(
                path,
                f"the id '{value}' differs from the file name '{self.raw.stem}'",
                f"rename the file to '{value}{suffix}' or set id: {self.raw.stem}"
                if id_problem(self.raw.stem) is None
                else f"rename the file to '{value}{suffix}'",
            )
            return None
        return cast(str, value)

    def type_ref(self, spec: Field, value: Any, path: tuple[Any, ...]) -> str | None:
        value = self.text_scalar(value, path, f"the id of {_article(spec.ref)} {spec.ref}")
        if value is None:
            return None
        problem = id_problem(value)
        if problem:
            self.fail(path, f"'{value}' is not a valid {spec.ref} id: {problem[0]}", problem[1])
            return None
        return cast(str, value)

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
                    self.fail(
                        path + (index,),
                        f"the tag '{text}' is not lower-case words joined by hyphens",
                        f"write it as '{suggest_id(text)}'",
                    )
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
            fix = (
                f"write it with ASCII digits: '{ascii_digits(value)}'"
                if foreign_digit(value)
                else f"write {ACCEPTED_FORMS}{extra}"
            )
            self.fail(path, str(error), fix)
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
            return bool(value.lower() == "true")
        self.fail(path, f"'{value}' is not true or false", "write true or false")
        return None

    def type_number(self, spec: Field, value: Any, path: tuple[Any, ...]) -> float | None:
        value = self.text_scalar(value, path, "a number")
        if value is None:
            return None
        foreign = foreign_digit(value)
        if foreign:
            self.fail(
                path,
                f"'{value}' is written with digits that are not ASCII ({describe(foreign[1])} at position "
                f"{foreign[0] + 1})",
                f"write it with ASCII digits: {ascii_digits(value).strip()}",
            )
            return None
        other = next(((i, c) for i, c in enumerate(value) if c > "\x7f"), None)
        try:
            number = float(value.replace("_", "")) if not any(c in value for c in ", ") and not other else None
        except ValueError:
            number = None
        if number is None or math.isnan(number) or (math.isinf(number) and not _NUMERAL.match(value.strip())):
            self.fail(path, f"'{value}' is not a number", "write digits only, without commas or words: 4300")
            return None
        if number < 0:
            self.fail(path, f"'{value}' is negative", "figures in claims are counts: write the figure as quoted")
            return None
        if number > MAX_FIGURE:  # an exponent too large for a float (1e999) reads as infinity: too large too
            self.fail(
                path,
                f"'{value}' is too large to be a figure",
                f"figures are at most {MAX_FIGURE:,}, the "
                "largest whole number that the site and its data can show exactly",
            )
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
            self.fail(
                path,
                f"'{value}' is not a number of degrees",
                "write decimal degrees with a point: 43.25249 (negative for south or west), not degrees and minutes",
            )
            return None
        low, high = spec.bounds or (-math.inf, math.inf)
        if not low <= number <= high:
            self.fail(
                path,
                f"{value} is outside {low:g} to {high:g}",
                "latitude comes first, then longitude; check that the two are not swapped",
            )
            return None
        return number

    def type_url(self, spec: Field, value: Any, path: tuple[Any, ...]) -> str | None:
        value = self.text_scalar(value, path, "an address")
        if value is None or self.clean_text(value, path, allow_newlines=False) is None:
            return None
        value = value.strip()
        parts = urlsplit(value)
        if (
            parts.scheme not in {"http", "https"}
            or not parts.netloc
            or any(c.isspace() for c in value)
            or any(c in value for c in "<>\"'`\\")
        ):
            self.fail(
                path,
                f"'{value}' is not an http(s) address",
                "give the full address, starting with https://, without spaces or quotes",
            )
            return None
        return cast(str, value)

    def type_language(self, spec: Field, value: Any, path: tuple[Any, ...]) -> str | None:
        value = self.text_scalar(value, path, "a language code")
        if value is None:
            return None
        if not _LANGUAGE_CODE.match(value):
            self.fail(path, f"'{value}' is not a language code", "write an ISO 639-1 code in lower case: en, ru, kk")
            return None
        return cast(str, value)

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
            self.fail(
                path,
                f"'{value}' is not one of: {', '.join(spec.choices)}",
                suggestion or f"write one of: {', '.join(spec.choices)}",
            )
            return None
        return cast(str, value)

    def type_mapping(self, spec: Field, value: Any, path: tuple[Any, ...]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(
                path,
                "must be a set of fields",
                "write the fields indented under it: " + ", ".join(f.name for f in spec.fields),
            )
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
