"""The fixture corpus's history, as `git log --raw` and `git cat-file --batch` would give it, so that pages do not
change with each commit: the files as they are today, and the older versions they replaced."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from conftest import FIXTURE_CORPUS
from qantar.history import LOG_FORMAT, History, parse_log

OFFICIAL = "claims/official-toll-12.yaml"
SURVIVOR = "claims/survivor-toll-15.yaml"
FILES = (
    "claims/survivor-toll-15.yaml",
    "claims/warning-too-late.yaml",
    "claims/actors/flood-survivor.yaml",
    "claims/actors/riverton-officials.yaml",
    "claims/actors/riverton-residents.yaml",
    "claims/events/flood-warning.yaml",
    "claims/events/riverton-flood.yaml",
    "claims/questions/flood-death-toll.yaml",
    "sources/daily-river-2021.md",
    "sources/open-wire-2021.md",
)


def today(path: str) -> str:
    return (FIXTURE_CORPUS / path).read_text(encoding="utf-8")


def first_official() -> str:
    """The official toll as first written, under its first name: one quote, an earlier statement."""
    text = today(OFFICIAL).replace("id: official-toll-12", "id: toll-12")
    text = text.replace(
        "statement: Riverton officials said 12 people died in the flood.",
        "statement: Officials said twelve people died.",
    )
    return text[: text.index("  - source: open-wire-2021")]


def first_survivor() -> str:
    """The survivor's figure as first written (about 14), before the correction."""
    return today(SURVIVOR).replace("number: 15", "number: 14").replace("qualifier: at-least", "qualifier: about")


def renamed_official() -> str:
    """After the rename: the new id and a second quote."""
    return today(OFFICIAL)


# newest commit first: (hash, date, [(status, old path, new path, text)])
FIXTURE_COMMITS: list[tuple[str, str, list[tuple[str, str, str, str]]]] = [
    ("3" * 40, "2026-11-20T09:30:00+01:00", [("M", SURVIVOR, SURVIVOR, today(SURVIVOR))]),
    ("2" * 40, "2026-11-10T18:05:00+00:00", [("R087", "claims/toll-12.yaml", OFFICIAL, renamed_official())]),
    (
        "1" * 40,
        "2026-11-01T12:00:00+00:00",
        [("A", "", "claims/toll-12.yaml", first_official()), ("A", "", SURVIVOR, first_survivor())]
        + [("A", "", path, today(path)) for path in FILES if path != SURVIVOR],
    ),
]


def blob_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def fixture_log() -> str:
    """The fixture's history as `git log --raw --no-abbrev --format=LOG_FORMAT` prints it."""
    header = LOG_FORMAT.replace("%H", "{0}").replace("%cI", "{1}")
    blocks = []
    for commit, date, files in FIXTURE_COMMITS:
        lines = []
        for status, old, new, text in files:
            paths = f"{old}\t{new}" if status.startswith("R") else new
            lines.append(f":100644 100644 {'0' * 40} {blob_id(text)} {status}\t{paths}")
        blocks.append(header.format(commit, date) + "\n\n" + "\n".join(lines) + "\n")
    return "".join(blocks)


def fixture_history() -> History:
    texts = {blob_id(text): text for _commit, _date, files in FIXTURE_COMMITS for *_rest, text in files}
    history = parse_log(fixture_log())
    history.versions = {
        path: [replace(v, text=texts.get(v.blob)) for v in versions] for path, versions in history.versions.items()
    }
    return history
