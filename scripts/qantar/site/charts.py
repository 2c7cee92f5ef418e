"""Charts: the timeline overview and the figures ledger as SVG drawn at build time, with a link over each mark.

No script, no third-party request: the SVG is in the page, and each mark's link is Markdown that MkDocs resolves
like any other link.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..dates import MONTHS
from ..derive import answer_label
from ..model import Event, Place, Record
from .formats import event_when
from .markup import finished, md_escape
from .routes import record_page, relative
from .timeline import Column, TimelineView
from .views import Ledger, LedgerPoint, number_text

_MARKERS = {
    "exactly": "dot",
    "about": "ring",
    "at-least": "up",
    "more-than": "up",
    "slightly-more-than": "up",
    "fewer-than": "down",
    "at-most": "down",
}


def mark_link(
    record: Record,
    label: str,
    box: tuple[float, float, float, float],
    size: tuple[float, float],
    from_page: str,
    classes: str,
) -> str:
    """A link laid over a chart's mark (Markdown, so that MkDocs resolves it in every build)."""
    left, top, width, height = (
        100 * box[0] / size[0],
        100 * box[1] / size[1],
        100 * box[2] / size[0],
        100 * box[3] / size[1],
    )
    target = relative(from_page, record_page(record))
    style = f"left: {left:.3f}%; top: {top:.3f}%; width: {width:.3f}%; height: {height:.3f}%"
    return f'[<span class="qc-tip">{md_escape(label)}</span>]({target}){{ .qc-mark {classes} style="{style}" }}'


def _year_of(column: Column) -> str:
    return str(column.start.year)


def _month_of(column: Column) -> str:
    return f"{column.start.year}-{column.start.month}" if column.precision != "year" else f"{column.start.year}"


# A day's column is narrow (its day number fits); a month's or a year's wider (its name fits).
_LEAST = {"day": 18, "month": 32, "year": 40}  # px
_COLUMN_WIDTHS = {kind: f"minmax({least}px, {1 if kind == 'day' else 1.5}fr)" for kind, least in _LEAST.items()}


def _min_width(view: TimelineView) -> float:
    """The narrowest the chart can be (px): the label column and every date column at its least."""
    return 220 + sum(_LEAST[column.precision] for column in view.columns)


def timeline_chart(
    view: TimelineView, claim_counts: dict[str, int], from_page: str, places: dict[str, Place] | None = None
) -> Markup:
    """The timeline as a list that draws itself as a chart: a row per event, under its phase, with its dates, its
    title (a link) and its claims written out; on a wide screen each row also has a bar across the columns (the
    dates at which events start or end, in order, not to scale) it spans; under 600 px it is a plain list."""

    def where(event: Event) -> str:
        place = (places or {}).get(event.place)
        return f"{md_escape(place.name)} · " if place is not None else ""

    head: list[str] = []
    for first, last, year in view.spans(_year_of):
        head.append(
            f'<span class="qc-tl-year" style="grid-row: 1; grid-column: {first + 2} / {last + 3}">{year}</span>'
        )
    for first, last, _month in view.spans(_month_of):
        column = view.columns[first]
        text = "" if column.precision == "year" else MONTHS[column.start.month][:3]
        head.append(
            f'<span class="qc-tl-month" style="grid-row: 2; grid-column: {first + 2} / {last + 3}">{text}</span>'
        )
    for number, column in enumerate(view.columns):
        if column.precision == "day":
            head.append(
                f'<span class="qc-tl-day" style="grid-row: 3; grid-column: {number + 2}">{column.start.day}</span>'
            )
    breaks = "".join(f'<span class="qc-tl-break" style="grid-column: {number + 2}"></span>' for number in view.breaks)
    lines = f'<div class="qc-tl-breaks" aria-hidden="true">{breaks}</div>\n' if breaks else ""
    rows: list[str] = []
    for band_number, band in enumerate(view.bands):
        for row in band.rows:
            event = row.event
            count = claim_counts.get(event.id, 0)
            claims = f"{count:,} claim{'' if count == 1 else 's'}" if count else "no claims"
            target = relative(from_page, record_page(event))
            bar = ""
            if row.first >= 0:
                precision = event.date.precision if event.date else "day"
                kind = (
                    f"qc-ev-{precision}"
                    + (" qc-phase" if row.depth == 0 else "")
                    + (" qc-ev-approx" if event.approximate else "")
                )
                bar = f'<span class="qc-tl-bar {kind}" style="grid-column: {row.first + 2} / {row.last + 3}"></span>'
            rows.append(
                f'<li id="{event.id}" class="qc-tl-row qc-tl-band-{band_number % 2}'
                f'{" qc-tl-phase" if row.depth == 0 else ""}" '
                f'style="--qc-depth: {min(row.depth, 4)}" markdown="span"><span class="qc-tl-label">'
                f'<span class="qc-tl-when">{md_escape(event_when(event))}</span> '
                f"[{md_escape(event.title)}]({target}) "
                f'<span class="qc-tl-count">· {where(event)}{claims}</span></span>{bar}</li>'
            )
        if band.hidden:
            target = relative(from_page, record_page(band.phase))
            rows.append(
                f'<li class="qc-tl-row qc-tl-more qc-tl-band-{band_number % 2}" style="--qc-depth: 1" '
                f'markdown="span"><span class="qc-tl-label">… and {band.hidden:,} more events under '
                f"[{md_escape(band.phase.title)}]({target})</span></li>"
            )
    legend = (
        '<p class="qc-legend qc-tl-legend">Each event is a row, under the phase (the top-level event) it belongs '
        "to; its bar spans the dates it covers: solid when the sources date it to the day, hatched when they "
        "give only a month or a year, faded when the date is approximate. The columns are the dates at which "
        "events start or end, in order but not to scale; a dashed line marks a gap of more than a month.</p>"
    )
    widths = " ".join(_COLUMN_WIDTHS[column.precision] for column in view.columns) or "1fr"
    return finished(
        f'<div class="qc-chart qc-timeline-chart" markdown="1">\n'
        f'<div class="qc-tl" style="--qc-columns: {widths}; --qc-min: {_min_width(view):.0f}px" '
        'markdown="1">\n'
        f'<div class="qc-tl-head" aria-hidden="true">{"".join(head)}</div>\n{lines}'
        '<ol class="qc-tl-rows" aria-label="Events in date order" markdown="1">\n'
        + "\n".join(rows)
        + "\n</ol>\n</div>\n"
        + legend
        + "\n</div>"
    )


LEDGER_MARKS = 60  # at most this many marks in a figures chart; past it, one per distinct figure


@dataclass
class _Placed:
    point: LedgerPoint
    x0: float
    x1: float
    cx: float
    y: float
    label: str
    full: str  # the label with the claimant's whole name, for the key
    number: int = 0
    text: str = ""  # the label's SVG text, once placed beside its mark (empty: the mark carries its number)
    number_at: tuple[float, float, str] = (0.0, 0.0, "start")  # where the mark's number stands


def _text_box(x: float, y: float, anchor: str, label: str, size: float) -> tuple[float, float, float, float]:
    """The box a label takes (left, top, right, bottom), from its length (system sans: about 0.56 em a character)."""
    width = len(label) * size * 0.56 + 4
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return left, y - size * 0.8, left + width, y + size * 0.25


def _overlaps(box: tuple[float, float, float, float], others: list[tuple[float, float, float, float]]) -> bool:
    return any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in others)


def _place_labels(placed: list[_Placed], bounds: tuple[float, float, float, float], size: float) -> None:
    """Put each label beside its mark where it covers no other label or mark, trying eight places; a label that
    fits nowhere is left out, and its mark carries its number (the key under the chart gives its label)."""
    taken = [(p.cx - 8, p.y - 8, p.cx + 8, p.y + 8) for p in placed]
    for p in placed:
        if p.x1 - p.x0 > 1:  # the line across a month or a year, and its end ticks
            taken += [
                (p.x0, p.y - 2, p.x1, p.y + 2),
                (p.x0 - 2, p.y - 5, p.x0 + 2, p.y + 5),
                (p.x1 - 2, p.y - 5, p.x1 + 2, p.y + 5),
            ]
    for item in placed:
        cx, y = item.cx, item.y
        candidates = [
            (cx + 11, y + 5, "start"),
            (cx - 11, y + 5, "end"),
            (cx + 8, y - 10, "start"),
            (cx - 8, y - 10, "end"),
            (cx + 8, y + 21, "start"),
            (cx - 8, y + 21, "end"),
            (cx, y - 13, "middle"),
            (cx, y + 25, "middle"),
        ]
        for x, ty, anchor in candidates:
            box = _text_box(x, ty, anchor, item.label, size)
            inside = bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3]
            if inside and not _overlaps(box, taken):
                taken.append(box)
                item.text = (
                    f'<text class="qc-point-label" x="{x:.1f}" y="{ty:.1f}" text-anchor="{anchor}">'
                    f"{md_escape(item.label)}</text>"
                )
                break


def _place_numbers(placed: list[_Placed], size: float) -> None:
    """Put each mark's number beside it where it covers no other number or mark (at the size narrow screens draw
    it)."""
    taken = [(p.cx - 8, p.y - 8, p.cx + 8, p.y + 8) for p in placed]
    for item in placed:
        cx, y, text = item.cx, item.y, str(item.number)
        candidates = [
            (cx + 8, y - 8, "start"),
            (cx + 8, y + 22, "start"),
            (cx - 8, y - 8, "end"),
            (cx - 8, y + 22, "end"),
            (cx, y - 12, "middle"),
            (cx, y + 28, "middle"),
        ]
        item.number_at = candidates[0]
        for x, ty, anchor in candidates:
            box = _text_box(x, ty, anchor, text, size)
            if not _overlaps(box, taken):
                item.number_at = (x, ty, anchor)
                break
        taken.append(_text_box(*item.number_at[:2], item.number_at[2], text, size))


def _shown_points(ledger: Ledger) -> tuple[list[LedgerPoint], bool]:
    """The points a chart draws: every figure, or past LEDGER_MARKS one per distinct figure (its earliest date),
    the most often given first."""
    points = ledger.dated + ledger.undated
    if len(points) <= LEDGER_MARKS:
        return points, False
    first: dict[tuple[object, ...], LedgerPoint] = {}
    given: dict[tuple[object, ...], int] = {}
    for point in points:  # dated first, in date order: the first seen is the earliest
        key = point.claim.answer_identity()
        first.setdefault(key, point)
        given[key] = given.get(key, 0) + 1
    kept = sorted(first, key=lambda key: -given[key])[:LEDGER_MARKS]
    return [first[key] for key in first if key in kept], True


def ledger_chart(ledger: Ledger, claimant_names: dict[str, str], from_page: str) -> Markup:
    """Each figure against the date it was claimed, labelled with its claimant; undated figures apart, on the
    right; each mark a link; the legend and (for marks without room for a label, and on narrow screens) a numbered
    key inside the chart's markup, so that every page showing the chart shows them too."""
    width, height = 640.0, 360.0
    left, right, top, bottom = 72.0, 626.0, 44.0, 292.0
    size = 15.0  # label size in the chart's units; narrow screens enlarge it (qantar.css), the key then reads
    points, grouped = _shown_points(ledger)
    undated = [p for p in points if p in ledger.undated]
    strip = min(max(120.0, 44.0 * (len(undated) + 1)), 260.0) if undated else 0.0
    plot_right = right - strip - (24 if strip else 0)
    title_id = f"qc-ledger-title-{ledger.question.id}"
    svg: list[str] = [
        f'<svg class="qc-ledger-svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{title_id}">'
        f'<title id="{title_id}">{md_escape(ledger.question.question)} Figures against the date '
        "they were claimed, from zero; the table below lists them.</title>"
    ]

    def y_at(fraction: float) -> float:
        return top + fraction * (bottom - top)

    for tick in ledger.y_ticks:
        y = y_at(tick.at)
        svg.append(f'<line class="qc-grid" x1="{left:.0f}" y1="{y:.1f}" x2="{right:.0f}" y2="{y:.1f}"/>')
        svg.append(
            f'<text class="qc-axis-label" x="{left - 8:.0f}" y="{y + 5:.1f}" text-anchor="end">'
            f"{md_escape(tick.label)}</text>"
        )
    svg.append(f'<text class="qc-axis-unit" x="4" y="24">{md_escape(ledger.unit)}</text>')
    if ledger.dated:
        for tick in ledger.x_ticks:
            x = left + tick.at * (plot_right - left)
            svg.append(f'<line class="qc-grid" x1="{x:.1f}" y1="{top:.0f}" x2="{x:.1f}" y2="{bottom:.0f}"/>')
            svg.append(
                f'<text class="qc-axis-label" x="{x:.1f}" y="{bottom + 24:.0f}" text-anchor="middle">'
                f"{md_escape(tick.label)}</text>"
            )
        svg.append(
            f'<text class="qc-axis-title" x="{(left + plot_right) / 2:.0f}" y="{bottom + 54:.0f}" '
            'text-anchor="middle">date claimed</text>'
        )
    else:
        svg.append(
            f'<text class="qc-axis-title" x="{(left + plot_right) / 2:.0f}" y="{(top + bottom) / 2:.0f}" '
            'text-anchor="middle">no figure has a known date</text>'
        )
    svg.append(f'<line class="qc-axis" x1="{left:.0f}" y1="{bottom:.0f}" x2="{plot_right:.0f}" y2="{bottom:.0f}"/>')
    if strip:
        x0 = right - strip
        svg.append(
            f'<rect class="qc-undated" x="{x0:.0f}" y="{top:.0f}" width="{strip:.0f}" height="{bottom - top:.0f}"/>'
        )
        svg.append(
            f'<text class="qc-axis-title" x="{x0 + strip / 2:.0f}" y="{bottom + 24:.0f}" '
            'text-anchor="middle">date not known</text>'
        )
    placed: list[_Placed] = []
    undated_slots = {id(p): (n + 1) / (len(undated) + 1) for n, p in enumerate(undated)}
    for point in points:
        if id(point) in undated_slots:
            x0 = x1 = right - strip + undated_slots[id(point)] * strip
        else:
            x0, x1 = left + point.x0 * (plot_right - left), left + point.x1 * (plot_right - left)
        cx, y = (x0 + x1) / 2, y_at(point.y)
        while any(abs(cx - other.cx) < 12 and abs(y - other.y) < 12 for other in placed):
            cx += 14  # the same figure on the same day: side by side, not on top of each other
        claim = point.claim
        assert claim.value is not None
        name = claimant_names.get(claim.claimant, claim.claimant)
        when = (
            f" (by {point.by.human()})"
            if point.by is not None
            else f" ({claim.claimed.human()})"
            if claim.claimed and claim.claimed.precision != "day"
            else ""
        )
        figure = number_text(claim.value.number)
        placed.append(
            _Placed(
                point,
                x0,
                x1,
                cx,
                y,
                f"{figure} · {name}{when}",
                f"{answer_label(claim)} · {name}{when}",
                len(placed) + 1,
            )
        )
    _place_labels(placed, (left, 4.0, width - 2, bottom - 2), size)
    _place_numbers(placed, 24.0)
    marks: list[str] = []
    for item in placed:
        claim = item.point.claim
        assert claim.value is not None
        if item.x1 - item.x0 > 1:  # dated to a month or a year: a thin line with end ticks spans it
            y = item.y
            svg.append(
                f'<path class="qc-period" d="M{item.x0:.1f},{y - 5:.1f} V{y + 5:.1f} M{item.x0:.1f},{y:.1f} '
                f'H{item.x1:.1f} M{item.x1:.1f},{y - 5:.1f} V{y + 5:.1f}"/>'
            )
        svg.append(_marker(claim.value.qualifier, item.cx, item.y))
        always = "" if item.text else " qc-num-always"
        x, ty, anchor = item.number_at
        svg.append(
            f'<text class="qc-point-num{always}" x="{x:.1f}" y="{ty:.1f}" text-anchor="{anchor}">{item.number}</text>'
        )
        svg.append(item.text)
        claimant = claimant_names.get(claim.claimant, claim.claimant)
        claimed = (
            "claimed " + claim.claimed.human()
            if claim.claimed
            else f"claimed by {item.point.by.human()} (its source's date)"
            if item.point.by is not None
            else "date not known"
        )
        tip = f"{answer_label(claim)}: {claimant}, {claimed}"
        box = (item.cx - 11, item.y - 11, 22, 22)
        marks.append(mark_link(claim, tip, box, (width, height), from_page, ".qc-mark-point"))
    svg.append("</svg>")
    always_class = ' class="qc-key-always"'
    key = "".join(
        f'<li value="{item.number}"{"" if item.text else always_class}>{md_escape(item.full)}</li>' for item in placed
    )
    wide_key = any(not item.text for item in placed)
    note = (
        f" One mark per distinct figure, at the date it was first given: {len(points)} of {len(ledger.claims)} figures."
        if grouped
        else ""
    )
    legend = (
        '<p class="qc-legend">● exactly · ○ about · ▲ at least or more than · ▼ fewer than or at most · '
        "├─┤ a figure dated only to a month or a year, on a line across it · the value axis starts at zero · "
        f"each mark links to its claim.{note}</p>"
    )
    after = (
        f'<ol class="qc-ledger-key{" qc-key-wide" if wide_key else ""}" aria-label="Marks by number">{key}</ol>'
        f"\n{legend}"
    )
    return _chart("qc-ledger-chart", "".join(svg), marks, 0, after)


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _marker(qualifier: str, x: float, y: float) -> str:
    shape = _MARKERS.get(qualifier, "dot")
    if shape in ("up", "down"):  # a triangle pointing the way the figure may go
        tip, base = (y - 7, y + 4) if shape == "up" else (y + 7, y - 4)
        return (
            f'<path class="qc-marker qc-marker-{shape}" '
            f'd="M{x:.1f},{tip:.1f} L{x + 6:.1f},{base:.1f} L{x - 6:.1f},{base:.1f} Z"/>'
        )
    return f'<circle class="qc-marker qc-marker-{shape}" cx="{x:.1f}" cy="{y:.1f}" r="5"/>'


def _chart(kind: str, svg: str, marks: list[str], min_width: float, after: str = "") -> Markup:
    """An SVG with its links laid over it; the frame keeps both at the same size; then what goes under it."""
    frame = f' style="min-width: {min_width:.0f}px"' if min_width else ""
    return finished(
        f'<div class="qc-chart {kind}" markdown="1">\n'
        f'<div class="qc-chart-frame"{frame} markdown="1">\n'
        f"{svg}\n"
        '<div class="qc-chart-marks" markdown="1">\n' + "\n".join(marks) + "\n"
        "</div>\n</div>\n" + (f"{after}\n" if after else "") + "</div>"
    )
