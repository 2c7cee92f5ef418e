"""A claim page stays the same size however many answers its question collects (issue 7: pages stay light).

The question page lists every answer; a claim page lists at most twenty other answers, one row per distinct answer,
and says how many there are in all.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import TODAY
from qantar.build import generate
from qantar.config import Settings
from qantar.derive import RIVALS_SHOWN
from qantar.history import History
from qantar.site.charts import LEDGER_MARKS
from qantar.site.list_pages import FIGURE_ROWS, LEDGERS_PAGE, RECORDS_PAGE, TAG_PAGE, TIMELINE_ROWS
from qantar.site.routes import list_page, relative
from qantar.site.views import EXPLORER_PAGE, FACET_CHOICES

OTHER_ANSWERS = 30  # distinct figures, beside the fixture's 12 and 15
SAME_ANSWER = 3  # claims that all give the fixture's official figure, 12


def add_answer(corpus: Path, claim_id: str, number: int) -> None:
    (corpus / "claims" / f"{claim_id}.yaml").write_text(
        f"id: {claim_id}\n"
        f"statement: Someone said {number} people died in the flood.\n"
        "claimant: riverton-residents\n"
        "question: flood-death-toll\n"
        f"value:\n  number: {number}\n  unit: people\n  qualifier: exactly\n"
        "evidence:\n  - source: daily-river-2021\n    quote: Officials said 12 people died\n    stance: reports\n"
        "    attribution: paraphrase\n",
        encoding="utf-8",
    )


def generated_pages(corpus: Path, docs: Path) -> dict[str, str]:
    result = generate(Settings(root=corpus, docs=str(docs)), today=TODAY, history=History())
    assert result.ok, result.problems.report()
    return {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8") for path in docs.rglob("*.md")}


def rival_rows(page: str) -> list[str]:
    """The rows of the rival answers' table, each as its cells' Markdown joined by ' | '."""
    section = page.split("## Rival answers", 1)[1].split("\n## ", 1)[0]
    rows = section.split("<tbody", 1)[1].split('<tr markdown="1">')[1:]
    return [" | ".join(re.findall(r'<td data-label="[^"]*"[^>]*>(.*?)</td>', row)) for row in rows]


def test_a_claim_page_lists_at_most_twenty_rival_answers_and_says_how_many_there_are(
    corpus_dir: Path, tmp_path: Path
) -> None:
    for n in range(OTHER_ANSWERS):
        add_answer(corpus_dir, f"toll-{100 + n}", 100 + n)
    pages = generated_pages(corpus_dir, tmp_path / "docs")
    survivor = pages["claims/survivor-toll-15.md"]
    assert len(rival_rows(survivor)) == RIVALS_SHOWN == 20
    assert f"the first 20 of {OTHER_ANSWERS + 1}; the question page lists them all" in survivor
    question = pages["questions/flood-death-toll.md"]
    for n in range(OTHER_ANSWERS):
        assert f"../claims/toll-{100 + n}.md" in question


def test_claims_giving_the_same_answer_share_one_row(corpus_dir: Path, tmp_path: Path) -> None:
    for n in range(SAME_ANSWER):
        add_answer(corpus_dir, f"also-12-{n}", 12)
    pages = generated_pages(corpus_dir, tmp_path / "docs")
    rows = rival_rows(pages["claims/survivor-toll-15.md"])
    assert len(rows) == 1, rows
    assert rows[0].startswith("[12 people](")
    assert f"(and {SAME_ANSWER} more giving this answer)" in rows[0]
    assert "the first" not in pages["claims/survivor-toll-15.md"]


def test_a_claim_page_does_not_grow_with_its_question(corpus_dir: Path, tmp_path: Path) -> None:
    for n in range(OTHER_ANSWERS):
        add_answer(corpus_dir, f"toll-{100 + n}", 100 + n)
    small = len(generated_pages(corpus_dir, tmp_path / "small")["claims/survivor-toll-15.md"])
    for n in range(OTHER_ANSWERS, 10 * OTHER_ANSWERS):
        add_answer(corpus_dir, f"toll-{100 + n}", 100 + n)
    large = len(generated_pages(corpus_dir, tmp_path / "large")["claims/survivor-toll-15.md"])
    assert large <= small + 10, (small, large)  # only the count in "the first 20 of N" grows


EXTRA_SOURCES = 14  # beside the fixture's two: more than a stance matrix shows


def add_source(corpus: Path, number: int) -> str:
    source_id = f"wire-{number:02d}"
    text = (corpus / "sources" / "daily-river-2021.md").read_text(encoding="utf-8")
    text = text.replace("id: daily-river-2021", f"id: {source_id}").replace("The Daily River", f"Wire {number:02d}")
    (corpus / "sources" / f"{source_id}.md").write_text(text, encoding="utf-8")
    return source_id


def test_a_stance_matrix_shows_the_sources_that_carry_the_most_claims_and_says_what_it_leaves_out(
    corpus_dir: Path, tmp_path: Path
) -> None:
    sources = [add_source(corpus_dir, n) for n in range(EXTRA_SOURCES)]
    for n in range(len(sources)):  # wire-00 carries one claim, wire-13 fourteen
        evidence = "".join(
            f"  - source: {s}\n    quote: Officials said 12 people died\n    stance: reports\n"
            "    attribution: paraphrase\n"
            for s in sources[n:]
        )
        (corpus_dir / "claims" / f"flood-claim-{n}.yaml").write_text(
            f"id: flood-claim-{n}\nstatement: Claim number {n} about the flood.\nclaimant: riverton-residents\n"
            f"events: [riverton-flood]\nevidence:\n{evidence}",
            encoding="utf-8",
        )
    page = generated_pages(corpus_dir, tmp_path / "docs")["events/riverton-flood.md"]
    matrix = page.split('<details class="qc-matrix"', 1)[1].split("</details>", 1)[0]
    header = matrix.split("<thead", 1)[1].split("</thead>", 1)[0]
    shown = {s for s in sources + ["daily-river-2021", "open-wire-2021"] if f"../sources/{s}.md" in header}
    assert len(shown) == 12
    assert {f"wire-{n:02d}" for n in range(2, EXTRA_SOURCES)} <= shown  # the twelve busiest
    assert "× the 12 of 16 sources that carry the most of them" in matrix
    assert "The claims explorer lists every claim with every source that carries it." in page


# -- listing pages: the first page of every list stays the same size however large the corpus -----------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, str]]:
    """The pages of the benchmark's synthetic corpus at 800 and at 2,400 claims."""
    folder = tmp_path_factory.mktemp("synthetic")
    return {claims: synthetic_pages(folder, claims) for claims in (800, 2400)}


def synthetic_pages(folder: Path, claims: int) -> dict[str, str]:
    """The pages the engine makes of the benchmark's synthetic corpus of this many claims."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts" / "benchmark"))
    from generate_corpus import generate as generate_corpus

    root = folder / str(claims)
    root.mkdir()
    generate_corpus(root, claims, seed=3)
    result = generate(Settings(root=root, docs=str(root / "docs")), today=TODAY, write=False, history=History())
    assert result.ok, result.problems.report()
    return {page.path: page.text for page in result.pages}


def items(page: str) -> int:
    """The entries a list page lists: table rows with a link, rows of a table of cards, list items, timeline rows."""
    return len(re.findall(r"^\| .*\]\(|^- |<li id=|^<tr markdown=\"1\">\n<td", page, re.M))


def test_the_first_page_of_every_list_does_not_grow_with_the_corpus(synthetic: dict[int, dict[str, str]]) -> None:
    small, large = synthetic[800], synthetic[2400]
    tag = max(
        (path for path in large if path.startswith("tags/") and path.count("/") == 1 and path != "tags/index.md"),
        key=lambda path: len(large[path]),
    )
    caps = {
        "claims/index.md": EXPLORER_PAGE,
        "timeline.md": TIMELINE_ROWS,
        tag: TAG_PAGE,
        **{f"{kind}/index.md": RECORDS_PAGE for kind in ("actors", "events", "sources", "questions")},
    }
    for path, cap in caps.items():
        assert 0 < items(large[path]) <= cap, (path, items(large[path]))
        per_item = {scale: len(pages[path]) / items(pages[path]) for scale, pages in ((800, small), (2400, large))}
        assert per_item[2400] <= 1.3 * per_item[800], (path, per_item)
    # the explorer's filters list at most 100 choices each, whatever the corpus
    for menu in re.findall(r"<select name=\"(\w+)\">(.*?)</select>", large["claims/index.md"]):
        assert menu[1].count('<option value="') <= FACET_CHOICES + 2, menu[0]  # and "any", "… and N more"
    assert len(large["claims/index.md"]) <= 1.3 * len(small["claims/index.md"])

    # three times the claims: three times the further pages, each no larger than a first page
    def further(pages: dict[str, str], first: str) -> list[str]:
        folder = first.removesuffix("index.md").rstrip("/") if first.endswith("index.md") else first[:-3]
        return [path for path in pages if path.startswith(f"{folder}/page/")]

    assert len(further(large, "claims/index.md")) > 2 * len(further(small, "claims/index.md")) > 0
    for path in further(large, "claims/index.md") + further(large, "actors/index.md") + further(large, tag):
        assert len(large[path].encode()) <= len(large["claims/index.md"].encode()) * 1.1, path


def test_every_claim_is_on_exactly_one_page_of_the_list_and_the_pages_link_to_each_other(
    synthetic: dict[int, dict[str, str]],
) -> None:
    pages = synthetic[800]
    listed = []
    numbers = sorted(int(path.split("/")[-1][:-3]) for path in pages if path.startswith("claims/page/"))
    assert numbers == list(range(2, 800 // 50 + 1))
    for number in [1, *numbers]:
        path = "claims/index.md" if number == 1 else f"claims/page/{number}.md"
        table = pages[path].split("| Claim | Claimant |", 1)[1].split("</div>", 1)[0]
        listed += [line.split("](", 1)[1].split(")", 1)[0] for line in table.splitlines() if line.startswith("| [")]
        if number < numbers[-1]:
            assert f'({relative(path, list_page("claims/index.md", number + 1))}){{ rel="next" }}' in pages[path]
        if number > 1:
            assert f'({relative(path, list_page("claims/index.md", number - 1))}){{ rel="prev" }}' in pages[path]
    assert len(listed) == len(set(listed)) == 800


def test_each_page_of_the_figures_ledger_holds_ten_questions_each_with_bounded_tables_and_charts(
    synthetic: dict[int, dict[str, str]],
) -> None:
    pages = synthetic[2400]
    ledgers = [path for path in pages if path == "figures.md" or path.startswith("figures/page/")]
    assert len(ledgers) == 3  # 24 numeric questions (one in five of 60 is asked twice as numeric)
    for path in ledgers:
        page = pages[path]
        sections = page.split("\n## ")[1:]
        assert 0 < len(sections) <= LEDGERS_PAGE
        for section in sections:
            table = section.split("| Figure | Hedged |", 1)[1].split("\n\n", 1)[0]
            assert len([line for line in table.splitlines() if line.startswith("| [")]) <= FIGURE_ROWS
            assert section.count(".qc-mark-point") <= LEDGER_MARKS
    hot = max(
        (section for path in ledgers for section in pages[path].split("\n## ")[1:]),
        key=lambda section: section.count(".qc-mark-point"),
    )
    assert "The table lists the first 25 of" in hot
