"""Quotes: prove that a quote stands in its source, and find exactly where.

Matching is done on a normalised copy of the text (Unicode NFKC, typographic quotes and dashes
made plain, runs of white space folded), with a map back to the original characters so that
the passage can be marked and anchored in the text as published. Case and words are never
normalised: a quote is verbatim or it is not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CHAR_MAP = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
}
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
ELISION = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|…|\.\.\.)\s*")


@dataclass(frozen=True)
class NormalisedText:
    """A text in matching form, and for each of its characters the index of the original one."""

    text: str
    origin: list[int]
    original_length: int


def normalise(original: str) -> NormalisedText:
    """Fold the differences that copying from a web page introduces, remembering where each char came from."""
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    for index, char in enumerate(original):
        if char in _INVISIBLE:
            continue
        folded = char if char < "\x80" else unicodedata.normalize("NFKC", char)
        for piece in folded:
            piece = _CHAR_MAP.get(piece, piece)
            if piece.isspace():
                if in_space or not out:
                    continue
                in_space = True
                piece = " "
            else:
                in_space = False
            out.append(piece)
            origin.append(index)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return NormalisedText("".join(out), origin, len(original))


def normalise_plain(text: str) -> str:
    """The normalised form only, for quotes (which need no map back)."""
    return normalise(text).text


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


def find_quote(source: NormalisedText, quote: str) -> Match | None:
    """Find every part of the quote, in order; None when any part is missing."""
    parts = quote_parts(quote)
    if not parts:
        return None
    spans: list[tuple[int, int]] = []
    cursor = 0
    for part in parts:
        found = source.text.find(part, cursor)
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
    difference = next(((tag, " ".join(words[a1:a2]), " ".join(window[b1:b2]))
                       for tag, a1, a2, b1, b2 in opcodes if tag != "equal"), None)
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
