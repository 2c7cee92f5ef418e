"""The explorer's engine side: history from git, redirects of renamed records, the open data and the JSON-LD.

The views themselves (timeline, figures ledger, stance matrix, claims explorer, quotes in two languages,
history and cite blocks) are golden-tested in test_render_golden.py; what a reader does with them, in
Chromium, in test_explorer_browser.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_CORPUS, TODAY, problem_lines
from qantar.build import generate
from qantar.config import Settings, load_settings
from qantar.exports import CLAIM_COLUMNS, EVIDENCE_COLUMNS
from qantar.history import read_history
from sitebuild import ROOT, build_site, copy_project

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


# -- history -----------------------------------------------------------------------------------------


def test_without_git_history_there_is_no_history_and_pages_say_nothing_of_it(tmp_path: Path) -> None:
    # a copy of the corpus outside any repository: `git log` fails, and the site is built without history
    project = tmp_path / "copy"
    shutil.copytree(FIXTURE_CORPUS, project)
    assert not read_history(project, ("sources", "claims"))
    result = generate(Settings(root=project, docs=str(tmp_path / "docs")), today=TODAY)
    assert result.ok, result.problems.report()
    pages = {page.path: page.text for page in result.pages}
    assert not any("## History" in text for text in pages.values())
    claim = pages["claims/official-toll-12.md"]
    assert "## Cite this page" in claim and "last changed" not in claim


def test_without_git_on_the_machine_history_is_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no git to be found
    assert not read_history(ROOT, ("sources", "claims"))


def test_the_same_commit_gives_the_same_history() -> None:
    first = read_history(ROOT, ("sources", "claims"))
    assert first == read_history(ROOT, ("sources", "claims"))


# -- redirects -----------------------------------------------------------------------------------------


def rename_official_claim(corpus: Path, extra: str = "") -> None:
    old = corpus / "claims" / "official-toll-12.yaml"
    text = old.read_text(encoding="utf-8").replace("id: official-toll-12", "id: official-toll-twelve")
    old.unlink()
    (corpus / "claims" / "official-toll-twelve.yaml").write_text(
        text + "redirect_from: [official-toll-12" + extra + "]\n", encoding="utf-8"
    )


def test_a_renamed_record_keeps_its_old_page_as_a_redirect(corpus_dir: Path, tmp_path: Path) -> None:
    rename_official_claim(corpus_dir)
    result = generate(Settings(root=corpus_dir, docs=str(tmp_path / "docs")), today=TODAY)
    assert result.ok, result.problems.report()
    pages = {page.path: page.text for page in result.pages}
    assert pages["claims/official-toll-12.md"] == (
        '---\ntitle: "Moved: Riverton officials: Riverton officials said 12 people died in the flood."\n'
        "search:\n  exclude: true\n"
        'qantar_redirect: "claims/official-toll-twelve"\n---\n\n'
        "This page has moved to **[Riverton officials said 12 people died in the flood.]"
        "(../claims/official-toll-twelve.md)**. Its old address is kept so that links and citations to it keep "
        "working.\n"
    )
    assert json.loads(pages["claims/official-toll-twelve.json"])["redirect_from"] == ["official-toll-12"]


@pytest.mark.parametrize(
    "extra, message",
    [
        (
            ", official-toll-twelve",
            "claims/official-toll-twelve.yaml:22:35: redirect_from[1]: 'official-toll-twelve' "
            "is this claim's own id; remove it from redirect_from",
        ),
        (
            ", survivor-toll-15",
            "claims/official-toll-twelve.yaml:22:35: redirect_from[1]: a claim with the id "
            "'survivor-toll-15' exists; its page cannot also redirect here; remove "
            "'survivor-toll-15' from redirect_from, or rename that claim",
        ),
        (
            ", index",
            "claims/official-toll-twelve.yaml:22:35: redirect_from[1]: 'index' is the address of the list of "
            "all records; remove it from redirect_from",
        ),
    ],
)
def test_a_redirect_that_would_clash_is_refused(corpus_dir: Path, extra: str, message: str) -> None:
    rename_official_claim(corpus_dir, extra)
    assert problem_lines(corpus_dir) == [message]


def test_two_records_cannot_redirect_from_the_same_old_id(corpus_dir: Path) -> None:
    rename_official_claim(corpus_dir)
    survivor = corpus_dir / "claims" / "survivor-toll-15.yaml"
    survivor.write_text(survivor.read_text(encoding="utf-8") + "redirect_from: [official-toll-12]\n", encoding="utf-8")
    assert problem_lines(corpus_dir) == [
        "claims/survivor-toll-15.yaml:18:17: redirect_from[0]: the claim 'official-toll-twelve' also redirects from "
        "'official-toll-12'; an old address can lead to one record only: remove it from one of the two"
    ]


@pytest.fixture(scope="module")
def redirect_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture corpus with a renamed claim, built as the site and as the offline copy."""
    from qantar.offline import add_offline_copy

    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copytree(FIXTURE_CORPUS / "claims", corpus / "claims")
    shutil.copytree(FIXTURE_CORPUS / "sources", corpus / "sources")
    rename_official_claim(corpus)
    project = copy_project(tmp_path_factory.mktemp("project"), corpus=corpus)
    site = tmp_path_factory.mktemp("site")
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    offline = tmp_path_factory.mktemp("offline") / "copy"
    add_offline_copy(project, site, keep=offline)
    return site, offline


def test_the_old_address_redirects_on_the_site_and_in_the_offline_copy(redirect_sites: tuple[Path, Path]) -> None:
    site, offline = redirect_sites
    page = (site / "claims" / "official-toll-12" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../official-toll-twelve/">' in page
    assert '<link rel="canonical" href="../official-toll-twelve/">' in page
    copy = (offline / "claims" / "official-toll-12.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=official-toll-twelve.html">' in copy
    assert (offline / "claims" / "official-toll-twelve.html").is_file()


def test_only_redirect_pages_refresh(redirect_sites: tuple[Path, Path]) -> None:
    site, _offline = redirect_sites
    refreshing = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")
    )
    assert refreshing == ["claims/official-toll-12/index.html"]


# -- the open data -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every page and data file the real corpus generates (without writing them)."""
    result = generate(load_settings(ROOT), write=False)
    assert result.ok, result.problems.report()
    return {page.path: page.text for page in result.pages}


@pytest.fixture(scope="module")
def real_corpus():  # noqa: ANN201 - a Corpus
    from qantar.build import check

    corpus = check(load_settings(ROOT)).corpus
    assert corpus is not None
    return corpus


def test_every_valid_record_is_in_its_json_export_exactly_once(real_files: dict[str, str], real_corpus) -> None:  # noqa: ANN001
    for kind, records in (
        ("claims", real_corpus.claims),
        ("actors", real_corpus.actors),
        ("events", real_corpus.events),
        ("questions", real_corpus.questions),
        ("sources", real_corpus.sources),
    ):
        ids = [item["id"] for item in json.loads(real_files[f"data/{kind}.json"])]
        assert sorted(ids) == sorted(records), kind
        assert len(ids) == len(set(ids)), kind


def test_every_claim_is_one_csv_row_and_every_quote_one_evidence_row(real_files: dict[str, str], real_corpus) -> None:  # noqa: ANN001
    claims = list(csv.DictReader(io.StringIO(real_files["data/claims.csv"])))
    assert [row["id"] for row in claims] == sorted(real_corpus.claims)
    assert list(claims[0]) == [name for name, _type, _about in CLAIM_COLUMNS]
    evidence = list(csv.DictReader(io.StringIO(real_files["data/evidence.csv"])))
    assert list(evidence[0]) == [name for name, _type, _about in EVIDENCE_COLUMNS]
    expected = sorted((claim.id, str(item.index)) for claim in real_corpus.claims.values() for item in claim.evidence)
    assert sorted((row["claim_id"], row["index"]) for row in evidence) == expected
    quotes = {(c.id, str(item.index)): item.quote for c in real_corpus.claims.values() for item in c.evidence}
    for row in evidence:
        quote = row["quote"][1:] if row["quote"][:1] == "'" else row["quote"]
        assert quote == quotes[(row["claim_id"], row["index"])]


def test_each_claims_own_json_is_its_entry_in_claims_json(real_files: dict[str, str], real_corpus) -> None:  # noqa: ANN001
    entries = {item["id"]: item for item in json.loads(real_files["data/claims.json"])}
    for claim_id in real_corpus.claims:
        assert json.loads(real_files[f"claims/{claim_id}.json"]) == entries[claim_id]


def test_the_data_package_describes_the_files_that_exist(real_files: dict[str, str]) -> None:
    package = json.loads(real_files["data/datapackage.json"])
    assert package["name"] == "qantar-claims" and package["profile"] == "data-package"
    for resource in package["resources"]:
        assert re.fullmatch(r"[a-z0-9._-]+", resource["name"]), resource["name"]
        assert f"data/{resource['path']}" in real_files, resource["path"]
        if resource["format"] == "csv":
            header = next(csv.reader(io.StringIO(real_files[f"data/{resource['path']}"])))
            assert header == [field["name"] for field in resource["schema"]["fields"]]
            assert all(
                field["type"] in {"string", "number", "integer", "boolean"} for field in resource["schema"]["fields"]
            )


def test_sources_that_only_allow_excerpts_never_have_their_text_exported(
    real_files: dict[str, str], real_corpus
) -> None:  # noqa: ANN001
    for item in json.loads(real_files["data/sources.json"]):
        source = real_corpus.sources[item["id"]]
        assert (item["text"] is not None) == source.full_text_allowed, item["id"]


def generated_with_statement(corpus_dir: Path, docs: Path, statement: str) -> dict[str, str]:
    """The fixture corpus's generated files, with the official-toll claim's statement replaced (a YAML string)."""
    claim = corpus_dir / "claims" / "official-toll-12.yaml"
    claim.write_text(
        claim.read_text(encoding="utf-8").replace(
            "statement: Riverton officials said 12 people died in the flood.", f"statement: {statement}"
        ),
        encoding="utf-8",
    )
    result = generate(Settings(root=corpus_dir, docs=str(docs)), today=TODAY)
    assert result.ok, result.problems.report()
    return {page.path: page.text for page in result.pages}


def test_a_csv_cell_never_starts_a_spreadsheet_formula(tmp_path: Path, corpus_dir: Path) -> None:
    text = generated_with_statement(
        corpus_dir, tmp_path / "docs", "\"=HYPERLINK('https://evil.example') said 12 people died\""
    )["data/claims.csv"]
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["id"] == "official-toll-12")
    assert row["statement"] == "'=HYPERLINK('https://evil.example') said 12 people died"


# -- JSON-LD -------------------------------------------------------------------------------------------


def json_ld_of(page: str) -> dict:  # type: ignore[type-arg]
    blocks = JSON_LD.findall(page)
    assert len(blocks) == 1
    assert "<" not in blocks[0] and ">" not in blocks[0] and "&" not in blocks[0]
    return json.loads(blocks[0])


def test_every_claim_page_embeds_a_schema_org_claim(real_files: dict[str, str], real_corpus) -> None:  # noqa: ANN001
    for claim in real_corpus.claims.values():
        data = json_ld_of(real_files[f"claims/{claim.id}.md"])
        assert data["@context"] == "https://schema.org" and data["@type"] == "Claim"
        assert data["text"] == claim.statement
        assert data["author"]["name"] == real_corpus.actors[claim.claimant].name
        assert data["author"]["@type"] in {"Person", "Organization"}
        sources = list(dict.fromkeys(item.source for item in claim.evidence))
        assert [a["url"] for a in data["appearance"]] == [real_corpus.sources[s].url for s in sources]
        assert all(a["@type"] in {"NewsArticle", "CreativeWork"} and a["publisher"]["name"] for a in data["appearance"])
        if claim.claimed:
            assert data["datePublished"] == claim.claimed.iso()
        else:
            assert "datePublished" not in data  # never invented


def test_every_source_page_embeds_its_article(real_files: dict[str, str], real_corpus) -> None:  # noqa: ANN001
    for source in real_corpus.sources.values():
        data = json_ld_of(real_files[f"sources/{source.id}.md"])
        assert data["@type"] in {"NewsArticle", "CreativeWork"}
        assert data["headline"] == source.title and data["url"] == source.url
        assert data["publisher"] == {"@type": "Organization", "name": source.publisher}


def test_json_ld_cannot_close_its_script(tmp_path: Path, corpus_dir: Path) -> None:
    hostile = '"</script><script>alert(1)</script> & <!-- said 12"'
    files = generated_with_statement(corpus_dir, tmp_path / "docs", hostile)
    page = files["claims/official-toll-12.md"]
    data = json_ld_of(page)
    assert data["text"] == "</script><script>alert(1)</script> & <!-- said 12"
    assert "\\u003c/script\\u003e" in page
