"""Renames: a record id that was published must keep its address.

Every record's page lives at its id. When an editor renames a record (or removes one) the published address and
every citation of it break, unless the record that replaces it lists the old id in `redirect_from`. This module
compares the ids of the published corpus (the commit where this branch left `main`) with the records in the work
tree, and reports every published id that is gone without a redirect, naming the file that should carry it.
Outside a git work tree it compares nothing and says nothing; in one without the base, it says why in `note`.

Git is asked three things, once each: the base commit, the record files at that commit, and (for the few ids that
are gone) their old text. Without git, or without the base, nothing is compared and `note` says why.
"""

from __future__ import annotations

import difflib
import subprocess
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import yaml

from .config import Settings
from .model import Corpus
from .problems import Problems
from .schemas import SCHEMAS

DEFAULT_BASES = ("main", "origin/main")  # the published branch, locally or as fetched in CI


@dataclass
class RenameCheck:
    """What the comparison found: the base it compared with (empty when it could not) and why not."""

    base: str = ""
    base_commit: str = ""
    note: str = ""
    published: int = 0  # record ids at the base
    problems: Problems = field(default_factory=Problems)


class _NoHistory(Exception):
    """Why the comparison cannot be made (no git, no history to compare with)."""


class _NotARepository(_NoHistory):
    """The project is not in a git work tree (a copy, an unpacked archive): nothing was published from here."""


class UnknownBase(ValueError):
    """The base given with --base names no commit."""


def _git(settings: Settings, *arguments: str) -> str:
    try:
        completed = subprocess.run(
            ["git", *arguments], cwd=settings.root, capture_output=True, text=True, encoding="utf-8", timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise _NoHistory(f"git could not be run ({error})") from error
    if completed.returncode != 0:
        raise _NoHistory(
            completed.stderr.strip().splitlines()[-1]
            if completed.stderr.strip()
            else f"git {' '.join(arguments)} failed"
        )
    return completed.stdout


def _base_commit(settings: Settings, base: str | None) -> tuple[str, str]:
    """(the ref compared with, the commit where HEAD left it)."""
    try:
        _git(settings, "rev-parse", "--git-dir")
    except _NoHistory as why:
        raise _NotARepository(str(why)) from why
    candidates = (base,) if base else DEFAULT_BASES
    for ref in candidates:
        try:
            _git(settings, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        except _NoHistory:
            continue
        return ref, _git(settings, "merge-base", "HEAD", ref).strip()
    if base:
        raise UnknownBase(f"no branch or commit '{base}' to compare record ids with")
    raise _NoHistory("no branch 'main' (nor 'origin/main') to compare with; fetch it, or give --base REF")


def _kind_of(path: str, settings: Settings) -> tuple[str, str] | None:
    """(kind, id) of a record file path in the repository, or None for any other file."""
    posix = PurePosixPath(path)
    if posix.parent == PurePosixPath(settings.sources) and posix.suffix == ".md":
        return "source", posix.stem
    if posix.suffix != ".yaml":
        return None
    for kind, schema in SCHEMAS.items():
        if kind != "source" and posix.parent == PurePosixPath(settings.claims, schema.folder):
            return kind, posix.stem
    return None


def _published_files(settings: Settings, commit: str) -> dict[tuple[str, str], str]:
    """(kind, id) -> the file's path (from the project folder, as git prints it) for every record at the commit."""
    listed = _git(settings, "ls-tree", "-r", "--name-only", commit, "--", settings.sources, settings.claims)
    files: dict[tuple[str, str], str] = {}
    for relative in listed.splitlines():
        key = _kind_of(relative, settings)
        if key:
            files[key] = relative
    return files


def _old_text(settings: Settings, commit: str, relative: str) -> str:
    try:
        return _git(settings, "show", f"{commit}:./{relative}")
    except _NoHistory:
        return ""


def _old_redirects(text: str) -> list[str]:
    """The redirect_from ids a record file had (front matter for a source), or none when it does not parse."""
    body = text.split("\n---", 1)[0].removeprefix("---\n") if text.startswith("---") else text
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError:
        return []
    redirects = data.get("redirect_from") if isinstance(data, dict) else None
    return [str(item) for item in redirects] if isinstance(redirects, list) else []


def _likeliest_successor(old_text: str, old_id: str, candidates: dict[str, str]) -> str:
    """Of the records that are new on this branch, the path of the one whose text is nearest the old record's."""
    best, best_ratio = "", 0.5  # below half alike, it is another record: name none
    old = old_text.replace(old_id, "")
    for path, text in sorted(candidates.items()):
        matcher = difflib.SequenceMatcher(None, old, text, autojunk=False)
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = path, ratio
    return best


def _changed_files(settings: Settings, commit: str) -> set[str]:
    """Record files the work tree has changed or removed since the commit (their old redirects may be gone)."""
    listed = _git(
        settings, "diff", "--name-only", "--no-renames", "--relative", commit, "--", settings.sources, settings.claims
    )
    return set(listed.splitlines())


def check_renames(settings: Settings, corpus: Corpus, base: str | None = None) -> RenameCheck:
    """Report every record id published at the base (as an id or a redirect) that no record carries any more."""
    result = RenameCheck()
    try:
        result.base, result.base_commit = _base_commit(settings, base)
        published = _published_files(settings, result.base_commit)
        changed = _changed_files(settings, result.base_commit)
    except _NotARepository:
        return result  # silently: a copy outside git has no published corpus to keep
    except _NoHistory as why:
        result.note = f"published ids not compared: {why}"
        return result
    result.published = len(published)
    carried: dict[str, dict[str, str]] = {kind: {} for kind in SCHEMAS}  # id or redirect -> the file carrying it
    new_records: dict[str, dict[str, str]] = {kind: {} for kind in SCHEMAS}  # path -> text, of ids new here
    for kind in SCHEMAS:
        for record in corpus.of_kind(kind).values():
            carried[kind][record.id] = record.path
            carried[kind].update(dict.fromkeys(record.redirect_from, record.path))
            if (kind, record.id) not in published:
                path = settings.root / record.path
                new_records[kind][record.path] = path.read_text(encoding="utf-8") if path.is_file() else ""
        carried[kind].update(dict.fromkeys(corpus.invalid_ids.get(kind, set()), ""))  # reported elsewhere
    short = result.base_commit[:12]
    for (kind, old_id), old_path in sorted(published.items()):
        if old_id in carried[kind] and old_path not in changed:
            continue
        text = _old_text(settings, result.base_commit, old_path) if old_path in changed else ""
        missing = [i for i in [old_id, *_old_redirects(text)] if i not in carried[kind]]
        if not missing:
            continue
        successor = carried[kind].get(old_id) or _likeliest_successor(text, old_id, new_records[kind])
        ids = ", ".join(missing)
        gone = missing[0]
        where = f"{old_path} at {result.base} {short}"
        message = (
            f"the {kind} '{gone}' was published ({where}) and no record carries its id any more, so its "
            "address and every citation of it would break"
            if gone == old_id
            else f"the {kind} '{gone}' was published (a redirect_from of {where}) and no record carries it any "
            "more, so its address and every citation of it would break"
        )
        if successor:
            hint = f"add `redirect_from: [{ids}]` to {successor}, the record that replaces it"
        else:
            hint = f"add `redirect_from: [{ids}]` to the record that replaces it, or restore {old_path}"
        result.problems.error(successor or old_path, 1, 1, "redirect_from", message, hint)
    return result
