"""Record files: which files of a records folder the build reads, and every other file there reported (links
are never followed, hidden and misplaced files are named), so that nothing an editor wrote is silently lost."""

from __future__ import annotations

import difflib
import os
import re
import stat
import unicodedata
from pathlib import Path

from .problems import Problems


def relative_to_root(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """A folder's entries sorted by name (as sorting their paths would), read with one scandir call."""
    try:
        with os.scandir(folder) as scan:
            return sorted(scan, key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError):
        return []


LINK_HINT = "put the file itself here: records are files in the repository, and the build never follows a link"


def _report_link(path: Path, root: Path, problems: Problems) -> None:
    problems.error(relative_to_root(path, root), 1, 1, "", "this is a symbolic link, not a file", LINK_HINT)


def readable_folder(folder: Path, root: Path, problems: Problems) -> bool:
    """Whether a records folder can be read: it exists, and is a folder of its own rather than a link to one."""
    if folder.is_symlink():
        problems.error(
            relative_to_root(folder, root),
            1,
            1,
            "",
            "this folder is a symbolic link, not a folder",
            "make it a folder holding the record files themselves; the build never follows a link",
        )
        return False
    return folder.is_dir()


def record_files(
    folder: Path, suffix: str, root: Path, problems: Problems, subfolders: tuple[str, ...] = ()
) -> list[Path]:
    """The record files directly in a folder; everything else in it that the build would not read is reported.

    Links are reported and never followed (not even to see what they point at), hidden files that look like
    records are reported, and so is every file in a sub-folder other than `subfolders`.
    """
    records: list[Path] = []
    for entry in _entries(folder):
        path = folder / entry.name
        name = entry.name
        if entry.is_symlink():
            if name not in subfolders:  # a linked record folder is reported when it is to be read
                _report_link(path, root, problems)
        elif entry.is_dir(follow_symlinks=False):
            if name not in subfolders and not name.startswith("."):
                _report_folder(path, folder, root, problems, subfolders)
        elif not entry.is_file(follow_symlinks=False):
            problems.error(
                relative_to_root(path, root),
                1,
                1,
                "",
                "this is not a regular file (a pipe, socket or device)",
                "remove it; records are plain text files",
            )
        elif name.startswith("."):
            bare = name.lstrip(".")[: -len(suffix)]
            if name.endswith(suffix) and bare:
                problems.error(
                    relative_to_root(path, root),
                    1,
                    1,
                    "",
                    "the file is hidden (its name starts with '.'), so the build would not read it",
                    f"rename it to {bare}{suffix}",
                )
            elif name.endswith(suffix):
                problems.error(
                    relative_to_root(path, root),
                    1,
                    1,
                    "",
                    f"the file has no name before '{suffix}'",
                    f"name it after the record's id: {relative_to_root(folder, root)}/<id>{suffix}",
                )
        elif os.path.splitext(name)[1] == suffix:
            records.append(path)
        elif name != "README.md":
            hint = (
                "rename it to end in .yaml"
                if path.suffix in {".yml", ".YAML", ".yaml~"}
                else f"move it out of this folder; only {suffix} files are read here"
            )
            problems.error(relative_to_root(path, root), 1, 1, "", "this file is not read by the build", hint)
    return records


def _report_folder(folder: Path, parent: Path, root: Path, problems: Problems, known: tuple[str, ...]) -> None:
    """Every file under a folder the build does not read is reported, so that nothing an editor wrote is lost."""
    close = difflib.get_close_matches(folder.name, sorted(known), n=1, cutoff=0.6)
    if close:
        hint = f"did you mean to put it in {relative_to_root(parent, root)}/{close[0]}/?"
    elif known:
        hint = (
            "move it to "
            + ", ".join(f"{relative_to_root(parent, root)}/{name}/" for name in sorted(known))
            + f" or {relative_to_root(parent, root)}/"
        )
    else:
        shown = relative_to_root(parent, root)
        hint = f"files in folders inside {shown}/ are not read: move it to {shown}/"
    for directory, folders, names in os.walk(folder, followlinks=False):
        folders.sort()
        for name in sorted(names + [f for f in folders if os.path.islink(os.path.join(directory, f))]):
            path = Path(directory) / name
            if path.is_symlink():
                _report_link(path, root, problems)
            else:
                problems.error(relative_to_root(path, root), 1, 1, "", "this file is not read by the build", hint)


_BAD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def _first_bad_character(text: str, rel: str, problems: Problems) -> bool:
    """Report a control character (or a Unicode line separator, which would shift every line number)."""
    found = _BAD_CHARACTERS.search(text)
    if not found:
        return False
    char = found.group(0)
    if char == "\x00":
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        problems.error(rel, line, column, "", "the file contains a NUL character", "save it again as plain text")
        return True
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    name = unicodedata.name(char, "control character")
    problems.error(
        rel,
        line,
        column,
        "",
        f"the file contains the invisible character U+{ord(char):04X} ({name})",
        "delete it: it can make text display in a misleading order or break pages",
    )
    return True


def decode_text(raw: bytes, rel: str, problems: Problems, limit: int) -> str | None:
    if len(raw) > limit:
        problems.error(
            rel,
            1,
            1,
            "",
            f"the file is {len(raw):,} bytes, over the limit of {limit:,}",
            "split it, or shorten it; records are meant to be small",
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark from a Windows editor: harmless, dropped
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problems.error(
            rel,
            line,
            column,
            "",
            f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            "save the file as UTF-8 in your editor",
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _first_bad_character(text, rel, problems):
        return None
    return text


def read_record_file(path: Path, rel: str, problems: Problems) -> bytes | None:
    """A regular file's bytes; a link (never followed), a pipe or a device is reported instead of read."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        if path.is_symlink():
            problems.error(rel, 1, 1, "", "this is a symbolic link, not a file", LINK_HINT)
        else:
            problems.error(rel, 1, 1, "", "the file cannot be read", "check that it exists and that you may read it")
        return None
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            problems.error(
                rel,
                1,
                1,
                "",
                "this is not a regular file (a pipe, socket or device)",
                "remove it; records are plain text files",
            )
            return None
        return file.read()
