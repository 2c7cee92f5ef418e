"""Routes: where every generated page lives, and every link between two pages.

A page owns its path (relative to the docs folder, as MkDocs reads it); a link is computed from the page it is
written on to the page it points at, as MkDocs' `get_relative_url` does, so that no template counts `../`.
"""

from __future__ import annotations

import re

from ..model import KINDS, Record, kind_of

HOME = "index.md"
STATUSES = "statuses.md"
TIMELINE = "timeline.md"
FIGURES = "figures.md"
METHOD = "method.md"  # hand-written
TAGS_FOLDER = "tags"
DATA_FOLDER = "data"
DATA_INDEX = f"{DATA_FOLDER}/index.md"
MAP_FOLDER = "map"
OFFLINE_ZIP = "download/qantar-claims-offline.zip"  # written into the built site, not the docs folder
EXPLORER_DATA = f"{DATA_FOLDER}/explorer"  # the claims explorer's data, in small files fetched on demand
_PAGE_FILE = re.compile(r"[1-9][0-9]*\.md")
PAGES_FOLDER = "page"  # a list's further pages: claims/page/2.md, tags/<tag>/page/2.md, figures/page/2.md

# Everything the engine writes lives in these folders and files of the docs folder, and nowhere else.
GENERATED_FOLDERS = (
    *(kind.site_folder for kind in KINDS.values()),
    TAGS_FOLDER,
    DATA_FOLDER,
    MAP_FOLDER,
    TIMELINE.removesuffix(".md"),
    FIGURES.removesuffix(".md"),
)
FEED = "feed.xml"  # the Atom feed of every record's changes
GENERATED_FILES = (HOME, STATUSES, TIMELINE, FIGURES, FEED)


def is_generated(parts: list[str]) -> bool:
    """Whether a path (split into its parts, relative to the docs folder) is one the engine may write: a generated
    file, a file directly in a generated folder, a further page of a list (claims/page/2.md, tags/x/page/2.md), or
    the explorer's data (data/explorer/…)."""
    if not parts or any(part in {"", ".", ".."} for part in parts):
        return False
    if len(parts) == 1:
        return parts[0] in GENERATED_FILES
    if parts[0] not in GENERATED_FOLDERS:
        return False
    if len(parts) == 2:
        return True
    if parts[-2] == PAGES_FOLDER and len(parts) <= 4 and _PAGE_FILE.fullmatch(parts[-1]):
        return True
    return "/".join(parts[:2]) == EXPLORER_DATA and len(parts) <= 4


def record_page(record: Record) -> str:
    """A record's page: claims/<id>.md, actors/<id>.md, …"""
    return kind_page(kind_of(record).name, record.id)


def kind_page(kind: str, record_id: str) -> str:
    return f"{KINDS[kind].site_folder}/{record_id}.md"


def kind_index(kind: str) -> str:
    """The list of every record of a kind: claims/index.md, …"""
    return f"{KINDS[kind].site_folder}/index.md"


TAGS_INDEX = f"{TAGS_FOLDER}/index.md"


def tag_page(tag: str, number: int = 1) -> str:
    return list_page(f"{TAGS_FOLDER}/{tag}.md", number)


def list_page(first: str, number: int) -> str:
    """Page `number` of a list whose first page is `first`: claims/index.md, then claims/page/2.md, …;
    figures.md, then figures/page/2.md, … (each page's address: claims/page/2/, figures/page/2/)."""
    if number <= 1:
        return first
    folder = first.removesuffix("index.md").rstrip("/") if first.endswith("index.md") else first.removesuffix(".md")
    return f"{folder}/{PAGES_FOLDER}/{number}.md"


def explorer_data(name: str) -> str:
    return f"{EXPLORER_DATA}/{name}"


def claim_json(claim_id: str) -> str:
    """A claim's own data file, beside its page."""
    return f"{KINDS['claim'].site_folder}/{claim_id}.json"


def map_page(period_key: str = "") -> str:
    """The map (and the timeline's list) for one period: map/index.md for all dates, map/2022-01.md, …"""
    return f"{MAP_FOLDER}/{period_key or 'index'}.md"


def question_feed(question_id: str) -> str:
    """The Atom feed of one question's changes (the question and every claim answering it), beside its page."""
    return f"{KINDS['question'].site_folder}/{question_id}.xml"


def data_file(name: str) -> str:
    return f"{DATA_FOLDER}/{name}"


def passage_anchor(claim_id: str, evidence_index: int) -> str:
    """The anchor of a quoted passage on its source's page."""
    return f"q-{claim_id}-{evidence_index}"


def relative(from_page: str, to_page: str) -> str:
    """The link from one page to another (both relative to the docs folder): up to the docs folder, then down,
    so that a link reads the same on every page of a folder."""
    return "../" * from_page.count("/") + to_page


def address(page: str) -> str:
    """A page's address in the built site, from the site's root: claims/x.md -> claims/x/, index.md -> ''."""
    if page.endswith("index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/" if page.endswith(".md") else page


def permalink(page: str, site_url: str = "") -> str:
    """The address readers cite: absolute when the site's address is configured, else from the site's root."""
    return f"{site_url}{address(page)}"


def reserved_page_names() -> dict[str, tuple[str, ...]]:
    """The page names each generated folder keeps for itself (its list page): a record or tag of that name would
    have its page replaced."""
    folders = [kind.site_folder for kind in KINDS.values()] + [TAGS_FOLDER]
    return {folder: ("index",) for folder in folders}
