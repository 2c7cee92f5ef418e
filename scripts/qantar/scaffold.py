"""Scaffolding: `qantar new KIND` writes a correctly named record with every field present and explained."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Settings
from .editor_schemas import schema_comment
from .ids import id_problem, suggest_id
from .model import KINDS, record_file
from .schemas import SCHEMAS, Field

# The field an id is derived from when none is given: the one a link to the record shows.
ID_FROM = {kind.name: kind.label_field for kind in KINDS.values()}

# Example values shown (commented out) for optional fields an editor did not fill.
EXAMPLES = {
    "date": '"2022-01-06"',
    "end": '"2022-01-07"',
    "claimed": '"2022-01-07"',
    "published": "unknown",
    "approximate": "false",
    "parent": "bloody-january",
    "question": "death-toll",
    "answer": '"6 January 2022"',
    "archived_url": "https://web.archive.org/web/…",
    "license": "CC BY 3.0",
    "unit": "people",
    "value": "{number: 238, unit: people, qualifier: exactly}",
    "redirect_from": "[old-id]",
    "accepted": "[{check: hedge, reason: \"the hedge is the reporter's, not the claimant's\"}]",
}


# Safe starting values for required fields an editor did not give (rights: excerpts until a licence says otherwise).
DEFAULTS = {
    "rights": "excerpts",
    "stance": "reports",
    "authors": "unknown",
    "published": "unknown",
    "languages": "[en]",
}
# What `qantar new` asks for: every required field that has no safe starting value (a claim's first evidence
# entry is asked for as source and quote).
ESSENTIALS = {
    kind: tuple(
        spec.name
        for spec in schema.fields
        if spec.required and spec.name not in DEFAULTS and spec.name not in {"id", "evidence"}
    )
    + (("source", "quote", "attribution") if kind == "claim" else ())
    for kind, schema in SCHEMAS.items()
}


# Fields `qantar new` offers no option for: a new record has no former ids, no reviewed warnings, and a claim's
# figure is written in the file (the comment there shows the form).
NOT_OPTIONS = {"redirect_from", "accepted", "value"}
LISTS = {"strings", "refs", "languages"}
CYRILLIC = re.compile("[\u0400-\u04ff]")


@dataclass(frozen=True)
class NewOption:
    """One option of `qantar new KIND`, made from the field it fills (its help is the field's description)."""

    name: str  # the field, or for a claim the field of its first evidence entry
    flags: tuple[str, ...]
    help: str
    choices: tuple[str, ...] = ()
    evidence: bool = False


def _option(spec: Field, kind: str, evidence: bool = False) -> NewOption:
    flags = ("--type", f"--{kind}-kind") if spec.name == "kind" else ("--" + spec.name.replace("_", "-"),)
    help_text = f"For the quote: {spec.description[0].lower()}{spec.description[1:]}" if evidence else spec.description
    if spec.type in LISTS:
        help_text += " Several: separate them with commas."
    if spec.name in DEFAULTS:
        help_text += f" Default: {DEFAULTS[spec.name]}."
    return NewOption(spec.name, flags, help_text, spec.choices, evidence)


def new_options(kind: str) -> list[NewOption]:
    """The options of `qantar new KIND`, one per field of that kind's schema (a claim's first quote included)."""
    options: list[NewOption] = []
    for spec in SCHEMAS[kind].fields:
        if spec.type in {"mapping", "mappings"} or spec.name in NOT_OPTIONS:
            if spec.name == "evidence":
                options.extend(_option(sub, kind, evidence=True) for sub in spec.fields)
            continue
        options.append(_option(spec, kind))
    if kind == "source":
        options.append(
            NewOption(
                "from_file", ("--from-file",), "A text file with the article as published: it becomes the stored text."
            )
        )
    return options


def translation_needed(quote: str, given: set[str], source_languages: list[str]) -> tuple[str, ...]:
    """For a quote in Cyrillic: the fields still to give (its language, unless it is the source's first; an
    English translation and who made it), so that `qantar check` can pass."""
    if not CYRILLIC.search(quote):
        return ()
    wanted: tuple[str, ...] = ("translation", "translated_by")
    if not source_languages or source_languages[0] not in {"ru", "kk"}:
        wanted = ("language", *wanted)
    return tuple(name for name in wanted if name not in given)


class ScaffoldError(ValueError):
    """Why a record cannot be created (an id that exists, a missing essential)."""


@dataclass
class NewRecord:
    path: Path
    text: str


def record_path(settings: Settings, kind: str, record_id: str) -> Path:
    return settings.root / record_file(kind, record_id, settings.sources, settings.claims)


def _yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(item) for item in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a YAML string with no surprises


def _field_lines(spec: Field, values: dict[str, Any], indent: str = "") -> list[str]:
    comment = f"  # {spec.description}"
    if spec.name in values and values[spec.name] not in (None, "", []):
        return [f"{indent}{spec.name}: {_yaml_value(values[spec.name])}{comment}"]
    if spec.type in {"refs", "strings", "languages"} and not spec.required and spec.name != "redirect_from":
        return [f"{indent}{spec.name}: []{comment}"]
    if spec.required:
        placeholder = DEFAULTS.get(spec.name) or {"languages": "[en]"}.get(spec.type, '""')
        return [f"{indent}{spec.name}: {placeholder}{comment}  (required)"]
    example = EXAMPLES.get(spec.name, '""')
    return [f"{indent}# {spec.name}: {example}{comment}"]


def render_record(kind: str, values: dict[str, Any], relative_path: str) -> str:
    """The text of a new record: schema line, every field with its description, essentials filled in."""
    schema = SCHEMAS[kind]
    lines = [] if kind == "source" else [schema_comment(kind, relative_path)]
    lines.append(
        f"# {schema.description} Fields marked (required) must be filled; lines starting with # are "
        "optional: remove the # to use them."
    )
    for spec in schema.fields:
        if spec.type == "mappings" and not spec.required and spec.name not in values:
            example = EXAMPLES.get(spec.name, "[]")
            lines.append(f"# {spec.name}: {example}  # {spec.description}")
        elif spec.type == "mappings":
            lines.append(f"{spec.name}:{'  # ' + spec.description}")
            entries = values.get(spec.name) or [{}]
            for entry in entries:
                entry_lines = [line for sub in spec.fields for line in _field_lines(sub, entry, "    ")]
                entry_lines[0] = "  - " + entry_lines[0][4:]
                lines.extend(entry_lines)
        elif spec.type == "mapping" and spec.name in values:
            lines.append(f"{spec.name}:{'  # ' + spec.description}")
            lines.extend(line for sub in spec.fields for line in _field_lines(sub, values[spec.name], "  "))
        else:
            lines.extend(_field_lines(spec, values))
    text = "\n".join(lines) + "\n"
    if kind == "source":
        body = values.get("__text__", "").strip("\n")
        return (
            "---\n" + text + "---\n" + (body + "\n" if body else "Paste the article text here, exactly as published.\n")
        )
    return text


def new_record(settings: Settings, kind: str, values: dict[str, Any]) -> NewRecord:
    """Build a new record file (not yet written); refuse an id that exists or cannot be an id."""
    if kind not in SCHEMAS:
        raise ScaffoldError(f"unknown record kind '{kind}'; choose one of: {', '.join(SCHEMAS)}")
    record_id = values.get("id") or suggest_id(str(values.get(ID_FROM[kind], "")))[:60].strip("-")
    if not record_id or record_id == "record":
        raise ScaffoldError(f"give --id, or --{ID_FROM[kind]} to derive the id from")
    problem = id_problem(record_id)
    if problem:
        raise ScaffoldError(f"id {problem[0]}; {problem[1]}")
    path = record_path(settings, kind, record_id)
    if path.exists():
        raise ScaffoldError(
            f"{path.relative_to(settings.root).as_posix()} exists already; choose another id, or edit that file"
        )
    values = {**values, "id": record_id}
    relative = path.relative_to(settings.root).as_posix()
    return NewRecord(path, render_record(kind, values, relative))


def write_new(record: NewRecord) -> None:
    record.path.parent.mkdir(parents=True, exist_ok=True)
    with record.path.open("x", encoding="utf-8") as handle:  # 'x': never overwrite
        handle.write(record.text)
