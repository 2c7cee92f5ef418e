"""Every validation rule, broken one at a time: the exact message an editor reads.

Each test starts from a fresh copy of the valid fixture corpus (`corpus_dir`), breaks ONE thing and
asserts the full list of problem lines: `path:line:col: field: what is wrong; how to fix`.

The expected lines are what a correct engine says, counted by hand from the YAML written here;
where the engine says something else, the test fails on purpose (nothing is skipped or xfailed).

Line numbers of the claim most tests break, claims/official-toll-12.yaml:

     1 id: official-toll-12
     2 statement: Riverton officials said 12 people died in the flood.
     3 claimant: riverton-officials
     4 claimed: "2021-03"
     5 events: [riverton-flood]
     6 actors: [riverton-officials]
     7 question: flood-death-toll
     8 value:
     9   number: 12
    10   unit: people
    11   qualifier: exactly
    12 tags: [casualties]
    13 evidence:
    14   - source: daily-river-2021
    15     quote: "Officials said 12 people died"
    16     stance: reports
    17     attribution: paraphrase
    18   - source: open-wire-2021
    19     quote: Officials said 12 people died.
    20     stance: reports
    21     attribution: paraphrase

Nothing refers to a claim, so breaking this file produces no knock-on problems elsewhere.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURE_CORPUS, ROOT, problem_lines
from qantar import load

CLAIM = "claims/official-toll-12.yaml"
SURVIVOR_CLAIM = "claims/survivor-toll-15.yaml"
WARNING_CLAIM = "claims/warning-too-late.yaml"
QUESTION = "claims/questions/flood-death-toll.yaml"
FLOOD_EVENT = "claims/events/riverton-flood.yaml"
WARNING_EVENT = "claims/events/flood-warning.yaml"
RESIDENTS = "claims/actors/riverton-residents.yaml"
DAILY = "sources/daily-river-2021.md"
OPEN_WIRE = "sources/open-wire-2021.md"


DATE_HINT = 'write YYYY, YYYY-MM or YYYY-MM-DD (e.g. "2022", "2022-01", "2022-01-06")'
CLAIM_FIELDS = (
    "id, statement, claimant, claimed, events, actors, places, question, value, answer, tags, evidence, notes, "
    "accepted, redirect_from"
)
INVISIBLE_HINT = "delete it: it can make text display in a misleading order or break pages"
URL_HINT = "give the full address, starting with https://, without spaces or quotes"
SYNTAX_HINT = "check the indentation and quoting on this line and the one before it"
TAB_HINT = "YAML indents with spaces only; replace the tab with spaces"


def fixture_text(rel: str) -> str:
    return (FIXTURE_CORPUS / rel).read_text(encoding="utf-8")


def edited(rel: str, old: str, new: str) -> str:
    """The fixture file `rel` with `old` replaced once by `new` (which must be there)."""
    text = fixture_text(rel)
    assert old in text, f"{old!r} is not in {rel}"
    return text.replace(old, new, 1)


def write(corpus_dir: Path, rel: str, content: str | bytes) -> None:
    path = corpus_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))


def replace_in(corpus_dir: Path, rel: str, old: str, new: str) -> None:
    write(corpus_dir, rel, edited(rel, old, new))


def source_without_body(rel: str) -> str:
    """The front matter of a fixture source, up to and including its closing '---' line."""
    text = fixture_text(rel)
    closing = text.index("\n---\n", 4) + len("\n---\n")
    return text[:closing]


# ---------------------------------------------------------------------------------------------
# The baseline
# ---------------------------------------------------------------------------------------------


def test_the_fixture_corpus_is_valid(corpus_dir: Path) -> None:
    assert problem_lines(corpus_dir) == []


# ---------------------------------------------------------------------------------------------
# Files that cannot be read as a record (load.py)
# ---------------------------------------------------------------------------------------------

CLAIM_TEXT = fixture_text(CLAIM)
CLAIM_BYTES = len(CLAIM_TEXT.encode("utf-8"))

LOAD_CASES = [
    pytest.param(
        # the quote opened on line 15 never closes: point at where it opens, not at the end of the file
        CLAIM_TEXT.replace('quote: "Officials said 12 people died"', 'quote: "Officials said 12 people died'),
        [
            f"{CLAIM}:15:12: YAML syntax error: while scanning a quoted scalar, found unexpected end of stream; "
            f"{SYNTAX_HINT}"
        ],
        id="yaml-unclosed-quote",
    ),
    pytest.param(
        CLAIM_TEXT.replace("  unit: people\n", " unit: people\n"),
        [f"{CLAIM}:10:2: YAML syntax error: while parsing a block mapping, did not find expected key; {SYNTAX_HINT}"],
        id="yaml-indented-too-little",
    ),
    pytest.param(
        CLAIM_TEXT.replace("  unit: people\n", "   unit: people\n"),
        [f"{CLAIM}:10:8: YAML syntax error: mapping values are not allowed in this context; {SYNTAX_HINT}"],
        id="yaml-indented-too-much",
    ),
    pytest.param(
        CLAIM_TEXT.replace("  unit: people\n", "\tunit: people\n"),
        [
            f"{CLAIM}:10:1: YAML syntax error: while scanning a plain scalar, found a tab character that "
            f"violates indentation; {TAB_HINT}"
        ],
        id="tab-indents-a-value-field",
    ),
    pytest.param(
        # the first field of a nested mapping indented with a tab: libyaml says only "cannot start any token"
        CLAIM_TEXT.replace("value:\n  number: 12", "value:\n\tnumber: 12"),
        [
            f"{CLAIM}:9:1: YAML syntax error: while scanning for the next token, found character that cannot "
            f"start any token; {TAB_HINT}"
        ],
        id="tab-indents-a-nested-mapping",
    ),
    pytest.param(
        "",
        [f"{CLAIM}:1:1: the record is empty; write the record's fields, starting with 'id:'"],
        id="empty-file",
    ),
    pytest.param(
        "# to be written\n",
        [f"{CLAIM}:1:1: the record is empty; write the record's fields, starting with 'id:'"],
        id="only-a-comment",
    ),
    pytest.param(
        "- id: official-toll-12\n- statement: Riverton officials said 12 people died in the flood.\n",
        [
            f"{CLAIM}:1:1: the record is a list, not a set of fields; write one 'field: value' per line, "
            "starting with 'id:'"
        ],
        id="file-is-a-list",
    ),
    pytest.param(
        "Riverton officials said 12 people died in the flood.\n",
        [
            f"{CLAIM}:1:1: the record is a single value, not a set of fields; write one 'field: value' per "
            "line, starting with 'id:'"
        ],
        id="file-is-a-scalar",
    ),
    pytest.param(
        CLAIM_TEXT.replace("tags: [casualties]\n", "tags: [casualties]\nclaimant: flood-survivor\n"),
        [
            f"{CLAIM}:13:1: claimant: duplicate field (first given on line 3); keep one of the two; YAML would "
            "silently drop the first"
        ],
        id="duplicate-top-level-key",
    ),
    pytest.param(
        CLAIM_TEXT.replace("    stance: reports\n", "    stance: reports\n    stance: supports\n", 1),
        [
            f"{CLAIM}:17:5: evidence[0].stance: duplicate field (first given on line 16); keep one of the two; "
            "YAML would silently drop the first"
        ],
        id="duplicate-nested-key",
    ),
    pytest.param(
        # the alias *when stands on line 13, column 8; the anchor on line 4 is harmless on its own
        CLAIM_TEXT.replace('claimed: "2021-03"', 'claimed: &when "2021-03"').replace(
            "tags: [casualties]\n", "tags: [casualties]\nnotes: *when\n"
        ),
        [
            f"{CLAIM}:13:8: notes: YAML aliases (*name) are not allowed; write the value out in full instead of "
            "referring to an anchor"
        ],
        id="alias",
    ),
    pytest.param(
        CLAIM_TEXT.replace("tags: [casualties]\n", "tags: [casualties]\n<<: {notes: merged}\n"),
        [f"{CLAIM}:13:1: YAML merge keys (<<) and complex keys are not allowed; write each field out in full"],
        id="merge-key",
    ),
    pytest.param(
        CLAIM_TEXT.replace("tags: [casualties]\n", "tags: [casualties]\n? [notes, more]\n: merged\n"),
        [f"{CLAIM}:13:3: YAML merge keys (<<) and complex keys are not allowed; write each field out in full"],
        id="complex-key",
    ),
    pytest.param(
        # the editor wrote '!!python/...': the message must quote that, not libyaml's expanded form
        CLAIM_TEXT.replace(
            "statement: Riverton officials said 12 people died in the flood.",
            'statement: !!python/object/apply:os.system ["echo pwned"]',
        ),
        [
            f"{CLAIM}:2:12: statement: the YAML tag '!!python/object/apply:os.system' is not allowed; remove "
            "the tag (the part starting with '!'); records hold plain text, lists and mappings only"
        ],
        id="python-tag",
    ),
    pytest.param(
        CLAIM_TEXT.replace(
            "statement: Riverton officials said 12 people died in the flood.", "statement: !include other.yaml"
        ),
        [
            f"{CLAIM}:2:12: statement: the YAML tag '!include' is not allowed; remove the tag (the part "
            "starting with '!'); records hold plain text, lists and mappings only"
        ],
        id="local-tag",
    ),
    pytest.param(
        CLAIM_TEXT.encode("utf-8").replace(b"officials said", b"officials said \xe9"),
        [f"{CLAIM}:2:36: the file is not valid UTF-8 (byte 0xe9); save the file as UTF-8 in your editor"],
        id="latin-1-byte",
    ),
    pytest.param(
        CLAIM_TEXT.encode("utf-16"),
        [f"{CLAIM}:1:1: the file is not valid UTF-8 (byte 0xff); save the file as UTF-8 in your editor"],
        id="utf-16-file",
    ),
    pytest.param(
        # 'statement: Riverton officials said 12' is 37 characters: the NUL is column 38
        CLAIM_TEXT.replace("said 12 people", "said 12\x00 people"),
        [f"{CLAIM}:2:38: the file contains a NUL character; save it again as plain text"],
        id="nul-byte",
    ),
    pytest.param(
        # a vertical tab inside a quoted value: libyaml refuses the whole file (a ReaderError, not a
        # syntax error)
        CLAIM_TEXT.replace("tags: [casualties]\n", 'tags: [casualties]\nnotes: "a\x0bb"\n'),
        [f"{CLAIM}:13:10: the file contains the invisible character U+000B (control character); {INVISIBLE_HINT}"],
        id="vertical-tab-in-file",
    ),
    pytest.param(
        # U+2028 pasted from a web page: YAML reads it as a line break, so every later line number shifts
        CLAIM_TEXT.replace("said 12 people died in", "said 12 people\u2028died in"),
        [f"{CLAIM}:2:45: the file contains the invisible character U+2028 (LINE SEPARATOR); {INVISIBLE_HINT}"],
        id="line-separator-in-file",
    ),
    pytest.param(
        CLAIM_TEXT + "notes: " + "x" * load.MAX_RECORD_BYTES + "\n",
        [
            f"{CLAIM}:1:1: the file is {CLAIM_BYTES + 8 + load.MAX_RECORD_BYTES:,} bytes, over the limit of "
            f"{load.MAX_RECORD_BYTES:,}; split it, or shorten it; records are meant to be small"
        ],
        id="over-the-size-limit",
    ),
    pytest.param(
        CLAIM_TEXT + "#" + "x" * (load.MAX_RECORD_BYTES - CLAIM_BYTES - 1) + "\n",
        [
            f"{CLAIM}:1:1: the file is {load.MAX_RECORD_BYTES + 1:,} bytes, over the limit of "
            f"{load.MAX_RECORD_BYTES:,}; split it, or shorten it; records are meant to be small"
        ],
        id="one-byte-over-the-size-limit",
    ),
    pytest.param(
        CLAIM_TEXT + "#" + "x" * (load.MAX_RECORD_BYTES - CLAIM_BYTES - 2) + "\n",
        [],
        id="exactly-the-size-limit-is-accepted",
    ),
    pytest.param(
        b"\xef\xbb\xbf" + CLAIM_TEXT.replace("\n", "\r\n").encode("utf-8"),
        [],
        id="bom-and-crlf-accepted",
    ),
    pytest.param(
        CLAIM_TEXT.replace("\n", "\r").encode("utf-8"),
        [],
        id="old-mac-line-endings-accepted",
    ),
    pytest.param(
        CLAIM_TEXT.replace(
            "statement: Riverton officials said 12 people died in the flood.",
            "statement: !!str Riverton officials said 12 people died in the flood.",
        ),
        [],
        id="plain-str-tag-accepted",
    ),
]


@pytest.mark.parametrize(("content", "expected"), LOAD_CASES)
def test_unreadable_record(corpus_dir: Path, content: str | bytes, expected: list[str]) -> None:
    write(corpus_dir, CLAIM, content)
    assert problem_lines(corpus_dir) == expected


def test_bom_and_crlf_source_is_accepted(corpus_dir: Path) -> None:
    crlf = fixture_text(OPEN_WIRE).replace("\n", "\r\n").encode("utf-8")
    write(corpus_dir, OPEN_WIRE, b"\xef\xbb\xbf" + crlf)
    assert problem_lines(corpus_dir) == []


# A file that exists but cannot be read must not also be reported as missing by every record that
# names it: 'create claims/questions/flood-death-toll.yaml' is wrong advice when that file is there.


def test_unreadable_question_is_not_reported_as_missing(corpus_dir: Path) -> None:
    write(corpus_dir, QUESTION, "id: flood-death-toll\nquestion: How many people died?\n  unit: people\n")
    assert problem_lines(corpus_dir) == [
        f"{QUESTION}:3:7: YAML syntax error: mapping values are not allowed in this context; {SYNTAX_HINT}",
    ]


def test_unreadable_source_is_not_reported_as_missing(corpus_dir: Path) -> None:
    text = fixture_text(DAILY)
    write(corpus_dir, DAILY, text[text.index("\n---\n", 4) + len("\n---\n") :])
    assert problem_lines(corpus_dir) == [
        f"{DAILY}:1:1: the source has no front matter; start the file with a line '---', the fields, and "
        "another line '---'",
    ]


def test_invalid_event_does_not_make_its_actors_look_unused(corpus_dir: Path) -> None:
    # flood-warning is the only record that names riverton-residents; its error must not add a warning
    replace_in(corpus_dir, WARNING_EVENT, "approximate: true", "approximate: yes")
    assert problem_lines(corpus_dir) == [
        f"{WARNING_EVENT}:4:14: approximate: 'yes' is not true or false; write true or false",
    ]


# ---------------------------------------------------------------------------------------------
# Files in the record folders that the build would ignore
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        pytest.param(
            "claims/notes.txt",
            [
                "claims/notes.txt:1:1: this file is not read by the build; move it out of this folder; "
                "only .yaml files are read here"
            ],
            id="txt-in-claims",
        ),
        pytest.param(
            "claims/x.yml",
            ["claims/x.yml:1:1: this file is not read by the build; rename it to end in .yaml"],
            id="yml-in-claims",
        ),
        pytest.param(
            "claims/actors/town-mayor.yml",
            ["claims/actors/town-mayor.yml:1:1: this file is not read by the build; rename it to end in .yaml"],
            id="yml-in-actors",
        ),
        pytest.param(
            "sources/notes.txt",
            [
                "sources/notes.txt:1:1: this file is not read by the build; move it out of this folder; "
                "only .md files are read here"
            ],
            id="txt-in-sources",
        ),
        pytest.param("claims/actors/README.md", [], id="readme-is-allowed"),
        pytest.param("claims/.DS_Store", [], id="hidden-file-is-allowed"),
        pytest.param(
            # a mistyped folder name (event/ for events/): every record in it would be lost without a word
            "claims/event/big-storm.yaml",
            [
                "claims/event/big-storm.yaml:1:1: this file is not read by the build; did you mean to put it in "
                "claims/events/?"
            ],
            id="yaml-in-unknown-subfolder",
        ),
    ],
)
def test_stray_file(corpus_dir: Path, rel: str, expected: list[str]) -> None:
    write(corpus_dir, rel, "id: big-storm\n")
    assert problem_lines(corpus_dir) == expected


# ---------------------------------------------------------------------------------------------
# Fields: unknown, missing, empty, wrong type
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "id: official-toll-12\n",
            "id: official-toll-12\nclaiment: riverton-officials\n",
            [f"{CLAIM}:2:1: claiment: unknown field; did you mean 'claimant'?"],
            id="unknown-did-you-mean",
        ),
        pytest.param(
            "tags: [casualties]",
            "tag: [casualties]",
            [f"{CLAIM}:12:1: tag: unknown field; did you mean 'tags'?"],
            id="unknown-singular-of-known",
        ),
        pytest.param(
            "tags: [casualties]\n",
            "tags: [casualties]\ncolour: red\n",
            [f"{CLAIM}:13:1: colour: unknown field; allowed fields: {CLAIM_FIELDS}"],
            id="unknown-lists-allowed-fields",
        ),
        pytest.param(
            "    stance: reports\n    attribution: paraphrase\n  - source: open-wire-2021",
            "    stance: reports\n    attribution: paraphrase\n    page: 3\n  - source: open-wire-2021",
            [
                f"{CLAIM}:18:5: evidence[0].page: unknown field; allowed fields: source, quote, stance, "
                "language, translation, translated_by, attribution"
            ],
            id="unknown-nested",
        ),
        pytest.param(
            "claimant: riverton-officials\n",
            "",
            [
                f"{CLAIM}:1:1: missing required field 'claimant'; add 'claimant:' (the actor who asserts "
                "it (not the outlet that carries it).)"
            ],
            id="missing-required",
        ),
        pytest.param(
            "value:\n  number: 12\n  unit: people\n  qualifier: exactly\n",
            "value:\n  number: 12\n  unit: people\n",
            [
                f"{CLAIM}:9:3: value: missing required field 'qualifier'; add 'qualifier:' (how the figure "
                "is hedged in the quote.)"
            ],
            id="missing-required-nested",
        ),
        pytest.param(
            "claimant: riverton-officials",
            "claimant:",
            [
                f"{CLAIM}:3:10: claimant: is empty; give it a value: The actor who asserts it (not the "
                "outlet that carries it)."
            ],
            id="empty-null",
        ),
        pytest.param(
            "claimant: riverton-officials",
            'claimant: ""',
            [
                f"{CLAIM}:3:11: claimant: is empty; give it a value: The actor who asserts it (not the "
                "outlet that carries it)."
            ],
            id="empty-string",
        ),
        pytest.param(
            "statement: Riverton officials said 12 people died in the flood.",
            'statement: "   "',
            [
                f"{CLAIM}:2:12: statement: is empty; give it a value: One neutral sentence saying what the "
                "claimant asserts, hedges kept, without 'X said that' (the site shows the claimant beside it); "
                "never whether it is true."
            ],
            id="whitespace-only",
        ),
        pytest.param(
            "statement: Riverton officials said 12 people died in the flood.",
            "statement: " + "x" * 501,
            [f"{CLAIM}:2:12: statement: is 501 characters long, over the limit of 500; shorten it"],
            id="too-long",
        ),
        pytest.param(
            "statement: Riverton officials said 12 people died in the flood.",
            "statement: [Riverton officials said 12 people died]",
            [f"{CLAIM}:2:12: statement: must be text, not a list; remove the '-' or '[ ]' and write a single value"],
            id="list-for-text",
        ),
        pytest.param(
            "statement: Riverton officials said 12 people died in the flood.",
            "statement:\n  text: Riverton officials said 12 people died in the flood.",
            [f"{CLAIM}:3:3: statement: must be text, not a set of fields; write a single value on this line"],
            id="mapping-for-text",
        ),
        pytest.param(
            "claimant: riverton-officials",
            "claimant: [riverton-officials]",
            [
                f"{CLAIM}:3:11: claimant: must be the id of an actor, not a list; remove the '-' or '[ ]' "
                "and write a single value"
            ],
            id="list-for-ref",
        ),
        pytest.param(
            "events: [riverton-flood]",
            "events:\n  id: riverton-flood",
            [f"{CLAIM}:6:3: events: must be a list of event ids, not a set of fields; write [first, second]"],
            id="mapping-for-list",
        ),
        pytest.param(
            "events: [riverton-flood]",
            "events: riverton-flood",
            [f"{CLAIM}:5:9: events: must be a list of event ids; write [riverton-flood] with square brackets"],
            id="scalar-for-list",
        ),
        pytest.param(
            "tags: [casualties]",
            "tags: casualties",
            [f"{CLAIM}:12:7: tags: must be a list of texts; write [casualties] with square brackets"],
            id="scalar-for-strings",
        ),
        pytest.param(
            "tags: [casualties]",
            "tags: [Casualties]",
            [
                f"{CLAIM}:12:8: tags[0]: the tag 'Casualties' is not lower-case words joined by hyphens; "
                "write it as 'casualties'"
            ],
            id="tag-not-an-id",
        ),
        pytest.param(
            "value:\n  number: 12\n  unit: people\n  qualifier: exactly\n",
            "value: 12\n",
            [
                f"{CLAIM}:8:8: value: must be a set of fields; write the fields indented under it: number, "
                "unit, qualifier"
            ],
            id="scalar-for-mapping",
        ),
        pytest.param(
            "evidence:\n",
            "evidence: []\nx:\n",
            [
                f"{CLAIM}:13:11: evidence: is empty; give at least one entry with source, quote and stance",
                f"{CLAIM}:14:1: x: unknown field; allowed fields: {CLAIM_FIELDS}",
            ],
            id="empty-evidence-list",
        ),
        pytest.param(
            "  - source: daily-river-2021",
            "  - daily-river-2021\n  - source: daily-river-2021",
            [
                f"{CLAIM}:14:5: evidence[0]: must be a set of fields; write the fields indented under it: "
                "source, quote, stance, language, translation, "
                "translated_by, attribution"
            ],
            id="scalar-for-evidence-entry",
        ),
        pytest.param(
            "number: 12",
            'number: "4,300"',
            [f"{CLAIM}:9:11: value.number: '4,300' is not a number; write digits only, without commas or words: 4300"],
            id="number-with-comma",
        ),
        pytest.param(
            "number: 12",
            "number: twelve",
            [f"{CLAIM}:9:11: value.number: 'twelve' is not a number; write digits only, without commas or words: 4300"],
            id="number-in-words",
        ),
        pytest.param(
            "number: 12",
            "number: .nan",
            [f"{CLAIM}:9:11: value.number: '.nan' is not a number; write digits only, without commas or words: 4300"],
            id="number-nan",
        ),
        pytest.param(
            "number: 12",
            "number: -12",
            [
                f"{CLAIM}:9:11: value.number: '-12' is negative; figures in claims are counts: write the "
                "figure as quoted"
            ],
            id="number-negative",
        ),
        pytest.param(
            "qualifier: exactly",
            "qualifier: at least",
            [
                f"{CLAIM}:11:14: value.qualifier: 'at least' is not one of: exactly, about, at-least, "
                "more-than, slightly-more-than, fewer-than, at-most; did you mean 'at-least'?"
            ],
            id="choice-did-you-mean",
        ),
        pytest.param(
            "qualifier: exactly",
            "qualifier: roughly",
            [
                f"{CLAIM}:11:14: value.qualifier: 'roughly' is not one of: exactly, about, at-least, "
                "more-than, slightly-more-than, fewer-than, at-most; write one of: exactly, about, "
                "at-least, more-than, slightly-more-than, fewer-than, at-most"
            ],
            id="choice-no-suggestion",
        ),
    ],
)
def test_claim_field(corpus_dir: Path, old: str, new: str, expected: list[str]) -> None:
    replace_in(corpus_dir, CLAIM, old, new)
    assert problem_lines(corpus_dir) == expected


# An evidence entry with a bad field must be reported like any other field, not crash the engine.


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            'quote: "Officials said 12 people died"',
            'quote: ""',
            [
                f"{CLAIM}:15:12: evidence[0].quote: is empty; give it a value: A verbatim passage of the "
                "source; '…' skips words."
            ],
            id="empty-quote",
        ),
        pytest.param(
            'quote: "Officials said 12 people died"',
            'quote: "   "',
            [
                f"{CLAIM}:15:12: evidence[0].quote: is empty; give it a value: A verbatim passage of the "
                "source; '…' skips words."
            ],
            id="whitespace-only-quote",
        ),
        pytest.param(
            "    stance: reports\n    attribution: paraphrase\n  - source: open-wire-2021",
            "    stance: bogus\n    attribution: paraphrase\n  - source: open-wire-2021",
            [
                f"{CLAIM}:16:13: evidence[0].stance: 'bogus' is not one of: reports, supports, disputes; "
                "write one of: reports, supports, disputes"
            ],
            id="bad-stance",
        ),
        pytest.param(
            "    stance: reports\n    attribution: paraphrase\n  - source: open-wire-2021",
            "    attribution: paraphrase\n  - source: open-wire-2021",
            [
                f"{CLAIM}:14:5: evidence[0]: missing required field 'stance'; add 'stance:' (what the "
                "source does with the claim: reports it, supports it or disputes "
                "it.)"
            ],
            id="missing-stance",
        ),
        pytest.param(
            '    quote: "Officials said 12 people died"',
            '    qoute: "Officials said 12 people died"',
            [
                f"{CLAIM}:14:5: evidence[0]: missing required field 'quote'; add 'quote:' (a verbatim "
                "passage of the source; '…' skips words.)",
                f"{CLAIM}:15:5: evidence[0].qoute: unknown field; did you mean 'quote'?",
            ],
            id="misspelt-quote-field",
        ),
    ],
)
def test_evidence_entry_field(corpus_dir: Path, old: str, new: str, expected: list[str]) -> None:
    replace_in(corpus_dir, CLAIM, old, new)
    assert problem_lines(corpus_dir) == expected


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        pytest.param(
            FLOOD_EVENT,
            "place: riverton-lower-town",
            "approximate: yes\nplace: riverton-lower-town",
            [f"{FLOOD_EVENT}:5:14: approximate: 'yes' is not true or false; write true or false"],
            id="bool-yes",
        ),
        pytest.param(
            FLOOD_EVENT,
            "place: riverton-lower-town",
            "approximate: [true]\nplace: riverton-lower-town",
            [
                f"{FLOOD_EVENT}:5:14: approximate: must be true or false, not a list; remove the '-' or '[ "
                "]' and write a single value"
            ],
            id="bool-list",
        ),
        pytest.param(
            FLOOD_EVENT,
            "place: riverton-lower-town",
            "approximate: True\nplace: riverton-lower-town",
            [],
            id="bool-capital-ok",
        ),
        pytest.param(
            RESIDENTS,
            "kind: group",
            "kind: groups",
            [
                f"{RESIDENTS}:3:7: kind: 'groups' is not one of: person, anonymous, group, organisation, "
                "state-body, state, media-outlet; did you mean 'group'?"
            ],
            id="actor-kind",
        ),
        pytest.param(
            RESIDENTS,
            "aliases: []",
            "aliases: [[residents]]",
            [
                f"{RESIDENTS}:4:11: aliases[0]: must be text, not a list; remove the '-' or '[ ]' and "
                "write a single value"
            ],
            id="nested-list-in-strings",
        ),
        pytest.param(
            DAILY,
            "authors: [Ann Writer]",
            "authors: Ann Writer",
            [f"{DAILY}:5:10: authors: must be a list of texts; write [Ann Writer] with square brackets"],
            id="authors-scalar",
        ),
        pytest.param(
            DAILY,
            "authors: [Ann Writer]",
            "authors: []",
            [f"{DAILY}:5:10: authors: is empty; give it a value: Author names as printed, or the word unknown."],
            id="authors-empty-list",
        ),
        pytest.param(DAILY, "authors: [Ann Writer]", "authors: unknown", [], id="authors-unknown-accepted"),
        pytest.param(DAILY, 'published: "2021-03-05"', "published: unknown", [], id="published-unknown-accepted"),
        pytest.param(
            DAILY,
            'published: "2021-03-05"',
            "published: sometime",
            [f"{DAILY}:6:12: published: 'sometime' is not a date in a form we accept; {DATE_HINT} or the word unknown"],
            id="published-not-a-date",
        ),
        pytest.param(
            DAILY,
            "languages: [en]",
            "languages: [english]",
            [
                f"{DAILY}:8:13: languages[0]: 'english' is not a language code; write an ISO 639-1 code in "
                "lower case: en, ru, kk"
            ],
            id="language-name-not-code",
        ),
        pytest.param(
            DAILY,
            "languages: [en]",
            "languages: []",
            [f"{DAILY}:8:12: languages: is empty; name at least the main language: [en]"],
            id="languages-empty",
        ),
        pytest.param(
            DAILY,
            "kind: report",
            "kind: reprot",
            [
                f"{DAILY}:9:7: kind: 'reprot' is not one of: report, interview, analysis, opinion, review, "
                "official-statement, blog, other; did you mean 'report'?"
            ],
            id="source-kind",
        ),
    ],
)
def test_other_record_field(corpus_dir: Path, rel: str, old: str, new: str, expected: list[str]) -> None:
    replace_in(corpus_dir, rel, old, new)
    assert problem_lines(corpus_dir) == expected


# ---------------------------------------------------------------------------------------------
# Ids
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new_id", "message"),
    [
        pytest.param(
            "Official-Toll-12",
            "'Official-Toll-12' is not lower-case words joined by hyphens; write it as 'official-toll-12'",
            id="upper-case",
        ),
        pytest.param(
            '"official toll 12"',
            "'official toll 12' is not lower-case words joined by hyphens; write it as 'official-toll-12'",
            id="spaces",
        ),
        pytest.param(
            "official.toll.12",
            "'official.toll.12' is not lower-case words joined by hyphens; write it as 'official-toll-12'",
            id="dots",
        ),
        pytest.param(
            "official_toll_12",
            "'official_toll_12' is not lower-case words joined by hyphens; write it as 'official-toll-12'",
            id="underscores",
        ),
        pytest.param(
            "claims/official-toll-12",
            "'claims/official-toll-12' could point outside its folder; ids "
            "are lower-case words joined by hyphens, e.g. "
            "'claims-official-toll-12'",
            id="slash",
        ),
        pytest.param(
            "../official-toll-12",
            "'../official-toll-12' could point outside its folder; ids are "
            "lower-case words joined by hyphens, e.g. "
            "'official-toll-12'",
            id="dot-dot",
        ),
        pytest.param(
            '"official-toll-12\\\\x"',
            "'official-toll-12\\x' could point outside its folder; ids are "
            "lower-case words joined by hyphens, e.g. "
            "'official-toll-12-x'",
            id="backslash",
        ),
        pytest.param(
            # a Cyrillic 'о' (U+043E) looks like a Latin 'o': name it, and suggest the Latin spelling, not 'tll'
            "official-t\u043ell-12",
            "'official-t\u043ell-12' has characters outside a-z, 0-9 and '-': U+043E CYRILLIC SMALL LETTER O at "
            "position 11; use plain ASCII letters, e.g. 'official-toll-12'",
            id="cyrillic-look-alike",
        ),
        pytest.param(
            "con", "'con' is a reserved file name on Windows; use a longer id, e.g. 'con-1'", id="windows-reserved"
        ),
        pytest.param(
            "official-toll-13",
            "the id 'official-toll-13' differs from the file name "
            "'official-toll-12'; rename the file to 'official-toll-13.yaml' or set "
            "id: official-toll-12",
            id="differs-from-file",
        ),
        pytest.param(
            "[official-toll-12]",
            "must be an id, not a list; remove the '-' or '[ ]' and write a single value",
            id="list",
        ),
        pytest.param(
            '""',
            "is empty; give it a value: The record's id: lower-case words joined by hyphens; must equal the file name.",
            id="empty",
        ),
    ],
)
def test_claim_id(corpus_dir: Path, new_id: str, message: str) -> None:
    replace_in(corpus_dir, CLAIM, "id: official-toll-12", f"id: {new_id}")
    assert problem_lines(corpus_dir) == [f"{CLAIM}:1:5: id: {message}"]


def test_reserved_windows_name_as_file_and_id(corpus_dir: Path) -> None:
    write(corpus_dir, "claims/actors/con.yaml", "id: con\nname: Con\nkind: person\ndescription: Someone.\n")
    assert problem_lines(corpus_dir) == [
        "claims/actors/con.yaml:1:5: id: 'con' is a reserved file name on Windows; use a longer id, e.g. 'con-1'",
    ]


def test_duplicate_id_in_a_second_file(corpus_dir: Path) -> None:
    # 'rename the file to official-toll-12.yaml' would overwrite the other record: say that the id is taken
    write(corpus_dir, "claims/official-toll-12-copy.yaml", CLAIM_TEXT)
    assert problem_lines(corpus_dir) == [
        "claims/official-toll-12-copy.yaml:1:5: id: the claim id 'official-toll-12' is also used by "
        f"{CLAIM}; ids must be unique: rename one of the two",
    ]


# ---------------------------------------------------------------------------------------------
# References between records
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        pytest.param(
            CLAIM,
            "claimant: riverton-officials",
            "claimant: riverton-oficials",
            [f"{CLAIM}:3:11: claimant: no actor 'riverton-oficials'; did you mean 'riverton-officials'?"],
            id="claimant-typo",
        ),
        pytest.param(
            CLAIM,
            "claimant: riverton-officials",
            "claimant: mayor",
            [f"{CLAIM}:3:11: claimant: no actor 'mayor'; create claims/actors/mayor.yaml, or name an existing actor"],
            id="claimant-unknown",
        ),
        pytest.param(
            CLAIM,
            "claimant: riverton-officials",
            "claimant: Riverton Officials",
            [
                f"{CLAIM}:3:11: claimant: 'Riverton Officials' is not a valid actor id: 'Riverton "
                "Officials' is not lower-case words joined by hyphens; write it as 'riverton-officials'"
            ],
            id="claimant-not-an-id",
        ),
        pytest.param(
            CLAIM,
            "events: [riverton-flood]",
            "events: [riverton-flod]",
            [f"{CLAIM}:5:10: events[0]: no event 'riverton-flod'; did you mean 'riverton-flood'?"],
            id="events-typo",
        ),
        pytest.param(
            CLAIM,
            "events: [riverton-flood]",
            "events: [riverton-flood, big-storm]",
            [
                f"{CLAIM}:5:26: events[1]: no event 'big-storm'; create claims/events/big-storm.yaml, or "
                "name an existing event"
            ],
            id="events-second-unknown",
        ),
        pytest.param(
            CLAIM,
            "events: [riverton-flood]",
            "events: [riverton-flood, riverton-flood]",
            [f"{CLAIM}:5:26: events[1]: 'riverton-flood' is listed twice; remove the second one"],
            id="events-listed-twice",
        ),
        pytest.param(
            CLAIM,
            "actors: [riverton-officials]",
            "actors: [riverton-resident]",
            [f"{CLAIM}:6:10: actors[0]: no actor 'riverton-resident'; did you mean 'riverton-residents'?"],
            id="actors-typo",
        ),
        pytest.param(
            CLAIM,
            "question: flood-death-toll",
            "question: flood-toll",
            [f"{CLAIM}:7:11: question: no question 'flood-toll'; did you mean 'flood-death-toll'?"],
            id="question-typo",
        ),
        pytest.param(
            CLAIM,
            "  - source: daily-river-2021",
            "  - source: daily-river-2022",
            [f"{CLAIM}:14:13: evidence[0].source: no source 'daily-river-2022'; did you mean 'daily-river-2021'?"],
            id="evidence-source-typo",
        ),
        pytest.param(
            CLAIM,
            "  - source: open-wire-2021",
            "  - source: bbc-2021",
            [
                f"{CLAIM}:18:13: evidence[1].source: no source 'bbc-2021'; create sources/bbc-2021.md, or "
                "name an existing source"
            ],
            id="evidence-source-unknown",
        ),
        pytest.param(
            WARNING_EVENT,
            "parent: riverton-flood",
            "parent: riverton-floods",
            [f"{WARNING_EVENT}:7:9: parent: no event 'riverton-floods'; did you mean 'riverton-flood'?"],
            id="event-parent-typo",
        ),
        pytest.param(
            FLOOD_EVENT,
            "actors: [riverton-officials]",
            "actors: [riverton-oficials]",
            [f"{FLOOD_EVENT}:7:10: actors[0]: no actor 'riverton-oficials'; did you mean 'riverton-officials'?"],
            id="event-actor-typo",
        ),
        pytest.param(
            FLOOD_EVENT,
            "actors: [riverton-officials]",
            "actors: [riverton-officials, town-council]",
            [
                f"{FLOOD_EVENT}:7:30: actors[1]: no actor 'town-council'; create "
                "claims/actors/town-council.yaml, or name an existing actor"
            ],
            id="event-actor-unknown",
        ),
        pytest.param(
            DAILY,
            "publisher: The Daily River",
            "publisher: The Daily River\npublisher_actor: riverton-officials",
            [
                f"{DAILY}:5:18: publisher_actor: 'riverton-officials' is a state body, not a media outlet; name "
                "the actor record of the outlet (The Daily River), whose kind is media-outlet, or leave "
                "publisher_actor out"
            ],
            id="publisher-actor-not-an-outlet",
        ),
        pytest.param(
            WARNING_EVENT,
            "parent: riverton-flood",
            "parent: flood-warning",
            [
                f"{WARNING_EVENT}:7:9: parent: events form a cycle: flood-warning → flood-warning; an "
                "event cannot be part of itself; remove one 'parent'"
            ],
            id="event-own-parent",
        ),
    ],
)
def test_reference(corpus_dir: Path, rel: str, old: str, new: str, expected: list[str]) -> None:
    replace_in(corpus_dir, rel, old, new)
    assert problem_lines(corpus_dir) == expected


def test_event_cycle_of_two(corpus_dir: Path) -> None:
    # flood-warning already has parent riverton-flood; make riverton-flood part of flood-warning
    write(corpus_dir, FLOOD_EVENT, fixture_text(FLOOD_EVENT) + "parent: flood-warning\n")
    assert problem_lines(corpus_dir) == [
        f"{WARNING_EVENT}:7:9: parent: events form a cycle: flood-warning → riverton-flood → flood-warning; "
        "an event cannot be part of itself; remove one 'parent'",
    ]


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        pytest.param(
            '"2022-02-30"', f"'2022-02-30' does not exist: February 2022 has 28 days; {DATE_HINT}", id="no-such-day"
        ),
        pytest.param('"2024-02-29"', None, id="leap-day-ok"),
        pytest.param('"2022-13"', f"'2022-13' has no month 13; {DATE_HINT}", id="no-such-month"),
        pytest.param('"22-01-06"', f"'22-01-06' is not a date in a form we accept; {DATE_HINT}", id="two-digit-year"),
        pytest.param(
            '"6 January 2022"', f"'6 January 2022' is not a date in a form we accept; {DATE_HINT}", id="words"
        ),
        pytest.param('"0999"', f"'0999' has an impossible year; {DATE_HINT}", id="impossible-year"),
        pytest.param(
            "unknown", f"'unknown' is not a date in a form we accept; {DATE_HINT}", id="unknown-not-allowed-here"
        ),
        pytest.param(
            '"2026-11-24"',
            "'2026-11-24' is in the future; check the year; records describe what has happened",
            id="tomorrow",
        ),
        pytest.param(
            '"2027"', "'2027' is in the future; check the year; records describe what has happened", id="next-year"
        ),
        pytest.param('"2026-11-23"', None, id="today-ok"),
        pytest.param('"2026-11"', None, id="this-month-ok"),
        pytest.param("2022-01-06", None, id="unquoted-ok"),
        pytest.param(
            "[2022]", "must be a date, not a list; remove the '-' or '[ ]' and write a single value", id="list"
        ),
    ],
)
def test_claimed_date(corpus_dir: Path, date: str, expected: str | None) -> None:
    replace_in(corpus_dir, CLAIM, 'claimed: "2021-03"', f"claimed: {date}")
    assert problem_lines(corpus_dir) == ([f"{CLAIM}:4:10: claimed: {expected}"] if expected else [])


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        pytest.param(
            '"2021-03-01"',
            [
                f"{FLOOD_EVENT}:4:6: end: the event ends (2021-03-01) before it starts "
                "(2021-03-02); swap the two dates or fix one"
            ],
            id="day-before",
        ),
        pytest.param(
            '"2021-02"',
            [
                f"{FLOOD_EVENT}:4:6: end: the event ends (2021-02) before it starts "
                "(2021-03-02); swap the two dates or fix one"
            ],
            id="month-before",
        ),
        pytest.param('"2021-03"', [], id="same-month-overlaps-ok"),
        pytest.param('"2021-03-02"', [], id="same-day-ok"),
    ],
)
def test_event_range(corpus_dir: Path, end: str, expected: list[str]) -> None:
    replace_in(corpus_dir, FLOOD_EVENT, 'end: "2021-03-04"', f"end: {end}")
    assert problem_lines(corpus_dir) == expected


# ---------------------------------------------------------------------------------------------
# Addresses
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        pytest.param("javascript:alert(1)", "javascript:alert(1)", id="javascript"),
        pytest.param("ftp://example.org/flood", "ftp://example.org/flood", id="ftp"),
        pytest.param('"https://example.org/daily river/flood"', "https://example.org/daily river/flood", id="space"),
        pytest.param("example.org/flood", "example.org/flood", id="no-scheme"),
        pytest.param("https://", "https://", id="no-host"),
        pytest.param("'https://example.org/a\"b'", 'https://example.org/a"b', id="quote-character"),
    ],
)
def test_source_url(corpus_dir: Path, url: str, shown: str) -> None:
    replace_in(corpus_dir, DAILY, "url: https://example.org/daily-river/flood", f"url: {url}")
    assert problem_lines(corpus_dir) == [f"{DAILY}:7:6: url: '{shown}' is not an http(s) address; {URL_HINT}"]


def test_archived_url(corpus_dir: Path) -> None:
    replace_in(
        corpus_dir,
        OPEN_WIRE,
        "archived_url: https://web.archive.org/web/2021/",
        "archived_url: web.archive.org/web/2021/",
    )
    assert problem_lines(corpus_dir) == [
        f"{OPEN_WIRE}:9:15: archived_url: 'web.archive.org/web/2021/https://example.net/open-wire/riverton' "
        f"is not an http(s) address; {URL_HINT}",
    ]


# ---------------------------------------------------------------------------------------------
# Values and questions
# ---------------------------------------------------------------------------------------------


def test_value_without_question(corpus_dir: Path) -> None:
    replace_in(corpus_dir, CLAIM, "question: flood-death-toll\n", "")
    assert problem_lines(corpus_dir) == [
        f"{CLAIM}:8:3: value: a value needs a question; add 'question:' with the numeric question this figure answers",
    ]


def test_value_on_a_question_without_unit(corpus_dir: Path) -> None:
    # both claims on the question give a value: both are told
    replace_in(corpus_dir, QUESTION, "unit: people\n", "")
    assert problem_lines(corpus_dir) == [
        f"{CLAIM}:9:3: value: the question 'flood-death-toll' is not answered by a number; remove 'value:' "
        "and use 'answer:' for a short answer",
        f"{SURVIVOR_CLAIM}:8:3: value: the question 'flood-death-toll' is not answered by a number; remove "
        "'value:' and use 'answer:' for a short answer",
    ]


def test_unit_differs_from_the_question(corpus_dir: Path) -> None:
    replace_in(corpus_dir, CLAIM, "unit: people", "unit: deaths")
    assert problem_lines(corpus_dir) == [
        f"{CLAIM}:10:9: value.unit: the unit 'deaths' differs from the question's unit 'people'; write unit: people",
    ]


def test_numeric_question_without_value_or_answer(corpus_dir: Path) -> None:
    replace_in(
        corpus_dir, WARNING_CLAIM, "events: [flood-warning]\n", "events: [flood-warning]\nquestion: flood-death-toll\n"
    )
    assert problem_lines(corpus_dir) == [
        f"{WARNING_CLAIM}:5:11: question: the question 'flood-death-toll' is answered by a number, but the "
        "claim gives neither a value nor an answer; add value: with number, unit: people and qualifier, or "
        "answer: for an answer that is not a figure",
    ]


def test_numeric_question_with_answer_instead_of_value(corpus_dir: Path) -> None:
    replace_in(corpus_dir, CLAIM, "value:\n  number: 12\n  unit: people\n  qualifier: exactly\n", "answer: twelve\n")
    assert problem_lines(corpus_dir) == []


# ---------------------------------------------------------------------------------------------
# Quotes
# ---------------------------------------------------------------------------------------------

NOT_IN_DAILY = f"{CLAIM}:15:12: evidence[0].quote: the quote is not in the source 'daily-river-2021'"


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        pytest.param(
            '"Officials said 14 people died"',
            [
                f'{NOT_IN_DAILY}; the closest passage in sources/daily-river-2021.md reads "Officials '
                'said 12 people died"; where the quote has "14", the source has "12"; copy the words exactly '
                "as stored (typos included)"
            ],
            id="different-figure",
        ),
        pytest.param(
            '"Officials said 12 people died and the mayor received"',
            [
                f'{NOT_IN_DAILY}; the closest passage in sources/daily-river-2021.md reads "Officials '
                'said 12 people died and the mayor recieved"'
                '; where the quote has "received", the source has "recieved"; '
                "copy the words exactly as stored (typos included)"
            ],
            id="typo-corrected",
        ),
        pytest.param(
            '"officials said 12 people died"',
            [
                f'{NOT_IN_DAILY}; the closest passage in sources/daily-river-2021.md reads "Officials '
                'said 12 people died"'
                '; where the quote has "officials", the source has "Officials"; copy the words exactly '
                "as stored (typos included)"
            ],
            id="case-differs",
        ),
        pytest.param(
            # only the verb differs: the passage must start at 'Officials', and the difference is that word
            '"Officials claimed 12 people died"',
            [
                f'{NOT_IN_DAILY}; the closest passage in sources/daily-river-2021.md reads "Officials said 12 '
                'people died"; where the quote has "claimed", the source has "said"; copy the words exactly as stored '
                "(typos included)"
            ],
            id="different-words",
        ),
        pytest.param(
            # every part is in the source, in the other order: say so, instead of 'not in the source'
            '"flooded the lower town … The river rose"',
            [
                f"{CLAIM}:15:12: evidence[0].quote: the parts of the quote around '…' are in the source "
                "'daily-river-2021', but not in this order; put the parts in the order the source gives them"
            ],
            id="elided-parts-out-of-order",
        ),
        pytest.param(
            '"…"',
            [f"{CLAIM}:15:12: evidence[0].quote: the quote has no words; copy a passage from the source"],
            id="only-an-ellipsis",
        ),
        pytest.param(
            '"[...]"',
            [f"{CLAIM}:15:12: evidence[0].quote: the quote has no words; copy a passage from the source"],
            id="only-a-bracketed-ellipsis",
        ),
        pytest.param(
            '"' + "Officials said 12 people died and the mayor recieved the first reports at night. " * 5 + '"',
            [
                f"{CLAIM}:15:12: evidence[0].quote: the quote is longer than the source 'daily-river-2021' itself; "
                "copy a shorter passage from the source's text"
            ],
            id="longer-than-the-source",
        ),
        pytest.param('"Officials   said\\n12 people\\tdied"', [], id="extra-white-space-ok"),
        pytest.param("|\n      Officials said\n      12 people died", [], id="block-scalar-ok"),
        pytest.param('"Residents told us the warning came \\"far too late\\""', [], id="straight-for-curly-quotes-ok"),
        pytest.param('"The river rose … flooded the lower town"', [], id="elided-in-order-ok"),
        pytest.param('"The river rose ... the mayor recieved"', [], id="ascii-ellipsis-ok"),
        pytest.param('"The river rose [...] the mayor recieved"', [], id="bracketed-ellipsis-ok"),
        pytest.param(
            '"died and the mayor recieved the first reports at night. Residents told us"', [], id="across-sentences-ok"
        ),
    ],
)
def test_quote(corpus_dir: Path, quote: str, expected: list[str]) -> None:
    replace_in(corpus_dir, CLAIM, 'quote: "Officials said 12 people died"', f"quote: {quote}")
    assert problem_lines(corpus_dir) == expected


def test_quote_with_hyphen_matches_em_dash_in_source(corpus_dir: Path) -> None:
    replace_in(corpus_dir, DAILY, "the warning came “far", "the warning came — “far")
    replace_in(
        corpus_dir,
        WARNING_CLAIM,
        "Residents told us the warning came … “far too late”.",
        'Residents told us the warning came - "far too late".',
    )
    assert problem_lines(corpus_dir) == []


def test_quote_with_straight_quotes_matches_guillemets(corpus_dir: Path) -> None:
    replace_in(
        corpus_dir,
        WARNING_CLAIM,
        '"«Предупреждение пришло слишком поздно»"',
        "'\"Предупреждение пришло слишком поздно\"'",
    )
    assert problem_lines(corpus_dir) == []


# ---------------------------------------------------------------------------------------------
# Languages and translations
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            '    translation: "“The warning came far too late.”"\n    translated_by: source\n',
            "",
            [
                f"{WARNING_CLAIM}:9:12: evidence[0].quote: the quote is in 'ru' but has no translation; "
                "add 'translation:' with the English text and 'translated_by: source' or 'editors'"
            ],
            id="no-translation",
        ),
        pytest.param(
            'translation: "“The warning came far too late.”"',
            'translation: "The warning was very late."',
            # the translation is named as such, and the closest sentence is shown whole
            [
                f"{WARNING_CLAIM}:12:18: evidence[0].translation: the translation is not in the source "
                "'open-wire-2021'; the closest sentence in sources/open-wire-2021.md reads \"Survivor: “The "
                'warning came far too late.”"'
                '; where the translation has "was very late.", the source has "came far too"; '
                "copy the words exactly as stored (typos included), or set translated_by: editors if the "
                "translation is ours"
            ],
            id="source-translation-not-in-source",
        ),
        pytest.param(
            'translation: "“The warning came far too late.”"',
            'translation: "Nothing of the kind was said."',
            [
                f"{WARNING_CLAIM}:12:18: evidence[0].translation: the translation is not in the source "
                "'open-wire-2021'; copy the translation exactly as sources/open-wire-2021.md prints it, or set "
                "translated_by: editors if the translation is ours"
            ],
            id="source-translation-like-nothing-in-source",
        ),
        pytest.param(
            'translation: "“The warning came far too late.”"\n    translated_by: source',
            'translation: "The warning was very late."\n    translated_by: editors',
            None,
            id="editors-translation-not-checked",
        ),
        pytest.param(
            "    translated_by: source\n",
            "",
            [
                f"{WARNING_CLAIM}:12:18: evidence[0].translation: the translation does not say who made "
                "it; add 'translated_by: source' (the source gives it) or 'translated_by: editors'"
            ],
            id="translated-by-missing",
        ),
        pytest.param(
            "    language: ru\n",
            "",
            [
                f"{WARNING_CLAIM}:9:12: evidence[0].quote: the quote is in Cyrillic script but its "
                "language is 'en'; add 'language: ru' (or kk) and a "
                "translation"
            ],
            id="cyrillic-without-language",
        ),
        pytest.param(
            "    language: ru\n",
            "    language: en\n",
            [
                f"{WARNING_CLAIM}:9:12: evidence[0].quote: the quote is in Cyrillic script but its "
                "language is 'en'; add 'language: ru' (or kk) and a "
                "translation"
            ],
            id="cyrillic-marked-english",
        ),
        pytest.param(
            "    language: ru\n",
            "    language: kk\n",
            [
                f"{WARNING_CLAIM}:11:15: evidence[0].language: the source 'open-wire-2021' is not in 'kk'; "
                "its languages are en, ru; add the language to the source or fix this"
            ],
            id="language-not-of-the-source",
        ),
        pytest.param(
            "    language: ru\n",
            "    language: Russian\n",
            [
                f"{WARNING_CLAIM}:11:15: evidence[0].language: 'Russian' is not a language code; write an "
                "ISO 639-1 code in lower case: en, ru, kk"
            ],
            id="language-name",
        ),
    ],
)
def test_language(corpus_dir: Path, old: str, new: str, expected: list[str] | None) -> None:
    replace_in(corpus_dir, WARNING_CLAIM, old, new)
    # the editors' translation is theirs: nothing to prove against the source
    assert problem_lines(corpus_dir) == (expected or [])


# ---------------------------------------------------------------------------------------------
# Invisible characters
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        pytest.param(
            '"Riverton officials said \\u202E12 people died in the flood."',
            "contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) at position 25",
            id="bidi-escaped",
        ),
        pytest.param(
            "Riverton officials said\u202e 12 people died in the flood.",
            "contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) at position 24",
            id="bidi-raw",
        ),
        pytest.param(
            '"Riverton officials said \\u2066 12 people died."',
            "contains the invisible character U+2066 (LEFT-TO-RIGHT ISOLATE) at position 25",
            id="bidi-isolate",
        ),
        pytest.param(
            '"Riverton officials said 12 people\\a died."',
            "contains the invisible character U+0007 (control character) at position 34",
            id="bell",
        ),
    ],
)
def test_invisible_character_in_statement(corpus_dir: Path, statement: str, expected: str) -> None:
    replace_in(
        corpus_dir, CLAIM, "statement: Riverton officials said 12 people died in the flood.", f"statement: {statement}"
    )
    assert problem_lines(corpus_dir) == [f"{CLAIM}:2:12: statement: {expected}; {INVISIBLE_HINT}"]


def test_bidi_override_in_quote(corpus_dir: Path) -> None:
    replace_in(corpus_dir, CLAIM, 'quote: "Officials said 12 people died"', 'quote: "Officials said \\u202E12"')
    assert problem_lines(corpus_dir) == [
        f"{CLAIM}:15:12: evidence[0].quote: contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) "
        f"at position 16; {INVISIBLE_HINT}",
    ]


# ---------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------

NEW_SOURCE = "sources/river-gazette-2021.md"
NEW_SOURCE_TEXT = fixture_text(DAILY).replace("id: daily-river-2021", "id: river-gazette-2021")


def test_source_without_front_matter(corpus_dir: Path) -> None:
    write(corpus_dir, NEW_SOURCE, "The river rose on 2 March.\n")
    assert problem_lines(corpus_dir) == [
        f"{NEW_SOURCE}:1:1: the source has no front matter; start the file with a line '---', the fields, "
        "and another line '---'",
    ]


def test_source_front_matter_does_not_close(corpus_dir: Path) -> None:
    write(corpus_dir, NEW_SOURCE, NEW_SOURCE_TEXT.replace("---\nThe river rose", "\nThe river rose"))
    assert problem_lines(corpus_dir) == [
        f"{NEW_SOURCE}:1:1: the front matter does not close; add a line '---' after the last field, before "
        "the article text",
    ]


def test_source_front_matter_syntax_error_line_counts_from_the_file(corpus_dir: Path) -> None:
    write(
        corpus_dir,
        NEW_SOURCE,
        NEW_SOURCE_TEXT.replace('title: "Flood in Riverton: what we know"', 'title: "Flood in Riverton: what we know'),
    )
    assert problem_lines(corpus_dir) == [
        f"{NEW_SOURCE}:6:13: YAML syntax error: while parsing a block mapping, did not find expected key; "
        f"{SYNTAX_HINT}",
    ]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("", id="nothing"),
        pytest.param("\n   \n\n", id="blank-lines"),
    ],
)
def test_source_without_text(corpus_dir: Path, body: str) -> None:
    write(corpus_dir, DAILY, source_without_body(DAILY) + body)
    assert problem_lines(corpus_dir) == [
        f"{DAILY}:1:1: the source has no text; paste the article text after the closing '---'",
    ]


def test_source_front_matter_marker_with_trailing_space_is_accepted(corpus_dir: Path) -> None:
    # invisible trailing spaces after '---' must not turn into 'the source has no front matter'
    write(corpus_dir, DAILY, fixture_text(DAILY).replace("---\n", "--- \n", 1))
    assert problem_lines(corpus_dir) == []


def test_source_over_the_size_limit(corpus_dir: Path) -> None:
    padding = "x" * (load.MAX_SOURCE_BYTES + 1 - len(NEW_SOURCE_TEXT.encode("utf-8")) - 1)
    write(corpus_dir, NEW_SOURCE, NEW_SOURCE_TEXT + padding + "\n")
    assert problem_lines(corpus_dir) == [
        f"{NEW_SOURCE}:1:1: the file is {load.MAX_SOURCE_BYTES + 1:,} bytes, over the limit of "
        f"{load.MAX_SOURCE_BYTES:,}; split it, or shorten it; records are meant to be small",
    ]


# ---------------------------------------------------------------------------------------------
# Warnings
# ---------------------------------------------------------------------------------------------


def test_warning_for_an_actor_nobody_names(corpus_dir: Path) -> None:
    write(
        corpus_dir,
        "claims/actors/town-mayor.yaml",
        "id: town-mayor\nname: The mayor of Riverton\nkind: person\ndescription: The elected head of the town.\n",
    )
    assert problem_lines(corpus_dir) == [
        "claims/actors/town-mayor.yaml:1:5: warning: id: no claim or event names the actor 'town-mayor'; "
        "name it in a claim's claimant or actors, or remove it",
    ]


def test_warning_for_a_source_no_claim_cites(corpus_dir: Path) -> None:
    write(corpus_dir, NEW_SOURCE, NEW_SOURCE_TEXT)
    assert problem_lines(corpus_dir) == [
        f"{NEW_SOURCE}:2:5: warning: id: no claim cites the source 'river-gazette-2021'; add claims with "
        "quotes from it, or remove it",
    ]


# ---------------------------------------------------------------------------------------------
# All problems at once
# ---------------------------------------------------------------------------------------------


def test_many_problems_in_several_files_are_all_reported_sorted(corpus_dir: Path) -> None:
    replace_in(corpus_dir, CLAIM, 'claimed: "2021-03"', 'claimed: "2021-02-30"')
    replace_in(corpus_dir, SURVIVOR_CLAIM, "claimant: flood-survivor", "claimant: flood-survivr")
    replace_in(corpus_dir, FLOOD_EVENT, 'end: "2021-03-04"', 'end: "2021-03-01"')
    replace_in(corpus_dir, "claims/actors/riverton-officials.yaml", "kind: state-body", "kind: anon")
    replace_in(corpus_dir, OPEN_WIRE, "url: https://example.net/open-wire/riverton", "url: ftp://example.net/x")
    write(corpus_dir, "claims/notes.txt", "to do\n")
    write(
        corpus_dir,
        "claims/actors/town-mayor.yaml",
        "id: town-mayor\nname: The mayor of Riverton\nkind: person\ndescription: The elected head of the town.\n",
    )
    assert problem_lines(corpus_dir) == [
        "claims/actors/riverton-officials.yaml:3:7: kind: 'anon' is not one of: person, anonymous, group, "
        "organisation, state-body, state, media-outlet; did you mean 'anonymous'?",
        "claims/actors/town-mayor.yaml:1:5: warning: id: no claim or event names the actor 'town-mayor'; "
        "name it in a claim's claimant or actors, or remove it",
        f"{FLOOD_EVENT}:4:6: end: the event ends (2021-03-01) before it starts (2021-03-02); swap the two "
        "dates or fix one",
        "claims/notes.txt:1:1: this file is not read by the build; move it out of this folder; only .yaml "
        "files are read here",
        f"{CLAIM}:4:10: claimed: '2021-02-30' does not exist: February 2021 has 28 days; {DATE_HINT}",
        f"{SURVIVOR_CLAIM}:3:11: claimant: no actor 'flood-survivr'; did you mean 'flood-survivor'?",
        f"{OPEN_WIRE}:8:6: url: 'ftp://example.net/x' is not an http(s) address; {URL_HINT}",
    ]


def test_every_problem_of_one_record_is_reported_at_once(corpus_dir: Path) -> None:
    # a bad date must not hide the same claim's dangling claimant and misquote until the date is fixed
    write(
        corpus_dir,
        CLAIM,
        CLAIM_TEXT.replace('claimed: "2021-03"', 'claimed: "2021-02-30"')
        .replace("claimant: riverton-officials", "claimant: riverton-oficials")
        .replace('quote: "Officials said 12 people died"', 'quote: "Officials said 14 people died"'),
    )
    assert problem_lines(corpus_dir) == [
        f"{CLAIM}:3:11: claimant: no actor 'riverton-oficials'; did you mean 'riverton-officials'?",
        f"{CLAIM}:4:10: claimed: '2021-02-30' does not exist: February 2021 has 28 days; {DATE_HINT}",
        f'{NOT_IN_DAILY}; the closest passage in sources/daily-river-2021.md reads "Officials said 12 '
        'people died"; where the quote has "14", the source has "12"; copy the words exactly as stored (typos '
        "included)",
    ]


def test_quotes_are_checked_against_a_source_with_a_metadata_error(corpus_dir: Path) -> None:
    # the source's text loaded fine; a bad url in its front matter must not hide a misquote from it
    replace_in(corpus_dir, OPEN_WIRE, "url: https://example.net/open-wire/riverton", "url: ftp://example.net/x")
    replace_in(
        corpus_dir, SURVIVOR_CLAIM, 'quote: "The flood killed at least 15', 'quote: "The flood killed at least 16'
    )
    assert problem_lines(corpus_dir) == [
        f"{SURVIVOR_CLAIM}:14:12: evidence[0].quote: the quote is not in the source 'open-wire-2021'; the "
        'closest passage in sources/open-wire-2021.md reads "The flood killed at least 15 people, a '
        'survivor says, more than the official figure."; where the quote has "16", the source has "15"; copy '
        "the words exactly as stored (typos included)",
        f"{OPEN_WIRE}:8:6: url: 'ftp://example.net/x' is not an http(s) address; {URL_HINT}",
    ]


# ---------------------------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------------------------


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qantar.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_check_passes_on_the_valid_corpus(corpus_dir: Path) -> None:
    result = run_cli(corpus_dir, "check")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "check passed: 2 sources, 3 claims, 3 actors, 2 events, 1 question, 2 places\n",
        "",
    )


def test_cli_check_fails_and_prints_every_problem(corpus_dir: Path) -> None:
    replace_in(corpus_dir, CLAIM, 'claimed: "2021-03"', 'claimed: "2021-02-30"')
    write(corpus_dir, "claims/notes.txt", "to do\n")
    result = run_cli(corpus_dir, "check")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "claims/notes.txt:1:1: this file is not read by the build; move it out of this folder; only .yaml "
        "files are read here",
        f"{CLAIM}:4:10: claimed: '2021-02-30' does not exist: February 2021 has 28 days; {DATE_HINT}",
        "2 error(s), 0 warning(s)",
        "check failed: 2 error(s)",
    ]


def test_cli_check_reports_an_empty_quote_as_a_problem_not_an_internal_error(corpus_dir: Path) -> None:
    replace_in(corpus_dir, CLAIM, 'quote: "Officials said 12 people died"', 'quote: ""')
    result = run_cli(corpus_dir, "check")
    assert "Traceback" not in result.stderr
    assert (result.returncode, result.stderr.splitlines()) == (
        1,
        [
            f"{CLAIM}:15:12: evidence[0].quote: is empty; give it a value: A verbatim passage of the source; '…' "
            "skips words.",
            "1 error(s), 0 warning(s)",
            "check failed: 1 error(s)",
        ],
    )


def test_cli_check_github_annotations(corpus_dir: Path) -> None:
    replace_in(corpus_dir, CLAIM, 'claimed: "2021-03"', 'claimed: "2021-02-30"')
    result = run_cli(corpus_dir, "--github", "check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file={CLAIM},line=4,col=10::claimed: '2021-02-30' does not exist: February 2021 has 28 "
        f"days; {DATE_HINT}",
    ]


# ---------------------------------------------------------------------------------------------
# Hostile sizes: a "billion laughs" file and enormous strings fail fast, in bounded memory
# ---------------------------------------------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    """Each level lists the one before nine times: 9**9 "lol"s if aliases were expanded."""
    lines = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


# the first alias, *a0, stands on line 23 ('lol1: &a1 [*a0, …'), column 12
LAUGHS_MESSAGE = (
    f"{CLAIM}:23:12: lol1[0]: YAML aliases (*name) are not allowed; write the value out in full "
    "instead of referring to an anchor"
)


def test_billion_laughs_is_refused_at_its_first_alias(corpus_dir: Path) -> None:
    write(corpus_dir, CLAIM, CLAIM_TEXT + billion_laughs())
    assert problem_lines(corpus_dir) == [LAUGHS_MESSAGE]


def test_billion_laughs_fails_fast_in_bounded_memory(corpus_dir: Path) -> None:
    # in a child process limited to 1 GiB of address space and 20 s: expanding the aliases would need far more
    write(corpus_dir, CLAIM, CLAIM_TEXT + billion_laughs())
    code = (
        "import resource, sys, time\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        f"sys.path[:0] = [{str(ROOT / 'tests')!r}, {str(ROOT / 'scripts')!r}]\n"
        "from conftest import problem_lines\n"
        "from pathlib import Path\n"
        "started = time.perf_counter()\n"
        f"print('\\n'.join(problem_lines(Path({str(corpus_dir)!r}))))\n"
        "print(f'{time.perf_counter() - started:.3f}')\n"
        # the peak of this process's own memory: getrusage's ru_maxrss would start from the parent's peak (Linux
        # carries it over an exec after vfork), and the parent here is the whole test session
        "print(next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM:')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=20, check=False)
    assert result.returncode == 0, result.stderr
    *lines, seconds, max_rss_kib = result.stdout.splitlines()
    assert lines == [LAUGHS_MESSAGE]
    assert float(seconds) < 2.0
    assert int(max_rss_kib) < 300 * 1024  # the whole interpreter, engine included


def test_billion_laughs_in_a_source_front_matter(corpus_dir: Path) -> None:
    text = fixture_text(DAILY).replace("notes:", billion_laughs(6) + "notes:", 1)
    write(corpus_dir, DAILY, text)
    # front matter line 1 is '---'; 'id' 2 … 'kind' 9, 'rights' 10, then lol0 on 11 and lol1 on 12
    assert problem_lines(corpus_dir) == [
        f"{DAILY}:12:12: lol1[0]: YAML aliases (*name) are not allowed; write the value out in full instead of "
        "referring to an anchor",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "tags: [casualties]\n",
            "tags: [casualties]\nnotes: " + "x" * 200_000 + "\n",
            [f"{CLAIM}:13:8: notes: is 200,000 characters long, over the limit of 3,000; shorten it"],
            id="enormous-notes",
        ),
        pytest.param(
            "tags: [casualties]\n",
            "tags: [casualties]\nnotes: " + "word " * 40_000 + "\n",
            # the trailing space of the last word is not part of the value
            [f"{CLAIM}:13:8: notes: is 199,999 characters long, over the limit of 3,000; shorten it"],
            id="enormous-notes-of-words",
        ),
        pytest.param(
            'quote: "Officials said 12 people died"',
            'quote: "' + "Officials said 12 people died " * 3_000 + '"',
            # a quoted value keeps its trailing space; the text is stripped before it is measured
            [f"{CLAIM}:15:12: evidence[0].quote: is 89,999 characters long, over the limit of 2,000; shorten it"],
            id="enormous-quote",
        ),
        pytest.param(
            "statement: Riverton officials said 12 people died in the flood.",
            "statement: |\n" + "  Riverton officials said 12 people died.\n" * 4_000,
            [f"{CLAIM}:2:12: statement: is 159,999 characters long, over the limit of 500; shorten it"],
            id="enormous-block-statement",
        ),
        pytest.param(
            "id: official-toll-12",
            "id: " + "official-toll-12-" * 1_000 + "x",
            [f"{CLAIM}:1:5: id: is longer than 80 characters; shorten it"],
            id="enormous-id",
        ),
        pytest.param(
            "tags: [casualties]",
            "tags: [" + ", ".join(f"tag-{i}" for i in range(10_000)) + "]",
            [],
            id="ten-thousand-tags-accepted",
        ),
    ],
)
def test_enormous_value(corpus_dir: Path, old: str, new: str, expected: list[str]) -> None:
    replace_in(corpus_dir, CLAIM, old, new)
    assert problem_lines(corpus_dir) == expected


# ---------------------------------------------------------------------------------------------
# A date in the future, for every date field
# ---------------------------------------------------------------------------------------------

FUTURE_HINT = "check the year; records describe what has happened"


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        pytest.param(
            DAILY,
            'published: "2021-03-05"',
            'published: "2026-11-24"',
            [f"{DAILY}:6:12: published: '2026-11-24' is in the future; {FUTURE_HINT}"],
            id="source-published-tomorrow",
        ),
        pytest.param(
            DAILY,
            'published: "2021-03-05"',
            'published: "2027"',
            [f"{DAILY}:6:12: published: '2027' is in the future; {FUTURE_HINT}"],
            id="source-published-next-year",
        ),
        pytest.param(DAILY, 'published: "2021-03-05"', 'published: "2026-11-23"', [], id="source-published-today-ok"),
        pytest.param(
            FLOOD_EVENT,
            'date: "2021-03-02"',
            'date: "2026-12"',
            [f"{FLOOD_EVENT}:3:7: date: '2026-12' is in the future; {FUTURE_HINT}"],
            id="event-date-next-month",
        ),
        pytest.param(
            FLOOD_EVENT,
            'end: "2021-03-04"',
            'end: "2031-03-04"',
            [f"{FLOOD_EVENT}:4:6: end: '2031-03-04' is in the future; {FUTURE_HINT}"],
            id="event-end",
        ),
        pytest.param(
            CLAIM,
            'claimed: "2021-03"',
            'claimed: "2026-12-01"',
            [f"{CLAIM}:4:10: claimed: '2026-12-01' is in the future; {FUTURE_HINT}"],
            id="claim-claimed",
        ),
    ],
)
def test_date_in_the_future(corpus_dir: Path, rel: str, old: str, new: str, expected: list[str]) -> None:
    replace_in(corpus_dir, rel, old, new)
    assert problem_lines(corpus_dir) == expected


def test_number_of_bad_input_cases(request: pytest.FixtureRequest) -> None:
    import tally

    cases = [item for item in request.session.items if item.module is request.module]
    tally.record("bad-input cases (tests/test_validation_messages.py)", len(cases))
    stated = re.search(r"\*\*bad input\*\*: ([\d,]+) malformed cases", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert stated, "README's Tests section states how many bad-input cases there are"
    assert int(stated.group(1).replace(",", "")) == len(cases), "update the count in README's Tests section"


# ---------------------------------------------------------------------------------------------
# Hardening: nesting that would crash the YAML library, links and odd files, terminal escapes,
# quotes that end a value early (issues 13 and 16)
# ---------------------------------------------------------------------------------------------


def problem_lines_in_child(corpus_dir: Path, seconds: float = 60) -> list[str]:
    """`problem_lines` in a child process, so that an input which crashes the YAML library fails this test only."""
    code = (
        f"import sys\nsys.path[:0] = [{str(ROOT / 'tests')!r}, {str(ROOT / 'scripts')!r}]\n"
        "from conftest import problem_lines\nfrom pathlib import Path\n"
        f"print('\\n'.join(problem_lines(Path({str(corpus_dir)!r}))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=seconds, check=False)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    return [line for line in result.stdout.splitlines() if line]


NESTING = "the YAML nests more than 32 levels deep (lists and sets of fields inside one another)"
NESTING_HINT = "a record needs three levels at most: close the brackets opened here ([ with ], { with }) or indent less"
ACTOR = "claims/actors/riverton-officials.yaml"


@pytest.mark.parametrize(
    ("rel", "old", "new", "at"),
    [
        # libyaml's composer recursed once per level: 100,000 '[' killed the process with a segfault
        pytest.param(
            CLAIM,
            "tags: [casualties]\n",
            "tags: [casualties]\nnotes: " + "[" * 100_000 + "\n",
            "13:39",
            id="claim-100000-brackets",
        ),
        pytest.param(
            CLAIM,
            "tags: [casualties]\n",
            "tags: [casualties]\nnotes: " + "{a: " * 50_000 + "\n",
            "13:132",
            id="claim-50000-flow-mappings",
        ),
        pytest.param(
            CLAIM,
            "tags: [casualties]\n",
            "tags: [casualties]\nnotes:\n" + "- " * 100_000 + "x\n",
            "14:65",
            id="claim-100000-block-entries-on-one-line",
        ),
        # 700 mappings, each indented one space more: Python's recursion limit (RecursionError, a traceback under serve)
        pytest.param(
            CLAIM,
            "tags: [casualties]\n",
            "tags: [casualties]\nnotes:\n" + "".join(" " * (depth + 1) + "k:\n" for depth in range(700)),
            "45:33",
            id="claim-700-indented-levels",
        ),
        pytest.param(ACTOR, "aliases: [the authorities, officials]", "aliases: " + "[" * 100_000, "4:41", id="actor"),
        pytest.param(FLOOD_EVENT, "actors: [riverton-officials]", "actors: " + "[" * 100_000, "7:40", id="event"),
        pytest.param(
            QUESTION,
            "description: The official figure and a survivor's figure differ.",
            "description: " + "{a: " * 50_000,
            "4:138",
            id="question",
        ),
        pytest.param(
            DAILY,
            'notes: "A test article. The typo \\"recieved\\" is as published [sic]."',
            "notes: " + "[" * 100_000,
            "11:39",
            id="source-front-matter",
        ),
    ],
)
def test_nesting_too_deep_is_refused_before_the_yaml_library_reads_it(
    corpus_dir: Path, rel: str, old: str, new: str, at: str
) -> None:
    replace_in(corpus_dir, rel, old, new)
    assert problem_lines_in_child(corpus_dir) == [f"{rel}:{at}: {NESTING}; {NESTING_HINT}"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param(
            "tags: [casualties]\n", 'tags: [casualties]\nnotes: "' + "[" * 1_000 + '"\n', id="brackets-quoted"
        ),
        pytest.param(
            "tags: [casualties]\n", "tags: [casualties]\nnotes: " + "a [b] " * 400 + "\n", id="brackets-in-text"
        ),
        pytest.param(
            "tags: [casualties]\n",
            "tags: [casualties]\nnotes: |\n" + (" " * 40 + "- [x]\n") * 40,
            id="deeply-indented-block-text",
        ),
        pytest.param(
            "tags: [casualties]\n", "tags: [casualties]\nnotes: >-\n  # " + "{" * 100 + "\n", id="in-a-comment"
        ),
    ],
)
def test_brackets_in_text_are_not_nesting(corpus_dir: Path, old: str, new: str) -> None:
    replace_in(corpus_dir, CLAIM, old, new)
    assert problem_lines_in_child(corpus_dir) == []


LINK = (
    "this is a symbolic link, not a file; put the file itself here: records are files in the repository, and "
    "the build never follows a link"
)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        pytest.param(
            lambda root: (root / "claims" / "passwd.yaml").symlink_to("/etc/passwd"),
            [f"claims/passwd.yaml:1:1: {LINK}"],
            id="link-to-etc-passwd",
        ),
        pytest.param(
            lambda root: (root / "claims" / "broken.yaml").symlink_to(root / "nowhere.yaml"),
            [f"claims/broken.yaml:1:1: {LINK}"],
            id="broken-link",
        ),
        pytest.param(
            lambda root: (root / "claims" / "loop.yaml").symlink_to("loop.yaml"),
            [f"claims/loop.yaml:1:1: {LINK}"],
            id="link-loop",
        ),
        pytest.param(
            lambda root: (root / "claims" / "actors" / "outside.yaml").symlink_to(root.parent / "outside.yaml"),
            [f"claims/actors/outside.yaml:1:1: {LINK}"],
            id="link-to-a-record-outside-the-repository",
        ),
        pytest.param(
            lambda root: (root / "sources" / "copy.md").symlink_to(root / "sources" / "daily-river-2021.md"),
            [f"sources/copy.md:1:1: {LINK}"],
            id="link-in-sources",
        ),
        pytest.param(
            lambda root: (root / "claims" / "events" / "old").symlink_to("/etc"),
            [f"claims/events/old:1:1: {LINK}"],
            id="link-to-a-folder",
        ),
        pytest.param(
            lambda root: os.mkfifo(root / "claims" / "fifo.yaml"),
            [
                "claims/fifo.yaml:1:1: this is not a regular file (a pipe, socket or device); remove it; records are "
                "plain text files"
            ],
            id="named-pipe",
        ),
        pytest.param(
            lambda root: (root / "claims" / ".yaml").write_text("id: x\n"),
            ["claims/.yaml:1:1: the file has no name before '.yaml'; name it after the record's id: claims/<id>.yaml"],
            id="dot-yaml",
        ),
        pytest.param(
            lambda root: (root / "claims" / "..yaml").write_text("id: x\n"),
            ["claims/..yaml:1:1: the file has no name before '.yaml'; name it after the record's id: claims/<id>.yaml"],
            id="dot-dot-yaml",
        ),
        pytest.param(
            lambda root: (root / "claims" / "actors" / ".town-mayor.yaml").write_text("id: x\n"),
            [
                "claims/actors/.town-mayor.yaml:1:1: the file is hidden (its name starts with '.'), so the build "
                "would not read it; rename it to town-mayor.yaml"
            ],
            id="hidden-record",
        ),
        pytest.param(
            lambda root: (
                (root / "sources" / "x.md").mkdir(),
                (root / "sources" / "x.md" / "inner.md").write_text("---\nid: x\n---\n"),
            ),
            [
                "sources/x.md/inner.md:1:1: this file is not read by the build; files in folders inside sources/ "
                "are not read: move it to sources/"
            ],
            id="folder-named-like-a-source",
        ),
        pytest.param(
            lambda root: (
                (root / "claims" / "actors" / "old").mkdir(),
                (root / "claims" / "actors" / "old" / "mayor.yaml").write_text("id: mayor\n"),
            ),
            [
                "claims/actors/old/mayor.yaml:1:1: this file is not read by the build; files in folders inside "
                "claims/actors/ are not read: move it to claims/actors/"
            ],
            id="folder-in-actors",
        ),
    ],
)
def test_links_and_odd_files_are_reported_and_never_followed(
    corpus_dir: Path, make: Callable[[Path], object], expected: list[str]
) -> None:
    make(corpus_dir)
    assert problem_lines(corpus_dir) == expected


def test_a_linked_record_folder_is_not_followed(corpus_dir: Path) -> None:
    import shutil

    shutil.rmtree(corpus_dir / "claims" / "questions")
    (corpus_dir / "claims" / "questions").symlink_to("/etc")
    # nothing under /etc is read; the claims that name the question then name one that cannot be found
    assert problem_lines(corpus_dir) == [
        f"{CLAIM}:7:11: question: no question 'flood-death-toll'; create claims/questions/flood-death-toll.yaml, or "
        "name an existing question",
        "claims/questions:1:1: this folder is a symbolic link, not a folder; make it a folder holding the record files "
        "themselves; the build never follows a link",
        f"{SURVIVOR_CLAIM}:6:11: question: no question 'flood-death-toll'; create claims/questions/"
        "flood-death-toll.yaml, or name an existing question",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            'claimed: "2021-03"',
            'claimed: "\\e[2J\\e[H2021-03"',
            [f"{CLAIM}:4:10: claimed: '\\x1b[2J\\x1b[H2021-03' is not a date in a form we accept; {DATE_HINT}"],
            id="escape-sequence-clears-the-screen",
        ),
        pytest.param(
            'claimed: "2021-03"',
            'claimed: "2021-03\\r\\nclaims/other.yaml:1:1: forged problem"',
            [
                f"{CLAIM}:4:10: claimed: '2021-03\\r\\nclaims/other.yaml:1:1: forged problem' is not a date in a "
                f"form we accept; {DATE_HINT}"
            ],
            id="newline-fakes-a-problem-line",
        ),
        pytest.param(
            "stance: reports\n    attribution: paraphrase\n  - source: open-wire-2021",
            'stance: "\\x9b2J\\u202ereports"\n    attribution: paraphrase\n  - source: open-wire-2021',
            [
                f"{CLAIM}:16:13: evidence[0].stance: '\\x9b2J\\u202ereports' is not one of: reports, supports, "
                "disputes; did you mean 'reports'?"
            ],
            id="c1-control-and-bidi-override",
        ),
    ],
)
def test_control_characters_are_escaped_in_messages(corpus_dir: Path, old: str, new: str, expected: list[str]) -> None:
    replace_in(corpus_dir, CLAIM, old, new)
    assert problem_lines(corpus_dir) == expected


def test_cli_check_prints_no_control_character_from_a_record(corpus_dir: Path) -> None:
    replace_in(corpus_dir, CLAIM, 'claimed: "2021-03"', 'claimed: "\\e]0;owned\\a\\e[2J2021\\nfake:1:1: x"')
    write(corpus_dir, "claims/\x1b[31mred.yaml", CLAIM_TEXT.replace("id: official-toll-12", "id: red"))
    result = run_cli(corpus_dir, "--github", "check")
    assert result.returncode == 1
    for stream in (result.stdout, result.stderr):
        assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in stream), repr(stream)
    assert result.stderr.splitlines()[:2] == [
        "claims/\\x1b[31mred.yaml:1:5: id: the id 'red' differs from the file name '\\x1b[31mred'; rename the file to "
        "'red.yaml'",
        f"{CLAIM}:4:10: claimed: '\\x1b]0;owned\\x07\\x1b[2J2021\\nfake:1:1: x' is not a date in a form we accept; "
        f"{DATE_HINT}",
    ]
    assert result.stdout.splitlines()[0].startswith("::error file=claims/\\x1b[31mred.yaml,line=1,col=5::")


QUOTE_INSIDE = 'the value contains a straight double quote ("), which ends it early'
APOSTROPHE_INSIDE = "the value contains a straight single quote ('), which ends it early"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            'quote: "Officials said 12 people died"',
            'quote: "Officials said "12" people died"',
            [
                f'{CLAIM}:15:28: quote: {QUOTE_INSIDE}; write the line as quote: \'Officials said "12" people '
                "died' (single quotes around it), or write 'quote: >-' and the text on the next line, indented"
            ],
            id="double-quote-inside-double-quotes",
        ),
        pytest.param(
            'quote: "Officials said 12 people died"',
            'quote: "Officials said \\u0031\\u0032 people "died""',
            [
                f'{CLAIM}:15:48: quote: {QUOTE_INSIDE}; write the line as quote: "Officials said \\u0031\\u0032 '
                'people \\"died\\"" (each " inside written \\"), or write \'quote: >-\' and the text on the next '
                "line, indented"
            ],
            id="with-backslash-escapes-keep-double-quotes",
        ),
        pytest.param(
            "statement: Riverton officials said 12 people died in the flood.",
            "statement: 'Riverton's officials said 12 people died in the flood.'",
            [
                f"{CLAIM}:2:21: statement: {APOSTROPHE_INSIDE}; write the line as statement: \"Riverton's "
                "officials said 12 people died in the flood.\" (double quotes around it), or write 'statement: >-' "
                "and the text on the next line, indented"
            ],
            id="apostrophe-inside-single-quotes",
        ),
        pytest.param(
            "tags: [casualties]",
            'tags:\n  - "the "dam" story"',
            [
                f"{CLAIM}:13:10: {QUOTE_INSIDE}; write the line as - 'the \"dam\" story' (single quotes around it), or "
                "write '- >-' and the text on the next line, indented"
            ],
            id="in-a-list-item",
        ),
    ],
)
def test_a_straight_quote_that_ends_a_quoted_value_early(
    corpus_dir: Path, old: str, new: str, expected: list[str]
) -> None:
    replace_in(corpus_dir, CLAIM, old, new)
    assert problem_lines(corpus_dir) == expected


TOO_LARGE = (
    "is too large to be a figure; figures are at most 9,007,199,254,740,991, the largest whole number that "
    "the site and its data can show exactly"
)


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        # it passed check and crashed generate (OverflowError in the figures ledger's axis)
        pytest.param(
            CLAIM,
            "number: 12",
            "number: 1.7976931348623157e308",
            [f"{CLAIM}:9:11: value.number: '1.7976931348623157e308' {TOO_LARGE}"],
            id="largest-float",
        ),
        pytest.param(
            CLAIM,
            "number: 12",
            "number: 1e999",
            [f"{CLAIM}:9:11: value.number: '1e999' {TOO_LARGE}"],
            id="exponent-past-float-range",
        ),
        pytest.param(
            CLAIM,
            "number: 12",
            "number: 9007199254740992",
            [f"{CLAIM}:9:11: value.number: '9007199254740992' {TOO_LARGE}"],
            id="one-past-exact-integers",
        ),
        pytest.param(CLAIM, "number: 12", "number: 9007199254740991", [], id="largest-exact-integer-accepted"),
        pytest.param(
            CLAIM,
            "number: 12",
            "number: １２",
            [
                f"{CLAIM}:9:11: value.number: '１２' is written with digits that are not ASCII (U+FF11 FULLWIDTH "
                "DIGIT ONE at position 1); write it with ASCII digits: 12"
            ],
            id="full-width-digits",
        ),
        pytest.param(
            CLAIM,
            "number: 12",
            "number: ١٢",
            [
                f"{CLAIM}:9:11: value.number: '١٢' is written with digits that are not ASCII (U+0661 ARABIC-INDIC "
                "DIGIT ONE at position 1); write it with ASCII digits: 12"
            ],
            id="arabic-indic-digits",
        ),
        pytest.param(
            CLAIM,
            'claimed: "2021-03"',
            'claimed: "２０２１-٠٣"',
            [
                f"{CLAIM}:4:10: claimed: '２０２１-٠٣' is written with digits that are not ASCII (U+FF12 FULLWIDTH "
                "DIGIT TWO at position 1); write it with ASCII digits: '2021-03'"
            ],
            id="date-in-full-width-digits",
        ),
        pytest.param(
            FLOOD_EVENT,
            'end: "2021-03-04"',
            'end: "2021-03-०४"',
            [
                f"{FLOOD_EVENT}:4:6: end: '2021-03-०४' is written with digits that are not ASCII (U+0966 "
                "DEVANAGARI DIGIT ZERO at position 9); write it with ASCII digits: '2021-03-04'"
            ],
            id="event-end-in-devanagari-digits",
        ),
        pytest.param(
            DAILY,
            'published: "2021-03-05"',
            'published: "2021-03-٠٥"',
            [
                f"{DAILY}:6:12: published: '2021-03-٠٥' is written with digits that are not ASCII (U+0660 "
                "ARABIC-INDIC DIGIT ZERO at position 9); write it with ASCII digits: '2021-03-05'"
            ],
            id="source-published-in-arabic-indic-digits",
        ),
    ],
)
def test_figures_and_dates_generate_could_not_show(
    corpus_dir: Path, rel: str, old: str, new: str, expected: list[str]
) -> None:
    replace_in(corpus_dir, rel, old, new)
    assert problem_lines(corpus_dir) == expected


# A record id or tag that names a page the engine writes itself: the record's page was silently replaced by it


@pytest.mark.parametrize(
    ("rel", "content", "expected"),
    [
        pytest.param(
            "claims/index.yaml",
            CLAIM_TEXT.replace("id: official-toll-12", "id: index"),
            [
                "claims/index.yaml:1:5: id: the claim id 'index' is taken by the page that lists every claim "
                "(claims/index.md); rename the file and the id, e.g. to 'index-1'"
            ],
            id="claim",
        ),
        pytest.param(
            "claims/actors/index.yaml",
            "id: index\nname: Index\nkind: person\ndescription: A person.\n",
            [
                "claims/actors/index.yaml:1:5: id: the actor id 'index' is taken by the page that lists every actor "
                "(actors/index.md); rename the file and the id, e.g. to 'index-1'",
                "claims/actors/index.yaml:1:5: warning: id: no claim or event names the actor 'index'; name it in a "
                "claim's claimant or actors, or remove it",
            ],
            id="actor",
        ),
        pytest.param(
            "claims/events/index.yaml",
            'id: index\ntitle: Index\ndate: "2021"\nplace: unknown\nsummary: Something.\n',
            [
                "claims/events/index.yaml:1:5: id: the event id 'index' is taken by the page that lists every event "
                "(events/index.md); rename the file and the id, e.g. to 'index-1'"
            ],
            id="event",
        ),
        pytest.param(
            "claims/questions/index.yaml",
            "id: index\nquestion: Which?\n",
            [
                "claims/questions/index.yaml:1:5: id: the question id 'index' is taken by the page that lists every "
                "question (questions/index.md); rename the file and the id, e.g. to 'index-1'"
            ],
            id="question",
        ),
        pytest.param(
            "sources/index.md",
            fixture_text(DAILY).replace("id: daily-river-2021", "id: index"),
            [
                "sources/index.md:2:5: id: the source id 'index' is taken by the page that lists every source "
                "(sources/index.md); rename the file and the id, e.g. to 'index-1'",
                "sources/index.md:2:5: warning: id: no claim cites the source 'index'; add claims with quotes from "
                "it, or remove it",
            ],
            id="source",
        ),
    ],
)
def test_a_record_named_like_a_generated_page(corpus_dir: Path, rel: str, content: str, expected: list[str]) -> None:
    write(corpus_dir, rel, content)
    assert problem_lines(corpus_dir) == expected


def test_tags_that_would_share_a_page(corpus_dir: Path) -> None:
    # 'index' and 'index-tag' both went to tags/index-tag.md; 'index' itself is the list of all tags
    replace_in(corpus_dir, CLAIM, "tags: [casualties]", "tags: [casualties, index, index-tag]")
    assert problem_lines(corpus_dir) == [
        f"{CLAIM}:12:20: tags[1]: the tag 'index' is taken by the page that lists every tag (tags/index.md); use "
        "another word for the tag",
    ]


def test_reserved_names_are_one_list_the_check_is_given(corpus_dir: Path) -> None:
    from conftest import run_check
    from qantar.crosscheck import check_reserved_names
    from qantar.problems import Problems
    from qantar.site.routes import reserved_page_names

    assert all("index" in names for names in reserved_page_names().values())
    corpus = run_check(corpus_dir).corpus
    problems = Problems()
    check_reserved_names(corpus, problems, {"claims": ("official-toll-12",), "tags": ("casualties",)})
    assert [str(problem) for problem in problems.errors] == [
        f"{CLAIM}:1:5: id: the claim id 'official-toll-12' is taken by a page the site makes "
        "(claims/official-toll-12.md); rename the file and the id, e.g. to 'official-toll-12-1'",
        f"{CLAIM}:12:8: tags[0]: the tag 'casualties' is taken by a page the site makes (tags/casualties.md); use "
        "another word for the tag",
        f"{SURVIVOR_CLAIM}:11:8: tags[0]: the tag 'casualties' is taken by a page the site makes "
        "(tags/casualties.md); use another word for the tag",
    ]


INVISIBLE_WORD_HINT = "delete it: it does not show, but searches and matching treat the word as another one"
MIXED_HINT = "retype the word in one script: it looks the same, but searches and matching treat it as another word"


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        pytest.param(
            CLAIM,
            "statement: Riverton officials said",
            "statement: Rivеrton officials said",
            [
                f"{CLAIM}:2:12: warning: statement: the word 'Rivеrton' mixes Latin and Cyrillic letters: U+0435 "
                f"CYRILLIC SMALL LETTER IE at position 4; {MIXED_HINT}"
            ],
            id="cyrillic-e-in-a-latin-statement",
        ),
        pytest.param(
            ACTOR,
            "name: Riverton officials",
            "name: Riverton\u200b officials",
            [
                f"{ACTOR}:2:7: warning: name: contains the invisible character U+200B ZERO WIDTH SPACE at position "
                f"9; {INVISIBLE_WORD_HINT}"
            ],
            id="zero-width-space-in-a-name",
        ),
        pytest.param(
            ACTOR,
            "aliases: [the authorities, officials]",
            "aliases: [the authorities, Назaрбаев]",
            [
                f"{ACTOR}:4:28: warning: aliases[1]: the word 'Назaрбаев' mixes Cyrillic and Latin letters: U+0061 "
                f"LATIN SMALL LETTER A at position 4; {MIXED_HINT}"
            ],
            id="latin-a-in-a-cyrillic-alias",
        ),
        pytest.param(
            FLOOD_EVENT,
            "title: The Riverton flood",
            "title: The Riverton f\u200dlood",
            [
                f"{FLOOD_EVENT}:2:8: warning: title: contains the invisible character U+200D ZERO WIDTH JOINER at "
                f"position 15; {INVISIBLE_WORD_HINT}"
            ],
            id="zero-width-joiner-in-an-event-title",
        ),
        pytest.param(
            QUESTION,
            "question: How many people died",
            "question: How many pеоple died",
            [
                f"{QUESTION}:2:11: warning: question: the word 'pеоple' mixes Latin and Cyrillic letters: U+0435 "
                f"CYRILLIC SMALL LETTER IE at position 11; {MIXED_HINT}"
            ],
            id="two-cyrillic-letters-in-a-question",
        ),
        pytest.param(
            DAILY,
            "publisher: The Daily River",
            "publisher: The Dαily River",
            [
                f"{DAILY}:4:12: warning: publisher: the word 'Dαily' mixes Latin and Greek letters: U+03B1 GREEK "
                f"SMALL LETTER ALPHA at position 6; {MIXED_HINT}"
            ],
            id="greek-alpha-in-a-publisher",
        ),
        pytest.param(
            DAILY,
            "authors: [Ann Writer]",
            "authors: [Ann Wri\ufeffter]",
            [
                f"{DAILY}:5:11: warning: authors[0]: contains the invisible character U+FEFF ZERO WIDTH NO-BREAK "
                f"SPACE at position 8; {INVISIBLE_WORD_HINT}"
            ],
            id="byte-order-mark-in-an-author",
        ),
        pytest.param(
            ACTOR,
            "aliases: [the authorities, officials]",
            "aliases: [the authorities, Назарбаев, Nazarbayev]",
            [],
            id="one-script-per-word-is-fine",
        ),
    ],
)
def test_look_alike_letters_and_invisible_characters_in_names(
    corpus_dir: Path, rel: str, old: str, new: str, expected: list[str]
) -> None:
    replace_in(corpus_dir, rel, old, new)
    assert problem_lines(corpus_dir) == expected
