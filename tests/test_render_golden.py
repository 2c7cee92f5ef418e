"""Golden tests: the fixture corpus renders to exactly the Markdown (and data files) in tests/golden/.

The records' history is given (a fixed `git log`), so the golden pages do not change with each commit.

After an intended change to a template, rewrite the expected pages with:
    .venv/bin/python -m pytest tests/test_render_golden.py --update-golden
and review the diff in git before committing it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURE_CORPUS, TODAY
from fixture_history import fixture_history
from qantar.build import generate
from qantar.config import Settings
from qantar.history import History

GOLDEN = Path(__file__).parent / "golden"


def render_fixture(docs: Path, history: History | None = None) -> dict[str, str]:
    result = generate(
        Settings(
            root=FIXTURE_CORPUS, docs=str(docs), site_name="Test Claims", edit_url="https://example.org/edit/main/"
        ),
        today=TODAY,
        history=history if history is not None else fixture_history(),
    )
    assert result.ok, result.problems.report()
    return {page.path: page.text for page in result.pages}


def test_every_page_kind_matches_its_golden_file(tmp_path: Path, update_golden: bool) -> None:
    pages = render_fixture(tmp_path / "docs")
    if update_golden:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(text.encode("utf-8"))  # bytes: CSV keeps its CRLF line ends
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8") for p in GOLDEN.rglob("*") if p.is_file()
    }
    assert sorted(pages) == sorted(expected), "pages added or missing: run with --update-golden and review"
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from tests/golden/{path}"


def test_golden_set_covers_every_page_kind() -> None:
    kinds = {Path(p).parts[0] for p in (q.relative_to(GOLDEN).as_posix() for q in GOLDEN.rglob("*.md"))}
    assert {
        "claims",
        "actors",
        "events",
        "questions",
        "sources",
        "index.md",
        "statuses.md",
        "timeline.md",
        "figures.md",
        "tags",
        "data",
        "places",
        "map",
    } <= kinds
    data = {q.relative_to(GOLDEN).as_posix() for q in GOLDEN.rglob("*") if q.suffix in {".json", ".csv"}}
    assert {
        "data/claims.json",
        "data/actors.json",
        "data/events.json",
        "data/questions.json",
        "data/sources.json",
        "data/claims.csv",
        "data/evidence.csv",
        "data/datapackage.json",
        "claims/official-toll-12.json",
        "data/places.json",
        "data/places.csv",
    } <= data
    assert (GOLDEN / "data" / "places.geojson").is_file()


def test_rendering_twice_gives_identical_pages(tmp_path: Path) -> None:
    assert render_fixture(tmp_path / "a") == render_fixture(tmp_path / "b")


def test_generation_rewrites_only_changed_files_and_removes_stale_ones(corpus_dir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    settings = Settings(root=corpus_dir, docs=str(docs))
    extra = corpus_dir / "claims" / "removed-claim.yaml"
    extra.write_text(
        (corpus_dir / "claims" / "official-toll-12.yaml")
        .read_text(encoding="utf-8")
        .replace("id: official-toll-12", "id: removed-claim"),
        encoding="utf-8",
    )
    first = generate(settings, today=TODAY)
    assert first.written and first.written.unchanged == 0
    stale = docs / "claims" / "removed-claim.md"
    assert stale.exists()
    extra.unlink()  # the record is removed: its page, written by the engine, goes
    second = generate(settings, today=TODAY)
    assert second.written is not None
    assert second.written.deleted == ["claims/removed-claim.json", "claims/removed-claim.md"]
    assert not stale.exists()
    third = generate(settings, today=TODAY)
    assert third.written is not None
    assert (third.written.written, third.written.deleted) == ([], [])
    assert third.written.unchanged == len(third.pages)


def test_answers_with_the_same_label_sort_whether_dated_or_not(corpus_dir: Path, tmp_path: Path) -> None:
    # regression: two equal answers, one dated and one not, used to crash the question page's sort
    claim = corpus_dir / "claims" / "official-toll-12-restated.yaml"
    claim.write_text(
        (corpus_dir / "claims" / "official-toll-12.yaml")
        .read_text(encoding="utf-8")
        .replace("id: official-toll-12", "id: official-toll-12-restated")
        .replace('claimed: "2021-03"\n', ""),
        encoding="utf-8",
    )
    result = generate(Settings(root=corpus_dir, docs=str(tmp_path / "docs")), today=TODAY)
    assert result.ok, result.problems.report()
    page = next(p for p in result.pages if p.path == "questions/flood-death-toll.md").text
    assert page.index("official-toll-12.md") < page.index("official-toll-12-restated.md")
