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


def closest_passage(source: NormalisedText, quote: str, width_slack: int = 20) -> tuple[str, str]:
    """The passage of the source most like the quote, and a marker line pointing at the first difference.

    Used only to explain a failed match, so it may be slow: it looks at windows around the
    longest common run of words.
    """
    import difflib

    needle = normalise_plain(quote)
    hay = source.text
    if not needle or not hay:
        return "", ""
    words = needle.split(" ")
    best_at, best_len = -1, 0
    for size in range(min(len(words), 6), 0, -1):
        for start in range(0, len(words) - size + 1):
            probe = " ".join(words[start : start + size])
            where = hay.find(probe)
            if where >= 0:
                # walk back as many words in the source as the quote has before the matching run
                best_at = where
                for _ in range(start):
                    best_at = hay.rfind(" ", 0, max(0, best_at - 1)) + 1
                best_len = size
                break
        if best_len:
            break
    if best_at < 0:
        return "", ""
    candidate = hay[best_at : best_at + len(needle) + width_slack]
    matcher = difflib.SequenceMatcher(None, needle, candidate, autojunk=False)
    first_difference = next((a for tag, a, _a2, _b, _b2 in matcher.get_opcodes() if tag != "equal"), len(needle))
    end = min(len(candidate), len(needle) + 2)
    passage = candidate[:end].rstrip()
    return passage, " " * first_difference + "^"


def text_fragment(text: str) -> str:
    """A URL text fragment (#:~:text=start,end) that points a browser at this passage of the original page."""
    from urllib.parse import quote

    def encode(part: str) -> str:
        return quote(part, safe="").replace("-", "%2D")

    words = " ".join(text.split()).split(" ")
    if len(words) <= 8:
        return "#:~:text=" + encode(" ".join(words))
    return "#:~:text=" + encode(" ".join(words[:4])) + "," + encode(" ".join(words[-4:]))
