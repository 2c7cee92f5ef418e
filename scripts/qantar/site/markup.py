"""Markup: escaping for every context a value lands in, and the only maker of `Markup`.

Every `{{ value }}` in a template goes through `finalize` (inert Markdown/HTML text). Links and other finished
pieces are built here from escaped parts: a value is escaped for the context it lands in (text, attribute,
URL, link target, table cell, page title, JSON-LD), because a value that is safe as text can become live
markup when Markdown re-reads it (a link pattern inside an escaped attribute, a `!!!` block at a line start).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from markupsafe import Markup

# Characters that Markdown (or its extensions: attr_list, footnotes, tables, emphasis) read as syntax anywhere
# in a line; those that matter only at the start of a line (lists, headings, blocks) are handled there.
_MARKDOWN_SPECIALS = {c: f"&#{ord(c)};" for c in "\\`*_{}[]<>|~^"}
_HTML_ESCAPES = {"&": "&amp;", '"': "&quot;", "'": "&#39;"}
_ESCAPES = {**_MARKDOWN_SPECIALS, **_HTML_ESCAPES}
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
# At a line's start: an ordered-list number, a list/heading/setext mark, an admonition (!!!) or a details (???)
# block, a definition (:) or an abbreviation marker.
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=#!?:])")
_INVISIBLE_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\x00-\x08\x0b-\x1f\x7f]")
# In a URL: every character that Markdown (links, code, escapes, tables, attribute lists) or HTML (attribute
# quoting, tags) could act on is percent-encoded, so that the address stays one inert attribute value.
_URL_UNSAFE = re.compile(r"""[\s\[\]()<>"'`\\{}|^!*_]""")


def md_escape(value: Any) -> str:
    """Make any value inert, one-line text in Markdown and HTML alike."""
    text = " ".join(_INVISIBLE_CONTROLS.sub("", str(value)).split())
    # a regular expression finds the few characters to replace (2.5x faster than str.translate on such text)
    escaped = _NEEDS_ESCAPE.sub(_escape_character, text) if _NEEDS_ESCAPE.search(text) else text
    return _LINE_START.sub(_escape_line_start, escaped, count=1)


def _escape_character(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


def _escape_line_start(match: re.Match[str]) -> str:
    if match.group(1):
        return f"{match.group(1)}&#{ord(match.group(2))};"
    return f"&#{ord(match.group(3))};"


def finalize(value: Any) -> Any:
    """The Jinja environment's finalize: every value is escaped unless it is already finished markup."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return md_escape(value)


def finished(html_or_markdown: str) -> Markup:
    """Mark a piece built by this package from escaped parts as finished (not to be escaped again)."""
    return Markup(html_or_markdown)


def url_attribute(url: str) -> str:
    """An address as an HTML attribute value that neither HTML nor Markdown can read as anything else."""
    cleaned = _INVISIBLE_CONTROLS.sub("", url)
    encoded = _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), cleaned)
    return html.escape(encoded, quote=True)


def paragraphs(text: str) -> Markup:
    """Editor text with blank-line paragraphs, each escaped."""
    parts = [md_escape(part) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    return Markup("\n\n".join(parts))


def plain_title(text: str) -> str:
    """A page title that stays text even where a theme un-escapes it (MkDocs' <title> uses striptags)."""
    cleaned = " ".join(_INVISIBLE_CONTROLS.sub("", text).split()).replace("<", "‹").replace(">", "›")
    return html.escape(cleaned, quote=True)


def md_link(text: Any, target: str, classes: str = "") -> Markup:
    """A Markdown link to a page of the site (the target comes from routes, never from a record's text)."""
    suffix = f"{{ {classes} }}" if classes else ""
    return Markup(f"[{md_escape(text)}]({target}){suffix}")


def ext_link(url: str, text: Any) -> Markup:
    """A link out of the site, as finished HTML whose address Markdown cannot re-read."""
    return Markup(f'<a href="{url_attribute(url)}" rel="noopener noreferrer nofollow">{md_escape(text)}</a>')


def attr(value: Any) -> Markup:
    """A value for a YAML front-matter string (JSON is YAML), with no way out of its quotes."""
    return Markup(json.dumps(plain_title(str(value)), ensure_ascii=False))


def json_ld(data: Any) -> Markup:
    """A JSON-LD block whose text cannot close its script element (<, > and & are written as \\u escapes)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def keep_edges(text: str) -> str:
    """Escape a piece of running text, keeping the space at its edges (pieces are joined back together)."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    tail = " " if text[-1].isspace() else ""
    return lead + md_escape(text) + tail
