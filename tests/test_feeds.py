"""Atom feeds of the records' changes: the whole site's and one per question, valid Atom (RFC 4287), in a reader's
words, with absolute links once the site's address is known."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURE_CORPUS, TODAY
from fixture_history import fixture_history
from qantar.build import generate
from qantar.config import Settings

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


def feeds(tmp_path: Path, site_url: str = "") -> dict[str, ET.Element]:
    result = generate(
        Settings(root=FIXTURE_CORPUS, docs=str(tmp_path / "docs"), site_name="Test Claims", site_url=site_url),
        today=TODAY,
        history=fixture_history(),
    )
    assert result.ok, result.problems.report()
    return {page.path: ET.fromstring(page.text.encode("utf-8")) for page in result.pages if page.path.endswith(".xml")}


def assert_valid_atom(feed: ET.Element) -> None:
    """What RFC 4287 requires of a feed and of each entry (4.1.1, 4.1.2), and what it asks of their values."""
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert RFC3339.match(feed.findtext(f"{ATOM}updated") or "")
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None  # no entry has its own author: the feed's is required
    assert [link.get("rel") for link in feed.findall(f"{ATOM}link")] == ["self", "alternate"]
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "summary"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert RFC3339.match(entry.findtext(f"{ATOM}updated") or "")
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        ids.append(entry.findtext(f"{ATOM}id"))
        assert re.match(r"^(urn:uuid:[0-9a-f-]{36}|https?://)", ids[-1] or "")
    assert len(set(ids)) == len(ids)
    updated = [entry.findtext(f"{ATOM}updated") for entry in feed.findall(f"{ATOM}entry")]
    assert updated == sorted(updated, reverse=True)
    if updated:
        assert feed.findtext(f"{ATOM}updated") == updated[0]


def test_the_site_and_each_question_have_a_valid_feed_of_record_changes(tmp_path: Path) -> None:
    found = feeds(tmp_path)
    assert sorted(found) == ["feed.xml", "questions/flood-death-toll.xml"]
    for feed in found.values():
        assert_valid_atom(feed)
    question = found["questions/flood-death-toll.xml"]
    entries = question.findall(f"{ATOM}entry")
    assert entries[0].findtext(f"{ATOM}title") == (
        "A flood survivor: A survivor says at least 15 people died, more than the official figure."
    )
    assert entries[0].findtext(f"{ATOM}summary") == "Figure: about 14 people → at least 15 people."
    assert entries[0].findtext(f"{ATOM}updated") == "2026-11-20T08:30:00Z"
    assert entries[0].find(f"{ATOM}link").get("href") == "../claims/survivor-toll-15/"  # type: ignore[union-attr]
    # the question's feed holds the question and its answers only: no other claim, no actor
    titles = [entry.findtext(f"{ATOM}title") or "" for entry in entries]
    assert not any("warning" in title for title in titles)


def test_with_the_site_address_every_link_and_the_feed_id_are_absolute(tmp_path: Path) -> None:
    found = feeds(tmp_path, "https://claims.example.org/qantar/")
    for path, feed in found.items():
        assert_valid_atom(feed)
        assert feed.findtext(f"{ATOM}id") == f"https://claims.example.org/qantar/{path}"
        for link in feed.iter(f"{ATOM}link"):
            assert (link.get("href") or "").startswith("https://claims.example.org/qantar/"), (path, link.attrib)


def test_the_feeds_hold_no_commit_message(tmp_path: Path) -> None:
    for feed in feeds(tmp_path).values():
        text = ET.tostring(feed, encoding="unicode")
        assert "Correct the survivor" not in text and "Rename the official" not in text


def test_the_deploy_gives_the_site_address_through_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qantar.config import SITE_URL_VARIABLE, load_settings

    (tmp_path / "pyproject.toml").write_text('[tool.qantar]\nsite_url = "https://old.example.org/"\n', encoding="utf-8")
    assert load_settings(tmp_path).site_url == "https://old.example.org/"
    monkeypatch.setenv(SITE_URL_VARIABLE, "https://qantar-claims.github.io/qantar-claims")  # configure-pages' base_url
    assert load_settings(tmp_path).site_url == "https://qantar-claims.github.io/qantar-claims/"


def test_a_renamed_questions_feed_stays_at_its_former_address_for_its_subscribers(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_CORPUS, root)
    question = root / "claims" / "questions" / "flood-death-toll.yaml"
    question.write_text(question.read_text(encoding="utf-8") + "redirect_from: [riverton-toll]\n", encoding="utf-8")
    result = generate(Settings(root=root, docs=str(tmp_path / "docs"), site_name="Test Claims"), today=TODAY)
    assert result.ok, result.problems.report()
    feeds_written = {page.path: page.text for page in result.pages if page.path.endswith(".xml")}
    assert feeds_written["questions/riverton-toll.xml"] == feeds_written["questions/flood-death-toll.xml"]
    assert_valid_atom(ET.fromstring(feeds_written["questions/riverton-toll.xml"].encode("utf-8")))
