"""The claims explorer's data: small JSON files under data/explorer/ that docs/assets/explorer.js fetches when a
reader filters, sorts or searches, so that the explorer's page stays light however many claims there are.

- `facets.json`: one row per claim, in the table's order (claim_key), as columns of small numbers: each facet's
  values as positions in its vocabulary (the vocabularies, with their keys and labels, are in the same file; a
  claim's publishers are its sources' publishers), and the first day each claim can have been made with the
  number of days after it that it can also have been made. Filtering, counting and sorting happen in the browser.
- `rows/<n>.json`: what the table shows of claims n*10 … n*10+9 (statement, claimant, date, answer), fetched
  only for the rows on screen.
- `words/<n>.json`: the words of every claim's statement, quotes, translations and claimant, each with the rows
  it occurs in; a word goes into the file numbered by a hash of its first two letters, so that a search fetches
  one small file per word typed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from typing import Any

from .derive import answer_label
from .model import Claim
from .ordering import claim_key
from .site import views
from .site.pages import Site
from .site.render import Page
from .site.routes import explorer_data

ROWS_PER_FILE = 10
POSTINGS_PER_WORDS_FILE = 20_000  # about this many (word, row) pairs per words file: 20–60 KB before gzip
_EPOCH = dt.date(1970, 1, 1)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _cell(values: list[int]) -> int | list[int]:
    """A multi-valued cell: a single value as a number, otherwise a list (none: [])."""
    return values[0] if len(values) == 1 else values


def word_bucket(word: str, buckets: int) -> int:
    """Which words file a word is in: FNV-1a (32 bits) of its first two UTF-16 code units, as explorer.js computes
    it."""
    units = word.encode("utf-16-le")[:4]
    value = 2166136261
    for number in range(0, len(units), 2):
        value ^= units[number] | (units[number + 1] << 8)
        value = (value * 16777619) & 0xFFFFFFFF
    return value % buckets


def claim_text(site: Site, claim: Claim) -> str:
    """What the explorer's words search reads: the statement, the quotes and their translations, the claimant."""
    parts = [claim.statement, site.corpus.actors[claim.claimant].name]
    for item in claim.evidence:
        parts += [item.quote, item.translation or ""]
    return " ".join(parts)


def explorer_files(site: Site) -> Iterator[Page]:
    """Every data file of the explorer, by its path under the docs folder."""
    corpus = site.corpus
    claims = sorted(corpus.claims.values(), key=claim_key)
    publishers = views.publisher_keys(corpus)
    vocab = views.vocabularies(corpus, publishers)
    columns: dict[str, list[Any]] = {key: [] for key, _label, _vocabulary in views.FACETS if key != "publisher"}
    columns["from"], columns["days"] = [], []
    postings: dict[str, list[int]] = {}
    digest = hashlib.sha256()
    for row, claim in enumerate(claims):
        values = views.claim_facets(claim, site.facts[claim.id], corpus, publishers)
        for key, _label, vocabulary in views.FACETS:
            if key == "publisher":  # the script reads a claim's publishers from its sources' (sourcePublisher)
                continue
            positions = [vocab[vocabulary].position[value] for value in values[key]]
            columns[key].append(
                positions[0]
                if key in ("record", "status", "claimant")
                else (positions[0] if positions else -1)
                if key == "question"
                else _cell(positions)
            )
        claimed = claim.claimed
        columns["from"].append((claimed.earliest() - _EPOCH).days if claimed else -1)
        columns["days"].append((claimed.latest() - claimed.earliest()).days if claimed else 0)  # 0: one day
        for word in dict.fromkeys(word[:40] for word in views.words(claim_text(site, claim)) if len(word) >= 2):
            postings.setdefault(word, []).append(row)
    for start in range(0, len(claims), ROWS_PER_FILE):
        shown: list[list[str]] = []
        for claim in claims[start : start + ROWS_PER_FILE]:
            line = site.line(claim)
            shown.append(
                [
                    claim.id,
                    claim.statement,
                    line.claimant_label,
                    claim.claimed.human() if claim.claimed else "",
                    claim.claimed.iso() if claim.claimed else "",
                    answer_label(claim) if claim.question else "",
                ]
            )
        text = _json(shown)
        digest.update(text.encode("utf-8"))
        yield Page(explorer_data(f"rows/{start // ROWS_PER_FILE}.json"), text)
    total = sum(len(rows) for rows in postings.values())
    buckets = max(1, -(-total // POSTINGS_PER_WORDS_FILE))
    files: list[dict[str, list[int]]] = [{} for _ in range(buckets)]
    for word in sorted(postings):
        rows = postings[word]
        files[word_bucket(word, buckets)][word] = [rows[0]] + [b - a for a, b in zip(rows, rows[1:], strict=False)]
    for number, found in enumerate(files):
        text = _json(found)
        digest.update(text.encode("utf-8"))
        yield Page(explorer_data(f"words/{number}.json"), text)
    source_publisher = [
        vocab["publishers"].position[publishers[corpus.sources[key].publisher]] for key in vocab["sources"].keys
    ]
    # last, with a digest of everything: the script asks for the other files with it, so that no browser
    # combines this file with another build's rows or words from its cache
    yield Page(
        explorer_data("facets.json"),
        _json(
            {
                "version": digest.hexdigest()[:12],
                "rows": len(claims),
                "rowsPerFile": ROWS_PER_FILE,
                "wordFiles": buckets,
                "pageSize": views.EXPLORER_PAGE,
                "vocabularies": {
                    name: [list(pair) for pair in zip(v.keys, v.labels, strict=True)] for name, v in vocab.items()
                },
                "facets": [
                    {"key": key, "label": label, "vocabulary": vocabulary} for key, label, vocabulary in views.FACETS
                ],
                "sourcePublisher": source_publisher,
                "columns": columns,
            }
        ),
    )
