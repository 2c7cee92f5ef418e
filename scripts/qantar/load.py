"""Load: read every record file into plain data, keeping the line and column of every value.

YAML is composed (not constructed) with libyaml's C loader, so that positions cost nothing
extra and nothing in a file can build a Python object. Scalars stay strings: the schema
(model.py) decides what a value means, not YAML's implicit typing ("no" is not False, 2022-01
is not a date until the schema says so).
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .problems import Problems

try:
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is part of PyYAML's wheels
    _BaseLoader = yaml.SafeLoader  # type: ignore[misc]

_STR = "tag:yaml.org,2002:str"
_IMPLICIT_TAGS = {"": "tag:yaml.org,2002:null", "~": "tag:yaml.org,2002:null", "null": "tag:yaml.org,2002:null",
                  "Null": "tag:yaml.org,2002:null", "NULL": "tag:yaml.org,2002:null",
                  "<<": "tag:yaml.org,2002:merge", "=": "tag:yaml.org,2002:value"}


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The C loader with a quicker resolver for plain scalars.

    Records only ever ask whether a plain scalar is null, a merge key or the '=' value key (everything else
    stays a string for the schema to read), so the implicit bool/int/float/timestamp patterns that PyYAML
    tries on every scalar are skipped: those tags would all be accepted and read as strings anyway.
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _IMPLICIT_TAGS.get(value, _STR) if implicit[0] else _STR
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]

MAX_RECORD_BYTES = 256 * 1024
MAX_SOURCE_BYTES = 4 * 1024 * 1024

Path_ = tuple[Any, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
_NULL = "tag:yaml.org,2002:null"


@dataclass
class RawRecord:
    """A record as written: data (dicts, lists, strings, None) and where each part stands."""

    kind: str
    path: str  # relative to the project root, with forward slashes
    stem: str  # the file name without its extension
    data: dict[str, Any]
    value_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    failed: set[Path_] = field(default_factory=set)  # paths whose values the schema refused
    body: str = ""  # for sources: the article text
    body_line: int = 0  # the line on which the body starts

    def position(self, *path: Any) -> tuple[int, int]:
        """Where a value stands; falls back to its key, its parent, then the top of the file."""
        trail: Path_ = tuple(path)
        while trail:
            if trail in self.value_positions:
                return self.value_positions[trail]
            if trail in self.key_positions:
                return self.key_positions[trail]
            trail = trail[:-1]
        return (1, 1)

    def refused(self, *prefix: Any) -> bool:
        """Whether validation refused this value (or anything inside it)."""
        return any(path[: len(prefix)] == tuple(prefix) for path in self.failed)

    def key_position(self, *path: Any) -> tuple[int, int]:
        """Where a field's name stands (for 'unknown field' and 'missing field' messages)."""
        return self.key_positions.get(tuple(path)) or self.position(*path)


class _NodeError(Exception):
    def __init__(self, line: int, column: int, field: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.line, self.column, self.field, self.message, self.hint = line, column, field, message, hint


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def dotted(path: Path_) -> str:
    """A field path as editors read it: evidence[0].quote."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _Converter:
    """Turn a composed node tree into plain data, refusing what a record must not contain."""

    def __init__(self, line_offset: int, text: str = "") -> None:
        self.offset = line_offset
        self.text = text
        self.seen: set[int] = set()
        self.values: dict[Path_, tuple[int, int]] = {}
        self.keys: dict[Path_, tuple[int, int]] = {}

    def where(self, node: yaml.Node) -> tuple[int, int]:
        line, column = _mark(node)
        return line + self.offset, column

    def alias_position(self) -> tuple[int, int] | None:
        """Where the first alias stands (composed nodes only know the anchor's position)."""
        try:
            for event in yaml.parse(self.text, Loader=_Loader):
                if isinstance(event, yaml.AliasEvent):
                    return event.start_mark.line + 1 + self.offset, event.start_mark.column + 1
        except yaml.YAMLError:
            return None
        return None

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        key = id(node)
        if key in self.seen:
            line, column = self.alias_position() or self.where(node)
            raise _NodeError(line, column, dotted(path), "YAML aliases (*name) are not allowed",
                             "write the value out in full instead of referring to an anchor")
        self.seen.add(key)
        tag = node.tag
        if tag not in _PLAIN_TAGS:
            line, column = self.where(node)
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _NodeError(line, column, dotted(path), f"the YAML tag '{shown}' is not allowed",
                             "remove the tag (the part starting with '!'); records hold plain text, lists "
                             "and mappings only")
        mark = node.start_mark
        self.values[path] = (mark.line + 1 + self.offset, mark.column + 1)
        kind = type(node)
        if kind is yaml.ScalarNode:
            return None if tag == _NULL else node.value
        if kind is yaml.SequenceNode:
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        return self.convert_mapping(node, path)

    def convert_mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        keys = self.keys
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            line, column = mark.line + 1 + self.offset, mark.column + 1
            if type(key_node) is not yaml.ScalarNode or key_node.tag == "tag:yaml.org,2002:merge":
                raise _NodeError(line, column, dotted(path), "YAML merge keys (<<) and complex keys are not "
                                 "allowed", "write each field out in full")
            key = key_node.value
            here = (*path, key)
            if key in result:
                first_line = keys[here][0]
                raise _NodeError(line, column, dotted(here),
                                 f"duplicate field (first given on line {first_line})",
                                 "keep one of the two; YAML would silently drop the first")
            keys[here] = (line, column)
            result[key] = self.convert(value_node, here)
        return result


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
    problems.error(rel, line, column, "", f"the file contains the invisible character U+{ord(char):04X} ({name})",
                   "delete it: it can make text display in a misleading order or break pages")
    return True


def _decode(raw: bytes, rel: str, problems: Problems, limit: int) -> str | None:
    if len(raw) > limit:
        problems.error(rel, 1, 1, "", f"the file is {len(raw):,} bytes, over the limit of {limit:,}",
                       "split it, or shorten it; records are meant to be small")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark from a Windows editor: harmless, dropped
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problems.error(rel, line, column, "", f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
                       "save the file as UTF-8 in your editor")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _first_bad_character(text, rel, problems):
        return None
    return text


@dataclass
class ParsedMapping:
    data: dict[str, Any]
    values: dict[Path_, tuple[int, int]]
    keys: dict[Path_, tuple[int, int]]


def parse_mapping(text: str, rel: str, problems: Problems, line_offset: int = 0) -> ParsedMapping | None:
    """Compose YAML text into a mapping; report syntax and structure problems with their position."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context and "quoted scalar" in error.context and error.context_mark:
            mark = error.context_mark  # an unclosed quote: point at where it opens, not at the end of the file
        line = (mark.line + 1 + line_offset) if mark else 1
        column = (mark.column + 1) if mark else 1
        what = (error.problem or "invalid YAML").strip()
        if error.context:
            what = f"{error.context.strip()}, {what}"
        hint = "check the indentation and quoting on this line and the one before it"
        problem_at = error.problem_mark.index if error.problem_mark else -1
        if "\\t" in what or "tab" in what.lower() or (0 <= problem_at < len(text) and text[problem_at] == "\t"):
            hint = "YAML indents with spaces only; replace the tab with spaces"
        problems.error(rel, line, column, "", f"YAML syntax error: {what}", hint)
        return None
    except yaml.YAMLError as error:
        problems.error(rel, 1 + line_offset, 1, "", f"YAML error: {error}", "check the file's syntax")
        return None
    if node is None:
        problems.error(rel, 1 + line_offset, 1, "", "the record is empty",
                       "write the record's fields, starting with 'id:'")
        return None
    converter = _Converter(line_offset, text)
    if not isinstance(node, yaml.MappingNode):
        line, column = converter.where(node)
        shape = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        problems.error(rel, line, column, "", f"the record is {shape}, not a set of fields",
                       "write one 'field: value' per line, starting with 'id:'")
        return None
    try:
        data = converter.convert(node, ())
    except _NodeError as error:
        problems.error(rel, error.line, error.column, error.field, error.message, error.hint)
        return None
    return ParsedMapping(data, converter.values, converter.keys)


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def load_yaml_record(path: Path, root: Path, kind: str, problems: Problems) -> RawRecord | None:
    """Read one YAML record file."""
    rel = _relative(path, root)
    text = _decode(path.read_bytes(), rel, problems, MAX_RECORD_BYTES)
    if text is None:
        return None
    parsed = parse_mapping(text, rel, problems)
    if parsed is None:
        return None
    return RawRecord(kind, rel, path.stem, parsed.data, parsed.values, parsed.keys)


_FRONT_MATTER = frontmatter.YAMLHandler()


def load_source(path: Path, root: Path, problems: Problems) -> RawRecord | None:
    """Read one source: YAML front matter, then the article text as published."""
    rel = _relative(path, root)
    text = _decode(path.read_bytes(), rel, problems, MAX_SOURCE_BYTES)
    if text is None:
        return None
    if not re.match(r"-{3,}[ \t]*\n", text):
        problems.error(rel, 1, 1, "", "the source has no front matter",
                       "start the file with a line '---', the fields, and another line '---'")
        return None
    try:
        front, body = _FRONT_MATTER.split(text)
    except ValueError:
        problems.error(rel, 1, 1, "", "the front matter does not close",
                       "add a line '---' after the last field, before the article text")
        return None
    parsed = parse_mapping(front, rel, problems)
    if parsed is None:
        return None
    body_line = front.count("\n") + 2
    return RawRecord("source", rel, path.stem, parsed.data, parsed.values, parsed.keys,
                     body=body.strip("\n"), body_line=body_line)




@dataclass
class RawCorpus:
    sources: list[RawRecord] = field(default_factory=list)
    actors: list[RawRecord] = field(default_factory=list)
    events: list[RawRecord] = field(default_factory=list)
    questions: list[RawRecord] = field(default_factory=list)
    claims: list[RawRecord] = field(default_factory=list)
    places: list[RawRecord] = field(default_factory=list)
    unreadable: dict[str, set[str]] = field(default_factory=dict)  # kind -> stems of files that failed to load

    def of_kind(self, kind: str) -> list[RawRecord]:
        return {"actor": self.actors, "event": self.events, "question": self.questions, "place": self.places}[kind]

    def all(self) -> list[RawRecord]:
        return self.sources + self.actors + self.events + self.questions + self.claims + self.places


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """A folder's entries sorted by name (as sorting their paths would), read with one scandir call."""
    try:
        with os.scandir(folder) as scan:
            return sorted(scan, key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError):
        return []


def _files(folder: Path, suffix: str) -> list[Path]:
    if not folder.is_dir():
        return []
    return [folder / entry.name for entry in _entries(folder)
            if entry.is_file() and os.path.splitext(entry.name)[1] == suffix]


def _report_strays(folder: Path, expected: set[str], root: Path, problems: Problems) -> None:
    """Files that the engine would silently ignore are reported, so nothing an editor wrote is lost."""
    if not folder.is_dir():
        return
    for entry in _entries(folder):
        path = folder / entry.name
        if path.name.startswith(".") or path.name in {"README.md"}:
            continue
        if entry.is_dir():
            continue
        if path.suffix not in expected:
            hint = "rename it to end in .yaml" if path.suffix in {".yml", ".YAML", ".yaml~"} else \
                "move it out of this folder; only " + " and ".join(sorted(expected)) + " files are read here"
            problems.error(_relative(path, root), 1, 1, "", "this file is not read by the build", hint)


def _report_unknown_folders(claims: Path, known: set[str], root: Path, problems: Problems) -> None:
    """Files in a sub-folder the engine does not read (claims/event/ for claims/events/) are reported, not lost."""
    if not claims.is_dir():
        return
    for folder in sorted(p for p in claims.iterdir() if p.is_dir() and p.name not in known
                         and not p.name.startswith(".")):
        close = difflib.get_close_matches(folder.name, sorted(known), n=1, cutoff=0.6)
        hint = f"did you mean to put it in {claims.name}/{close[0]}/?" if close else \
            "move it to " + ", ".join(f"{claims.name}/{name}/" for name in sorted(known)) + f" or {claims.name}/"
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            problems.error(_relative(path, root), 1, 1, "", "this file is not read by the build", hint)


def load_corpus(root: Path, sources_dir: str, claims_dir: str, problems: Problems,
                record_folders: dict[str, str]) -> RawCorpus:
    """Read every record file under the sources and claims folders (actors, events, … in the given sub-folders)."""
    corpus = RawCorpus()
    sources = root / sources_dir
    claims = root / claims_dir
    _report_strays(sources, {".md"}, root, problems)
    for path in _files(sources, ".md"):
        record = load_source(path, root, problems)
        if record:
            corpus.sources.append(record)
        else:
            corpus.unreadable.setdefault("source", set()).add(path.stem)
    _report_strays(claims, {".yaml"}, root, problems)
    for path in _files(claims, ".yaml"):
        record = load_yaml_record(path, root, "claim", problems)
        if record:
            corpus.claims.append(record)
        else:
            corpus.unreadable.setdefault("claim", set()).add(path.stem)
    _report_unknown_folders(claims, set(record_folders.values()), root, problems)
    for kind, folder in record_folders.items():
        _report_strays(claims / folder, {".yaml"}, root, problems)
        target = corpus.of_kind(kind)
        for path in _files(claims / folder, ".yaml"):
            record = load_yaml_record(path, root, kind, problems)
            if record:
                target.append(record)
            else:
                corpus.unreadable.setdefault(kind, set()).add(path.stem)
    return corpus
