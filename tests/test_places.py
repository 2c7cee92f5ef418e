"""Places: their messages (file:line:col), the GeoJSON export against RFC 7946, periods, and the map's weight."""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, TODAY, problem_lines
from qantar.build import generate
from qantar.config import Settings
from test_validation_messages import FLOOD_EVENT, replace_in

CITY = "claims/places/riverton.yaml"
DISTRICT = "claims/places/riverton-lower-town.yaml"
CLAIM = "claims/survivor-toll-15.yaml"


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        pytest.param(
            FLOOD_EVENT,
            "place: riverton-lower-town",
            "place: riverton-lower-twon",
            [f"{FLOOD_EVENT}:5:8: place: no place 'riverton-lower-twon'; did you mean 'riverton-lower-town'?"],
            id="event-place-typo",
        ),
        pytest.param(
            FLOOD_EVENT,
            "place: riverton-lower-town",
            "place: Lower town",
            [
                f"{FLOOD_EVENT}:5:8: place: 'Lower town' is not a valid place id: 'Lower town' is not lower-case "
                "words joined by hyphens; write it as 'lower-town'"
            ],
            id="event-place-free-text",
        ),
        pytest.param(
            FLOOD_EVENT,
            "place: riverton-lower-town\n",
            "",
            [
                f"{FLOOD_EVENT}:1:1: missing required field 'place'; add 'place:' (where it happened: the id of "
                "a place (claims/places/), as precise as the sources allow, or the word unknown when they give "
                "none.)"
            ],
            id="event-place-missing",
        ),
        pytest.param(
            FLOOD_EVENT,
            "place: riverton-lower-town",
            "place: unknown\nplace_note: Disputed",
            [],
            id="event-place-unknown",
        ),
        pytest.param(
            CLAIM,
            "places: [riverton-lower-town]",
            "places: [riverton-lowertown]",
            [f"{CLAIM}:17:10: places[0]: no place 'riverton-lowertown'; did you mean 'riverton-lower-town'?"],
            id="claim-place-typo",
        ),
        pytest.param(
            CITY,
            "latitude: 47.5",
            "latitude: 147.5",
            [
                f"{CITY}:6:13: coordinates.latitude: 147.5 is outside -90 to 90; latitude comes first, then "
                "longitude; check that the two are not swapped"
            ],
            id="latitude-out-of-range",
        ),
        pytest.param(
            CITY,
            "latitude: 47.5",
            "latitude: 47°30'",
            [
                f"{CITY}:6:13: coordinates.latitude: '47°30'' is not a number of degrees; write decimal degrees "
                "with a point: 43.25249 (negative for south or west), not degrees and minutes"
            ],
            id="latitude-in-minutes",
        ),
        pytest.param(
            CITY,
            "  longitude: 70.25\n",
            "",
            [
                f"{CITY}:6:3: coordinates: missing required field 'longitude'; add 'longitude:' (degrees east "
                "(negative: west), in decimal degrees: 76.9115.)"
            ],
            id="longitude-missing",
        ),
        pytest.param(
            DISTRICT,
            "precision: city",
            "precision: site",
            [
                f"{DISTRICT}:8:12: precision: a district cannot be placed at site precision; write precision: "
                "district, or coarser"
            ],
            id="precision-finer-than-kind",
        ),
        pytest.param(
            DISTRICT,
            "precision: city",
            "precision: town",
            [
                f"{DISTRICT}:8:12: precision: 'town' is not one of: site, district, city, region, country; write "
                "one of: site, district, city, region, country"
            ],
            id="precision-unknown",
        ),
        pytest.param(
            DISTRICT,
            "latitude: 47.5",
            "latitude: 47.51",
            [
                f"{DISTRICT}:6:3: coordinates: at city precision it keeps the coordinates of riverton (47.5, "
                "70.25); copy them, or give precision: district with a source for its own position"
            ],
            id="coarse-position-invented",
        ),
        pytest.param(
            DISTRICT,
            "parent: riverton\n",
            "",
            [
                f"{DISTRICT}:7:12: precision: precision city, but no city contains it; set 'parent:' to the city "
                "it lies in, whose coordinates it keeps"
            ],
            id="coarse-position-without-parent",
        ),
        pytest.param(
            DISTRICT,
            "parent: riverton",
            "parent: riverton-town",
            [
                f"{DISTRICT}:4:9: parent: no place 'riverton-town'; did you mean 'riverton-lower-town'?",
                f"{DISTRICT}:8:12: precision: precision city, but no city contains it; set 'parent:' to the city "
                "it lies in, whose coordinates it keeps",
            ],
            id="parent-typo",
        ),
        pytest.param(
            CITY,
            "kind: city\n",
            "kind: city\nparent: riverton-lower-town\n",
            [
                f"{CITY}:4:9: parent: places form a loop: riverton → riverton-lower-town → riverton; a place "
                "cannot lie inside itself; fix one 'parent'"
            ],
            id="parent-loop",
        ),
    ],
)
def test_place_messages(corpus_dir: Path, rel: str, old: str, new: str, expected: list[str]) -> None:
    replace_in(corpus_dir, rel, old, new)
    assert problem_lines(corpus_dir) == expected


# -- GeoJSON (RFC 7946) ------------------------------------------------------------------------------


def _geojson_problems(data: Any) -> list[str]:
    """What RFC 7946 forbids in a FeatureCollection of Points (sections 3, 3.1.1, 3.1.2, 3.2, 3.3, 4)."""
    found = []
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return ["the top level is not a FeatureCollection (3.3)"]
    if "crs" in data:
        found.append("a 'crs' member (removed by RFC 7946, 4)")
    if not isinstance(data.get("features"), list):
        return found + ["'features' is not an array (3.3)"]
    ids = set()
    for number, feature in enumerate(data["features"]):
        where = f"features[{number}]"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            found.append(f"{where} is not a Feature (3.2)")
            continue
        if "id" in feature:
            if not isinstance(feature["id"], (str, int, float)):
                found.append(f"{where}.id is neither a string nor a number (3.2)")
            if feature["id"] in ids:
                found.append(f"{where}.id repeats")
            ids.add(feature["id"])
        properties = feature.get("properties", ())
        if not (properties is None or isinstance(properties, dict)):
            found.append(f"{where}.properties is missing or not an object (3.2)")
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") != "Point":
            found.append(f"{where}.geometry is not a Point (3.1.2)")
            continue
        position = geometry.get("coordinates")
        if (
            not isinstance(position, list)
            or len(position) not in (2, 3)
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in position)
        ):
            found.append(f"{where}.geometry.coordinates is not a position (3.1.1)")
            continue
        longitude, latitude = position[0], position[1]
        if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
            found.append(f"{where}: longitude {longitude}, latitude {latitude} outside WGS 84 (4)")
    return found


def _exported(root: Path, tmp_path: Path) -> dict[str, str]:
    result = generate(Settings(root=root, docs=str(tmp_path / "docs")), today=TODAY, write=False)
    assert result.ok, result.problems.report()
    return {page.path: page.text for page in result.pages}


def test_real_corpus_geojson_follows_rfc_7946(tmp_path: Path) -> None:
    pages = _exported(ROOT, tmp_path)
    data = json.loads(pages["data/places.geojson"])
    assert _geojson_problems(data) == []
    places = {feature["id"]: feature for feature in data["features"]}
    almaty = places["almaty"]
    assert almaty["geometry"]["coordinates"] == [76.9115, 43.25249]  # longitude first
    assert almaty["properties"]["precision"] == "city"
    assert "GeoNames 1526384" in almaty["properties"]["coordinates_source"]
    # a site whose own position no source gives keeps its city's, at city precision
    square = places["republic-square"]["properties"]
    assert square["precision"] == "city" and places["republic-square"]["geometry"] == almaty["geometry"]
    assert len(data["features"]) == len(json.loads(pages["data/places.json"]))


def test_geojson_rules_catch_what_they_should() -> None:
    bad = {
        "type": "FeatureCollection",
        "crs": {},
        "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [43.2, 176.9]}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": ["76.9", 43.2]}},
        ],
    }
    assert _geojson_problems(bad) == [
        "a 'crs' member (removed by RFC 7946, 4)",
        "features[0]: longitude 43.2, latitude 176.9 outside WGS 84 (4)",
        "features[1].properties is missing or not an object (3.2)",
        "features[1].geometry.coordinates is not a position (3.1.1)",
    ]


def test_every_event_of_the_corpus_has_a_place_or_says_unknown(tmp_path: Path) -> None:
    events = json.loads(_exported(ROOT, tmp_path)["data/events.json"])
    places = {place["id"] for place in json.loads(_exported(ROOT, tmp_path / "b")["data/places.json"])}
    for event in events:
        assert event["place"] in places or (event["place"] is None and event["place_note"]), event["id"]


def test_every_place_states_its_precision_and_source(tmp_path: Path) -> None:
    for place in json.loads(_exported(ROOT, tmp_path)["data/places.json"]):
        assert place["precision"] in {"site", "district", "city", "region", "country"}
        assert place["coordinates_source"].strip(), place["id"]
        if place["precision"] == "site":  # a site's own position must name a source, never a guess
            assert "no source" not in place["coordinates_source"], place["id"]


def test_the_map_and_its_period_views_stay_light(tmp_path: Path) -> None:
    pages = _exported(ROOT, tmp_path)
    maps = {path: text for path, text in pages.items() if path.startswith("map/")}
    assert "map/index.md" in maps and "map/2022-01.md" in maps and "map/2022-01-06.md" in maps
    for path, text in maps.items():
        assert len(gzip.compress(text.encode("utf-8"))) < 60_000, path
    january_6 = maps["map/2022-01-06.md"]
    assert "events/republic-square-shooting.md" in january_6
    assert "events/almaty-riots-5-january.md" not in january_6  # 5 January only
    assert "events/almaty-airport-seized.md" not in january_6  # known only to the month: on January's view
    assert "events/almaty-airport-seized.md" in maps["map/2022-01.md"]
