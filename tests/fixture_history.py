"""The fixture corpus's history, as a fixed `git log` would print it, so that pages do not change with each commit."""

from __future__ import annotations

from qantar.history import LOG_FORMAT, History, parse_log

# The fixture's history, newest commit first, as `git log --name-status` would print it.
FIXTURE_LOG: list[tuple[str, str, str, list[str]]] = [
    ("3" * 40, "2026-11-20T09:30:00+01:00", "Correct the survivor's figure", ["M\tclaims/survivor-toll-15.yaml"]),
    ("2" * 40, "2026-11-10T18:05:00+00:00", "Rename the official toll claim",
     ["R100\tclaims/toll-12.yaml\tclaims/official-toll-12.yaml"]),
    ("1" * 40, "2026-11-01T12:00:00+00:00", "Add the Riverton flood corpus",
     [f"A\t{path}" for path in ("claims/toll-12.yaml", "claims/survivor-toll-15.yaml",
                                "claims/warning-too-late.yaml", "claims/actors/flood-survivor.yaml",
                                "claims/actors/riverton-officials.yaml", "claims/actors/riverton-residents.yaml",
                                "claims/events/flood-warning.yaml", "claims/events/riverton-flood.yaml",
                                "claims/questions/flood-death-toll.yaml", "sources/daily-river-2021.md",
                                "sources/open-wire-2021.md")]),
]


def fixture_log() -> str:
    header = LOG_FORMAT.replace("%H", "{0}").replace("%cI", "{1}").replace("%s", "{2}")
    return "".join(header.format(commit, date, subject) + "\n\n" + "\n".join(lines) + "\n"
                   for commit, date, subject, lines in FIXTURE_LOG)


def fixture_history() -> History:
    return parse_log(fixture_log())
