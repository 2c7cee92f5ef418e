"""`qantar check` keeps published addresses: a record renamed (or removed) without `redirect_from` fails the check.

Each test makes a throwaway git repository holding the fixture corpus on `main`, then edits it on a branch as an
editor would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_CORPUS

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
OLD = "claims/official-toll-12.yaml"
NEW = "claims/officials-toll-twelve.yaml"


def git(root: Path, *arguments: str) -> str:
    completed = subprocess.run(
        ["git", *arguments], cwd=root, capture_output=True, text=True, env=dict(os.environ, **GIT_ENV), check=True
    )
    return completed.stdout


def qantar_check(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qantar.cli", "--root", str(root), "check", *arguments],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """The fixture corpus, committed on main, with a branch `edit` checked out."""
    root = tmp_path / "repository"
    shutil.copytree(FIXTURE_CORPUS, root)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "The published corpus")
    git(root, "switch", "--quiet", "-c", "edit")
    return root


def rename(root: Path, stage: bool) -> None:
    """Rename the claim as an editor would: new file name, new id, nothing else."""
    text = (root / OLD).read_text(encoding="utf-8").replace("id: official-toll-12", "id: officials-toll-twelve")
    (root / NEW).write_text(text, encoding="utf-8")
    (root / OLD).unlink()
    if stage:
        git(root, "add", "-A")


FAILED = (
    "claims/officials-toll-twelve.yaml:1:1: redirect_from: the claim 'official-toll-12' was published "
    "(claims/official-toll-12.yaml at main {commit}) and no record carries its id any more, so its address and "
    "every citation of it would break; add `redirect_from: [official-toll-12]` to "
    "claims/officials-toll-twelve.yaml, the record that replaces it"
)


@pytest.mark.parametrize("committed", [False, True], ids=["in-the-work-tree", "committed"])
def test_a_rename_without_redirect_fails_naming_the_old_id_and_the_file(repository: Path, committed: bool) -> None:
    rename(repository, stage=committed)
    if committed:
        git(repository, "commit", "--quiet", "-m", "Rename")
    result = qantar_check(repository)
    assert result.returncode == 1, result.stdout + result.stderr
    commit = git(repository, "rev-parse", "main").strip()[:12]
    assert result.stderr.splitlines()[:2] == [FAILED.format(commit=commit), "1 error(s), 0 warning(s)"]


def test_the_redirect_makes_the_rename_pass(repository: Path) -> None:
    rename(repository, stage=False)
    text = (repository / NEW).read_text(encoding="utf-8")
    (repository / NEW).write_text(text + "redirect_from: [official-toll-12]\n", encoding="utf-8")
    result = qantar_check(repository)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("check passed: ")


def test_a_removed_record_fails_and_says_to_restore_it_or_redirect(repository: Path) -> None:
    (repository / OLD).unlink()
    result = qantar_check(repository)
    assert result.returncode == 1
    (line,) = [line for line in result.stderr.splitlines() if "redirect_from:" in line]
    assert line.startswith(
        "claims/official-toll-12.yaml:1:1: redirect_from: the claim 'official-toll-12' was published"
    )
    assert line.endswith(
        "add `redirect_from: [official-toll-12]` to the record that replaces it, or restore "
        "claims/official-toll-12.yaml"
    )


def test_a_renamed_records_own_redirects_must_move_with_it(repository: Path) -> None:
    old = repository / OLD
    old.write_text(old.read_text(encoding="utf-8") + "redirect_from: [toll-12-official]\n", encoding="utf-8")
    git(repository, "commit", "--quiet", "-am", "An older rename")
    git(repository, "branch", "--force", "main", "HEAD")  # published
    rename(repository, stage=False)
    text = (repository / NEW).read_text(encoding="utf-8").replace("redirect_from: [toll-12-official]\n", "")
    (repository / NEW).write_text(text + "redirect_from: [official-toll-12]\n", encoding="utf-8")
    result = qantar_check(repository)
    assert result.returncode == 1
    assert "the claim 'toll-12-official' was published" in result.stderr
    assert "add `redirect_from: [toll-12-official]` to claims/officials-toll-twelve.yaml" in result.stderr


def test_base_names_the_published_branch(repository: Path) -> None:
    git(repository, "branch", "-m", "main", "published")
    rename(repository, stage=False)
    without = qantar_check(repository)
    assert without.returncode == 0, "no main: nothing to compare with, so nothing fails"
    assert "note: published ids not compared: no branch 'main' (nor 'origin/main') to compare with" in without.stderr
    result = qantar_check(repository, "--base", "published")
    assert result.returncode == 1
    assert "the claim 'official-toll-12' was published (claims/official-toll-12.yaml at published " in result.stderr
    unknown = qantar_check(repository, "--base", "nosuch")
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "qantar check: --base: no branch or commit 'nosuch' to compare record ids with"


def test_outside_git_nothing_is_compared_and_nothing_said(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    shutil.copytree(FIXTURE_CORPUS, root)
    result = subprocess.run(
        [sys.executable, "-m", "qantar.cli", "--root", str(root), "check"],
        capture_output=True,
        text=True,
        env=dict(os.environ, GIT_CEILING_DIRECTORIES=str(tmp_path)),
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_a_shallow_history_without_main_is_noted(repository: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "--quiet", "--depth=1", "--branch=edit", f"file://{repository}", str(clone))
    git(clone, "update-ref", "-d", "refs/remotes/origin/main")
    result = qantar_check(clone)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("note: published ids not compared: no branch 'main' (nor 'origin/main')")
