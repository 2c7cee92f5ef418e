"""A claim page stays the same size however many answers its question collects (issue 7: pages stay light).

The question page lists every answer; a claim page lists at most twenty other answers, one row per distinct answer,
and says how many there are in all.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import TODAY
from qantar.build import generate
from qantar.config import Settings
from qantar.derive import RIVALS_SHOWN
from qantar.history import History

OTHER_ANSWERS = 30  # distinct figures, beside the fixture's 12 and 15
SAME_ANSWER = 3  # claims that all give the fixture's official figure, 12


def add_answer(corpus: Path, claim_id: str, number: int) -> None:
    (corpus / "claims" / f"{claim_id}.yaml").write_text(
        f"id: {claim_id}\n"
        f"statement: Someone said {number} people died in the flood.\n"
        "claimant: riverton-residents\n"
        "question: flood-death-toll\n"
        f"value:\n  number: {number}\n  unit: people\n  qualifier: exactly\n"
        "evidence:\n  - source: daily-river-2021\n    quote: Officials said 12 people died\n    stance: reports\n    attribution: paraphrase\n",
        encoding="utf-8")


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
        corpus_dir: Path, tmp_path: Path) -> None:
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
        corpus_dir: Path, tmp_path: Path) -> None:
    sources = [add_source(corpus_dir, n) for n in range(EXTRA_SOURCES)]
    for n in range(len(sources)):  # wire-00 carries one claim, wire-13 fourteen
        evidence = "".join(f"  - source: {s}\n    quote: Officials said 12 people died\n    stance: reports\n    attribution: paraphrase\n"
                           for s in sources[n:])
        (corpus_dir / "claims" / f"flood-claim-{n}.yaml").write_text(
            f"id: flood-claim-{n}\nstatement: Claim number {n} about the flood.\nclaimant: riverton-residents\n"
            f"events: [riverton-flood]\nevidence:\n{evidence}", encoding="utf-8")
    page = generated_pages(corpus_dir, tmp_path / "docs")["events/riverton-flood.md"]
    matrix = page.split('<details class="qc-matrix"', 1)[1].split("</details>", 1)[0]
    header = matrix.split("<thead", 1)[1].split("</thead>", 1)[0]
    shown = {s for s in sources + ["daily-river-2021", "open-wire-2021"] if f"../sources/{s}.md" in header}
    assert len(shown) == 12
    assert {f"wire-{n:02d}" for n in range(2, EXTRA_SOURCES)} <= shown  # the twelve busiest
    assert "× the 12 of 16 sources that carry the most of them" in matrix
    assert "The claims explorer lists every claim with every source that carries it." in page
