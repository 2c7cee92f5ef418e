"""History: every version of every record file, read from git with ONE `git log` and ONE `git cat-file`.

The log (with each change's content ids) is read once per build, over the records' folders only; then every
version's text is read in one batch. What changed *in a record* between two versions is worked out later
(changes.py): this module only knows files and commits. Without git, or outside a repository (a copy of the
project, a tarball), the history is empty and pages say nothing about it. The same commit always gives the same
history, so the same pages.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

_RECORD = "\x1e"  # starts each commit in the log
_FIELD = "\x1f"  # separates a commit's hash and date
LOG_FORMAT = f"{_RECORD}%H{_FIELD}%cI"
ACTIONS = {"A": "added", "M": "changed", "D": "deleted", "R": "renamed", "C": "added", "T": "changed"}
_NO_BLOB = "0" * 40


@dataclass(frozen=True)
class Version:
    """A record file as one commit left it."""

    commit: str  # the full hash
    date: str  # the commit's date and time, ISO 8601 with its offset (2026-11-23T19:18:51+00:00)
    action: str  # added | changed | renamed | deleted
    blob: str = ""  # the id of the file's content at this commit ("" once deleted)
    renamed_from: str = ""  # for a rename: the file's previous path
    text: str | None = None  # the file's content at this commit (None: deleted, or not read)

    @property
    def day(self) -> str:
        return self.date[:10]


@dataclass
class History:
    """Every record file's versions, newest first, by the file's current path (relative to the project)."""

    versions: dict[str, list[Version]] = field(default_factory=dict)

    def of(self, path: str) -> list[Version]:
        return self.versions.get(path, [])

    def commits(self) -> list[tuple[str, str]]:
        """Every commit that touched a record, as (hash, date), oldest first."""
        seen = {(v.commit, v.date) for versions in self.versions.values() for v in versions}
        return sorted(seen, key=lambda item: (item[1], item[0]))

    def __bool__(self) -> bool:
        return bool(self.versions)


def parse_log(text: str) -> History:
    """Read `git log --raw --no-abbrev --format=LOG_FORMAT` output (newest commit first).

    A rename carries the older history over to the new name, so a renamed record keeps its past.
    """
    history = History()
    current_name: dict[str, str] = {}  # a path as it was named in an older commit -> its name today
    for block in text.split(_RECORD)[1:]:
        header, _newline, body = block.partition("\n")
        parts = header.split(_FIELD)
        if len(parts) != 2:
            continue
        commit, date = parts[0].strip(), parts[1].strip()
        for line in body.splitlines():
            meta, _tab, names = line.partition("\t")
            columns = meta.split()
            if not line.startswith(":") or len(columns) < 5 or not names:
                continue
            status, blob = columns[4][0], columns[3]
            action = ACTIONS.get(status)
            if action is None:
                continue
            content = "" if status == "D" or blob == _NO_BLOB else blob
            paths = names.split("\t")
            if status in "RC" and len(paths) >= 2:
                old, new = paths[0], paths[1]
                today = current_name.get(new, new)
                version = Version(commit, date, action, content, old if status == "R" else "")
                history.versions.setdefault(today, []).append(version)
                if status == "R":
                    current_name[old] = today
                continue
            today = current_name.get(paths[0], paths[0])
            history.versions.setdefault(today, []).append(Version(commit, date, action, content))
    return history


def join_former_names(history: History, former_paths: dict[str, list[str]]) -> History:
    """Carry a renamed record's past over from the files it had under its former ids (its redirect_from), where git
    saw no rename because the file changed too much as it moved: when one commit deleted the former file and added
    today's, that addition becomes the move from the former file, whose deletion is dropped."""
    versions = dict(history.versions)
    for path, formers in former_paths.items():
        for former in formers:
            past = versions.get(former, [])
            present = versions.get(path, [])
            if not past or not present or past[0].action != "deleted" or present[-1].action != "added":
                continue
            if past[0].commit != present[-1].commit:
                continue  # deleted and added apart: a merge into an older record, not a move
            moved = replace(present[-1], action="renamed", renamed_from=former)
            versions[path] = [*present[:-1], moved, *past[1:]]
            del versions[former]
    return History(versions)


def parse_batch(output: bytes) -> dict[str, str]:
    """Read `git cat-file --batch` output: each object's header line, then exactly its size in bytes."""
    texts: dict[str, str] = {}
    position = 0
    while position < len(output):
        end = output.find(b"\n", position)
        if end < 0:
            break
        header = output[position:end].decode("ascii", errors="replace").split()
        position = end + 1
        if len(header) != 3:  # "<id> missing"
            continue
        size = int(header[2])
        texts[header[0]] = output[position : position + size].decode("utf-8", errors="replace")
        position += size + 1
    return texts


def _git(root: Path, arguments: list[str], timeout: float, given: bytes | None = None) -> bytes | None:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    command = ["git", "-c", "log.showSignature=false", "-c", "core.quotePath=false", *arguments]
    try:
        completed = subprocess.run(
            command, cwd=root, env=environment, capture_output=True, timeout=timeout, check=False, input=given
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no git on this machine, or it hung
    return completed.stdout if completed.returncode == 0 else None


def read_history(root: Path, folders: Iterable[str], timeout: float = 60.0) -> History:
    """Every version of every file under these folders, from one `git log` and one `git cat-file --batch`;
    empty without git."""
    log = _git(
        root,
        [
            "log",
            "--no-color",
            "--relative",
            "-M",
            "--raw",
            "--no-abbrev",
            f"--format={LOG_FORMAT}",
            "HEAD",
            "--",
            *folders,
        ],
        timeout,
    )
    if log is None:
        return History()  # not a repository (a copy of the project), no commit yet, or no git
    history = parse_log(log.decode("utf-8", errors="replace"))
    blobs = sorted({v.blob for versions in history.versions.values() for v in versions if v.blob})
    output = _git(root, ["cat-file", "--batch"], timeout, "".join(f"{blob}\n" for blob in blobs).encode("ascii"))
    texts = parse_batch(output or b"")
    history.versions = {
        path: [replace(v, text=texts.get(v.blob)) if v.blob else v for v in versions]
        for path, versions in history.versions.items()
    }
    return history
