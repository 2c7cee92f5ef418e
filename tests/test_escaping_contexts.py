"""Escaping holds for the class, not the example: random strings from a hostile alphabet (Markdown and HTML
punctuation, quotes, slashes, `on…=`, brackets, backslashes, `|`, link syntax) go into every text field of every
record kind and into both address fields at once, and every generated page, read by Python-Markdown with the
site's extensions, has exactly the elements and attributes it has with benign values. The data files stay
well-formed and carry the values back unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_CORPUS, TODAY
from qantar.build import generate
from qantar.config import Settings

MARKDOWN_EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]  # as in mkdocs.yml
HOSTILE_PIECES = [
    "[home](autofocus/onfocus=alert(1)//)",
    "<script>",
    '" onmouseover="x',
    "' onload='x",
    "javascript:alert(1)",
    "{: onclick=x }",
    "{ .x onclick=y }",
    "|",
    "!!! danger",
    "???",
    "`code`",
    "\\",
    "*",
    "_",
    "~~",
    "^",
    "#",
    "&amp;",
    "&#60;",
    "<!--",
    "-->",
    "](",
    "![",
    "[^1]",
    "<a href=x>",
    "on",
    "=",
    "/",
    ":",
    ";",
    "%",
    "?",
    "\t",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text("ab <>&[](){}|`*_!#=:;/\\'\"", max_size=4)),
    min_size=1,
    max_size=8,
).map(" ".join)
# What an address may hold after validation (no spaces, quotes, angle brackets, backticks or backslashes).
URL_TAIL = st.lists(
    st.sampled_from(
        [
            "[home](autofocus/onfocus=alert(document.domain)//)",
            "|",
            "(",
            ")",
            "[",
            "]",
            "*",
            "_",
            "{",
            "}",
            "!",
            "^",
            "~",
            "&",
            "=",
            "on",
            "%2F",
            "#",
            ":",
            "a",
        ]
    ),
    min_size=1,
    max_size=8,
).map("".join)

# (record file, field path): every free-text field of every record kind.
TEXT_FIELDS = [
    ("sources/daily-river-2021.md", ("title",)),
    ("sources/daily-river-2021.md", ("publisher",)),
    ("sources/daily-river-2021.md", ("notes",)),
    ("sources/daily-river-2021.md", ("authors", 0)),
    ("claims/actors/riverton-officials.yaml", ("name",)),
    ("claims/actors/riverton-officials.yaml", ("description",)),
    ("claims/events/riverton-flood.yaml", ("title",)),
    ("claims/events/riverton-flood.yaml", ("place_note",)),
    ("claims/events/riverton-flood.yaml", ("summary",)),
    ("claims/questions/flood-death-toll.yaml", ("question",)),
    ("claims/questions/flood-death-toll.yaml", ("description",)),
    ("claims/official-toll-12.yaml", ("statement",)),
    ("claims/official-toll-12.yaml", ("notes",)),
    ("claims/warning-too-late.yaml", ("evidence", 0, "translation")),
    ("claims/places/riverton.yaml", ("name",)),
    ("claims/places/riverton.yaml", ("description",)),
    ("claims/places/riverton.yaml", ("coordinates_source",)),
    ("claims/places/riverton.yaml", ("aliases", 0)),
    ("claims/places/riverton-lower-town.yaml", ("name",)),
]
URL_FIELDS = [("sources/daily-river-2021.md", ("url",)), ("sources/daily-river-2021.md", ("archived_url",))]
BENIGN_TEXT = "benign value"
BENIGN_TAIL = "benign"


class Structure(HTMLParser):
    """The elements of a page, each with its attribute names (and, for links, where they point: inside or out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = sorted(name for name, _value in attrs)
        assert not any(name.startswith("on") for name in names), (tag, attrs)
        href = dict(attrs).get("href") or ""
        assert not href.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
        kind = "out" if href.startswith("http") else "in" if href else ""
        if tag == "text":  # a chart leaves out a label that does not fit beside its mark: layout, not markup
            return
        if dict(attrs).get("class") == "qc-key-always":  # that mark's key entry then shows on every screen: layout
            names.remove("class")
        self.elements.append(f"{tag}[{','.join(names)}]{kind}")


def structure(page: str) -> tuple[list[str], list[str]]:
    _empty, front, body = page.split("---\n", 2)
    parser = Structure()
    parser.feed(markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS))
    parser.close()
    return sorted(yaml.safe_load(front)), sorted(parser.elements)  # as a multiset: values may reorder rows


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _write(root: Path, rel: str, path: tuple[Any, ...], value: str) -> None:
    file = root / rel
    text = file.read_text(encoding="utf-8")
    if rel.endswith(".md"):
        _empty, front, body = text.split("---\n", 2)
        data = yaml.safe_load(front)
        _set(data, path, value)
        file.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    else:
        data = yaml.safe_load(text)
        _set(data, path, value)
        file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def build(text: str, tail: str) -> dict[str, str]:
    """Every generated file of the fixture corpus with these values in every field."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "corpus"
        shutil.copytree(FIXTURE_CORPUS, root)
        for rel, path in TEXT_FIELDS:
            _write(root, rel, path, text)
        _write(root, "claims/warning-too-late.yaml", ("evidence", 0, "translated_by"), "editors")  # ours, not found
        for rel, path in URL_FIELDS:
            _write(root, rel, path, f"https://news.example/story?ref={tail}")
        result = generate(Settings(root=root, docs=str(root / "docs")), today=TODAY, write=False)
        assert result.ok, result.problems.report()
        return {page.path: page.text for page in result.pages}


BASELINE: dict[str, Any] = {}


@settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, tail=URL_TAIL)
@example(text='!!! danger "Spoofed"', tail="[home](autofocus/onfocus=alert(document.domain)//)")
@example(text="x | y | z", tail="|a|b|")
@example(text="[x](javascript:alert(1)){: onclick=alert(2) }", tail="!%5B")
def test_hostile_values_in_every_field_and_context_leave_every_page_shaped_as_with_benign_ones(
    text: str, tail: str
) -> None:
    assume(text.strip() and " ".join(text.split()) == text)  # one line: a paragraph break changes a page's shape
    if not BASELINE:
        BASELINE.update(build(BENIGN_TEXT, BENIGN_TAIL))
    pages = build(text, tail)
    assert sorted(pages) == sorted(BASELINE)
    for path, page in pages.items():
        if path.endswith(".md"):
            assert structure(page) == structure(BASELINE[path]), (path, text, tail)
        elif path.endswith(".json"):
            json.loads(page)
        elif path.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(page)))
            assert len(rows) == len(list(csv.reader(io.StringIO(BASELINE[path])))), path
            assert all(len(row) == len(rows[0]) for row in rows), path
    claims = json.loads(pages["data/claims.json"])
    toll = next(claim for claim in claims if claim["id"] == "official-toll-12")
    assert toll["statement"] == text  # data carries the value as written, not escaped


def test_source_notes_of_several_paragraphs_stay_inside_their_box() -> None:
    notes = 'First paragraph.\n\nSecond paragraph, still a note.\n\n!!! danger "Not a real warning"'
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "corpus"
        shutil.copytree(FIXTURE_CORPUS, root)
        _write(root, "sources/daily-river-2021.md", ("notes",), notes)
        result = generate(Settings(root=root, docs=str(root / "docs")), today=TODAY, write=False)
        page = next(p.text for p in result.pages if p.path == "sources/daily-river-2021.md")
    html = markdown.markdown(page.split("---\n", 2)[2], extensions=MARKDOWN_EXTENSIONS)
    box = html[html.index('<div class="admonition note">') :]
    box = box[: box.index("</div>")]
    assert "Second paragraph, still a note." in box
    assert "Not a real warning" in box and html.count('<div class="admonition') == 1
