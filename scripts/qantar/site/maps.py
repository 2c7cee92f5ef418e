"""Maps: the base map with the event places as marks sized by their claims, an inset for a city's sites, and a
locator for one place, as SVG drawn at build time.

The base map (site/geo/base-map.json, made by scripts/geo/build.mjs from Natural Earth) is in longitude and latitude;
it is projected here, once per build, with a Lambert conformal conic projection fitted to Kazakhstan. Every mark is
a link laid over the SVG (charts.mark_link), whose text is the mark's text equivalent. Nothing is fetched.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..model import Place
from .charts import _chart, mark_link
from .markup import finished, md_escape
from .places import PlaceSummary

BASE_MAP = Path(__file__).parent / "geo" / "base-map.json"
MAP_WIDTH = 800.0
LOCATOR_WIDTH = 320.0


@functools.cache
def base_map() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BASE_MAP.read_text(encoding="utf-8"))
    return data


def _conic(lon: float, lat: float) -> tuple[float, float]:
    """Lambert conformal conic (standard parallels 45° and 52° N, centred on 48° N 67° E), on a unit sphere."""
    lat1, lat2, lat0, lon0 = (math.radians(v) for v in (45.0, 52.0, 48.0, 67.0))
    n = math.log(math.cos(lat1) / math.cos(lat2)) / math.log(
        math.tan(math.pi / 4 + lat2 / 2) / math.tan(math.pi / 4 + lat1 / 2)
    )
    f = math.cos(lat1) * math.tan(math.pi / 4 + lat1 / 2) ** n / n
    rho = f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** n
    rho0 = f / math.tan(math.pi / 4 + lat0 / 2) ** n
    theta = n * (math.radians(lon) - lon0)
    return rho * math.sin(theta), -(rho0 - rho * math.cos(theta))


@dataclass(frozen=True)
class Frame:
    """Projected coordinates → SVG units: Kazakhstan fills the width, with a margin."""

    scale: float
    left: float
    top: float
    width: float
    height: float

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = _conic(lon, lat)
        return (x - self.left) * self.scale, (y - self.top) * self.scale

    def inside(self, x: float, y: float) -> bool:
        return 0 <= x <= self.width and 0 <= y <= self.height


@functools.cache
def frame(width: float) -> Frame:
    points = [_conic(lon, lat) for ring in base_map()["locator"]["country"] for lon, lat in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    margin = 0.03 * (max(xs) - min(xs))
    scale = width / (max(xs) - min(xs) + 2 * margin)
    return Frame(scale, min(xs) - margin, min(ys) - margin, width, (max(ys) - min(ys) + 2 * margin) * scale)


def _densified(ring: list[list[float]]) -> list[list[float]]:
    """A ring with points added along long edges (the frame's clipping edges), so they curve as the projection does."""
    found = [ring[0]]
    for lon, lat in ring[1:]:
        last_lon, last_lat = found[-1]
        steps = int(max(abs(lon - last_lon), abs(lat - last_lat)))
        found += [
            [last_lon + (lon - last_lon) * k / (steps + 1), last_lat + (lat - last_lat) * k / (steps + 1)]
            for k in range(1, steps + 1)
        ]
        found.append([lon, lat])
    return found


def _path(rings: list[list[list[float]]], to_svg: Any) -> str:
    parts = []
    for ring in rings:
        points = [to_svg(lon, lat) for lon, lat in _densified(ring)]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


@functools.cache
def _layers(level: str, width: float) -> tuple[str, dict[str, str], str]:
    """The projected base map at one level of detail: neighbours, each region (by outline id), the country."""
    data, box = base_map(), frame(width)
    neighbours = "".join(_path(n["rings"], box.point) for n in data["neighbours"]) if level == "map" else ""
    regions = {region["id"]: _path(region["rings"], box.point) for region in data[level]["regions"]}
    return neighbours, regions, _path(data[level]["country"], box.point)


def _base_svg(level: str, width: float, lit: set[str], country_lit: bool) -> list[str]:
    neighbours, regions, country = _layers(level, width)
    svg = [f'<rect class="qc-map-sea" width="{width:.0f}" height="{frame(width).height:.0f}"/>']
    if neighbours:
        svg.append(f'<path class="qc-map-neighbour" d="{neighbours}"/>')
    svg.append(f'<path class="qc-map-country{" qc-map-on" if country_lit else ""}" d="{country}"/>')
    for region_id, d in sorted(regions.items()):
        svg.append(f'<path class="qc-map-region{" qc-map-on" if region_id in lit else ""}" d="{d}"/>')
    svg.append(f'<path class="qc-map-outline" d="{country}"/>')
    return svg


def _radius(claims: int) -> float:
    return min(4.0 + 2.4 * math.sqrt(claims), 34.0)


def _counts(events: int, claims: int) -> str:
    said = f"{claims} claim{'' if claims == 1 else 's'}"
    return f"{events} event{'' if events == 1 else 's'}, {said}" if events else f"{said} naming it"


@dataclass
class _Group:
    """Places that share one point on the map: one mark, linked to the one that holds the others."""

    leader: Place
    members: list[PlaceSummary]
    x: float
    y: float

    def claims(self) -> int:
        return len({claim.id for member in self.members for claim in member.own_claims})

    def events(self) -> int:
        return len({event.id for member in self.members for event in member.own_events})

    def label(self) -> str:
        others = len(self.members) - 1
        name = self.leader.name + (
            f" and {others} place{'' if others == 1 else 's'} in it at its position" if others else ""
        )
        precision = "somewhere in the region" if self.leader.precision == "region" else ""
        return f"{name}{' (' + precision + ')' if precision else ''}: {_counts(self.events(), self.claims())}"


def _groups(
    summaries: list[PlaceSummary], box: Frame, depth: dict[str, int]
) -> tuple[list[_Group], list[PlaceSummary]]:
    """Marks for every shown place with a point on the map; the places beyond the map's frame apart."""
    found: dict[tuple[float, float, bool], _Group] = {}
    outside = []
    for summary in summaries:
        place = summary.place
        if not summary.shown or place.coordinates is None or place.precision == "country":
            continue
        x, y = box.point(place.coordinates.longitude, place.coordinates.latitude)
        if not box.inside(x, y):
            outside.append(summary)
            continue
        key = (round(x, 1), round(y, 1), place.precision == "region")
        group = found.setdefault(key, _Group(place, [], x, y))
        group.members.append(summary)
        if (depth[place.id], place.name) < (depth[group.leader.id], group.leader.name):
            group.leader = place
    return sorted(found.values(), key=lambda g: (-g.claims(), g.leader.id)), outside


def _place_label(
    name: str, x: float, y: float, r: float, width: float, taken: list[tuple[float, float, float, float]]
) -> str:
    """A mark's name beside it, on the first side where it overlaps no other mark or name; none if all do."""
    w, h = 7.6 * len(name) + 4, 16.0
    for left, top, anchor in (
        (x + r + 3, y - 8, "start"),
        (x - r - 3 - w, y - 8, "end"),
        (x - w / 2, y - r - h - 2, "middle"),
        (x - w / 2, y + r + 2, "middle"),
    ):
        if left < 0 or left + w > width or top < 0:
            continue
        if all(left + w <= a or left >= a + c or top + h <= b or top >= b + d for a, b, c, d in taken):
            taken.append((left, top, w, h))
            tx = {"start": left, "end": left + w, "middle": left + w / 2}[anchor]
            return (
                f'<text class="qc-map-label" x="{tx:.1f}" y="{top + 12:.1f}" text-anchor="{anchor}">'
                f"{md_escape(name)}</text>"
            )
    return ""


def national_map(summaries: list[PlaceSummary], depth: dict[str, int], from_page: str, title: str) -> Markup:
    """Kazakhstan with its regions; a mark per place where something happened, sized by its claims."""
    box = frame(MAP_WIDTH)
    groups, _outside = _groups(summaries, box, depth)
    lit = {s.place.outline for s in summaries if s.shown and s.place.precision == "region" and s.place.outline}
    countrywide = [s for s in summaries if s.shown and s.place.precision == "country"]
    svg = [
        f'<svg class="qc-map-svg" viewBox="0 0 {box.width:.0f} {box.height:.0f}" xmlns="http://www.w3.org/2000/svg" '
        f'role="img" aria-labelledby="qc-map-title"><title id="qc-map-title">{md_escape(title)}</title>'
    ]
    svg += _base_svg("map", MAP_WIDTH, lit, bool(countrywide))
    marks = []
    taken: list[tuple[float, float, float, float]] = [
        (
            group.x - _radius(group.claims()),
            group.y - _radius(group.claims()),
            2 * _radius(group.claims()),
            2 * _radius(group.claims()),
        )
        for group in groups
    ]
    for group in groups:
        r = _radius(group.claims())
        shape = "qc-map-mark-region" if group.leader.precision == "region" else "qc-map-mark"
        svg.append(f'<circle class="{shape}" cx="{group.x:.1f}" cy="{group.y:.1f}" r="{r:.1f}"/>')
    for group in groups:
        r = _radius(group.claims())
        label = _place_label(group.leader.name, group.x, group.y, r, box.width, taken)
        if label:
            svg.append(label)
        box_ = (group.x - max(r, 11), group.y - max(r, 11), 2 * max(r, 11), 2 * max(r, 11))
        marks.append(
            mark_link(
                group.leader, group.label(), box_, (box.width, box.height), from_page, ".qc-mark-point .qc-map-link"
            )
        )
    y = 14.0
    for summary in countrywide:
        text = (
            f"Across {summary.place.name} (no more precise place): "
            f"{_counts(len(summary.own_events), len(summary.own_claims))}"
        )
        svg.append(
            f'<rect class="qc-map-box" x="8" y="{y - 12:.0f}" width="{7.4 * len(text) + 14:.0f}" '
            f'height="22" rx="3"/><text class="qc-map-label" x="14" y="{y + 4:.0f}">{md_escape(text)}</text>'
        )
        marks.append(
            mark_link(
                summary.place,
                text,
                (8, y - 12, 7.4 * len(text) + 14, 22),
                (box.width, box.height),
                from_page,
                ".qc-map-link",
            )
        )
        y += 28
    svg.append("</svg>")
    return _chart("qc-map-chart", "".join(svg), marks, 340)


def inset_map(city: Place, summaries: list[PlaceSummary], from_page: str) -> Markup | None:
    """A city drawn larger: sites with their own position on its outline; those known only to the city side by
    side, not at their positions (said so on the drawing)."""
    outline = next((i for i in base_map()["insets"] if i["id"] == city.outline), None)
    located = [s for s in summaries if s.shown and s.place.coordinates and s.place.precision in ("site", "district")]
    schematic = [s for s in summaries if s.shown and s.place is not city and s.place.precision == "city"]
    if outline is None or city.coordinates is None or not (located or schematic):
        return None
    width, height, panel = 800.0, 330.0, 300.0
    lons = [lon for ring in outline["rings"] for lon, _ in ring] + [
        s.place.coordinates.longitude for s in located if s.place.coordinates
    ]
    lats = [lat for ring in outline["rings"] for _, lat in ring] + [
        s.place.coordinates.latitude for s in located if s.place.coordinates
    ]
    squeeze = math.cos(math.radians(city.coordinates.latitude))
    span = max((max(lons) - min(lons)) * squeeze, max(lats) - min(lats)) * 1.15
    mid_lon, mid_lat = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2

    def to_svg(lon: float, lat: float) -> tuple[float, float]:
        return (
            panel / 2 + (lon - mid_lon) * squeeze / span * (panel - 20),
            30 + (height - 40) / 2 - (lat - mid_lat) / span * (height - 40),
        )

    svg = [
        f'<svg class="qc-map-svg" viewBox="0 0 {width:.0f} {height:.0f}" xmlns="http://www.w3.org/2000/svg" '
        f'role="img" aria-labelledby="qc-inset-title"><title id="qc-inset-title">{md_escape(city.name)} drawn '
        "larger: its sites, and those whose position no source gives, side by side.</title>",
        f'<rect class="qc-map-sea" width="{width:.0f}" height="{height:.0f}"/>',
        f'<path class="qc-map-region qc-map-city" d="{_path(outline["rings"], to_svg)}"/>',
        f'<text class="qc-map-caption" x="10" y="20">{md_escape(city.name)}: outline (Natural Earth) and '
        "positions</text>",
        f'<line class="qc-map-divider" x1="{panel + 10:.0f}" y1="10" x2="{panel + 10:.0f}" y2="{height - 10:.0f}"/>',
        f'<text class="qc-map-caption" x="{panel + 24:.0f}" y="20">Position not given by any source: '
        "side by side, not to scale</text>",
    ]
    marks = []
    cx, cy = to_svg(city.coordinates.longitude, city.coordinates.latitude)
    svg.append(
        f'<circle class="qc-map-city-point" cx="{cx:.1f}" cy="{cy:.1f}" r="4"/>'
        f'<text class="qc-map-caption" x="{cx + 8:.1f}" y="{cy + 4:.1f}">{md_escape(city.name)}\'s position'
        "</text>"
    )
    for summary in located:
        assert summary.place.coordinates is not None
        x, y = to_svg(summary.place.coordinates.longitude, summary.place.coordinates.latitude)
        r = _radius(len(summary.own_claims))
        right = x < panel * 0.55
        svg.append(
            f'<circle class="qc-map-mark" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
            f'<text class="qc-map-label" x="{x + r + 3 if right else x - r - 3:.1f}" y="{y + 4:.1f}" '
            f'text-anchor="{"start" if right else "end"}">{md_escape(summary.place.name)}</text>'
        )
        label = f"{summary.place.name}: {_counts(len(summary.own_events), len(summary.own_claims))}"
        marks.append(
            mark_link(
                summary.place,
                label,
                (x - max(r, 11), y - max(r, 11), 2 * max(r, 11), 2 * max(r, 11)),
                (width, height),
                from_page,
                ".qc-mark-point",
            )
        )
    columns = 2
    row_h = max(24.0, min(44.0, (height - 50) / max(1, math.ceil(len(schematic) / columns))))
    for number, summary in enumerate(schematic):
        x = panel + 40 + (number % columns) * 240
        y = 50 + (number // columns) * row_h
        r = min(_radius(len(summary.own_claims)), row_h / 2 - 2)
        name = summary.place.name if len(summary.place.name) <= 32 else summary.place.name[:31] + "…"
        svg.append(
            f'<circle class="qc-map-mark" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
            f'<text class="qc-map-label qc-map-small" x="{x + 18:.1f}" y="{y + 4:.1f}">{md_escape(name)}</text>'
        )
        label = (
            f"{summary.place.name} (position not given, shown at {city.name}'s): "
            f"{_counts(len(summary.own_events), len(summary.own_claims))}"
        )
        marks.append(
            mark_link(
                summary.place,
                label,
                (x - 12, y - row_h / 2 + 1, 228, row_h - 2),
                (width, height),
                from_page,
                ".qc-map-link",
            )
        )
    svg.append("</svg>")
    return _chart("qc-map-chart qc-inset-chart", "".join(svg), marks, 340)


def locator(place: Place, title: str, caption: str) -> Markup | None:
    """Where one place lies in the country: a point, its region lit, or the whole country; None beyond the map."""
    box = frame(LOCATOR_WIDTH)
    if place.coordinates is None:
        return None
    x, y = box.point(place.coordinates.longitude, place.coordinates.latitude)
    if not box.inside(x, y) and place.precision != "country":
        return None
    lit = {place.outline} if place.precision == "region" and place.outline else set()
    svg = [
        f'<svg class="qc-locator-svg" viewBox="0 0 {box.width:.0f} {box.height:.0f}" '
        f'xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{md_escape(title)}">'
    ]
    svg += _base_svg("locator", LOCATOR_WIDTH, lit, place.precision == "country")
    if place.precision == "region":
        svg.append(f'<circle class="qc-map-mark-region" cx="{x:.1f}" cy="{y:.1f}" r="7"/>')
    elif place.precision != "country":
        svg.append(f'<circle class="qc-map-mark" cx="{x:.1f}" cy="{y:.1f}" r="5"/>')
    svg.append("</svg>")
    return finished(f'<figure class="qc-locator">{"".join(svg)}<figcaption>{md_escape(caption)}</figcaption></figure>')
