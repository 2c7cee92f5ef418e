"""Ids: what a record id may be (lower-case words joined by hyphens, safe as a file name everywhere), why a
string cannot be one, and a valid id close to what was written."""

from __future__ import annotations

import unicodedata

from .schemas import ID_MAX_LENGTH, ID_PATTERN

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def id_problem(value: str) -> tuple[str, str] | None:
    """Why a string cannot be an id (and how to fix it), or None when it can."""
    if not value:
        return "is empty", "write lower-case words joined by hyphens"
    if len(value) > ID_MAX_LENGTH:
        return f"is longer than {ID_MAX_LENGTH} characters", "shorten it"
    if not ID_PATTERN.match(value):
        if any(part in value for part in ("/", "\\", "..")):
            return (
                f"'{value}' could point outside its folder",
                f"ids are lower-case words joined by hyphens, e.g. '{suggest_id(value)}'",
            )
        foreign = next(((i, c) for i, c in enumerate(value) if ord(c) > 127), None)
        if foreign:
            position, char = foreign
            name = unicodedata.name(char, "unknown character")
            return (
                f"'{value}' has characters outside a-z, 0-9 and '-': U+{ord(char):04X} {name} at position "
                f"{position + 1}",
                f"use plain ASCII letters, e.g. '{suggest_id(value)}'",
            )
        return (f"'{value}' is not lower-case words joined by hyphens", f"write it as '{suggest_id(value)}'")
    if value in _WINDOWS_RESERVED:
        return f"'{value}' is a reserved file name on Windows", f"use a longer id, e.g. '{value}-1'"
    return None


_LOOK_ALIKES = str.maketrans("аеорсухіјѕкмтвнАЕОРСУХІЈЅКМТВНαοιν", "aeopcyxijskmtbhaeopcyxijskmtbhaoiv")


def suggest_id(value: str) -> str:
    """A valid id close to what was written."""
    ascii_text = unicodedata.normalize("NFKD", value.translate(_LOOK_ALIKES)).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    return "-".join(words) or "record"
