"""Build time: the SOURCE_DATE_EPOCH a build stamps into sitemap.xml and its gzip header.

MkDocs reads the variable with int(), so an empty or malformed value stopped every build with a traceback.
Unset or empty means "no time stamp" (0, gzip's convention), which keeps builds reproducible; anything else must
be a whole number of seconds since 1970, as the specification asks
(https://reproducible-builds.org/specs/source-date-epoch/).
"""

from __future__ import annotations

VARIABLE = "SOURCE_DATE_EPOCH"
_LATEST = 253_402_300_799  # 9999-12-31T23:59:59Z, the last second Python's datetime can show


class BuildTimeError(ValueError):
    """A SOURCE_DATE_EPOCH that is not a time; the message says what to set instead."""


def source_date_epoch(value: str | None) -> str:
    """The value to build with: the one given, without surrounding spaces, or "0" when it is unset or empty."""
    if value is None or not value.strip():
        return "0"
    text = value.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 12 and int(text) <= _LATEST):
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise BuildTimeError(
            f"{VARIABLE} is {shown!r}, not a number of seconds since 1970; set it to a whole "
            f"number, such as $(git log -1 --format=%ct), or leave it empty"
        )
    return text
