"""Changes: what changed in each record from one version to the next, in a reader's words.

Each pair of versions of a record file (history.py) is read as data and compared field by field: "statement
reworded", "quote added from The Diplomat", "figure: 225 → at least 225 people", "now disputed by 2 sources".
A change that leaves the data as it was (a comment, line breaks, quoting) is no change; neither is a change to
what readers never see (accepted warnings, former ids). A change that one commit makes alike to most records of
a kind (a field added to every claim) is mechanical: it is not a change of any one of them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from frontmatter.default_handlers import YAMLHandler

from .dates import DateError, PartialDate
from .derive import contest_status
from .history import History, Version, join_former_names
from .load import parse_mapping
from .model import KINDS, Corpus, Evidence
from .problems import Problems
from .schemas import QUALIFIER_WORDS

# A change one commit makes to at least this share of a kind's records, and to at least MECHANICAL_MIN of them,
# is mechanical (a new field filled in everywhere, a reformatting): it is not shown as a change of each.
MECHANICAL_SHARE = 0.5
MECHANICAL_MIN = 10
ADDED = "added"
MOVED = "moved to a new address"
ATTRIBUTION_WORDS = {
    "own-text": "its own text",
    "direct-quote": "a direct quote",
    "paraphrase": "a paraphrase",
    "none": "not attributed",
}


@dataclass(frozen=True)
class Part:
    """One thing that changed: a key that says what kind of change it is (for spotting mechanical commits), and
    the reader's words."""

    key: str
    words: str


@dataclass(frozen=True)
class RecordChange:
    """One commit's change to one record, in the reader's words."""

    commit: str
    date: str  # ISO 8601 with time and offset
    what: tuple[str, ...]

    @property
    def day(self) -> str:
        return self.date[:10]

    @property
    def utc(self) -> str:
        """The date and time in UTC (2026-11-20T08:30:00Z): what feeds carry and changes are ordered by."""
        try:
            moment = dt.datetime.fromisoformat(self.date)
        except ValueError:
            return self.date
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def summary(self) -> str:
        return "; ".join(self.what)


@dataclass
class RecordHistory:
    """Every record's changes that a reader would care about, newest first, by the record's file path."""

    changes: dict[str, list[RecordChange]] = field(default_factory=dict)

    def of(self, path: str) -> list[RecordChange]:
        return self.changes.get(path, [])

    def last_changed(self, paths: list[str]) -> RecordChange | None:
        found = [changes[0] for path in paths if (changes := self.of(path))]
        return max(found, key=lambda change: (change.utc, change.commit)) if found else None

    def __bool__(self) -> bool:
        return bool(self.changes)


class Names:
    """How a change names other records: by their name, title or publisher today (an id only if they are gone)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def actor(self, actor_id: str) -> str:
        actor = self.corpus.actors.get(actor_id)
        return actor.name if actor else actor_id

    def event(self, event_id: str) -> str:
        event = self.corpus.events.get(event_id)
        return f"“{event.title}”" if event else event_id

    def question(self, question_id: str) -> str:
        question = self.corpus.questions.get(question_id)
        return f"“{question.question}”" if question else question_id

    def publisher(self, source_id: str) -> str:
        source = self.corpus.sources.get(source_id)
        return source.publisher if source else source_id


def record_data(text: str | None, kind: str) -> dict[str, Any] | None:
    """A version's fields as plain data (values as written, strings), or None when it cannot be read."""
    if text is None:
        return None
    body = ""
    if kind == "source":
        try:
            front, body = YAMLHandler().split(text)
        except ValueError:
            return None
        text = front
    parsed = parse_mapping(text, "", Problems())
    if parsed is None:
        return None
    data = dict(parsed.data)
    if kind == "source":
        data["text"] = " ".join(body.split())
    return data


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _date(value: Any) -> str:
    try:
        return PartialDate.parse(str(value)).human()
    except (DateError, ValueError):
        return _text(value)


def _list(value: Any) -> list[str]:
    return [_text(item) for item in value] if isinstance(value, list) else []


def _figure(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    try:
        number = float(str(value.get("number")))
        shown = f"{number:,.0f}" if number.is_integer() else f"{number:,}"
    except ValueError:
        shown = _text(value.get("number"))
    words = QUALIFIER_WORDS.get(_text(value.get("qualifier")), "")
    return " ".join(part for part in (words, shown, _text(value.get("unit"))) if part)


def _set_changes(
    key: str, old: Any, new: Any, added: Callable[[str], str], removed: Callable[[str], str]
) -> list[Part]:
    before, after = _list(old), _list(new)
    return [Part(key + "+", added(item)) for item in after if item not in before] + [
        Part(key + "-", removed(item)) for item in before if item not in after
    ]


def _field(
    key: str,
    old: dict[str, Any],
    new: dict[str, Any],
    name: str,
    show: Callable[[Any], str] = _text,
    replaced: bool = True,
) -> list[Part]:
    """One field: added, removed, or changed (with what it was and is, or only that it was revised)."""
    before, after = old.get(key), new.get(key)
    if show(before) == show(after):
        return []
    if not show(before):
        return [Part(key + "+", f"{name} added" + (f": {show(after)}" if replaced else ""))]
    if not show(after):
        return [Part(key + "-", f"{name} removed")]
    if replaced:
        return [Part(key, f"{name}: {show(before)} → {show(after)}")]
    return [Part(key, f"{name} revised")]


def _evidence(old: Any, new: Any, names: Names) -> list[Part]:
    """Quotes added, removed or corrected; each source's stance, attribution and translation."""
    before = [item for item in old if isinstance(item, dict)] if isinstance(old, list) else []
    after = [item for item in new if isinstance(item, dict)] if isinstance(new, list) else []
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []

    def passage(item: dict[str, Any]) -> tuple[str, str]:
        return _text(item.get("source")), _text(item.get("quote"))

    for same_in in (passage, lambda item: passage(item)[0]):  # the same passage first, then the same source
        for item in list(after):
            match = next((earlier for earlier in before if same_in(earlier) == same_in(item)), None)
            if match is not None:
                pairs.append((match, item))
                before.remove(match)
                after.remove(item)
    parts = [Part("evidence+", f"quote added from {names.publisher(_text(item.get('source')))}") for item in after]
    parts += [Part("evidence-", f"quote from {names.publisher(_text(item.get('source')))} removed") for item in before]
    recorded: dict[str, list[str]] = {}  # attributions recorded where there were none: publishers, by kind
    for earlier, later in pairs:
        publisher = names.publisher(_text(later.get("source")))
        if _text(earlier.get("quote")) != _text(later.get("quote")):
            parts.append(Part("evidence.quote", f"quote from {publisher} corrected"))
        if _text(earlier.get("stance")) != _text(later.get("stance")):
            parts.append(
                Part(
                    "evidence.stance",
                    f"{publisher} now {_text(later.get('stance')) or 'reports'} it "
                    f"(was: {_text(earlier.get('stance')) or 'reports'})",
                )
            )
        was, now = _text(earlier.get("attribution")), _text(later.get("attribution"))
        if was != now and not was:
            recorded.setdefault(ATTRIBUTION_WORDS.get(now, now), []).append(publisher)
        elif was != now:
            parts.append(
                Part(
                    "evidence.attribution",
                    f"the passage from {publisher} now read as "
                    f"{ATTRIBUTION_WORDS.get(now, now)} "
                    f"(was: {ATTRIBUTION_WORDS.get(was, was)})",
                )
            )
        parts += _field("translation", earlier, later, f"translation of the quote from {publisher}", replaced=False)
    if recorded:
        parts.append(
            Part(
                "evidence.attribution+",
                "attribution recorded: "
                + "; ".join(f"{words} in {_joined(publishers)}" for words, publishers in recorded.items()),
            )
        )
    return parts


def _joined(names: list[str]) -> str:
    unique = list(dict.fromkeys(names))
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]


def _status(data: dict[str, Any], corpus: Corpus) -> str:
    entries = data["evidence"] if isinstance(data.get("evidence"), list) else []
    evidence = [
        Evidence(n, source=_text(e.get("source")), stance=_text(e.get("stance")))
        for n, e in enumerate(entries)
        if isinstance(e, dict)
    ]
    if not evidence:
        return ""
    status, publishers, disputing = contest_status(
        evidence, lambda s: corpus.sources[s].publisher if s in corpus.sources else s
    )
    if status.key == "disputed":
        return f"now disputed by {len(disputing)} source{'' if len(disputing) == 1 else 's'}"
    if status.key == "corroborated":
        return f"now corroborated by {len(publishers)} independent publishers"
    return "now carried by a single source"


def _claim(old: dict[str, Any], new: dict[str, Any], names: Names, corpus: Corpus) -> list[Part]:
    parts = (
        [Part("statement", f"statement reworded (before: “{_text(old.get('statement'))}”)")]
        if _text(old.get("statement")) != _text(new.get("statement"))
        else []
    )
    parts += _field("claimant", old, new, "claimant", lambda v: names.actor(_text(v)) if v else "")
    parts += _field("claimed", old, new, "date claimed", lambda v: _date(v) if v else "")
    parts += _field("value", old, new, "figure", _figure)
    parts += _field("answer", old, new, "answer", lambda v: f"“{_text(v)}”" if v else "")
    parts += _field("question", old, new, "question answered", lambda v: names.question(_text(v)) if v else "")
    parts += _set_changes(
        "events",
        old.get("events"),
        new.get("events"),
        lambda e: f"linked to the event {names.event(e)}",
        lambda e: f"no longer linked to the event {names.event(e)}",
    )
    parts += _set_changes(
        "actors",
        old.get("actors"),
        new.get("actors"),
        lambda a: f"now also about {names.actor(a)}",
        lambda a: f"no longer about {names.actor(a)}",
    )
    parts += _set_changes(
        "tags", old.get("tags"), new.get("tags"), lambda t: f"tag “{t}” added", lambda t: f"tag “{t}” removed"
    )
    parts += _evidence(old.get("evidence"), new.get("evidence"), names)
    was, now = _status(old, corpus), _status(new, corpus)
    if was and now and was != now:
        parts.append(Part("status", f"status changed: {now}"))
    parts += _field("notes", old, new, "editors' note", replaced=False)
    return parts


def _aliases(old: dict[str, Any], new: dict[str, Any]) -> list[Part]:
    return _set_changes(
        "aliases",
        old.get("aliases"),
        new.get("aliases"),
        lambda a: f"also written “{a}”",
        lambda a: f"spelling “{a}” removed",
    )


def _actor(old: dict[str, Any], new: dict[str, Any], names: Names, corpus: Corpus) -> list[Part]:
    return (
        _field("name", old, new, "name")
        + _field("kind", old, new, "kind")
        + _aliases(old, new)
        + _field("description", old, new, "description", replaced=False)
    )


def _event(old: dict[str, Any], new: dict[str, Any], names: Names, corpus: Corpus) -> list[Part]:
    return (
        _field("title", old, new, "title")
        + _field("date", old, new, "date", lambda v: _date(v) if v else "")
        + _field("end", old, new, "end date", lambda v: _date(v) if v else "")
        + _field("approximate", old, new, "date marked approximate", lambda v: "yes" if _text(v) == "true" else "")
        + _field("place", old, new, "place")
        + _field("summary", old, new, "summary", replaced=False)
        + _field("parent", old, new, "part of", lambda v: names.event(_text(v)) if v else "")
        + _set_changes(
            "actors",
            old.get("actors"),
            new.get("actors"),
            lambda a: f"{names.actor(a)} added to those involved",
            lambda a: f"{names.actor(a)} no longer among those involved",
        )
    )


def _question(old: dict[str, Any], new: dict[str, Any], names: Names, corpus: Corpus) -> list[Part]:
    reworded = (
        [Part("question", f"question reworded (before: “{_text(old.get('question'))}”)")]
        if _text(old.get("question")) != _text(new.get("question"))
        else []
    )
    return reworded + _field("unit", old, new, "unit") + _field("description", old, new, "description", replaced=False)


def _source(old: dict[str, Any], new: dict[str, Any], names: Names, corpus: Corpus) -> list[Part]:
    return (
        _field("title", old, new, "headline")
        + _field("publisher", old, new, "publisher")
        + _field("authors", old, new, "authors", lambda v: ", ".join(_list(v)) or _text(v))
        + _field("published", old, new, "publication date", lambda v: _date(v) if v else "")
        + _field("url", old, new, "address of the original", replaced=False)
        + _field("archived_url", old, new, "archived copy", replaced=False)
        + _field("languages", old, new, "languages", lambda v: ", ".join(_list(v)))
        + _field(
            "rights",
            old,
            new,
            "what is shown",
            lambda v: {"full-text": "the full text", "excerpts": "excerpts"}.get(_text(v), _text(v)),
        )
        + _field("license", old, new, "licence")
        + _field("notes", old, new, "editors' notes", replaced=False)
        + _field("text", old, new, "text", replaced=False)
    )


def _place(old: dict[str, Any], new: dict[str, Any], names: Names, corpus: Corpus) -> list[Part]:
    return (
        _field("name", old, new, "name")
        + _field("kind", old, new, "kind")
        + _aliases(old, new)
        + _field("parent", old, new, "part of")
        + _field("coordinates", old, new, "position")
        + _field("precision", old, new, "precision of the position")
        + _field("description", old, new, "description", replaced=False)
    )


DESCRIBERS: dict[str, Callable[[dict[str, Any], dict[str, Any], Names, Corpus], list[Part]]] = {
    "claim": _claim,
    "actor": _actor,
    "event": _event,
    "question": _question,
    "source": _source,
    "place": _place,
}


def kind_of_path(path: str, sources_dir: str, claims_dir: str, folders: dict[str, str]) -> str:
    """The record kind a file of the corpus holds, from its folder ("" for a file that is not a record)."""
    if path.startswith(sources_dir.rstrip("/") + "/") and path.endswith(".md"):
        return "source"
    if not path.startswith(claims_dir.rstrip("/") + "/") or not path.endswith(".yaml"):
        return ""
    inner = path[len(claims_dir.rstrip("/")) + 1 :].split("/")
    if len(inner) == 1:
        return "claim"
    return next((kind for kind, folder in folders.items() if len(inner) == 2 and inner[0] == folder), "")


def _parts(kind: str, older: Version | None, version: Version, names: Names, corpus: Corpus) -> list[Part] | None:
    """What one version changed in its record; None for a version that is not a change to show (a deletion)."""
    if version.action == "deleted" or version.text is None:
        return None
    previous = record_data(older.text, kind) if older is not None else None
    if older is None or older.action == "deleted" or older.text is None:
        return [Part("added", ADDED)]
    current = record_data(version.text, kind)
    parts = [Part("moved", MOVED)] if version.renamed_from else []
    if previous is None or current is None:
        return parts + [Part("revised", "revised")]
    return parts + DESCRIBERS[kind](previous, current, names, corpus)


def _former_paths(corpus: Corpus) -> dict[str, list[str]]:
    """Each renamed record's file, with the files its former ids (redirect_from) had, in the same folder."""
    return {
        record.path: [
            str(PurePosixPath(record.path).with_name(former + PurePosixPath(record.path).suffix))
            for former in record.redirect_from
        ]
        for kind in KINDS
        for record in corpus.of_kind(kind).values()
        if record.redirect_from
    }


def describe_history(
    history: History, corpus: Corpus, sources_dir: str, claims_dir: str, folders: dict[str, str]
) -> RecordHistory:
    """Every record's changes in reader's words, without formatting-only and mechanical changes."""
    history = join_former_names(history, _former_paths(corpus))
    names = Names(corpus)
    described: dict[str, list[tuple[Version, list[Part]]]] = {}
    kinds: dict[str, str] = {}
    for path, versions in history.versions.items():
        kind = kind_of_path(path, sources_dir, claims_dir, folders)
        if not kind:
            continue
        kinds[path] = kind
        oldest_first = list(reversed(versions))
        for number, version in enumerate(oldest_first):
            parts = _parts(kind, oldest_first[number - 1] if number else None, version, names, corpus)
            if parts is not None:
                described.setdefault(path, []).append((version, parts))
    mechanical = _mechanical(history, described, kinds)
    result = RecordHistory()
    for path, entries in described.items():
        changes = []
        for version, parts in entries:
            words = tuple(
                dict.fromkeys(p.words for p in parts if (version.commit, kinds[path], p.key) not in mechanical)
            )
            if words:
                changes.append(RecordChange(version.commit, version.date, words))
        if changes:
            result.changes[path] = list(reversed(changes))
    return result


def _mechanical(
    history: History, described: dict[str, list[tuple[Version, list[Part]]]], kinds: dict[str, str]
) -> set[tuple[str, str, str]]:
    """The (commit, kind, change key) that a commit made alike to most of the records of that kind it found."""
    alive: Counter[str] = Counter()  # records of each kind before the commit
    made: dict[str, Counter[tuple[str, str]]] = {}
    added: dict[str, Counter[str]] = {}
    for path, entries in described.items():
        for version, parts in entries:
            keys = {p.key for p in parts}
            if "added" in keys:
                added.setdefault(version.commit, Counter())[kinds[path]] += 1
            for key in keys - {"added"}:
                made.setdefault(version.commit, Counter())[(kinds[path], key)] += 1
    found = set()
    for commit, _date in history.commits():
        for (kind, key), count in made.get(commit, Counter()).items():
            if count >= MECHANICAL_MIN and count >= MECHANICAL_SHARE * max(alive[kind], 1):
                found.add((commit, kind, key))
        alive.update(added.get(commit, Counter()))
    return found
