"""The numbers the tests measure (cases, payloads, pages, requests, build hashes), printed at the end of the run.

A test calls `tally.record("what", value)`; conftest's `pytest_terminal_summary` prints every value under
"Qantar numbers", with or without -s, so that CI's log quotes them.
"""

from __future__ import annotations

NUMBERS: dict[str, str] = {}


def record(what: str, value: object) -> None:
    NUMBERS[what] = str(value)
    print(f"[numbers] {what}: {value}")
