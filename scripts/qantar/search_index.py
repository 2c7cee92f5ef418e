"""The site's search index: Pagefind's chunked index, built from the finished pages after MkDocs.

Three steps, each a plain function (scripts/mkdocs_hook.py calls them; nothing here imports MkDocs):

1. `annotate_page` marks what Pagefind indexes on one built page: the article (`data-pagefind-body`), and,
   hidden, what a result shows beside the title (a claim's claimant, sources and status), the names the
   claim is by and about with their aliases, and the spelling keys of every indexed word and of every
   actor's names the page mentions (transliterate.py, `NameMatcher`), so that Qantar, Kantar and Қаңтар
   find the same claims. Lists, tables and citations marked `data-search-exclude` stay out of the index,
   as they stayed out of Material's.
2. `build_bundle` runs Pagefind over the built site, writing site/pagefind/, and writes beside it the
   folding rules the browser applies to a query (docs/assets/search.js).
3. `inline_bundle` (the offline copy only) copies every bundle file into a script, because a page opened
   from file:// may load scripts but may not fetch files.

The query side lives in docs/assets/search.js; `query_keys` is its Python twin, for tests.
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .transliterate import fold, folding_rules, spelling_keys, words

BUNDLE = "pagefind"
RULES_FILE = "qantar-folding.json"
INLINE_FOLDER = "inline"  # inside the bundle: one script per bundle file, for file://
EXCLUDED = ("[data-search-exclude]", ".headerlink", "[data-pagefind-ignore]")
_SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before each file's content, inside its gzip
_ARTICLE = '<article class="md-content__inner md-typeset">'

# Russian inflectional endings a query word loses before it is matched as a prefix (search.js): "пытками"
# and "пытки" both become "пытк", which finds both. Longest first; the stem keeps at least MIN_STEM
# letters, or SURNAME_STEM before -ов/-ев, which also end surnames (Токаев must not become "ток").
RUSSIAN_ENDINGS: tuple[str, ...] = (
    "иями",
    "ями",
    "ами",
    "ого",
    "его",
    "ому",
    "ему",
    "ыми",
    "ими",
    "ых",
    "их",
    "ей",
    "ой",
    "ий",
    "ый",
    "ая",
    "яя",
    "ое",
    "ее",
    "ие",
    "ые",
    "ую",
    "юю",
    "ам",
    "ям",
    "ом",
    "ем",
    "ым",
    "им",
    "ах",
    "ях",
    "ов",
    "ев",
    "а",
    "я",
    "о",
    "е",
    "и",
    "ы",
    "у",
    "ю",
    "ь",
)
MIN_STEM = 4
SURNAME_STEM = 6
KAZAKH_LETTERS = "әғқңөұүһі"  # a word with one of these is Kazakh: its endings are not Russian ones


def strip_russian_ending(word: str) -> str:
    """A Cyrillic word without its inflectional ending (the browser does the same to each query word)."""
    lowered = word.lower()
    if any(letter in KAZAKH_LETTERS for letter in lowered):
        return lowered
    for ending in RUSSIAN_ENDINGS:
        if lowered.endswith(ending):
            stem = lowered[: -len(ending)]
            if len(stem) >= (SURNAME_STEM if ending in ("ов", "ев") else MIN_STEM):
                return stem
    return lowered


def query_keys(query: str) -> list[str]:
    """The words search.js asks Pagefind for, for a query typed in the box: each folded after losing its Russian
    ending; numbers as typed. (The browser's copy is in docs/assets/search.js; a browser test compares them.)"""
    return [fold(strip_russian_ending(word)) if _LETTER.search(word) else word for word in _QUERY_WORD.findall(query)]


class _IndexedText(HTMLParser):
    """The text Pagefind indexes on a page: the article, less every excluded element and script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[bool] = []  # per open element: does it (or an ancestor) exclude its text?
        self._inside = False

    _VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._inside = True
        if tag in self._VOID:
            return
        names = {name for name, _ in attrs}
        classes = (dict(attrs).get("class") or "").split()
        excluded = (
            "data-search-exclude" in names
            or "data-pagefind-ignore" in names
            or "headerlink" in classes
            or tag in ("script", "style")
        )
        self._stack.append(excluded or bool(self._stack and self._stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._VOID:
            return
        if self._stack:
            self._stack.pop()
        if tag == "article":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside and not (self._stack and self._stack[-1]):
            self.parts.append(data)


_QUERY_WORD = re.compile(r"[^\W_]+")
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_EXCLUDE_ATTRIBUTE = re.compile(r'data-search-exclude(="[^"]*")?')


def keep_exclusions(content_html: str) -> str:
    """Mark for Pagefind what is marked for Material's search: Material's search plugin deletes most
    `data-search-exclude` attributes from the page before it is written."""
    return _EXCLUDE_ATTRIBUTE.sub(lambda m: m.group(0) + " data-pagefind-ignore", content_html)


def indexed_text(page_html: str) -> str:
    """The article's text as the index sees it (for the spelling keys)."""
    start = page_html.find("<article")
    end = page_html.rfind("</article>")
    parser = _IndexedText()
    parser.feed(page_html[start : end + len("</article>")] if 0 <= start < end else page_html)
    parser.close()
    return " ".join(parser.parts)


def _names(actor: Mapping[str, Any] | None) -> list[str]:
    if not actor:
        return []
    return [str(actor.get("name") or "")] + [str(alias) for alias in actor.get("aliases") or ()]


def record_fields(data: Mapping[str, Any], actors: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """What a search result shows beside a record's title, and the names it is found by, from its open data.

    A claim (claims/<id>.json) gives its claimant, the publishers of its sources, its status, and the names
    and aliases of its claimant and of the actors it is about. Other records give nothing.
    """
    if "claimant" not in data or "evidence" not in data:
        return {}
    claimant = data.get("claimant") or {}
    publishers = list(dict.fromkeys(str(item.get("publisher") or "") for item in data.get("evidence") or ()))
    people = [claimant.get("id")] + [actor.get("id") for actor in data.get("actors") or ()]
    names = list(dict.fromkeys(name for person in people for name in _names(actors.get(str(person))) if name))
    return {
        "claimant": str(claimant.get("name") or ""),
        "sources": "; ".join(p for p in publishers if p),
        "status": str(data.get("status_label") or ""),
        "names": "; ".join(names),
    }


class NameMatcher:
    """Finds the actors a text mentions by one of their names or aliases, in any spelling (folded words).

    Only names that look like names are looked for: one with a capital letter, or in Cyrillic ("the
    authorities" is an alias, but not a name to find in running text)."""

    LONGEST = 6  # words in the longest name looked for

    def __init__(self, actors: Mapping[str, Mapping[str, Any]]) -> None:
        self.names: dict[tuple[str, ...], str] = {}
        self.longest: dict[str, int] = {}  # by first word: the most words of a name starting with it
        self.spellings: dict[str, list[str]] = {}
        for actor_id, actor in actors.items():
            names = _names(actor)
            self.spellings[actor_id] = names
            for name in names:
                parts = tuple(fold(word) for word in words(name))
                if parts and len(parts) <= self.LONGEST and (name != name.lower() or _CYRILLIC.search(name)):
                    self.names.setdefault(parts, actor_id)
                    self.longest[parts[0]] = max(self.longest.get(parts[0], 0), len(parts))

    def mentioned(self, text: str) -> list[str]:
        """Every name and alias of each actor the text mentions, in the order first mentioned."""
        folded = [fold(word) for word in words(text)]
        found: dict[str, None] = {}
        for start, word in enumerate(folded):
            for length in range(1, min(self.longest.get(word, 0), len(folded) - start) + 1):
                actor = self.names.get(tuple(folded[start : start + length]))
                if actor:
                    found.setdefault(actor)
        return [name for actor in found for name in self.spellings[actor]]


def annotate_page(page_html: str, fields: Mapping[str, str], names: NameMatcher | None = None) -> str:
    """Mark a built page for Pagefind: its article is indexed, with the given fields and its spelling keys.

    The fields go in a hidden element that Pagefind reads as metadata (searched, and returned with each result)
    and that readers never see. With `names`, the keys also hold every spelling of each actor the page
    mentions (their words that look like names), so that an alias (ОДКБ) finds a page that only names the actor
    otherwise (CSTO). A page without
    the article element is returned unchanged.
    """
    if _ARTICLE not in page_html:
        return page_html
    text = " ".join([indexed_text(page_html), *fields.values()])
    mentioned = names.mentioned(text) if names else []
    keys = sorted(
        set(spelling_keys(text))
        | {
            fold(word)
            for name in mentioned
            for word in words(name)
            if len(word) > 2 and (word[0].isupper() or _CYRILLIC.match(word))
        }
    )
    meta = {**{k: v for k, v in fields.items() if v}, "keys": " ".join(keys)}
    hidden = "".join(
        f'<span data-pagefind-meta="{key}">{html.escape(value, quote=False)}</span>'
        for key, value in meta.items()
        if value
    )
    marked = _ARTICLE.replace("<article ", "<article data-pagefind-body ", 1)
    return page_html.replace(_ARTICLE, f"{marked}<div hidden data-pagefind-ignore>{hidden}</div>", 1)


def actors_by_id(actors_json: Path) -> dict[str, dict[str, Any]]:
    """The published actors (data/actors.json), by id; empty when the file is missing."""
    try:
        records = json.loads(actors_json.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(record.get("id")): record for record in records if isinstance(record, dict)}


class SearchBuildError(RuntimeError):
    """Pagefind failed; the message holds its output."""


def build_bundle(site_dir: Path, directory_urls: bool = True) -> Path:
    """Index the built site with Pagefind into site_dir/pagefind/, with the query folding rules beside it.

    Without directory URLs (the offline copy), results point at the .html files themselves."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--silent"]
    if not directory_urls:
        command.append("--keep-index-url")
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        raise SearchBuildError(completed.stdout + completed.stderr)
    bundle = site_dir / BUNDLE
    for unused in (
        "pagefind-ui.js",
        "pagefind-ui.css",
        "pagefind-modular-ui.js",
        "pagefind-modular-ui.css",
        "pagefind-component-ui.js",
        "pagefind-component-ui.css",
        "pagefind-highlight.js",
    ):
        (bundle / unused).unlink(missing_ok=True)  # Pagefind's own interfaces: ours is Material's search box
    rules = {
        **folding_rules(),
        "russian_endings": list(RUSSIAN_ENDINGS),
        "min_stem": MIN_STEM,
        "surname_stem": SURNAME_STEM,
        "kazakh_letters": KAZAKH_LETTERS,
    }
    (bundle / RULES_FILE).write_text(json.dumps(rules, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return bundle


def read_fragments(bundle: Path) -> Iterator[dict[str, Any]]:
    """Every page record in a Pagefind bundle (its address, text and metadata), for tests and the benchmark."""
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        yield json.loads(data[len(_SIGNATURE) :] if data.startswith(_SIGNATURE) else data)


def _bundle_files(bundle: Path) -> Iterable[Path]:
    return sorted(p for p in bundle.rglob("*") if p.is_file() and INLINE_FOLDER not in p.relative_to(bundle).parts)


def inline_name(relative: str) -> str:
    """Where the script holding a bundle file goes, inside the bundle (the browser computes the same name)."""
    return f"{INLINE_FOLDER}/{relative.replace('/', '__')}.js"


def inline_bundle(bundle: Path) -> int:
    """Turn each bundle file into a script that hands its bytes (base64) to the page: file:// allows scripts,
    not fetches. The files themselves go (nothing could read them there).

    Returns the number of files inlined. search.js loads them one by one, as Pagefind asks for each file.
    """
    count = 0
    for path in _bundle_files(bundle):
        relative = path.relative_to(bundle).as_posix()
        encoded = base64.b64encode(path.read_bytes()).decode("ascii")
        target = bundle / inline_name(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f"window.__qantarSearchFiles=window.__qantarSearchFiles||{{}};"
            f"window.__qantarSearchFiles[{json.dumps(relative)}]={json.dumps(encoded)};\n",
            encoding="ascii",
        )
        path.unlink()
        count += 1
    for folder in sorted((p for p in bundle.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return count
