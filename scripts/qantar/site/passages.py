"""Passages: a source's text (or its cited excerpts) with every quoted passage marked, anchored and linked back to
its claim; and the link to the same passage in the original article."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from markupsafe import Markup

from ..link import Citation
from ..model import Source
from ..quotes import text_fragment
from .markup import ext_link, finished, keep_edges, md_escape
from .routes import passage_anchor, record_page, relative


def anchor_of(citation: Citation) -> str:
    return passage_anchor(citation.claim.id, citation.evidence.index)


def fragment_link(citation: Citation, source: Source) -> Markup:
    """A link to the passage in the original article (a text fragment), when the quote was found."""
    if not citation.match:
        return ext_link(source.url, "original article")
    first_start, first_end = citation.match.spans[0]
    last_start, last_end = citation.match.spans[-1]
    passage = source.text[first_start:first_end]
    if len(citation.match.spans) > 1:
        passage = source.text[first_start:first_end] + " " + source.text[last_start:last_end]
    return ext_link(source.url + text_fragment(passage), "passage in the original")


@dataclass
class SourceBlock:
    """A paragraph of a source's text (or an excerpt), with the cited passages marked."""

    html: Markup
    excerpt: bool = False


def _short(title: str) -> str:
    """A claim's name beside its passage: whole, so that what an editor wrote is never cut mid-word."""
    return title


def _mark_segments(text: str, offset: int, citations: list[Citation], from_page: str, titles: dict[str, str]) -> Markup:
    """Escape a stretch of text and wrap every cited passage in <mark>, with an anchor and a link to the claim."""
    local_spans: list[tuple[int, int, Citation, int]] = []
    for citation in citations:
        if not citation.match:
            continue
        for number, (start, end) in enumerate(citation.match.spans):
            start, end = max(start, offset), min(end, offset + len(text))
            if start < end:
                local_spans.append((start - offset, end - offset, citation, number))
    if not local_spans:
        return finished(keep_edges(text))
    bounds = sorted({0, len(text), *(s for s, _e, _c, _n in local_spans), *(e for _s, e, _c, _n in local_spans)})
    out: list[str] = []
    for left, right in itertools.pairwise(bounds):
        covering = [span for span in local_spans if span[0] <= left and right <= span[1]]
        anchors = "".join(
            f'<span class="qc-anchor" id="{anchor_of(c)}"></span>'
            for s, _e, c, n in local_spans
            if s == left and n == 0 and c.match is not None and c.match.spans[0][0] >= offset
        )
        piece = keep_edges(text[left:right])
        if covering:
            cited = sorted({_short(titles.get(c.claim.id, c.claim.statement)) for _s, _e, c, _n in covering})
            piece = f'<mark class="qc-cited" title="{md_escape("Cited for: " + "; ".join(cited))}">{piece}</mark>'
        out.append(anchors + piece)
        for _s, e, c, n in local_spans:
            if c.match is not None and e == right and n == len(c.match.spans) - 1 and c.match.end <= offset + len(text):
                target = relative(from_page, record_page(c.claim))
                short = _short(titles.get(c.claim.id, c.claim.statement))
                out.append(f'<sup class="qc-ref">[{md_escape("↩ " + short)}]({target})</sup>')
    return finished("".join(out))


def source_blocks(
    source: Source, citations: list[Citation], from_page: str, titles: dict[str, str], context_chars: int = 160
) -> list[SourceBlock]:
    """The source's text as paragraphs (full text), or only the cited passages with a little context; each passage
    links back to its claim, named by its claimant and statement (`titles`)."""
    text = source.text
    if source.full_text_allowed:
        blocks = []
        for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
            blocks.append(SourceBlock(_mark_segments(match.group(0), match.start(), citations, from_page, titles)))
        return blocks
    windows: list[list[int]] = []
    for citation in citations:
        if not citation.match:
            continue
        first_paragraph = text.rfind("\n\n", 0, citation.match.start)
        last_paragraph = text.find("\n\n", citation.match.end)
        floor = first_paragraph + 2 if first_paragraph >= 0 else 0
        ceiling = last_paragraph if last_paragraph >= 0 else len(text)
        start = max(floor, citation.match.start - context_chars)
        end = min(ceiling, citation.match.end + context_chars)
        if start > floor:
            start = text.find(" ", start) + 1 or start
        if end < ceiling:
            end = text.rfind(" ", 0, end) if text.rfind(" ", citation.match.end, end) >= 0 else end
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    blocks = []
    for start, end in windows:
        inner = _mark_segments(text[start:end], start, citations, from_page, titles)
        lead = "… " if start > 0 and text[start - 1] not in "\n" else ""
        tail = " …" if end < len(text) and text[end] not in "\n" else ""
        blocks.append(SourceBlock(finished(lead) + inner + finished(tail), excerpt=True))
    return blocks
