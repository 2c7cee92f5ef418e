"""Problems found in the corpus: collected, never raised, printed all at once."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"

# What must never reach a terminal raw from a record: C0 and C1 controls (ESC starts terminal escape sequences, CR
# and LF fake new problem lines), DEL, the bidi controls and marks (they reorder what follows on screen), Unicode line
# separators, and lone surrogates (a file name that is not UTF-8; printing one would raise).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED_ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str) -> str:
    """The text with every control character written as an escape (ESC as \\x1b, a line feed as \\n), so that a
    message shows what a record holds and can neither drive the terminal nor fake another problem line."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def _annotation_property(text: str) -> str:
    """A value inside '::error file=…,line=…::' (GitHub's escaping for properties)."""
    return visible(text).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        label = "warning: " if self.severity == WARNING else ""
        what = f"{self.field}: {self.message}" if self.field else self.message
        hint = f"; {self.hint}" if self.hint else ""
        return visible(f"{self.path}:{self.line}:{self.column}: {label}{what}{hint}")

    def github_annotation(self) -> str:
        """Format as a GitHub Actions workflow command, so the problem shows on the offending line."""
        level = "error" if self.severity == ERROR else "warning"
        body = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            body += f"; {self.hint}"
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={_annotation_property(self.path)},line={self.line},col={self.column}::{visible(body)}"


@dataclass
class Problems:
    """A collector that every stage appends to."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, column: int, field: str, message: str, hint: str = "") -> None:
        self.items.append(Problem(path, line, column, field, message, hint, ERROR))

    def warning(self, path: str, line: int, column: int, field: str, message: str, hint: str = "") -> None:
        self.items.append(Problem(path, line, column, field, message, hint, WARNING))

    def extend(self, other: Iterable[Problem]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == WARNING)

    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.items)

    def report(self) -> str:
        """Every problem on its own line, sorted by file and line, then a count."""
        lines = [str(p) for p in sorted(self.items, key=lambda p: (p.path, p.line, p.column, p.field))]
        errors, warnings = len(self.errors), len(self.warnings)
        if errors or warnings:
            lines.append(f"{errors} error(s), {warnings} warning(s)")
        return "\n".join(lines)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Suggest the nearest choice, as a hint fragment, or an empty string."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
