"""The quote helper: `qantar quote SOURCE "a few words"` prints the stored sentences that hold those words.

Editors copy quotes from here rather than from the web page, so that what they paste is what
the build will find. The words may cross a line break and use plain or typographic quotes.
"""

from __future__ import annotations

import re

from .quotes import normalise

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s)|\n\s*\n")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) of the original text to whole sentences (or paragraphs)."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    right = len(text)
    for match in _SENTENCE_END.finditer(text, start):
        if match.end() >= end:
            right = match.end() if match.group(0).strip() else match.start()
            break
    return left, right


_PAIRS = {"“": "”", "«": "»", "„": "“"}


def _balanced(sentence: str) -> str:
    """Drop an opening quotation mark whose speech goes on past the sentence (and a closing one whose speech began
    before it), so that the quote an editor pastes does not show an unmatched mark on the claim page."""
    if sentence[:1] in _PAIRS and _PAIRS[sentence[0]] not in sentence[1:]:
        sentence = sentence[1:].lstrip()
    if sentence[-1:] in {"”", "»"} and not any(
        opening in sentence[:-1] for opening, closing in _PAIRS.items() if closing == sentence[-1]
    ):
        sentence = sentence[:-1].rstrip()
    return sentence


def matching_sentences(source_text: str, words: str) -> list[str]:
    """Every sentence of the source holding `words` (case-insensitive), as one line each, in order."""
    folded = normalise(source_text)
    needle = normalise(words).text.casefold()
    if not needle:
        return []
    haystack = folded.text.casefold()
    if len(haystack) != len(folded.text):  # a rare case-fold that changes length: fall back to exact case
        haystack, needle = folded.text, normalise(words).text
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    position = haystack.find(needle)
    while position >= 0:
        start = folded.origin[position]
        end = folded.origin[position + len(needle) - 1] + 1
        bounds = _sentence_bounds(source_text, start, end)
        if bounds not in seen:
            seen.add(bounds)
            found.append(_balanced(" ".join(source_text[bounds[0] : bounds[1]].split())))
        position = haystack.find(needle, position + 1)
    return found
