"""The site is whole: nothing lost, no broken link.

- every valid record of the real corpus has exactly one page and exactly one page entry in the search index;
- a link checker over every built page: each internal href/src resolves to a file of the site, and each
  #fragment to an id (or <a name>) on the target page. External links are counted, never fetched.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

import tally
from qantar.build import check
from qantar.config import load_settings
from qantar.search_index import read_fragments
from sitebuild import ROOT

KINDS = (
    ("claims", "claims"),
    ("actors", "actors"),
    ("events", "events"),
    ("questions", "questions"),
    ("sources", "sources"),
)


@pytest.fixture(scope="module")
def corpus():  # noqa: ANN201 - qantar.model.Corpus
    result = check(load_settings(ROOT))
    assert result.ok, result.problems.report()
    assert result.corpus is not None
    return result.corpus


# ---------------------------------------------------------------------------------------------
# Nothing lost
# ---------------------------------------------------------------------------------------------


def test_every_record_has_exactly_one_page(built_site: Path, corpus) -> None:  # noqa: ANN001
    for folder, attribute in KINDS:
        records = getattr(corpus, attribute)
        former = {old: record.id for record in records.values() for old in record.redirect_from}
        pages = sorted(p.parent.name for p in (built_site / folder).glob("*/index.html") if p.parent.name not in former)
        assert len(pages) == len(set(pages)) == len(records), folder
        assert set(pages) == set(records), folder
        for old, successor in former.items():  # a former id's address stays, as a redirect to the record's page
            page = (built_site / folder / old / "index.html").read_text(encoding="utf-8")
            assert f'<meta http-equiv="refresh" content="0; url=../{successor}/">' in page, (folder, old)
        # and no page lies anywhere else under the folder (a record written twice, at two depths), but the list's
        # further pages (<folder>/page/2/, …)
        stray = [
            p
            for p in (built_site / folder).rglob("index.html")
            if p.parent != built_site / folder
            and p.parent.parent != built_site / folder
            and not (p.parent.parent == built_site / folder / "page" and p.parent.name.isdigit())
        ]
        assert stray == [], stray
        tally.record(f"records with exactly one page: {folder}", len(records))


def test_every_record_has_exactly_one_search_entry(built_site: Path, corpus) -> None:  # noqa: ANN001
    fragments = list(read_fragments(built_site / "pagefind"))
    page_entries = Counter(fragment["url"].lstrip("/") for fragment in fragments)
    total = 0
    for folder, attribute in KINDS:
        records = getattr(corpus, attribute)
        entries = {
            location: count
            for location, count in page_entries.items()
            if location.startswith(f"{folder}/") and location.count("/") == 2
        }
        assert entries == {f"{folder}/{record_id}/": 1 for record_id in records}, folder
        total += len(entries)
    tally.record("records with exactly one search-index page entry", total)
    tally.record("search-index entries in all (Pagefind pages)", len(fragments))


def test_every_record_has_exactly_one_row_in_each_export(built_site: Path, corpus) -> None:  # noqa: ANN001
    data = built_site / "data"
    for folder, attribute in KINDS:
        records = getattr(corpus, attribute)
        rows = json.loads((data / f"{folder}.json").read_text(encoding="utf-8"))
        ids = [row["id"] for row in rows]
        assert sorted(ids) == sorted(records) and len(ids) == len(set(ids)), f"data/{folder}.json"
    with (data / "claims.csv").open(encoding="utf-8", newline="") as handle:
        claim_rows = [row["id"] for row in csv.DictReader(handle)]
    assert sorted(claim_rows) == sorted(corpus.claims) and len(claim_rows) == len(set(claim_rows))
    with (data / "evidence.csv").open(encoding="utf-8", newline="") as handle:
        evidence_rows = Counter(row["claim_id"] for row in csv.DictReader(handle))
    assert evidence_rows == Counter({claim.id: len(claim.evidence) for claim in corpus.claims.values()})
    per_claim = sorted(p.stem for p in (built_site / "claims").glob("*.json"))
    assert per_claim == sorted(corpus.claims)
    tally.record("exports: rows in claims.csv / evidence.csv", f"{len(claim_rows)} / {sum(evidence_rows.values())}")


def test_the_search_index_points_only_at_pages_and_anchors_that_exist(built_site: Path) -> None:
    checker = LinkChecker(built_site)
    broken = [
        fragment["url"]
        for fragment in read_fragments(built_site / "pagefind")
        if checker.check_target("pagefind/index", "http://site" + fragment["url"]) is not None
    ]
    assert broken == []


# ---------------------------------------------------------------------------------------------
# No broken link
# ---------------------------------------------------------------------------------------------

LINK_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("area", "href"),
    ("img", "src"),
    ("script", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("embed", "src"),
    ("track", "src"),
    ("object", "data"),
    ("form", "action"),
    ("use", "href"),
    ("use", "xlink:href"),
    ("image", "href"),
}


class PageScan(HTMLParser):
    """The ids a page defines and the links it makes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag.attribute, address)
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES:
                self.links.append((f"{tag}.{name}", value))
            if tag == "base" and name == "href":
                self.base = value

    handle_startendtag = handle_starttag


@dataclass
class LinkChecker:
    """Resolve every internal link of a built site against its files and their ids."""

    site: Path
    scans: dict[str, PageScan] = field(default_factory=dict)
    internal: int = 0
    fragments: int = 0
    external: int = 0

    def scan(self, rel: str) -> PageScan:
        if rel not in self.scans:
            scan = PageScan()
            scan.feed((self.site / rel).read_text(encoding="utf-8"))
            scan.close()
            self.scans[rel] = scan
        return self.scans[rel]

    def target_file(self, path: str) -> str | None:
        """The site file an address path serves (as a static server would), or None."""
        rel = unquote(path).lstrip("/")
        candidate = self.site / rel
        if rel == "" or rel.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        if not candidate.resolve().is_relative_to(self.site.resolve()):
            return None
        return candidate.relative_to(self.site).as_posix() if candidate.is_file() else None

    def check_target(self, page: str, absolute: str) -> str | None:
        """None when the address resolves, or why it does not."""
        parts = urlsplit(absolute)
        target = self.target_file(parts.path)
        if target is None:
            return f"no file for {parts.path}"
        if parts.fragment and target.endswith(".html"):
            self.fragments += 1
            fragment = unquote(parts.fragment)
            if fragment not in self.scan(target).ids:
                return f"no id '{fragment}' in {target}"
        return None

    def check_page(self, rel: str) -> list[str]:
        scan = self.scan(rel)
        page_url = "http://site/" + rel
        if scan.base:
            page_url = urljoin(page_url, scan.base)
        problems = []
        for where, address in scan.links:
            address = address.strip()
            if not address or address.startswith(("mailto:", "tel:")):
                continue
            absolute = urljoin(page_url, address)
            parts = urlsplit(absolute)
            if parts.scheme in ("http", "https") and parts.netloc != "site":
                self.external += 1  # counted, not fetched
                continue
            if parts.scheme not in ("http", "https"):
                problems.append(f"{rel}: {where}={address!r}: not a web address")
                continue
            self.internal += 1
            why = self.check_target(rel, absolute)
            if why:
                problems.append(f"{rel}: {where}={address!r}: {why}")
        return problems


def check_site(site: Path) -> tuple[LinkChecker, list[str]]:
    checker = LinkChecker(site)
    problems: list[str] = []
    for page in sorted(site.rglob("*.html")):
        problems += checker.check_page(page.relative_to(site).as_posix())
    return checker, problems


def test_the_link_checker_finds_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2><a name="old"></a>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/index.html#old">ok</a><a href="#top">ok</a>'
        '<p id="top"></p><a href="https://example.org/x#y">external</a>'
        '<a href="b/">missing page</a><a href="a/#gone">missing id</a><img src="../../etc/passwd">'
        '<link href="style.css"><a href="javascript:void(0)">script</a>',
        encoding="utf-8",
    )
    checker, problems = check_site(tmp_path)
    assert problems == [
        "index.html: a.href='b/': no file for /b/",
        "index.html: a.href='a/#gone': no id 'gone' in a/index.html",
        "index.html: img.src='../../etc/passwd': no file for /etc/passwd",
        "index.html: link.href='style.css': no file for /style.css",
        "index.html: a.href='javascript:void(0)': not a web address",
    ]
    assert checker.external == 1


def test_every_internal_link_and_anchor_of_the_site_resolves(built_site: Path) -> None:
    checker, problems = check_site(built_site)
    tally.record("link check: pages", len(checker.scans))
    tally.record("link check: internal links resolved", checker.internal)
    tally.record("link check: #fragments resolved to an id", checker.fragments)
    tally.record("link check: external links (counted, not fetched)", checker.external)
    assert problems == [], "\n".join(problems[:50]) + f"\n… {len(problems)} in all"
    assert checker.internal > 1000 and checker.fragments > 100


# -- a second, independent checker: LinkChecker (https://linkchecker.github.io/linkchecker/) -------------------
# It reads the site from the file system, follows every internal link and reports each one that leads nowhere.
# It cannot check #fragments there (AnchorCheck skips directory URLs of local files; over HTTP it took more than ten
# minutes for this site), so fragments stay with the checker above.

LINKCHECKER_CONFIG = "[filtering]\ncheckextern=0\n[output]\nstatus=0\n"


def linkchecker_failures(site: Path) -> tuple[int, list[str]]:
    """(URLs checked, one line per broken link) for LinkChecker run over a copy of the site, from its home page."""
    import os
    import subprocess
    import sys
    import tempfile

    # Run as root, LinkChecker drops to the user nobody: the copy lives where anyone may read it (pytest's own
    # temporary folders are private).
    with tempfile.TemporaryDirectory(prefix="qantar-linkchecker-") as folder:
        readable = Path(folder)
        shutil.copytree(site, readable / "site")
        (readable / "linkchecker.ini").write_text(LINKCHECKER_CONFIG, encoding="utf-8")
        for path in [readable, *readable.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o444 | (0o111 if path.is_dir() else 0))
        linkchecker = Path(sys.executable).with_name("linkchecker")
        result = subprocess.run(
            [
                str(linkchecker),
                "-f",
                str(readable / "linkchecker.ini"),
                "-o",
                "csv",
                "--verbose",
                "--no-warnings",
                (readable / "site" / "index.html").as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=900,
            env=dict(os.environ, LC_ALL="C.UTF-8"),
        )
    rows = list(
        csv.DictReader((line for line in result.stdout.splitlines() if not line.startswith("#")), delimiter=";")
    )
    assert rows or result.returncode == 0, result.stdout + result.stderr
    broken = [f"{row['parentname']} -> {row['urlname']}: {row['result']}" for row in rows if row["valid"] != "True"]
    return len(rows), broken


def test_linkchecker_reports_a_link_to_a_missing_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><title>t</title><a href="a/">ok</a> <a href="missing/">broken</a>', encoding="utf-8"
    )
    (site / "a" / "index.html").write_text("<!doctype html><title>a</title>", encoding="utf-8")
    _checked, broken = linkchecker_failures(site)
    assert len(broken) == 1 and "missing/" in broken[0], broken


def test_linkchecker_finds_no_broken_link_in_the_site(built_site: Path) -> None:
    checked, broken = linkchecker_failures(built_site)
    tally.record("linkchecker: URLs checked (file://, internal)", checked)
    tally.record("linkchecker: broken", len(broken))
    assert checked > 1000
    assert broken == [], "\n".join(broken[:40])
