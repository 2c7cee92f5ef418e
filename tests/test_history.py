"""Record history in a reader's words: what changed IN THE RECORD, read from git (one log, one batch of contents).

Each test of the real thing makes a throwaway git repository holding the fixture corpus, then commits as editors do:
a reworded statement, an added quote, a mechanical commit that adds a field to every claim, a reformatting.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_CORPUS, TODAY, run_check
from fixture_history import fixture_history, fixture_log
from qantar.build import generate
from qantar.changes import MECHANICAL_MIN, describe_history, kind_of_path
from qantar.config import Settings
from qantar.history import parse_batch, parse_log, read_history
from qantar.model import record_folders
from test_renames import git

CLAIM = "claims/warning-too-late.yaml"
EXTRA = MECHANICAL_MIN + 2  # claims added so that one commit can touch most of them alike


def changes_of(root: Path, path: str) -> list[tuple[str, ...]]:
    corpus = run_check(root).corpus
    assert corpus is not None
    described = describe_history(
        read_history(root, ("sources", "claims")), corpus, "sources", "claims", record_folders()
    )
    return [change.what for change in described.of(path)]


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", message)


def without_attribution(text: str) -> str:
    return re.sub(r"\n    attribution: [a-z-]+", "", text)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """The fixture corpus and a dozen more claims, first committed without the `attribution` field."""
    root = tmp_path / "repository"
    shutil.copytree(FIXTURE_CORPUS, root)
    template = (root / "claims" / "official-toll-12.yaml").read_text(encoding="utf-8")
    for number in range(EXTRA):
        (root / "claims" / f"copy-{number}.yaml").write_text(
            template.replace("id: official-toll-12", f"id: copy-{number}"), encoding="utf-8"
        )
    originals = {path: path.read_text(encoding="utf-8") for path in (root / "claims").glob("*.yaml")}
    for path, text in originals.items():
        path.write_text(without_attribution(text), encoding="utf-8")
    git(root, "init", "--quiet", "--initial-branch=main")
    commit(root, "Add the corpus")
    for path, text in originals.items():  # a mechanical commit: the new field, filled in on every claim
        path.write_text(text, encoding="utf-8")
    commit(root, "Editors: attribution on every evidence entry")
    return root


def test_a_reworded_statement_is_said_so_with_its_former_words(repository: Path) -> None:
    path = repository / CLAIM
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "A survivor says the flood warning came too late.", "The flood warning came too late."
        ),
        encoding="utf-8",
    )
    commit(repository, "Claims to the statement convention; engine refactoring")
    assert changes_of(repository, CLAIM) == [
        ("statement reworded (before: “A survivor says the flood warning came too late.”)",),
        ("added",),
    ]


def test_an_added_quote_names_its_publisher_and_the_new_status(repository: Path) -> None:
    path = repository / "claims" / "survivor-toll-15.yaml"
    entry = (
        "  - source: daily-river-2021\n    quote: Residents told us the warning came … “far too late”.\n"
        "    stance: disputes\n    attribution: none\n"
    )
    text = path.read_text(encoding="utf-8")
    head, places = text.split("places:", 1) if "\nplaces:" in text else (text, None)
    path.write_text(head + entry + (f"places:{places}" if places is not None else ""), encoding="utf-8")
    commit(repository, "Second source")
    assert changes_of(repository, "claims/survivor-toll-15.yaml") == [
        ("quote added from The Daily River", "status changed: now disputed by 1 source"),
        ("added",),
    ]


def test_a_mechanical_commit_is_no_change_of_any_record_but_what_else_it_did_is(repository: Path) -> None:
    # the fixture's commit added `attribution` to 15 claims of 15: no claim's history mentions it
    for number in range(EXTRA):
        assert changes_of(repository, f"claims/copy-{number}.yaml") == [("added",)]
    # a second mechanical change (a tag on every claim) in a commit that also corrects one figure
    for path in sorted((repository / "claims").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "\ntags: [" in text:
            text = text.replace("\ntags: [", "\ntags: [reviewed, ", 1)
        if path.name == "copy-0.yaml":
            text = text.replace("number: 12", "number: 13")
        path.write_text(text, encoding="utf-8")
    commit(repository, "Tag every claim reviewed; one figure corrected")
    assert changes_of(repository, "claims/copy-0.yaml") == [("figure: 12 people → 13 people",), ("added",)]
    assert changes_of(repository, "claims/copy-1.yaml") == [("added",)]


def test_a_change_of_formatting_only_is_no_change(repository: Path) -> None:
    for path in sorted(repository.rglob("*.yaml")):
        if ".git" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        path.write_text(
            "# yaml-language-server: $schema=x.json\n" + text.replace("statement: ", "statement:   "), encoding="utf-8"
        )
    commit(repository, "A schema line in every record")
    assert changes_of(repository, CLAIM) == [("added",)]
    assert changes_of(repository, "claims/actors/flood-survivor.yaml") == [("added",)]


def test_a_small_commit_to_a_few_records_is_never_mechanical(repository: Path) -> None:
    for name in ("copy-1.yaml", "copy-2.yaml", "copy-3.yaml"):
        path = repository / "claims" / name
        path.write_text(
            path.read_text(encoding="utf-8").replace('claimed: "2021-03"', 'claimed: "2021-03-04"'), encoding="utf-8"
        )
    commit(repository, "Dates from the article")
    assert changes_of(repository, "claims/copy-2.yaml") == [("date claimed: March 2021 → 4 March 2021",), ("added",)]


def test_a_renamed_record_keeps_its_past_and_says_it_moved(repository: Path) -> None:
    old, new = repository / "claims" / "copy-5.yaml", repository / "claims" / "copy-five.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("id: copy-5", "id: copy-five"), encoding="utf-8")
    old.unlink()
    commit(repository, "Rename")
    assert changes_of(repository, "claims/copy-five.yaml") == [("moved to a new address",), ("added",)]


def put_a_new_survivor_in_place_of_the_old(repository: Path, description: str) -> None:
    """The actor flood-survivor's file becomes riverton-survivor's, rewritten, and the claims follow."""
    actors = repository / "claims" / "actors"
    (actors / "flood-survivor.yaml").unlink(missing_ok=True)
    (actors / "riverton-survivor.yaml").write_text(
        "id: riverton-survivor\n"
        "name: A survivor of the Riverton flood (Open Wire's witness)\n"
        "kind: anonymous\n"
        f"description: {description}\n"
        "redirect_from: [flood-survivor]\n",
        encoding="utf-8",
    )
    for claim in (repository / "claims").glob("*.yaml"):
        claim.write_text(claim.read_text(encoding="utf-8").replace("flood-survivor", "riverton-survivor"), "utf-8")


def test_a_record_renamed_and_rewritten_at_once_keeps_its_past_through_its_redirect(repository: Path) -> None:
    """Git sees no rename when the file changes too much as it moves; the record's redirect_from joins the two."""
    put_a_new_survivor_in_place_of_the_old(
        repository, "Lived through the flood in Riverton and spoke to Open Wire, which gives no name or street."
    )
    commit(repository, "Rename and rewrite")
    assert not re.search(r"^R", git(repository, "log", "-1", "-M", "--format=", "--name-status"), re.MULTILINE)
    assert changes_of(repository, "claims/actors/riverton-survivor.yaml") == [
        (
            "moved to a new address",
            "name: A flood survivor → A survivor of the Riverton flood (Open Wire's witness)",
            "spelling “Выживший” removed",
            "description revised",
        ),
        ("added",),
    ]


def test_a_record_that_merely_names_an_older_one_in_redirect_from_does_not_take_its_past(repository: Path) -> None:
    (repository / "claims" / "actors" / "flood-survivor.yaml").unlink()
    commit(repository, "Remove the survivor")
    put_a_new_survivor_in_place_of_the_old(repository, "A survivor.")
    commit(repository, "A new record in its place")
    assert changes_of(repository, "claims/actors/riverton-survivor.yaml") == [("added",)]


def test_sources_actors_events_and_questions_have_their_own_words(repository: Path) -> None:
    source = repository / "sources" / "daily-river-2021.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace(
            "publisher: The Daily River",
            "publisher: The Daily River\narchived_url: https://web.archive.org/web/2021/https://example.org/",
        ),
        encoding="utf-8",
    )
    event = repository / "claims" / "events" / "riverton-flood.yaml"
    event.write_text(
        re.sub(r"place: .*", "place: Riverton and Lowtown", event.read_text(encoding="utf-8")), encoding="utf-8"
    )
    commit(repository, "Archive, place")
    assert changes_of(repository, "sources/daily-river-2021.md") == [("archived copy added",), ("added",)]
    (place,), _added = changes_of(repository, "claims/events/riverton-flood.yaml")
    assert place.startswith("place: ") and place.endswith(" → Riverton and Lowtown")


# -- reading git's output ---------------------------------------------------------------------------


def test_the_log_gives_each_file_its_versions_newest_first_with_content_ids() -> None:
    history = parse_log(fixture_log())
    survivor = history.of("claims/survivor-toll-15.yaml")
    assert [(v.day, v.action) for v in survivor] == [("2026-11-20", "changed"), ("2026-11-01", "added")]
    assert all(len(v.blob) == 40 for v in survivor)
    renamed = history.of("claims/official-toll-12.yaml")
    assert [(v.action, v.renamed_from) for v in renamed] == [("renamed", "claims/toll-12.yaml"), ("added", "")]
    assert history.of("claims/toll-12.yaml") == []


def test_a_batch_of_contents_is_read_by_size_whatever_the_bytes() -> None:
    output = b"a" * 40 + b" blob 7\nline\n\xc3\xa9\n" + b"b" * 40 + b" missing\n" + b"c" * 40 + b" blob 0\n\n"
    assert parse_batch(output) == {"a" * 40: "line\né", "c" * 40: ""}


def test_the_fixture_history_reads_as_the_golden_pages_show_it() -> None:
    corpus = run_check(FIXTURE_CORPUS).corpus
    assert corpus is not None
    described = describe_history(fixture_history(), corpus, "sources", "claims", record_folders())
    assert [c.what for c in described.of("claims/survivor-toll-15.yaml")] == [
        ("figure: about 14 people → at least 15 people",),
        ("added",),
    ]
    assert described.of("claims/official-toll-12.yaml")[0].what == (
        "moved to a new address",
        "statement reworded (before: “Officials said twelve people died.”)",
        "quote added from Open Wire",
        "status changed: now corroborated by 2 independent publishers",
    )


def test_a_file_outside_the_record_folders_is_not_a_record() -> None:
    folders = record_folders()
    assert kind_of_path("claims/x.yaml", "sources", "claims", folders) == "claim"
    assert kind_of_path("claims/actors/x.yaml", "sources", "claims", folders) == "actor"
    assert kind_of_path("sources/x.md", "sources", "claims", folders) == "source"
    assert kind_of_path("claims/README.md", "sources", "claims", folders) == ""
    assert kind_of_path("claims/other/x.yaml", "sources", "claims", folders) == ""


def test_no_page_shows_a_commit_message_or_hash(tmp_path: Path) -> None:
    result = generate(
        Settings(root=FIXTURE_CORPUS, docs=str(tmp_path / "docs")), today=TODAY, history=fixture_history()
    )
    assert result.ok
    for page in result.pages:
        assert "Correct the survivor" not in page.text and "3333333" not in page.text, page.path
