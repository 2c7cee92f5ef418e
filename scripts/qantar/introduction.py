"""Introduction: what the editors say on the home page about the corpus: what happened, and what it does not cover.

The engine knows nothing of the story a corpus tells; editors write it in one Markdown file of the docs folder
(`introduction` in [tool.qantar], `introduction.md` by default; MkDocs leaves it out of the site as a page of its
own). Its front matter holds the home page's title, the list of what the corpus does not cover yet and,
optionally, how to propose a source; its text says what happened, in a few sentences whose links are written
relative to the home page, as in any page of the docs folder. Without the file the home page shows only what the
records say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontmatter.default_handlers import YAMLHandler

from .load import parse_mapping
from .problems import Problems

FIELDS = {
    "title": "The home page's title: what the corpus is about, in a few words.",
    "not_covered": "What the corpus does not cover yet, one line each (Markdown).",
    "propose": "How to propose a source (Markdown); a link to the method page when left out.",
}


@dataclass(frozen=True)
class Introduction:
    title: str = ""
    what_happened: str = ""  # Markdown, written by the editors, links relative to the home page
    not_covered: tuple[str, ...] = ()
    propose: str = ""


def _line(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def load_introduction(root: Path, docs: str, name: str, problems: Problems) -> Introduction:
    """Read the editors' introduction; every problem is reported with its line, and what is readable is kept."""
    path = root / docs / name
    rel = f"{docs}/{name}"
    if not name or not path.is_file():
        return Introduction()
    text = path.read_text(encoding="utf-8")
    if not re.match(r"-{3,}[ \t]*\n", text):
        return Introduction(what_happened=text.strip())
    try:
        front, body = YAMLHandler().split(text)
    except ValueError:
        problems.error(rel, 1, 1, "", "the front matter does not close", "add a line '---' after the last field")
        return Introduction()
    parsed = parse_mapping(front, rel, problems, line_offset=1)
    if parsed is None:
        return Introduction(what_happened=body.strip())
    data: dict[str, Any] = parsed.data
    for key in data:
        if key not in FIELDS:
            line, column = parsed.keys.get((key,), (1, 1))
            problems.error(rel, line, column, key, "unknown field", "use " + ", ".join(FIELDS))
    title = _line(data.get("title")) or ""
    lines: list[str] = []
    given = data.get("not_covered", [])
    if not isinstance(given, list):
        line, column = parsed.values.get(("not_covered",), (1, 1))
        problems.error(rel, line, column, "not_covered", "must be a list of lines", "start each line with '- '")
        given = []
    for number, item in enumerate(given):
        if _line(item) is None:
            line, column = parsed.values.get(("not_covered", number), (1, 1))
            problems.error(rel, line, column, f"not_covered[{number}]", "must be a line of text", "")
        else:
            lines.append(str(_line(item)))
    propose = data.get("propose", "")
    return Introduction(title, body.strip(), tuple(lines), propose.strip() if isinstance(propose, str) else "")
