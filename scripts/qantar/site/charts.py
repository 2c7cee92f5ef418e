"""Charts: the timeline overview and the figures ledger as SVG drawn at build time, with a link over each mark.

No script, no third-party request: the SVG is in the page, and each mark's link is Markdown that MkDocs resolves
like any other link.
"""

from __future__ import annotations

from markupsafe import Markup

from ..derive import answer_label
from ..model import Record
from .formats import event_when
from .markup import finished, md_escape
from .routes import record_page, relative
from .timeline import TimelineOverview
from .views import Ledger, number_text

_MARKERS = {"exactly": "dot", "about": "ring", "at-least": "up", "more-than": "up", "slightly-more-than": "up",
            "fewer-than": "down", "at-most": "down"}


def mark_link(record: Record, label: str, box: tuple[float, float, float, float], size: tuple[float, float],
              from_page: str, classes: str) -> str:
    """A link laid over a chart's mark (Markdown, so that MkDocs resolves it in every build)."""
    left, top, width, height = (100 * box[0] / size[0], 100 * box[1] / size[1], 100 * box[2] / size[0],
                                100 * box[3] / size[1])
    target = relative(from_page, record_page(record))
    style = f"left: {left:.3f}%; top: {top:.3f}%; width: {width:.3f}%; height: {height:.3f}%"
    return f'[<span class="qc-tip">{md_escape(label)}</span>]({target}){{ .qc-mark {classes} style="{style}" }}'

def timeline_chart(overview: TimelineOverview, claim_counts: dict[str, int], from_page: str) -> Markup:
    """The overview: a band per phase, a mark per event (a link), columns of dates in order."""
    label_w, col_w, row_h, pad, top = 236.0, 52.0, 20.0, 7.0, 48.0
    width = label_w + col_w * len(overview.columns) + 8
    height = top + sum(band.rows * row_h + 2 * pad for band in overview.bands) + 6
    svg: list[str] = [f'<svg class="qc-timeline-svg" viewBox="0 0 {width:.0f} {height:.0f}" '
                      'xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="qc-timeline-title">'
                      '<title id="qc-timeline-title">Overview of the events in date order; the list below '
                      'gives every event.</title>']

    def col_x(number: int) -> float:
        return label_w + col_w * number

    for number, year in overview.years():
        svg.append(f'<text class="qc-axis-year" x="{col_x(number) + 3:.1f}" y="16">{year}</text>')
    for number, column in enumerate(overview.columns):
        svg.append(f'<text class="qc-axis-label" x="{col_x(number) + col_w / 2:.1f}" y="38" '
                   f'text-anchor="middle">{md_escape(column.label)}</text>')
        svg.append(f'<line class="qc-grid" x1="{col_x(number):.1f}" y1="{top - 4:.0f}" x2="{col_x(number):.1f}" '
                   f'y2="{height:.0f}"/>')
    for number in overview.breaks:
        svg.append(f'<line class="qc-break" x1="{col_x(number):.1f}" y1="2" x2="{col_x(number):.1f}" '
                   f'y2="{height:.0f}"/>')
    marks: list[str] = []
    y = top
    for band_number, band in enumerate(overview.bands):
        band_h = band.rows * row_h + 2 * pad
        svg.append(f'<rect class="qc-band qc-band-{band_number % 2}" x="0" y="{y:.1f}" width="{width:.0f}" '
                   f'height="{band_h:.1f}"/>')
        svg.append(f'<text class="qc-band-label" x="6" y="{y + pad + row_h - 5:.1f}">'
                   f'{md_escape(_shorten(band.phase.title, 26))}</text>')
        for mark in band.marks:
            x0 = col_x(mark.first) + 3
            x1 = col_x(mark.last) + col_w - 3
            my = y + pad + mark.row * row_h + 2
            event = mark.event
            precision = event.date.precision if event.date else "day"
            kind = f"qc-ev-{precision}" + (" qc-phase" if mark.is_phase else "")
            kind += " qc-ev-approx" if event.approximate else ""
            svg.append(f'<rect class="qc-ev {kind}" x="{x0:.1f}" y="{my:.1f}" width="{x1 - x0:.1f}" '
                       f'height="{row_h - 4:.1f}" rx="3"/>')
            count = claim_counts.get(event.id, 0)
            label = f"{event.title}: {event_when(event)}; {count} claim{'s' if count != 1 else ''}"
            marks.append(mark_link(event, label, (x0, my - 1, x1 - x0, row_h - 2), (width, height), from_page,
                                        ".qc-mark-bar"))
        y += band_h
    svg.append("</svg>")
    return _chart("qc-timeline-chart", "".join(svg), marks, width * 0.7)

def ledger_chart(ledger: Ledger, claimant_names: dict[str, str], from_page: str) -> Markup:
    """Each figure against the date it was claimed; undated figures apart, on the right; each mark a link."""
    width, height = 640.0, 340.0
    left, right, top, bottom = 70.0, 626.0, 32.0, 282.0
    strip = min(max(120.0, 44.0 * (len(ledger.undated) + 1)), 260.0) if ledger.undated else 0.0
    plot_right = right - strip - (24 if strip else 0)
    svg: list[str] = [f'<svg class="qc-ledger-svg" viewBox="0 0 {width:.0f} {height:.0f}" '
                      'xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="qc-ledger-title-'
                      f'{ledger.question.id}"><title id="qc-ledger-title-{ledger.question.id}">'
                      f'{md_escape(ledger.question.question)} Figures against the date they were claimed; '
                      'the table below lists them.</title>']

    def y_at(fraction: float) -> float:
        return top + fraction * (bottom - top)

    for tick in ledger.y_ticks:
        y = y_at(tick.at)
        svg.append(f'<line class="qc-grid" x1="{left:.0f}" y1="{y:.1f}" x2="{right:.0f}" y2="{y:.1f}"/>')
        svg.append(f'<text class="qc-axis-label" x="{left - 6:.0f}" y="{y + 4:.1f}" text-anchor="end">'
                   f'{md_escape(tick.label)}</text>')
    svg.append(f'<text class="qc-axis-unit" x="4" y="{top - 16:.0f}">{md_escape(ledger.unit)}</text>')
    if ledger.dated:
        for tick in ledger.x_ticks:
            x = left + tick.at * (plot_right - left)
            svg.append(f'<line class="qc-grid" x1="{x:.1f}" y1="{top:.0f}" x2="{x:.1f}" y2="{bottom:.0f}"/>')
            svg.append(f'<text class="qc-axis-label" x="{x:.1f}" y="{bottom + 20:.0f}" text-anchor="middle">'
                       f'{md_escape(tick.label)}</text>')
        svg.append(f'<text class="qc-axis-title" x="{(left + plot_right) / 2:.0f}" y="{bottom + 46:.0f}" '
                   'text-anchor="middle">date claimed</text>')
    else:
        svg.append(f'<text class="qc-axis-title" x="{(left + plot_right) / 2:.0f}" y="{(top + bottom) / 2:.0f}" '
                   'text-anchor="middle">no figure has a known date</text>')
    svg.append(f'<line class="qc-axis" x1="{left:.0f}" y1="{bottom:.0f}" x2="{plot_right:.0f}" '
               f'y2="{bottom:.0f}"/>')
    if strip:
        x0 = right - strip
        svg.append(f'<rect class="qc-undated" x="{x0:.0f}" y="{top:.0f}" width="{strip:.0f}" '
                   f'height="{bottom - top:.0f}"/>')
        svg.append(f'<text class="qc-axis-title" x="{x0 + strip / 2:.0f}" y="{bottom + 20:.0f}" '
                   'text-anchor="middle">date not known</text>')
    marks: list[str] = []
    points = [(p, left + p.x0 * (plot_right - left), left + p.x1 * (plot_right - left)) for p in ledger.dated]
    points += [(p, right - strip + p.x0 * strip, right - strip + p.x1 * strip) for p in ledger.undated]
    for point, x0, x1 in points:
        y = y_at(point.y)
        claim = point.claim
        assert claim.value is not None
        if x1 - x0 > 1:
            svg.append(f'<rect class="qc-period" x="{x0:.1f}" y="{y - 4:.1f}" width="{x1 - x0:.1f}" height="8" '
                       'rx="4"/>')
        cx = (x0 + x1) / 2
        svg.append(_marker(claim.value.qualifier, cx, y))
        claimant = claimant_names.get(claim.claimant, claim.claimant)
        label = f"{number_text(claim.value.number)} · {claimant}"
        if point.by is not None:
            label += f" (by {point.by.human()})"
        elif claim.claimed and claim.claimed.precision != "day":
            label += f" ({claim.claimed.human()})"
        if claim.claimed or point.by is not None:  # beside a dated mark; above an undated one (side by side)
            svg.append(f'<text class="qc-point-label" x="{cx + 9:.1f}" y="{y + 5:.1f}">{md_escape(label)}</text>')
        else:
            svg.append(f'<text class="qc-point-label" x="{cx:.1f}" y="{y - 11:.1f}" text-anchor="middle">'
                       f"{md_escape(label)}</text>")
        claimed = ("claimed " + claim.claimed.human() if claim.claimed else
                   f"claimed by {point.by.human()} (its source's date)" if point.by is not None else "date not known")
        tip = f"{answer_label(claim)}: {claimant}, {claimed}"
        box = (min(x0, cx - 11), y - 11, max(x1 - x0, 22), 22)
        marks.append(mark_link(claim, tip, box, (width, height), from_page, ".qc-mark-point"))
    svg.append("</svg>")
    return _chart("qc-ledger-chart", "".join(svg), marks, 330)


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _marker(qualifier: str, x: float, y: float) -> str:
    shape = _MARKERS.get(qualifier, "dot")
    if shape in ("up", "down"):  # a triangle pointing the way the figure may go
        tip, base = (y - 7, y + 4) if shape == "up" else (y + 7, y - 4)
        return (f'<path class="qc-marker qc-marker-{shape}" '
                f'd="M{x:.1f},{tip:.1f} L{x + 6:.1f},{base:.1f} L{x - 6:.1f},{base:.1f} Z"/>')
    return f'<circle class="qc-marker qc-marker-{shape}" cx="{x:.1f}" cy="{y:.1f}" r="5"/>'


def _chart(kind: str, svg: str, marks: list[str], min_width: float) -> Markup:
    """An SVG with its links laid over it; the frame keeps both at the same size (scrolling on narrow screens)."""
    return finished(f'<div class="qc-chart {kind}" markdown="1">\n'
                  f'<div class="qc-chart-frame" style="min-width: {min_width:.0f}px" markdown="1">\n'
                  f"{svg}\n"
                  '<div class="qc-chart-marks" markdown="1">\n'
                  + "\n".join(marks) + "\n"
                  "</div>\n</div>\n</div>")


