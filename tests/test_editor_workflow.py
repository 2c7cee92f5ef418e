"""The editor's path: scaffold a record, find a quote, get schemas in the editor, see dead source links."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT, problem_lines
from qantar.editor_schemas import SCHEMA_FOLDER, record_schema, schema_comment, stale_schemas
from qantar.problems import ERROR, Problem
from qantar.quote_helper import matching_sentences
from qantar.scaffold import new_options
from qantar.schemas import SCHEMAS
from sitebuild import build_site, copy_project


def qantar(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qantar.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


# -- qantar new ----------------------------------------------------------------------------------

NEW_COMMANDS = {
    "actor": ["--name", "Flood Relief Office", "--type", "state-body", "--description", "Runs the shelters."],
    "event": [
        "--title",
        "Shelters open",
        "--date",
        "2021-03-03",
        "--place",
        "riverton",
        "--summary",
        "Shelters opened in the school.",
    ],
    "question": ["--question", "When did the shelters open?"],
    "claim": [
        "--statement",
        "Officials said 12 people died.",
        "--claimant",
        "riverton-officials",
        "--source",
        "daily-river-2021",
        "--quote",
        "Officials said 12 people died",
        "--attribution",
        "paraphrase",
    ],
}


@pytest.mark.parametrize("kind", sorted(NEW_COMMANDS))
def test_new_writes_a_record_that_validates(corpus_dir: Path, kind: str) -> None:
    result = qantar(corpus_dir, "new", kind, *NEW_COMMANDS[kind])
    assert result.returncode == 0, result.stderr
    created = corpus_dir / result.stdout.split(":")[0].removeprefix("created ")
    text = created.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    for spec in SCHEMAS[kind].fields:  # every field is present, filled or as a commented example
        assert f"{spec.name}:" in text
    lines = [line for line in problem_lines(corpus_dir) if "warning" not in line]
    assert lines == []


def test_new_source_from_a_file_builds_into_the_site(corpus_dir: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("The mayor said the dam held.\n\nIt did not, residents say.\n", encoding="utf-8")
    made = qantar(
        corpus_dir,
        "new",
        "source",
        "--title",
        "Dam report",
        "--publisher",
        "River Post",
        "--url",
        "https://example.com/dam",
        "--type",
        "report",
        "--from-file",
        str(article),
    )
    assert made.returncode == 0, made.stderr
    claim = qantar(
        corpus_dir,
        "new",
        "claim",
        "--statement",
        "The mayor said the dam held.",
        "--claimant",
        "riverton-officials",
        "--source",
        "dam-report",
        "--quote",
        "the dam held",
        "--attribution",
        "paraphrase",
    )
    assert claim.returncode == 0, claim.stderr
    project = copy_project(tmp_path / "p" if (tmp_path / "p").mkdir() is None else tmp_path, corpus=corpus_dir)
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "claims" / "the-mayor-said-the-dam-held" / "index.html").read_text(encoding="utf-8")
    assert "The mayor said the dam held." in page


def test_new_refuses_an_id_that_exists(corpus_dir: Path) -> None:
    result = qantar(corpus_dir, "new", "actor", "--id", "flood-survivor", *NEW_COMMANDS["actor"])
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "qantar new actor: claims/actors/flood-survivor.yaml exists already; choose another id, or edit that file"
    )


def test_new_without_the_essentials_says_which_options_to_give(corpus_dir: Path) -> None:
    result = qantar(corpus_dir, "new", "claim", "--statement", "Something was said.")
    assert result.returncode == 1
    assert result.stderr.strip() == "qantar new claim: give --claimant … --source … --quote … --attribution …"


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_new_kind_help_lists_that_kinds_options_only(kind: str) -> None:
    """`qantar new KIND --help` shows the options of that kind, each with its own field's description."""
    result = subprocess.run(
        [sys.executable, "-m", "qantar.cli", "new", kind, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, COLUMNS="400"),
    )
    assert result.returncode == 0, result.stderr
    listed = set(re.findall(r"^  (--[a-z-]+)", result.stdout, flags=re.M)) - {"--help"}
    assert listed == {option.flags[0] for option in new_options(kind)}
    for option in new_options(kind):
        assert option.help.split(":")[-1].strip()[:40] in " ".join(result.stdout.split())
    others = {flag for other in SCHEMAS if other != kind for option in new_options(other) for flag in option.flags}
    foreign = others - {flag for option in new_options(kind) for flag in option.flags}
    assert not any(re.search(rf"^  {flag}\b", result.stdout, flags=re.M) for flag in foreign)


def test_the_options_come_from_the_schema_declaration() -> None:
    from qantar import cli

    assert not hasattr(cli, "NEW_OPTIONS"), "no hand-written list of options beside the schema"
    actor = {option.name: option.help for option in new_options("actor")}
    question = {option.name: option.help for option in new_options("question")}
    assert actor["description"] == SCHEMAS["actor"].field_named("description").description
    assert question["description"] == SCHEMAS["question"].field_named("description").description
    claim = {option.name: option for option in new_options("claim")}
    for name in ("stance", "language", "translation", "translated_by", "attribution"):
        assert claim[name].evidence, name
    assert claim["translated_by"].flags == ("--translated-by",)
    assert claim["attribution"].choices == ("own-text", "direct-quote", "paraphrase", "none")


CYRILLIC_CLAIM = [
    "--statement",
    "A survivor said the warning came far too late.",
    "--claimant",
    "flood-survivor",
    "--source",
    "open-wire-2021",
    "--quote",
    "«Предупреждение пришло слишком поздно»",
    "--attribution",
    "direct-quote",
]


def test_new_claim_with_a_cyrillic_quote_wants_its_language_and_translation(corpus_dir: Path) -> None:
    result = qantar(corpus_dir, "new", "claim", *CYRILLIC_CLAIM)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "qantar new claim: give --language … --translation … --translated-by … (the quote is in Cyrillic)"
    )
    made = qantar(
        corpus_dir,
        "new",
        "claim",
        *CYRILLIC_CLAIM,
        "--language",
        "ru",
        "--translation",
        "“The warning came far too late.”",
        "--translated-by",
        "source",
    )
    assert made.returncode == 0, made.stderr
    created = corpus_dir / made.stdout.split(":")[0].removeprefix("created ")
    text = created.read_text(encoding="utf-8")
    assert '    language: "ru"' in text and '    translated_by: "source"' in text
    assert [line for line in problem_lines(corpus_dir) if ": warning: " not in line] == []


def test_new_claim_asks_for_the_translation_of_a_cyrillic_quote_at_the_terminal(corpus_dir: Path) -> None:
    """At a terminal, `qantar new claim` asks for what is missing; a quote in Cyrillic brings the translation's
    questions (language, translation, who translated) after it."""
    import pty

    main, secondary = pty.openpty()
    answers = [
        "--statement",
        "A survivor said the warning came far too late.",
        "--claimant",
        "flood-survivor",
        "--source",
        "open-wire-2021",
        "--attribution",
        "direct-quote",
    ]
    process = subprocess.Popen(
        [sys.executable, "-m", "qantar.cli", "--root", str(corpus_dir), "new", "claim", *answers],
        stdin=secondary,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(secondary)
    typed = 'quote: "«Предупреждение пришло слишком поздно»"\nru\n“The warning came far too late.”\nsource\n'
    os.write(main, typed.encode("utf-8"))
    stdout, stderr = process.communicate(timeout=60)
    os.close(main)
    assert process.returncode == 0, stderr
    assert "quote: language: translation: translated by (source, editors): created claims/" in stdout, stdout
    created = corpus_dir / re.search(r"created (\S+):", stdout).group(1)  # type: ignore[union-attr]
    text = created.read_text(encoding="utf-8")
    assert '    translation: "“The warning came far too late.”"' in text
    assert [line for line in problem_lines(corpus_dir) if ": warning: " not in line] == []


def test_new_refuses_an_unsafe_id(corpus_dir: Path) -> None:
    result = qantar(corpus_dir, "new", "question", "--id", "../escape", "--question", "Why?")
    assert result.returncode == 1
    assert "could point outside its folder" in result.stderr
    assert not (corpus_dir / "claims" / "escape.yaml").exists()


# -- JSON Schemas ----------------------------------------------------------------------------------


def test_committed_schemas_match_the_validator_declarations() -> None:
    assert stale_schemas(ROOT) == []


def _records(root: Path) -> list[tuple[str, Path, dict[str, object]]]:
    folders = {"actors": "actor", "events": "event", "questions": "question", "places": "place"}
    found = []
    for path in sorted((root / "claims").rglob("*.yaml")):
        found.append((folders.get(path.parent.name, "claim"), path, yaml.safe_load(path.read_text("utf-8"))))
    for path in sorted((root / "sources").glob("*.md")):
        front = path.read_text("utf-8").split("---\n")[1]
        found.append(("source", path, yaml.safe_load(front)))
    return found


def test_schemas_accept_every_record_of_the_corpus() -> None:
    records = _records(ROOT)
    assert len(records) > 300
    for kind, _path, data in records:
        jsonschema.validate(data, record_schema(SCHEMAS[kind]))


def test_every_record_file_points_editors_at_its_schema() -> None:
    for kind, path, _data in _records(ROOT):
        if kind == "source":
            continue  # front matter in Markdown: editors' YAML tools do not read it
        first = path.read_text("utf-8").splitlines()[0]
        assert first == schema_comment(kind, path.relative_to(ROOT).as_posix()), path
        assert (path.parent / first.split("=", 1)[1]).resolve() == (ROOT / SCHEMA_FOLDER / f"{kind}.schema.json")


BAD_CLAIMS = {
    "unknown-field": ("claimant: riverton-officials", "claimant: riverton-officials\nclaimnt: x"),
    "missing-statement": ("statement: Riverton officials said 12 people died in the flood.\n", ""),
    "id-upper-case": ("id: official-toll-12", "id: Official-Toll-12"),
    "id-with-slash": ("id: official-toll-12", "id: a/b"),
    "bad-date": ('claimed: "2021-03"', 'claimed: "21-03-05"'),
    "bad-qualifier": ("qualifier: exactly", "qualifier: roughly"),
    "number-as-words": ("number: 12", "number: twelve"),
    "bad-stance": (
        "stance: reports\n    attribution: paraphrase\n  - source: open-wire",
        "stance: agrees\n    attribution: paraphrase\n  - source: open-wire",
    ),
    "events-not-a-list": ("events: [riverton-flood]", "events: riverton-flood"),
    "evidence-empty": (None, None),
}


@pytest.mark.parametrize("case", sorted(BAD_CLAIMS))
def test_schemas_reject_what_the_validator_rejects(corpus_dir: Path, case: str) -> None:
    path = corpus_dir / "claims" / "official-toll-12.yaml"
    old, new = BAD_CLAIMS[case]
    text = path.read_text("utf-8")
    if old is None:
        text = text[: text.index("evidence:")] + "evidence: []\n"
    else:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    assert any("official-toll-12.yaml" in line for line in problem_lines(corpus_dir))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(text), record_schema(SCHEMAS["claim"]))


# -- the quote helper --------------------------------------------------------------------------

SOURCE_TEXT = (
    "The river rose on 2 March. Officials said the warning\nwent out at night. "
    "A resident said: “It came far too late.” Nobody else spoke.\n\nA new paragraph."
)


def test_quote_helper_finds_words_across_a_line_break() -> None:
    assert matching_sentences(SOURCE_TEXT, "warning went out") == ["Officials said the warning went out at night."]


def test_quote_helper_matches_plain_quotes_against_typographic_ones() -> None:
    assert matching_sentences(SOURCE_TEXT, '"It came far too late."') == ["A resident said: “It came far too late.”"]


def test_quote_helper_is_case_insensitive_and_lists_every_sentence() -> None:
    assert matching_sentences(SOURCE_TEXT, "the") == [
        "The river rose on 2 March.",
        "Officials said the warning went out at night.",
    ]


SPEECH = "He told us: “I fell into a ditch. It hurt for days.” Then he left."


def test_quote_helper_leaves_out_a_quotation_mark_whose_other_half_is_in_another_sentence() -> None:
    assert matching_sentences(SPEECH, "ditch") == ["He told us: “I fell into a ditch."]  # a mark inside: kept as stored
    assert matching_sentences(SPEECH, "hurt for days") == ["It hurt for days."]
    assert matching_sentences("“I fell into a ditch. It hurt.”", "ditch") == ["I fell into a ditch."]


def test_quote_command_prints_lines_ready_to_paste(corpus_dir: Path) -> None:
    result = qantar(corpus_dir, "quote", "daily-river-2021", "mayor recieved")
    assert result.returncode == 0, result.stderr
    sentence = "Officials said 12 people died and the mayor recieved the first reports at night."
    assert result.stdout == (
        f"    quote: {json.dumps(sentence)}\n"
        "    # already quoted by claims/official-toll-12.yaml: add evidence there rather than a "
        "new claim, unless yours says something else\n"
    )


def test_quote_command_says_nothing_of_claims_for_a_sentence_no_claim_quotes(corpus_dir: Path) -> None:
    result = qantar(corpus_dir, "quote", "daily-river-2021", "nobody cites")
    assert result.returncode == 0, result.stderr
    assert "already quoted" not in result.stdout


def test_quote_command_names_the_nearest_source_when_the_id_is_wrong(corpus_dir: Path) -> None:
    result = qantar(corpus_dir, "quote", "daily-river", "mayor")
    assert result.returncode == 1
    assert result.stderr.strip() == "qantar quote: no source 'daily-river'; did you mean 'daily-river-2021'?"


# -- annotations and dead links ------------------------------------------------------------------


def test_github_annotation_format_is_exact() -> None:
    problem = Problem("claims/x.yaml", 7, 13, "evidence[0].source", "no source 'a'", "did you mean 'a-b'?\n100%", ERROR)
    assert problem.github_annotation() == (
        "::error file=claims/x.yaml,line=7,col=13::evidence[0].source: no source 'a'; did you mean 'a-b'?%0A100%25"
    )


def test_check_urls_reports_dead_addresses_with_their_archived_copy(corpus_dir: Path) -> None:
    site = corpus_dir / "www"
    (site / "daily-river").mkdir(parents=True)
    (site / "daily-river" / "flood").write_text("ok", encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *args: None  # type: ignore[method-assign]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for name, url in (
            ("daily-river-2021", "https://example.org/daily-river/flood"),
            ("open-wire-2021", "https://example.net/open-wire/riverton"),
        ):
            path = corpus_dir / "sources" / f"{name}.md"
            local = url.replace("https://example.org", base).replace("https://example.net", base)
            path.write_text(path.read_text("utf-8").replace(f"url: {url}\n", f"url: {local}\n"), encoding="utf-8")
        result = qantar(corpus_dir, "check-urls", "--timeout", "5")
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"ok    daily-river-2021: HTTP 200 {base}/daily-river/flood"
    assert lines[1] == (
        f"DEAD  open-wire-2021: HTTP 404 {base}/open-wire/riverton -> archived: "
        "https://web.archive.org/web/2021/https://example.net/open-wire/riverton"
    )
    assert lines[2] == "1 dead of 2 source addresses"
    shutil.rmtree(site)


def test_the_quote_prompt_takes_the_line_the_quote_helper_printed() -> None:
    from qantar.cli import _pasted_quote

    printed = '    quote: "“I fell into a ditch and injured my knee, it hurt for several days."'
    assert _pasted_quote(printed) == "“I fell into a ditch and injured my knee, it hurt for several days."
    assert _pasted_quote("  just the words  ") == "just the words"
    assert _pasted_quote('quote: "a \\"quoted\\" word"') == 'a "quoted" word'
