"""Property tests (Hypothesis): the loader, the quote matcher and the escaping hold for inputs nobody wrote by hand.

- any bytes or YAML-ish text in a record file, and any random record, give a list of problems, never an exception;
- any passage copied from a source's text is found, and maps back to original characters that read the same;
- md_escape turns any Unicode into inert text: Python-Markdown (with the site's extensions) makes it one plain
  paragraph that reads back exactly, and a claim page built from random values has no markup from them.
"""

from __future__ import annotations

import html
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import tally
from conftest import FIXTURE_CORPUS, TODAY
from qantar.build import check, generate
from qantar.config import Settings
from qantar.problems import Problems
from qantar.quotes import find_quote, normalise, normalise_plain, quote_parts
from qantar.site.markup import md_escape

CLAIM = "claims/official-toll-12.yaml"
SOURCE = "sources/daily-river-2021.md"
EXAMPLES = 150
MARKDOWN_EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]  # as in mkdocs.yml

# derandomized: CI and every developer run the same examples; no example database is written
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@contextmanager
def fresh_corpus() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "corpus"
        shutil.copytree(FIXTURE_CORPUS, root)
        yield root


def checked(root: Path) -> Problems:
    """Run load + validate + link; any exception fails the property."""
    result = check(Settings(root=root), today=TODAY)
    assert isinstance(result.problems, Problems)
    for problem in result.problems.items:
        assert problem.line >= 1 and problem.column >= 1, problem
        assert "Traceback" not in str(problem)
    return result.problems


# ---------------------------------------------------------------------------------------------
# The loader and the validator
# ---------------------------------------------------------------------------------------------

FIELD_NAMES = [
    "id",
    "statement",
    "claimant",
    "claimed",
    "events",
    "actors",
    "question",
    "value",
    "answer",
    "tags",
    "evidence",
    "notes",
    "source",
    "quote",
    "stance",
    "language",
    "translation",
    "translated_by",
    "number",
    "unit",
    "qualifier",
    "title",
    "<<",
    "? x",
    "- a",
    "&a x",
    "*a",
    "!!python/object:os.system",
]
TRICKY = [
    "",
    " ",
    "\t",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ": ",
    "- ",
    "? ",
    "#",
    "&anchor ",
    "*anchor",
    "!!str ",
    "!!binary ",
    "!!python/name:os.system ",
    "!tag ",
    "!<tag:x> ",
    "|",
    ">",
    "|-",
    "%YAML 1.1",
    "---",
    "...",
    "~",
    "null",
    "yes",
    "no",
    "0x1F",
    "1e999",
    ".nan",
    "-.inf",
    "2021-02-30",
    "2021-03",
    "\ufeff",
    "\u202e",
    "\u2028",
    "\x85",
    "\x00",
    "\r",
    "\r\n",
    "…",
    "riverton-officials",
    "official-toll-12",
    "daily-river-2021",
    "Officials said 12 people died",
    "é",
    "Предупреждение",
    "\U0001f600",
    "\\",
    "\\x41",
]

yamlish_line = st.lists(
    st.one_of(st.sampled_from(FIELD_NAMES), st.sampled_from(TRICKY), st.text(max_size=8)), max_size=6
).map("".join)
indent = st.sampled_from(["", "", "  ", "    ", "\t", " "])
yamlish_text = st.lists(st.tuples(indent, yamlish_line).map("".join), max_size=25).map("\n".join)


@PROPERTY
@given(text=yamlish_text)
@example(text="a: &x [*x]")
@example(text="a: &a [1]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]")
@example(text="id: official-toll-12\nid: official-toll-12")
@example(text="? [a]\n: b")
@example(text="\t- x")
def test_random_yaml_text_in_a_claim_gives_problems_not_exceptions(text: str) -> None:
    with fresh_corpus() as root:
        (root / CLAIM).write_text(text, encoding="utf-8", errors="surrogatepass")
        checked(root)


@PROPERTY
@given(data=st.binary(max_size=400))
@example(data=b"\xef\xbb\xbf\xef\xbb\xbfid: x")
@example(data=b"\xff\xfe\x00\x00")
@example(data=b"id: official-toll-12\r\n\x1b[31m")
def test_random_bytes_in_a_claim_give_problems_not_exceptions(data: bytes) -> None:
    with fresh_corpus() as root:
        (root / CLAIM).write_bytes(data)
        checked(root)


@PROPERTY
@given(front=yamlish_text, body=st.text(max_size=200))
@example(front="id: daily-river-2021", body="")
@example(front="", body="---\n---")
def test_random_front_matter_in_a_source_gives_problems_not_exceptions(front: str, body: str) -> None:
    with fresh_corpus() as root:
        (root / SOURCE).write_text(f"---\n{front}\n---\n{body}", encoding="utf-8", errors="surrogatepass")
        checked(root)


scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "riverton-officials",
            "riverton-flood",
            "flood-death-toll",
            "daily-river-2021",
            "2021-03",
            "2021-02-30",
            "people",
            "exactly",
            "reports",
            "ru",
            "source",
        ]
    ),
)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES[:21]), st.text(max_size=10)), inner, max_size=5),
    ),
    max_leaves=20,
)
record = st.dictionaries(st.sampled_from(FIELD_NAMES[:21]), value, max_size=12)


@PROPERTY
@given(data=record)
def test_random_records_give_problems_not_exceptions(data: dict[str, object]) -> None:
    with fresh_corpus() as root:
        (root / CLAIM).write_text(
            yaml.safe_dump({"id": "official-toll-12", **data}, allow_unicode=True),
            encoding="utf-8",
            errors="surrogatepass",
        )
        checked(root)


# ---------------------------------------------------------------------------------------------
# The quote matcher
# ---------------------------------------------------------------------------------------------

# Plain text with what copying from the web brings: typographic quotes and dashes, odd spaces, ligatures,
# invisible characters, ellipses, combining marks, Cyrillic and compatibility forms.
SOURCE_ALPHABET = st.one_of(
    st.sampled_from(list("abc ABC 123 .,;:!?()-'\"\n")),
    st.sampled_from(list("‘’“”«»–—‐−…\u00a0\u2009\u3000\u00ad\u200b\ufeffﬁﬂ²½éеоа\u0301№™")),
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
)


@PROPERTY
@given(text=st.text(SOURCE_ALPHABET, min_size=1, max_size=120), data=st.data())
@example(text="The river rose … flooded the lower town", data=None)
@example(text="ﬁx ix", data=None)
def test_any_passage_of_a_source_is_found_and_maps_back(text: str, data: st.DataObject | None) -> None:
    if data is None:  # the explicit examples: take the last word
        start, end = text.rfind(" ") + 1, len(text)
    else:
        start = data.draw(st.integers(0, len(text) - 1), label="start")
        end = data.draw(st.integers(start + 1, len(text)), label="end")
    quote = text[start:end]
    parts = quote_parts(quote)
    assume(parts)  # a passage with no words is refused before matching ('the quote has no words')
    match = find_quote(normalise(text), quote)
    assert match is not None, (text, quote)
    assert len(match.spans) == len(parts)
    for (span_start, span_end), part in zip(match.spans, parts, strict=True):
        assert 0 <= span_start < span_end <= len(text)
        # the marked characters of the original read, once normalised, exactly as the quote's part
        assert normalise_plain(text[span_start:span_end]) == part, (text, quote, text[span_start:span_end], part)


# ---------------------------------------------------------------------------------------------
# Escaping
# ---------------------------------------------------------------------------------------------

_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\x00-\x08\x0b-\x1f\x7f]")
ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
MARKUP_TEXT = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<",
                ">",
                "[",
                "]",
                "(",
                ")",
                "{",
                "}",
                "{{",
                "}}",
                "{%",
                "%}",
                "`",
                "*",
                "_",
                "|",
                "~",
                "^",
                "\\",
                "&",
                "&amp;",
                "&#60;",
                "&lt;",
                "#",
                "1.",
                "2)",
                "- ",
                "+ ",
                "= ",
                "!!! note",
                ":",
                "javascript:",
                "<script>",
                "</p>",
                "<!--",
                "-->",
                "![x](y)",
                "[x](y)",
                "{: .c }",
                "\n",
                "\n\n",
                "    ",
                "\t",
                "---",
                "===",
                "'",
                '"',
                '<div markdown="1">',
                "*[HTML]: x",
                "[^1]",
            ]
        ),
        st.text(max_size=5),
    ),
    max_size=20,
).map("".join)


class TagCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append("!--")


def visible(text: str) -> str:
    """What md_escape promises to keep: the text, less invisible controls, with white space folded."""
    return " ".join(_INVISIBLE.sub("", text).split())


@PROPERTY
@given(text=st.one_of(ANY_TEXT, MARKUP_TEXT))
@example(text="1. x")
@example(text="# x")
@example(text="x\n===")
@example(text="<script>alert(1)</script>")
@example(text="&lt;b&gt;")
def test_md_escape_leaves_no_markup_character_and_loses_no_text(text: str) -> None:
    escaped = md_escape(text)
    for char in "<>[]{}`*_|~^\\\n\r\"'":
        assert char not in escaped, (text, escaped, char)
    assert not _INVISIBLE.search(escaped)
    # '&' only as the start of a character reference that md_escape wrote
    assert re.fullmatch(r"(?:[^&]|&(?:amp|quot|#\d+);)*", escaped), escaped
    assert html.unescape(escaped) == visible(text)


@PROPERTY
@given(text=st.one_of(ANY_TEXT, MARKUP_TEXT))
@example(text='<div markdown="1">**x**</div>')
@example(text="[x][r]\n\n[r]: javascript:alert(1)")
def test_escaped_text_becomes_one_plain_paragraph_in_markdown(text: str) -> None:
    expected = visible(text)
    assume(expected)
    page = markdown.markdown(md_escape(text), extensions=MARKDOWN_EXTENSIONS)
    counter = TagCounter()
    counter.feed(page)
    counter.close()
    assert counter.tags == ["p"], (text, page)
    assert "".join(counter.text) == expected, (text, page)


def _no_controls(text: str) -> bool:
    """Control characters (other than newline and tab) are refused by validation, tested elsewhere."""
    return (
        not _INVISIBLE.search(text)
        and not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text)
        and not set(text) & {"\u2028", "\u2029"}
    )


def _claim_pages(statement: str, name: str, notes: str) -> dict[str, str]:
    """The claim page and the claims index of the fixture corpus, with these values in it."""
    with fresh_corpus() as root:
        claim = yaml.safe_load((root / CLAIM).read_text(encoding="utf-8"))
        claim.update(statement=statement, notes=notes)
        (root / CLAIM).write_text(yaml.safe_dump(claim, allow_unicode=True), encoding="utf-8")
        actor_path = root / "claims" / "actors" / "riverton-officials.yaml"
        actor = yaml.safe_load(actor_path.read_text(encoding="utf-8"))
        actor.update(name=name)
        actor_path.write_text(yaml.safe_dump(actor, allow_unicode=True), encoding="utf-8")
        result = generate(Settings(root=root, docs=str(root / "docs")), today=TODAY, write=False)
        assert result.ok, result.problems.report()
        return {p.path: p.text for p in result.pages if p.path in ("claims/official-toll-12.md", "claims/index.md")}


def _structure(page: str) -> tuple[dict[str, object], list[str]]:
    """The page's front matter, and the elements Python-Markdown (with the site's extensions) makes of its body."""
    _empty, front, body = page.split("---\n", 2)
    tags = TagCounter()
    tags.feed(markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS))
    tags.close()
    return yaml.safe_load(front), [tag for tag in tags.tags if tag != "p"] + [f"p x {tags.tags.count('p')}"]


BASELINE = {}


@settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    statement=MARKUP_TEXT.filter(_no_controls),
    name=MARKUP_TEXT.filter(_no_controls),
    notes=MARKUP_TEXT.filter(_no_controls),
)
@example(statement="x\nsearch:\n  exclude: true", name="[x](javascript:alert(1))", notes="<script>x</script>\n\n# h")
def test_pages_built_from_random_values_have_no_markup_from_them(statement: str, name: str, notes: str) -> None:
    assume(visible(statement) and visible(name) and notes.strip())
    assume(len(visible(statement)) <= 500 and len(visible(name)) <= 200)
    if not BASELINE:
        BASELINE.update(
            {path: _structure(text) for path, text in _claim_pages("A claim.", "Officials", "A note.").items()}
        )
    paragraphs = len([part for part in re.split(r"\n\s*\n", notes.strip()) if part.strip()])
    for path, text in _claim_pages(statement, name, notes).items():
        front, elements = _structure(text)
        base_front, base_elements = BASELINE[path]
        assert sorted(front) == sorted(base_front), (path, front)  # no field smuggled into the front matter
        if path == "claims/official-toll-12.md":
            assert isinstance(front["title"], str) and visible(front["title"]), front
            extra = paragraphs - 1  # the editors' note: one paragraph per blank-line block
            count = int(base_elements[-1].split(" x ")[1]) + extra
            assert elements == base_elements[:-1] + [f"p x {count}"], (path, statement, name, notes)
        else:
            assert elements == base_elements, (path, statement, name, notes)


def test_property_counts() -> None:
    properties = [test for name, test in globals().items() if name.startswith("test_") and hasattr(test, "hypothesis")]
    assert len(properties) >= 3
    examples = {test.__name__: test._hypothesis_internal_use_settings.max_examples for test in properties}
    assert all(count >= 50 for count in examples.values()), examples
    tally.record("property tests", len(properties))
    tally.record(
        "property tests: examples per property (Hypothesis, derandomized)",
        ", ".join(f"{name} {count}" for name, count in sorted(examples.items())),
    )
