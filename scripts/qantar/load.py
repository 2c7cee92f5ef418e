"""Load: read every record file into plain data, keeping the line and column of every value.

YAML is composed (not constructed) with libyaml's C loader, so that positions cost nothing
extra and nothing in a file can build a Python object. Scalars stay strings: the schema
(model.py) decides what a value means, not YAML's implicit typing ("no" is not False, 2022-01
is not a date until the schema says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from frontmatter.default_handlers import YAMLHandler

from .nesting import MAX_NESTING, too_deep
from .problems import Problems
from .record_files import decode_text, read_record_file, readable_folder, record_files, relative_to_root

_BaseLoader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_IMPLICIT_TAGS = {
    "": "tag:yaml.org,2002:null",
    "~": "tag:yaml.org,2002:null",
    "null": "tag:yaml.org,2002:null",
    "Null": "tag:yaml.org,2002:null",
    "NULL": "tag:yaml.org,2002:null",
    "<<": "tag:yaml.org,2002:merge",
    "=": "tag:yaml.org,2002:value",
}


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]  # a base chosen at import time
    """The C loader with a quicker resolver for plain scalars.

    Records only ever ask whether a plain scalar is null, a merge key or the '=' value key (everything else
    stays a string for the schema to read), so the implicit bool/int/float/timestamp patterns that PyYAML
    tries on every scalar are skipped: those tags would all be accepted and read as strings anyway.
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _IMPLICIT_TAGS.get(value, _STR) if implicit[0] else _STR
        resolved: str = super().resolve(kind, value, implicit)
        return resolved


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
                if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                    return event.start_mark.line + 1 + self.offset, event.start_mark.column + 1
        except yaml.YAMLError:
            return None
        return None

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        key = id(node)
        if key in self.seen:
            line, column = self.alias_position() or self.where(node)
            raise _NodeError(
                line,
                column,
                dotted(path),
                "YAML aliases (*name) are not allowed",
                "write the value out in full instead of referring to an anchor",
            )
        self.seen.add(key)
        tag = node.tag
        if tag not in _PLAIN_TAGS:
            line, column = self.where(node)
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _NodeError(
                line,
                column,
                dotted(path),
                f"the YAML tag '{shown}' is not allowed",
                "remove the tag (the part starting with '!'); records hold plain text, lists and mappings only",
            )
        mark = node.start_mark
        self.values[path] = (mark.line + 1 + self.offset, mark.column + 1)
        kind = type(node)
        if kind is yaml.ScalarNode:
            return None if tag == _NULL else node.value
        if kind is yaml.SequenceNode:
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        return self.convert_mapping(cast(yaml.MappingNode, node), path)

    def convert_mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        keys = self.keys
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            line, column = mark.line + 1 + self.offset, mark.column + 1
            if type(key_node) is not yaml.ScalarNode or key_node.tag == "tag:yaml.org,2002:merge":
                raise _NodeError(
                    line,
                    column,
                    dotted(path),
                    "YAML merge keys (<<) and complex keys are not allowed",
                    "write each field out in full",
                )
            key = key_node.value
            here = (*path, key)
            if key in result:
                first_line = keys[here][0]
                raise _NodeError(
                    line,
                    column,
                    dotted(here),
                    f"duplicate field (first given on line {first_line})",
                    "keep one of the two; YAML would silently drop the first",
                )
            keys[here] = (line, column)
            result[key] = self.convert(value_node, here)
        return result


@dataclass
class ParsedMapping:
    data: dict[str, Any]
    values: dict[Path_, tuple[int, int]]
    keys: dict[Path_, tuple[int, int]]


_QUOTED_VALUE = re.compile(r"""^(?P<lead>[ ]*(?:-[ ]+)*(?:(?P<key>[^\s'"#:\[\]{},-][^:#]*?):[ ]+)?)(?P<quote>["'])""")


def _closing_quote(line: str, opening: int) -> int:
    """Where YAML ends the quoted scalar that opens at `opening` (-1 if not on this line)."""
    mark = line[opening]
    at = opening + 1
    while True:
        at = line.find(mark, at)
        if at < 0:
            return -1
        if mark == "'" and line.startswith("''", at):
            at += 2
            continue
        if mark == '"':
            slashes = len(line[opening + 1 : at]) - len(line[opening + 1 : at].rstrip("\\"))
            if slashes % 2:
                at += 1
                continue
        return at


def _stray_quote(line: str) -> tuple[str, int, str, str] | None:
    """A quoted value that a straight quote of the same kind inside it ends early: the field, the column of that
    quote, what is wrong, and the line written so that YAML reads the whole value."""
    found = _QUOTED_VALUE.match(line)
    if found is None:
        return None
    lead, mark = found.group("lead"), found.group("quote")
    opening = found.start("quote")
    early = _closing_quote(line, opening)
    body = line.rstrip()
    if early < 0 or not body.endswith(mark) or len(body) - 1 <= early:
        return None
    inner = body[opening + 1 : -1]
    shown = lead.strip()
    if mark == '"' and "\\" not in inner:
        fixed, how = f"{shown} '{inner.replace(chr(39), chr(39) * 2)}'", "single quotes around it"
    elif mark == '"':
        escaped = re.sub(r'(?<!\\)((?:\\\\)*)"', r'\1\\"', inner)
        fixed, how = f'{shown} "{escaped}"', 'each " inside written \\"'
    else:
        fixed = f'{shown} "{inner.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'
        how = "double quotes around it"
    name = 'double quote (")' if mark == '"' else "single quote (')"
    block = f"'{shown} >-'"
    return (
        found.group("key") or "",
        early + 1,
        f"the value contains a straight {name}, which ends it early",
        f"write the line as {fixed.strip()} ({how}), or write {block} and the text on the next line, indented",
    )


def parse_mapping(text: str, rel: str, problems: Problems, line_offset: int = 0) -> ParsedMapping | None:
    """Compose YAML text into a mapping; report syntax and structure problems with their position."""
    deep = too_deep(text)
    if deep is not None:
        problems.error(
            rel,
            deep[0] + line_offset,
            deep[1],
            "",
            f"the YAML nests more than {MAX_NESTING} levels deep (lists and sets of fields inside one another)",
            "a record needs three levels at most: close the brackets opened here ([ with ], { with }) or indent less",
        )
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except RecursionError:  # the scan above makes this unreachable; kept so that no file can ever crash the engine
        problems.error(rel, 1 + line_offset, 1, "", "the YAML nests too deep to read", "indent less")
        return None
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
        mark = error.problem_mark
        stray = _stray_quote(text.split("\n")[mark.line]) if mark is not None else None
        if stray is not None and mark is not None:
            field_name, stray_column, message, stray_hint = stray
            problems.error(rel, mark.line + 1 + line_offset, stray_column, field_name, message, stray_hint)
            return None
        problems.error(rel, line, column, "", f"YAML syntax error: {what}", hint)
        return None
    except yaml.YAMLError as error:
        problems.error(rel, 1 + line_offset, 1, "", f"YAML error: {error}", "check the file's syntax")
        return None
    if node is None:
        problems.error(
            rel, 1 + line_offset, 1, "", "the record is empty", "write the record's fields, starting with 'id:'"
        )
        return None
    converter = _Converter(line_offset, text)
    if not isinstance(node, yaml.MappingNode):
        line, column = converter.where(node)
        shape = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        problems.error(
            rel,
            line,
            column,
            "",
            f"the record is {shape}, not a set of fields",
            "write one 'field: value' per line, starting with 'id:'",
        )
        return None
    try:
        data = converter.convert(node, ())
    except _NodeError as error:
        problems.error(rel, error.line, error.column, error.field, error.message, error.hint)
        return None
    except RecursionError:  # as above: unreachable after the scan, and never a crash
        problems.error(rel, 1 + line_offset, 1, "", "the YAML nests too deep to read", "indent less")
        return None
    return ParsedMapping(data, converter.values, converter.keys)


def load_yaml_record(path: Path, root: Path, kind: str, problems: Problems) -> RawRecord | None:
    """Read one YAML record file."""
    rel = relative_to_root(path, root)
    raw = read_record_file(path, rel, problems)
    text = None if raw is None else decode_text(raw, rel, problems, MAX_RECORD_BYTES)
    if text is None:
        return None
    parsed = parse_mapping(text, rel, problems)
    if parsed is None:
        return None
    return RawRecord(kind, rel, path.stem, parsed.data, parsed.values, parsed.keys)


_FRONT_MATTER = YAMLHandler()


def load_source(path: Path, root: Path, problems: Problems) -> RawRecord | None:
    """Read one source: YAML front matter, then the article text as published."""
    rel = relative_to_root(path, root)
    raw = read_record_file(path, rel, problems)
    text = None if raw is None else decode_text(raw, rel, problems, MAX_SOURCE_BYTES)
    if text is None:
        return None
    if not re.match(r"-{3,}[ \t]*\n", text):
        problems.error(
            rel,
            1,
            1,
            "",
            "the source has no front matter",
            "start the file with a line '---', the fields, and another line '---'",
        )
        return None
    try:
        front, body = _FRONT_MATTER.split(text)
    except ValueError:
        problems.error(
            rel,
            1,
            1,
            "",
            "the front matter does not close",
            "add a line '---' after the last field, before the article text",
        )
        return None
    parsed = parse_mapping(front, rel, problems)
    if parsed is None:
        return None
    body_line = front.count("\n") + 2
    return RawRecord(
        "source", rel, path.stem, parsed.data, parsed.values, parsed.keys, body=body.strip("\n"), body_line=body_line
    )


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


def load_corpus(
    root: Path, sources_dir: str, claims_dir: str, problems: Problems, record_folders: dict[str, str]
) -> RawCorpus:
    """Read every record file under the sources and claims folders (actors, events, … in the given sub-folders)."""
    corpus = RawCorpus()
    sources = root / sources_dir
    claims = root / claims_dir
    if readable_folder(sources, root, problems):
        for path in record_files(sources, ".md", root, problems):
            record = load_source(path, root, problems)
            if record:
                corpus.sources.append(record)
            else:
                corpus.unreadable.setdefault("source", set()).add(path.stem)
    if not readable_folder(claims, root, problems):
        return corpus
    for path in record_files(claims, ".yaml", root, problems, subfolders=tuple(record_folders.values())):
        record = load_yaml_record(path, root, "claim", problems)
        if record:
            corpus.claims.append(record)
        else:
            corpus.unreadable.setdefault("claim", set()).add(path.stem)
    for kind, folder in record_folders.items():
        target = corpus.of_kind(kind)
        if not readable_folder(claims / folder, root, problems):
            continue
        for path in record_files(claims / folder, ".yaml", root, problems):
            record = load_yaml_record(path, root, kind, problems)
            if record:
                target.append(record)
            else:
                corpus.unreadable.setdefault(kind, set()).add(path.stem)
    return corpus
