"""Look-alike letters: a word that mixes scripts (a Cyrillic а in a Latin name) or hides an invisible character
reads the same to an editor but not to search and matching, so it is reported where it stands."""

from __future__ import annotations

import re
import unicodedata

from .dates import describe
from .load import dotted
from .model import Corpus
from .problems import Problems

# Characters that show as nothing inside a word: a name with one no longer matches the same name typed plainly
_ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
# The fields readers search and editors compare by eye: names and statements
LOOK_ALIKE_FIELDS = {
    "claim": ("statement",),
    "actor": ("name", "aliases"),
    "event": ("title",),
    "question": ("question",),
    "source": ("title", "publisher", "authors"),
}


# Letters of each script, as ranges: a text with letters of one script only (most are) is not looked at further
_SCRIPT_LETTERS = {
    "LATIN": re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]"),
    "CYRILLIC": re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]"),
    "GREEK": re.compile("[\u0370-\u03ff\u1f00-\u1fff]"),
}


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return next((script for script in _SCRIPTS if name.startswith(script)), "")


def look_alike_problem(text: str) -> tuple[int, str] | None:
    """The position of an invisible character inside the text, or of a letter from another script inside a word
    (a Cyrillic 'а' in a Latin name), and what it is; None when the text has neither."""
    invisible = _ZERO_WIDTH.search(text)
    if invisible:
        return invisible.start(), f"contains the invisible character {describe(invisible.group())}"
    if text.isascii() or sum(1 for letters in _SCRIPT_LETTERS.values() if letters.search(text)) < 2:
        return None
    for word in _WORD.finditer(text):
        scripts = [_script(char) for char in word.group()]
        present = [script for script in _SCRIPTS if script in scripts]
        if len(present) < 2:
            continue
        main = max(present, key=scripts.count)
        offset = next(i for i, script in enumerate(scripts) if script and script != main)
        odd = word.group()[offset]
        return word.start() + offset, (
            f"the word '{word.group()}' mixes {main.capitalize()} and "
            f"{_script(odd).capitalize()} letters: {describe(odd)}"
        )
    return None


def check_look_alikes(corpus: Corpus, problems: Problems) -> None:
    """Warn about names and statements with an invisible character or a look-alike letter from another script."""
    for kind, names in LOOK_ALIKE_FIELDS.items():
        for record in corpus.of_kind(kind).values():
            for name in names:
                value = getattr(record, name, None)
                values = (
                    [(value, (name,))]
                    if isinstance(value, str)
                    else [(item, (name, index)) for index, item in enumerate(value or [])]
                )
                for text, path in values:
                    found = look_alike_problem(text)
                    if found is None:
                        continue
                    line, column = record.at(*path)
                    hint = (
                        "delete it: it does not show, but searches and matching treat the word as another one"
                        if found[1].startswith("contains")
                        else "retype the word in one script: it looks the same, "
                        "but searches and matching treat it as another word"
                    )
                    problems.warning(
                        record.path, line, column, dotted(path), f"{found[1]} at position {found[0] + 1}", hint
                    )
