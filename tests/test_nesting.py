"""The nesting scan (scripts/qantar/nesting.py) against libyaml itself: it never sees less nesting than the parser.

The scan runs before any YAML library reads a record, so that no file can make libyaml's composer recurse until the
process dies. It is only safe if it never under-counts what libyaml will build: brackets it takes for quoted text,
comments or block scalars must be text to libyaml too. Hypothesis writes YAML-ish text from the characters that
change how libyaml reads (brackets, quotes, escapes, indicators, comments, indentation, block scalars, tags,
anchors, document markers) and compares the deepest nesting libyaml's parser reaches, before any error, with the
scan's. One level of the scan may hide two of libyaml's (a key in a flow sequence makes a one-pair mapping; a
sequence under a key at the key's own column adds a level without a column), so the bound is 2 × scan + 1.
"""

from __future__ import annotations

import time

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qantar.nesting import MAX_NESTING, _Scanner, too_deep

PIECES = [
    "[",
    "{",
    "]",
    "}",
    ",",
    "- ",
    "? ",
    ": ",
    "a: ",
    "a:",
    "'",
    '"',
    "']'",
    '"]"',
    "''",
    "\\",
    '\\"',
    "#",
    " #]",
    "\n",
    "\n ",
    "\n  ",
    "\n   ",
    "|",
    "|\n",
    ">-\n",
    "|2\n",
    "&a ",
    "*a ",
    "!t ",
    "!<]>",
    "x",
    " ",
    "\t",
    "---\n",
    "...\n",
    "%Y\n",
]
SETTINGS = settings(
    max_examples=3000, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def parser_depth(text: str) -> int:
    """The deepest nesting of collections libyaml's parser reports before the text ends or an error stops it."""
    depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return deepest


def scan_depth(text: str) -> int:
    """The smallest limit the scan accepts the text under."""
    limit = 0
    while _Scanner(text, limit).run() is not None:
        limit += 1
    return limit


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
@example("[? [? [? [? x]]]]")
@example("a:\n- - - x")
@example('k: ["]]]]", [[[x]]]]')
@example("k: |\n  [[[[\n  ]]]]\nj: [[[x]]]")
@example("[a:?'[[[[x")
@example("!<]]]]> [[[[x")
def test_the_scan_never_sees_less_nesting_than_libyaml(text: str) -> None:
    assert parser_depth(text) <= 2 * scan_depth(text) + 1


def test_hostile_files_are_scanned_in_linear_time() -> None:
    size = 256 * 1024  # the size limit of a record file
    texts = {
        "balanced brackets": "a: " + "[a] " * (size // 4),
        "quoted brackets": "a: [" + ", ".join(['"[x]"'] * (size // 7)) + "]",
        "open brackets": "a: " + "[" * size,
        "block entries": "a:\n" + "- " * (size // 2),
        "text with brackets": "a: " + "[[sic]] word " * (size // 13),
    }
    for name, text in texts.items():
        started = time.perf_counter()
        too_deep(text)
        assert time.perf_counter() - started < 1.0, name


def test_records_as_written_pass_the_cheap_bounds_without_a_scan() -> None:
    claim = (
        "id: x\nstatement: A claim [sic].\ntags: [a, b]\nvalue: {number: 1, unit: people, qualifier: exactly}\n"
        "evidence:\n  - source: s\n    quote: >-\n      A passage\n    stance: reports\n"
    )
    assert too_deep(claim) is None
    assert MAX_NESTING == 32
