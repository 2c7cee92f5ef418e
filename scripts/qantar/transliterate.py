"""Fold a word to a spelling key, so that Cyrillic and Latin spellings of one name meet.

`fold("Қаңтар") == fold("Qantar") == fold("Kantar") == "kantar"`; `fold("Масимов") == fold("Massimov")`;
`fold("Жанаозен") == fold("Janaozen") == fold("Zhanaozen")`. The key is a search key, never shown: it
merges spellings on purpose (q/k, zh/j, kh/h, y/i, doubled letters), trading a little precision for recall.

The rules are data (`CYRILLIC`, `LATIN_LETTERS`, `LATIN_RULES`), written into the search bundle so that the
browser folds a query with exactly the rules the build folded the pages with (docs/assets/search.js).
Nothing here knows a name: the same table serves any corpus in Russian, Kazakh or Ukrainian Cyrillic.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Russian, Kazakh and Ukrainian Cyrillic letters, lower case, to Latin (close to the common BGN/PCGN and
# Kazakh government spellings; ң is n, as in Zhanaozen, and й is y).
CYRILLIC: dict[str, str] = {
    "а": "a",
    "ә": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "є": "ye",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "і": "i",
    "ї": "yi",
    "й": "y",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "n",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "u",
    "ү": "u",
    "ф": "f",
    "х": "kh",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}

# Latin letters whose accents carry a sound that plain Latin writes with two letters (Kazakh and Turkish
# Latin alphabets); every other accent is dropped.
LATIN_LETTERS: dict[str, str] = {"ş": "sh", "ç": "ch", "ı": "y", "ə": "a", "ğ": "g", "ñ": "n", "’": "", "'": ""}

# Applied in order to the Latin spelling: the spellings each rule merges are in its comment.
LATIN_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "sh"),  # Щ: shch / sh
    ("dzh", "j"),  # Джомарт / Jomart
    ("zh", "j"),  # Zhanaozen / Janaozen
    ("kh", "h"),  # Khabar / Habar
    ("q", "k"),  # Qantar / Kantar
    ("x", "ks"),  # Alexander / Aleksandr
    ("ye", "e"),  # Nazarbayev / Nazarbaev (е after a vowel), Yerlan / Erlan
    ("yu", "u"),  # Yuri / Uri
    ("yo", "o"),  # ё
    ("y", "i"),  # Mangystau / Mangistau, Baikonur / Baykonur
)

_WORD = re.compile(r"[^\W\d_]+")
_DOUBLED = re.compile(r"(.)\1+")


def _latin(word: str) -> str:
    lowered = "".join(LATIN_LETTERS.get(c, c) for c in word.lower())
    spelled = "".join(CYRILLIC.get(c, c) for c in lowered)
    stripped = unicodedata.normalize("NFKD", spelled)
    return "".join(c for c in stripped if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1 << 18)  # a site has far fewer distinct words than words: fold each once
def fold(word: str) -> str:
    """The spelling key of one word: lower-case Latin, variant spellings merged, doubled letters single."""
    latin = _latin(word)
    for old, new in LATIN_RULES:
        latin = latin.replace(old, new)
    return _DOUBLED.sub(r"\1", latin)


def words(text: str) -> list[str]:
    """The words of a text as search engines split them: runs of letters (hyphens and apostrophes split)."""
    return _WORD.findall(text)


def spelling_keys(text: str) -> list[str]:
    """The keys of the words of a text that a search for their own spelling would not find, sorted.

    A page is found by a folded query when each folded word is either one of the page's words (it was already
    its own key) or one of these keys.
    """
    keys = set()
    for word in words(text):
        key = fold(word)
        if key != word.lower():
            keys.add(key)
    return sorted(keys)


def folding_rules() -> dict[str, object]:
    """The rules as data, for the browser's copy of `fold` (docs/assets/search.js)."""
    return {"cyrillic": CYRILLIC, "latin_letters": LATIN_LETTERS, "latin_rules": [list(r) for r in LATIN_RULES]}
