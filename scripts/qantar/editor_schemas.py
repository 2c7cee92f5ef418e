"""JSON Schemas for editors' tools, generated from the same declarations the validator uses (model.py).

Editors' YAML extensions (VS Code's YAML, the YAML language server) read them through the
`# yaml-language-server: $schema=…` line at the top of each record, and complete and check
field names as they type. The validator stays the authority: quotes, references and dates
that cannot exist are only checked by `qantar check`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .schemas import ID_MAX_LENGTH, SCHEMAS, Field, Schema

SCHEMA_FOLDER = "docs/schemas"
_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


def _field_schema(spec: Field) -> dict[str, Any]:
    text: dict[str, Any] = {"type": "string", "minLength": 1}
    if spec.max_length:
        text["maxLength"] = spec.max_length
    identifier = {"type": "string", "pattern": _ID_PATTERN, "maxLength": ID_MAX_LENGTH}
    language = {"type": "string", "pattern": "^[a-z]{2,3}$"}
    date = {"anyOf": [{"type": "string", "pattern": _DATE_PATTERN}, {"type": "integer", "minimum": 1000}]}
    shapes: dict[str, dict[str, Any]] = {
        "id": identifier,
        "ref": identifier,
        "line": text,
        "text": text,
        "date": date,
        "bool": {"type": "boolean"},
        "number": {"type": "number", "minimum": 0},
        "url": {"type": "string", "pattern": "^https?://[^\\s<>\"'`\\\\]+$"},
        "language": language,
        "languages": {"type": "array", "items": language, "minItems": 1},
        "choice": {"type": "string", "enum": list(spec.choices)},
        "refs": {"type": "array", "items": identifier, "uniqueItems": True},
        "strings": {"type": "array", "items": text, **({"minItems": 1} if spec.required else {})},
    }
    if spec.type == "degrees":
        low, high = spec.bounds or (-180.0, 180.0)
        shapes["degrees"] = {"type": "number", "minimum": low, "maximum": high}
    if spec.type == "mapping":
        shape = _object_schema(spec.fields)
    elif spec.type == "mappings":
        shape = {"type": "array", "minItems": 1, "items": _object_schema(spec.fields)}
    else:
        shape = dict(shapes[spec.type])
    if spec.unknown_word:
        shape = {"anyOf": [{"const": spec.unknown_word}, shape]}
    return {"description": spec.description, **shape}


def _object_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [spec.name for spec in fields if spec.required],
        "properties": {spec.name: _field_schema(spec) for spec in fields},
    }


def record_schema(schema: Schema) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one record kind."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{schema.kind}.schema.json",
        "title": f"Qantar Claims {schema.kind} record",
        "description": schema.description,
        **_object_schema(schema.fields),
    }


def schema_files() -> dict[str, str]:
    """File name → JSON text, for every record kind, in a stable form."""
    return {
        f"{kind}.schema.json": json.dumps(record_schema(schema), indent=2, ensure_ascii=False) + "\n"
        for kind, schema in SCHEMAS.items()
    }


def write_schemas(root: Path) -> list[str]:
    """Write the schema files that changed; return their paths."""
    folder = root / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in schema_files().items():
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed.append(f"{SCHEMA_FOLDER}/{name}")
    return changed


def stale_schemas(root: Path) -> list[str]:
    """Schema files that differ from what the model declares (for CI and pre-commit)."""
    folder = root / SCHEMA_FOLDER
    return [
        f"{SCHEMA_FOLDER}/{name}"
        for name, text in schema_files().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]


def schema_comment(kind: str, record_path: str) -> str:
    """The first line of a record file, pointing editors' tools at its schema (relative to the file)."""
    depth = record_path.count("/")
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_FOLDER}/{kind}.schema.json"
