"""Where the build writes: no option deletes what people wrote, and nothing is silently replaced.

- `qantar build --site-dir claims` deleted every record (MkDocs empties its site folder): a site folder or a docs
  folder that is, holds or sits inside the records, the overrides, the docs or the project is refused in one line,
  by the command line (exit 2) and by the hook (plain `mkdocs build`);
- `qantar generate` deleted hand-written files in generated folders and overwrote hand-edited pages: the engine
  keeps a manifest of what it wrote and refuses, naming the file, rather than delete or overwrite anything else;
- an empty SOURCE_DATE_EPOCH stopped MkDocs with a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_CORPUS
from sitebuild import copy_project


def qantar(project: Path, *args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **environment)
    return subprocess.run(
        [sys.executable, "-m", "qantar.cli", "--root", str(project), *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def mkdocs(project: Path, *args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **environment)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def every_file(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".venv" not in path.parts and "__pycache__" not in path.parts
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    target.mkdir()
    return copy_project(target, corpus=FIXTURE_CORPUS)


FIX = "build into a folder of its own, such as site/"


@pytest.mark.parametrize(
    ("site_dir", "why"),
    [
        ("claims", "it is the claims folder (claims/, the records), which MkDocs would empty"),
        ("claims/actors", "it is inside the claims folder (claims/, the records), which MkDocs would empty"),
        ("sources", "it is the sources folder (sources/, the stored articles), which MkDocs would empty"),
        ("overrides", "it is the theme overrides (overrides/), which MkDocs would empty"),
        ("docs", "it is the docs folder (docs/, hand-written and generated pages), which MkDocs would empty"),
        (
            "docs/guide",
            "it is inside the docs folder (docs/, hand-written and generated pages), which MkDocs would empty",
        ),
        (".", "it is the project folder, which MkDocs would empty"),
        ("..", "it holds the project folder, which MkDocs would empty"),
        ("scripts", "it holds files that are not a built site (benchmark, …), which MkDocs would delete"),
    ],
)
def test_a_site_folder_over_what_people_wrote_is_refused(project: Path, site_dir: str, why: str) -> None:
    before = every_file(project)
    result = qantar(project, "build", "--site-dir", site_dir)
    assert (result.returncode, result.stdout, result.stderr.splitlines()) == (
        2,
        "",
        [
            f"qantar build: refusing --site-dir {site_dir}: {why}; {FIX}"
            + (", or empty that one first" if "not a built site" in why else ""),
        ],
    )
    assert every_file(project) == before


def test_an_absolute_site_folder_holding_the_records_is_refused(project: Path) -> None:
    result = qantar(project, "build", "--site-dir", str(project / "sources"))
    assert result.returncode == 2
    assert result.stderr == (
        f"qantar build: refusing --site-dir {project / 'sources'}: it is the sources folder "
        f"(sources/, the stored articles), which MkDocs would empty; {FIX}\n"
    )


def test_plain_mkdocs_is_refused_by_the_hook_too(project: Path) -> None:
    before = every_file(project / "claims")
    result = mkdocs(project, "build", "--site-dir", "claims")
    assert result.returncode == 1
    assert (
        f"refusing the site folder {project / 'claims'}: it is the claims folder (claims/, the records), which "
        f"MkDocs would empty; {FIX}"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert every_file(project / "claims") == before


@pytest.mark.parametrize(
    ("docs", "why"),
    [
        (
            ".",
            "refusing the docs folder '.': it is the project folder, where the generated folders would replace the "
            "records",
        ),
        ("claims", "refusing the docs folder 'claims': it is the claims folder (claims/, the records)"),
        (
            "sources/pages",
            "refusing the docs folder 'sources/pages': it is inside the sources folder (sources/, the stored articles)",
        ),
    ],
)
def test_a_docs_folder_over_the_records_is_refused(project: Path, docs: str, why: str) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace('docs = "docs"', f'docs = "{docs}"'), encoding="utf-8"
    )
    before = every_file(project)
    result = qantar(project, "generate")
    assert (result.returncode, result.stderr) == (
        2,
        f'qantar generate: {why}; set docs to a folder of its own in [tool.qantar] (docs = "docs")\n',
    )
    assert every_file(project) == before


NOT_OURS = "not written by qantar generate (it is not in docs/.qantar-manifest)"


def test_hand_written_files_in_generated_folders_are_never_deleted(project: Path) -> None:
    assert qantar(project, "generate").returncode == 0
    notes = project / "docs" / "claims" / "my-notes.md"
    notes.write_text("My notes.\n", encoding="utf-8")
    extra = project / "docs" / "data" / "extra.csv"
    extra.write_text("a,b\n", encoding="utf-8")
    result = qantar(project, "generate")
    assert (result.returncode, result.stderr.splitlines()) == (
        1,
        [
            f"docs/claims/my-notes.md:1:1: {NOT_OURS}, and generate would delete it (no record makes this page); "
            "move it "
            "out of docs/claims/, which the engine owns, or delete it if it is a page an older version generated",
            f"docs/data/extra.csv:1:1: {NOT_OURS}, and generate would delete it (no record makes this page); "
            "move it out "
            "of docs/data/, which the engine owns, or delete it if it is a page an older version generated",
            "2 error(s), 0 warning(s)",
            "nothing generated: 2 error(s)",
        ],
    )
    assert notes.read_text(encoding="utf-8") == "My notes.\n" and extra.read_text(encoding="utf-8") == "a,b\n"


def test_a_record_removed_deletes_only_its_own_pages(project: Path) -> None:
    assert qantar(project, "generate").returncode == 0
    (project / "claims" / "warning-too-late.yaml").unlink()
    result = qantar(project, "generate")
    assert result.returncode == 0, result.stderr
    assert "3 deleted" in result.stdout  # the claim's page, its JSON and the page of its only tag
    assert not (project / "docs" / "claims" / "warning-too-late.md").exists()


def test_a_hand_edited_generated_page_is_not_overwritten(project: Path) -> None:
    assert qantar(project, "generate").returncode == 0
    timeline = project / "docs" / "timeline.md"
    edited = timeline.read_text(encoding="utf-8") + "\nMy own paragraph.\n"
    timeline.write_text(edited, encoding="utf-8")
    claim = project / "claims" / "official-toll-12.yaml"
    claim.write_text(
        claim.read_text(encoding="utf-8").replace("12 people died in the flood", "twelve people died in the flood"),
        encoding="utf-8",
    )
    result = qantar(project, "generate")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "docs/timeline.md:1:1: changed since qantar generate wrote it, and generate would overwrite it; move your "
        "text out of it (the engine writes docs/timeline.md), or delete the file to let the engine write it"
    )
    assert timeline.read_text(encoding="utf-8") == edited
    timeline.unlink()
    assert qantar(project, "generate").returncode == 0


def test_a_committed_page_is_not_overwritten_even_before_the_first_manifest(project: Path) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
    index = project / "docs" / "index.md"
    index.write_text("# Our own home page\n", encoding="utf-8")
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-f", "docs/index.md"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "home"], cwd=project, check=True)
    result = qantar(project, "generate")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"docs/index.md:1:1: {NOT_OURS}, and generate would overwrite it; move your text out of it (the engine writes "
        "docs/index.md), or delete the file to let the engine write it"
    )
    assert index.read_text(encoding="utf-8") == "# Our own home page\n"
    assert not (project / "docs" / "claims").exists()  # nothing at all was written


def test_pages_an_older_engine_generated_are_adopted(project: Path) -> None:
    # a docs folder generated before the manifest existed: the pages the engine writes again are its own
    assert qantar(project, "generate").returncode == 0
    (project / "docs" / ".qantar-manifest").unlink()
    page = project / "docs" / "claims" / "official-toll-12.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nold\n", encoding="utf-8")
    result = qantar(project, "generate")
    assert result.returncode == 0, result.stderr
    assert "(1 written," in result.stdout
    assert (project / "docs" / ".qantar-manifest").is_file()


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_source_date_epoch_builds(project: Path, value: str) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace("offline_copy = true", "offline_copy = false"), encoding="utf-8"
    )
    result = mkdocs(project, "build", "--site-dir", str(project.parent / "site"), SOURCE_DATE_EPOCH=value)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_malformed_source_date_epoch_is_refused_in_one_line(project: Path, command: str) -> None:
    result = qantar(project, command, SOURCE_DATE_EPOCH="yesterday")
    assert (result.returncode, result.stderr) == (
        2,
        f"qantar {command}: SOURCE_DATE_EPOCH is 'yesterday', not a number of seconds since 1970; set it to a whole "
        "number, such as $(git log -1 --format=%ct), or leave it empty\n",
    )
