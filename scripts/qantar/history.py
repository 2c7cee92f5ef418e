"""History: when each record file was added and changed, read from git in ONE `git log` for the whole corpus.

The log is read once per build (never once per file), over the records' folders only. Without git, or
outside a repository (a copy of the project, a tarball), the history is empty and pages say nothing
about it. The same commit always gives the same history, so the same pages.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_RECORD = "\x1e"  # starts each commit in the log
_FIELD = "\x1f"  # separates a commit's hash, date and subject
LOG_FORMAT = f"{_RECORD}%H{_FIELD}%cI{_FIELD}%s"
ACTIONS = {"A": "added", "M": "changed", "D": "deleted", "R": "renamed", "C": "added", "T": "changed"}


@dataclass(frozen=True)
class Change:
    """One commit that touched one record file."""

    commit: str  # the full hash
    date: str  # the commit date, YYYY-MM-DD
    message: str  # the commit's subject line
    action: str  # added | changed | renamed | deleted
    renamed_from: str = ""  # for a rename: the file's previous path

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass
class History:
    """Every record file's changes, newest first, by the file's current path (relative to the project)."""

    changes: dict[str, list[Change]] = field(default_factory=dict)

    def of(self, path: str) -> list[Change]:
        return self.changes.get(path, [])

    def added(self, path: str) -> Change | None:
        """The oldest commit of the file's history (under its current or any earlier name)."""
        changes = self.of(path)
        return changes[-1] if changes else None

    def last_changed(self, path: str) -> Change | None:
        changes = self.of(path)
        return changes[0] if changes else None

    def __bool__(self) -> bool:
        return bool(self.changes)


def parse_log(text: str) -> History:
    """Read `git log --name-status --format=LOG_FORMAT` output (newest commit first).

    A rename carries the older history over to the new name, so a renamed record keeps its past.
    """
    history = History()
    current_name: dict[str, str] = {}  # a path as it was named in an older commit -> its name today
    for block in text.split(_RECORD)[1:]:
        header, _newline, body = block.partition("\n")
        parts = header.split(_FIELD)
        if len(parts) != 3:
            continue
        commit, date, message = parts[0].strip(), parts[1].strip()[:10], parts[2].strip()
        for line in body.splitlines():
            columns = line.split("\t")
            if len(columns) < 2 or not columns[0]:
                continue
            status = columns[0][0]
            action = ACTIONS.get(status)
            if action is None:
                continue
            if status in "RC" and len(columns) >= 3:
                old, new = columns[1], columns[2]
                today = current_name.get(new, new)
                renamed_from = old if status == "R" else ""
                history.changes.setdefault(today, []).append(Change(commit, date, message, action, renamed_from))
                if status == "R":
                    current_name[old] = today
                continue
            path = columns[1]
            today = current_name.get(path, path)
            history.changes.setdefault(today, []).append(Change(commit, date, message, action))
    return history


def read_history(root: Path, folders: Iterable[str], timeout: float = 60.0) -> History:
    """The history of every file under these folders of the project, from one `git log`; empty without git."""
    command = ["git", "-c", "log.showSignature=false", "-c", "core.quotePath=false", "log", "--no-color",
               "--relative", "-M", "--name-status", f"--format={LOG_FORMAT}", "HEAD", "--", *folders]
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    try:
        completed = subprocess.run(command, cwd=root, env=environment, capture_output=True, timeout=timeout,
                                   check=False)
    except (OSError, subprocess.SubprocessError):
        return History()  # no git on this machine, or it hung: the site is built without history
    if completed.returncode != 0:
        return History()  # not a repository (a copy of the project), or no commit yet
    return parse_log(completed.stdout.decode("utf-8", errors="replace"))
