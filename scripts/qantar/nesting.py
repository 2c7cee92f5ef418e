"""Nesting: find how deep a YAML text nests, before any YAML library reads it.

A file of 100,000 nested '[' makes libyaml's composer recurse until the process dies (a segfault, not
an exception), and its scanner takes quadratic time on deep flow collections; 10,000 levels exhaust
Python's recursion limit. Records nest three levels deep, so the loader refuses anything deeper than
MAX_NESTING with its position, having read the text with the scan below only.

`too_deep` first bounds the depth from two counts that cost one C-level pass each: flow collections
cannot nest deeper than the number of '[' and '{' in the text, and block collections cannot nest
deeper than twice the widest run of indentation and '-', '?', ':' indicators at the start of a line
(each block level stands at least one column right of its parent). Only a text that fails those bounds
is scanned token by token, following libyaml's rules for where a token starts, so that brackets in
quoted, plain and block scalars and in comments do not count and nothing the parser will treat as
structure is skipped.
"""

from __future__ import annotations

import re

MAX_NESTING = 32

_BLOCK_PREFIX = re.compile(rf"^[ \t?:-]{{{MAX_NESTING // 2}}}", re.MULTILINE)
_BLANK = " \t\n"
_FLOW_INDICATORS = ",[]{}"
_PLAIN_STOPS_BLOCK = re.compile(r"[ \t\n:]")
_PLAIN_STOPS_FLOW = re.compile(r"[ \t\n:,\[\]{}]")
_ANCHOR = re.compile(r"[0-9A-Za-z_-]*")
_TAG = re.compile(r"[^ \t\n,\[\]{}]*")
_VERBATIM_TAG = re.compile(r"!<[^ \t\n>]*>?")
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]*(?:#[^\n]*)?(?=\n|$)")


def too_deep(text: str, limit: int = MAX_NESTING) -> tuple[int, int] | None:
    """The line and column (1-based) where the text first nests deeper than `limit`, or None."""
    if text.count("[") + text.count("{") <= limit and (limit < MAX_NESTING or not _BLOCK_PREFIX.search(text)):
        return None
    return _Scanner(text, limit).run()


class _Scanner:
    """A token-start scanner after libyaml's: it tracks flow depth and the stack of block indentation columns."""

    def __init__(self, text: str, limit: int) -> None:
        self.text = text
        self.limit = limit
        self.flow = 0
        self.indents: list[int] = []  # columns of the open block collections, innermost last
        self.line_start = 0  # offset of the current line's first character

    def where(self, offset: int) -> tuple[int, int]:
        return self.text.count("\n", 0, offset) + 1, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def deeper(self, column: int) -> bool:
        """Open a block collection at this column if it stands right of the innermost one; True when too deep."""
        if not self.indents or column > self.indents[-1]:
            self.indents.append(column)
            return self.flow + len(self.indents) > self.limit
        return False

    def run(self) -> tuple[int, int] | None:
        text, size = self.text, len(self.text)
        i = 0
        key: int | None = None  # where this line's first node starts: a block mapping opens there at its ':'
        while i < size:
            char = text[i]
            if char in " \t":
                i += 1
                continue
            if char == "\n":
                i += 1
                self.line_start = i
                key = None
                continue
            if char == "#":  # at a token start, '#' always opens a comment
                end = text.find("\n", i)
                i = size if end < 0 else end
                continue
            column = i - self.line_start
            following = text[i + 1] if i + 1 < size else "\n"
            if column == 0 and text.startswith(("---", "..."), i) and (i + 3 >= size or text[i + 3] in _BLANK):
                self.indents.clear()  # a document marker closes every block collection
                i += 3
                continue
            if column == 0 and char == "%":  # a directive fills its line
                end = text.find("\n", i)
                i = size if end < 0 else end
                continue
            if not self.flow:
                while self.indents and self.indents[-1] > column:
                    self.indents.pop()
            if char in "]}":
                self.flow = max(0, self.flow - 1)
                i += 1
                continue
            if self.flow and char in ",?:":  # in a flow collection, these are always indicators
                i += 1
                continue
            if char == "-" and following in _BLANK and self.flow:  # libyaml refuses it and stops
                i += 1
                continue
            if char in "-?" and following in _BLANK:  # a block sequence entry, or a complex key
                if self.deeper(column):
                    return self.where(i)
                key = None
                i += 1
                continue
            if char == ":" and following in _BLANK:  # a value: its mapping opens at the key, or here
                at = i if key is None else key
                if self.deeper(at - self.line_start if at >= self.line_start else column):
                    return self.where(at)
                key = None
                i += 1
                continue
            if char in "|>" and not self.flow:
                i = self.block_scalar(i)
                continue
            if key is None and not self.flow:
                key = i
            if char in "[{":
                self.flow += 1
                if self.flow + len(self.indents) > self.limit:
                    return self.where(i)
                i += 1
            elif char == "'":
                i = self.single_quoted(i + 1)
            elif char == '"':
                i = self.double_quoted(i + 1)
            elif char in "&*":
                i = _ANCHOR.match(text, i + 1).end()  # type: ignore[union-attr]
            elif char == "!" and following == "<":  # a verbatim tag runs to its '>' (flow indicators included)
                i = _VERBATIM_TAG.match(text, i).end()  # type: ignore[union-attr]
            elif char == "!":
                i = _TAG.match(text, i).end()  # type: ignore[union-attr]
            else:
                i = self.plain(i)
        return None

    def single_quoted(self, i: int) -> int:
        """Skip a single-quoted scalar ('' is an escaped quote); it may span lines."""
        text, start = self.text, i
        while True:
            end = text.find("'", i)
            if end < 0:
                return len(text)
            if text.startswith("''", end):
                i = end + 2
                continue
            return self.closed_at(start, end)

    def closed_at(self, start: int, end: int) -> int:
        """After a quoted scalar that opened at `start` and closes at `end`: keep the line count right."""
        newline = self.text.rfind("\n", start, end)
        if newline >= 0:
            self.line_start = newline + 1
        return end + 1

    def double_quoted(self, i: int) -> int:
        """Skip a double-quoted scalar (a backslash escapes the next character); it may span lines."""
        text, start = self.text, i
        while True:
            end = text.find('"', i)
            if end < 0:
                return len(text)
            slashes = 0
            while end - 1 - slashes >= start and text[end - 1 - slashes] == "\\":
                slashes += 1
            if slashes % 2:
                i = end + 1
                continue
            return self.closed_at(start, end)

    def block_scalar(self, i: int) -> int:
        """Skip a literal or folded scalar: its header line, then every line indented at least its indentation."""
        text = self.text
        header = _BLOCK_HEADER.match(text, i)
        if header is None:
            return i + 1  # not a valid header: libyaml stops here; scanning on only counts more
        digits = [c for c in header.group() if c.isdigit()]
        parent = self.indents[-1] if self.indents else -1
        position = header.end()
        if position >= len(text):
            return position
        position += 1  # the header's line break
        if digits:
            indent = max(parent, 0) + int(digits[0]) if parent >= 0 else int(digits[0])
        else:
            indent = 0
            scan = position
            while scan < len(text):  # leading empty lines, then the first line with text, set the indentation
                line_end = text.find("\n", scan)
                line_end = len(text) if line_end < 0 else line_end
                line = text[scan:line_end]
                spaces = len(line) - len(line.lstrip(" "))
                indent = max(indent, spaces)
                if line.strip(" "):
                    break
                scan = line_end + 1
            indent = max(indent, parent + 1, 1)
        while position < len(text):
            line_end = text.find("\n", position)
            line_end = len(text) if line_end < 0 else line_end
            line = text[position:line_end]
            spaces = len(line) - len(line.lstrip(" "))
            if spaces < indent and line.strip(" "):
                break  # the first line indented less ends the scalar; it is scanned as tokens
            position = line_end + 1
        self.line_start = min(position, len(text))
        return min(position, len(text))

    def plain(self, i: int) -> int:
        """Skip a plain scalar: runs of characters, through spaces and line breaks, until an indicator ends it."""
        text, size = self.text, len(self.text)
        indent = (self.indents[-1] if self.indents else -1) + 1
        stops = _PLAIN_STOPS_FLOW if self.flow else _PLAIN_STOPS_BLOCK
        while True:
            found = stops.search(text, i)
            i = found.start() if found else size
            if i >= size:
                return size
            char = text[i]
            if char == ":":
                following = text[i + 1] if i + 1 < size else "\n"
                if following in _BLANK or (self.flow and following in _FLOW_INDICATORS):
                    return i
                i += 1
                continue
            if char in _FLOW_INDICATORS:
                return i
            # spaces and line breaks: the scalar goes on if the next run is not a comment, a document marker
            # or (in block context) indented less than the collection it belongs to; otherwise the main loop
            # goes on from the end of this run
            scan, line_start = i, self.line_start
            while scan < size and text[scan] in " \t\n":
                if text[scan] == "\n":
                    line_start = scan + 1
                scan += 1
            if scan >= size or text[scan] == "#":
                return i
            if line_start != self.line_start:
                column = scan - line_start
                if column == 0 and text.startswith(("---", "..."), scan):
                    return i
                if not self.flow and column < indent:
                    return i
                self.line_start = line_start
            i = scan
