"""No word from our workshop reaches a reader: the built site's visible text (and its tooltips) is searched for the
words of the engine room: file formats, tools, build words, editors' bookkeeping, raw markup.

Left out of the search: what sources say in their own words (quotes and stored texts are the publishers' text), and
the editors' guides (guide/), which are written for editors and must name their files and commands.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import tally

# Words a reader should never meet, each with why it is ours and not theirs.
WORKSHOP_WORDS = re.compile(
    "|".join(
        (
            r"seed metadata",
            r"page furniture",  # editors' notes on how a text was captured
            r"\bYAML\b",
            r"\bschemas?\b(?!\.org)",
            r"front matter",
            r"\.yaml\b",
            r"\bJSON Schema",  # the records' files
            r"\bengine\b",
            r"\bgolden\b",
            r"\btemplates?\b",
            r"\bJinja\b",
            r"\bMkDocs\b",
            r"\bpytest\b",  # the build
            r"\bcommits?\b",
            r"\bgit\b",  # history as the repository keeps it, not as the record changed
            r"(?-i:\bqantar (?:check|build|new|generate|serve|quote|schemas)\b)",  # the editors' commands
            r"\bDetail\s+Value\b",  # a fact box headed like a spreadsheet
            r"`",  # Markdown's code marks, shown raw
        )
    ),
    re.IGNORECASE,
)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_NOT_TEXT = {"script", "style", "svg", "noscript", "template"}


class VisibleText(HTMLParser):
    """The text of a page as a reader meets it, with its tooltips, outside the sources' own words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[bool] = []  # for each open element: whether its text is left out
        self.left_out = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        out = tag in _NOT_TEXT or tag == "blockquote" or "qc-source-text" in classes or "hidden" in values
        if not out and not self.left_out and values.get("title"):
            self.parts.append(values["title"] or "")
        self.open.append(out)
        self.left_out += out

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self.open:
            self.left_out -= self.open.pop()

    def handle_data(self, data: str) -> None:
        if not self.left_out:
            self.parts.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def workshop_words(html: str) -> list[str]:
    reader = VisibleText()
    reader.feed(html)
    text = reader.text()
    return [text[max(0, m.start() - 50) : m.end() + 30] for m in WORKSHOP_WORDS.finditer(text)]


def reader_pages(site: Path) -> list[Path]:
    return [
        page
        for page in sorted(site.rglob("*.html"))
        if not page.relative_to(site).as_posix().startswith(("guide/", "download/"))
    ]


def test_no_workshop_word_reaches_a_reader(built_site: Path) -> None:
    pages = reader_pages(built_site)
    found = {
        page.relative_to(built_site).as_posix(): hits
        for page in pages
        if (hits := workshop_words(page.read_text(encoding="utf-8")))
    }
    tally.record("reader pages searched for workshop words", len(pages))
    assert found == {}


def test_the_search_finds_what_it_should() -> None:
    """The search itself: it sees titles and text, and leaves quotes and hidden parts alone."""
    assert workshop_words("<p>Edit the <code>claims/x.yaml</code> file</p>") == ["Edit the claims/x.yaml file"]
    assert workshop_words('<p title="YAML inside">fine</p>')
    assert workshop_words("<table><tr><th>Detail</th><th>Value</th></tr></table>")
    assert workshop_words("<p>hence `disputes`</p>")
    assert workshop_words("<p>Qantar Claims: what the engine room says</p>")
    assert not workshop_words("<p>Qantar Claims, schema.org Claim</p>")
    assert not workshop_words("<blockquote><p>the search engine</p></blockquote>")
    assert not workshop_words('<p class="qc-source-text">a template of power</p><p hidden>git</p><br><p>ok</p>')


def test_every_source_page_says_what_its_outlet_is() -> None:
    """A reader meeting a source learns what the outlet is: each source of the corpus names its outlet's own actor
    record (a media outlet, whose description the source page shows beside the publisher's name)."""
    from conftest import ROOT, run_check

    corpus = run_check(ROOT).corpus
    assert corpus is not None and corpus.sources
    without = sorted(
        source.id for source in corpus.sources.values() if corpus.actors.get(source.publisher_actor) is None
    )
    assert without == []


def test_the_readme_states_the_corpus_as_check_counts_it() -> None:
    """README's corpus line is what `qantar check` prints for the bundled corpus (it goes stale with every record)."""
    import re as regex

    from conftest import ROOT, run_check
    from qantar.build import summary

    stated = regex.search(r"The corpus today[^*]*\*\*([^*]+)\*\*", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert stated, "README says what the corpus holds today"
    assert " ".join(stated.group(1).split()) == summary(run_check(ROOT))
