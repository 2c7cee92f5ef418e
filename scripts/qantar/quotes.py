"""Quotes: prove that a quote stands in its source, and find exactly where.

Matching is done on a normalised copy of the text (Unicode NFKC, typographic quotes and dashes
made plain, runs of white space folded), with a map back to the original characters so that
the passage can be marked and anchored in the text as published. Case and words are never
normalised: a quote is verbatim or it is not.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import overload

_CHAR_MAP = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
}
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
ELISION = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|…|\.\.\.)\s*")


class OriginMap(Sequence[int]):
    """For each character of a normalised text, the index of the original character it came from.

    Stored as runs (normalised start, offset to the original) rather than one int per character:
    a 20 KB article needs a few hundred runs instead of 20,000 int objects.
    """

    __slots__ = ("_starts", "_offsets", "_length")

    def __init__(self, starts: list[int], offsets: list[int], length: int) -> None:
        self._starts, self._offsets, self._length = starts, offsets, length

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("origin index out of range")
        return index + self._offsets[bisect_right(self._starts, index) - 1]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"OriginMap({list(self)!r})"


@dataclass(frozen=True)
class NormalisedText:
    """A text in matching form, and for each of its characters the index of the original one."""

    text: str
    origin: Sequence[int]
    original_length: int


@cache
def _runs() -> re.Pattern[str]:
    """A pattern that splits text into runs copied as they are, runs of white space, and single special characters.

    Special: what the character map or the invisible set names, and every character that NFKC would change
    (computed once over the Basic Multilingual Plane; characters beyond it are all treated as special).
    """
    special = set(_CHAR_MAP) | _INVISIBLE
    special.update(
        chr(code)
        for code in range(0x80, 0x10000)
        if not 0xD800 <= code < 0xE000 and unicodedata.normalize("NFKC", chr(code)) != chr(code)
    )
    codes = sorted(ord(char) for char in special)
    ranges: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code == previous + 1:
            previous = code
            continue
        first, last = re.escape(chr(start)), re.escape(chr(previous))
        ranges.append(first if start == previous else f"{first}-{last}")
        start = previous = code
    plain = "[^" + "".join(ranges) + "\\s\U00010000-\U0010ffff]+"
    # single spaces between plain characters stay as they are, so they belong to the run
    return re.compile(f"({plain}(?: {plain})*)|(\\s+)|(.)", re.DOTALL)


def _normalise(original: str, with_origin: bool) -> tuple[str, OriginMap | None]:
    out: list[str] = []
    starts: list[int] = []  # runs of the origin map: where each starts in the normalised text ...
    offsets: list[int] = []  # ... and how far the original is from it
    length = 0  # characters written so far
    in_space = False

    def emit(piece: str, at: int) -> None:
        nonlocal length
        out.append(piece)
        if with_origin and (not offsets or offsets[-1] != at - length):
            starts.append(length)
            offsets.append(at - length)
        length += len(piece)

    for match in _runs().finditer(original):
        plain, space, special = match.groups()
        if plain is not None:
            emit(plain, match.start())
            in_space = False
        elif space is not None:
            if not in_space and length:
                emit(" ", match.start())
                in_space = True
        else:
            if special in _INVISIBLE:
                continue
            index = match.start()
            for piece in unicodedata.normalize("NFKC", special) if special >= "\x80" else special:
                piece = _CHAR_MAP.get(piece, piece)
                if piece.isspace():
                    if in_space or not length:
                        continue
                    in_space = True
                    piece = " "
                else:
                    in_space = False
                out.append(piece)
                if with_origin:
                    starts.append(length)
                    offsets.append(index - length)
                length += 1
    text = "".join(out)
    if text.endswith(" "):
        text, length = text[:-1], length - 1
    return text, (OriginMap(starts, offsets, length) if with_origin else None)


def normalise(original: str) -> NormalisedText:
    """Fold the differences that copying from a web page introduces, remembering where each char came from."""
    text, origin = _normalise(original, with_origin=True)
    assert origin is not None
    return NormalisedText(text, origin, len(original))


def normalise_plain(text: str) -> str:
    """The normalised form only, for quotes (which need no map back)."""
    return _normalise(text, with_origin=False)[0]


def quote_parts(quote: str) -> list[str]:
    """Split a quote at its elisions ('…', '...', '[...]'); each part must appear, in order."""
    return [part for part in (p.strip() for p in ELISION.split(normalise_plain(quote))) if part]


@dataclass(frozen=True)
class Match:
    """Where a quote stands in the original text: one (start, end) span per part."""

    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def _whole_characters(source: NormalisedText, start: int, end: int) -> bool:
    """Whether text[start:end] begins and ends with whole original characters.

    Folding can turn one character into several (ﬁ → fi, ¸ → space + cedilla): a match may not begin or end
    inside such a character, except where the rest of it is a space (which a quote's own edges drop too).
    """
    text, origin = source.text, source.origin
    before = start - 1
    while before >= 0 and origin[before] == origin[start]:
        if text[before] != " ":
            return False
        before -= 1
    after = end
    while after < len(text) and origin[after] == origin[end - 1]:
        if text[after] != " ":
            return False
        after += 1
    return True


def find_quote(source: NormalisedText, quote: str) -> Match | None:
    """Find every part of the quote, in order; None when any part is missing."""
    parts = quote_parts(quote)
    if not parts:
        return None
    spans: list[tuple[int, int]] = []
    cursor = 0
    for part in parts:
        found = source.text.find(part, cursor)
        while found >= 0 and not _whole_characters(source, found, found + len(part)):
            found = source.text.find(part, found + 1)
        if found < 0:
            return None
        end = found + len(part)
        spans.append((source.origin[found], source.origin[end - 1] + 1))
        cursor = end
    return Match(tuple(spans))


def closest_passage(source: NormalisedText, quote: str) -> tuple[str, str]:
    """The passage of the source most like the quote, and what differs, word by word.

    Used only to explain a failed match, so it may be slow: it anchors on the longest run of
    the quote's words found in the source, then aligns the words around it.
    """
    import difflib

    needle = normalise_plain(quote)
    hay = source.text
    if not needle or not hay:
        return "", ""
    words = needle.split(" ")
    best_at = -1
    for size in range(min(len(words), 6), 0, -1):
        for start in range(0, len(words) - size + 1):
            where = hay.find(" ".join(words[start : start + size]))
            if where >= 0 and (size > 1 or len(words[start]) > 3 or len(words) == 1):
                best_at = where  # then walk back as many words as the quote has before the run
                for _ in range(start):
                    best_at = hay.rfind(" ", 0, max(0, best_at - 1)) + 1
                break
        if best_at >= 0:
            break
    if best_at < 0:
        return "", ""
    window = hay[best_at:].split(" ")[: len(words) + 4]
    opcodes = difflib.SequenceMatcher(None, words, window, autojunk=False).get_opcodes()
    while opcodes and opcodes[-1][0] == "insert":  # source words after the end of the quote
        opcodes.pop()
    if opcodes and opcodes[-1][0] == "replace":  # a difference at the end: compare as many words as the quote has
        tag, a1, a2, b1, b2 = opcodes[-1]
        opcodes[-1] = (tag, a1, a2, b1, min(b2, b1 + a2 - a1))
    passage = " ".join(window[: opcodes[-1][4]]) if opcodes else ""
    difference = next(
        ((tag, " ".join(words[a1:a2]), " ".join(window[b1:b2])) for tag, a1, a2, b1, b2 in opcodes if tag != "equal"),
        None,
    )
    if difference is None:
        return passage, ""
    tag, ours, theirs = difference
    if tag == "replace":
        return passage, f'where the quote has "{ours}", the source has "{theirs}"'
    if tag == "delete":
        return passage, f'the quote has "{ours}", which the source does not'
    return passage, f'the source has "{theirs}" there, which the quote leaves out'


def text_fragment(text: str) -> str:
    """A URL text fragment (#:~:text=start,end) that points a browser at this passage of the original page."""
    from urllib.parse import quote

    def encode(part: str) -> str:
        return quote(part, safe="").replace("-", "%2D")

    words = " ".join(text.split()).split(" ")
    if len(words) <= 8:
        return "#:~:text=" + encode(" ".join(words))
    return "#:~:text=" + encode(" ".join(words[:4])) + "," + encode(" ".join(words[-4:]))
