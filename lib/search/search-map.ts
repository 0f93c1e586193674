import "server-only";
import Supercluster from "supercluster";
import { rawStatement } from "@/db";
import { type BBox, filterFields, type SearchMapParams } from "./params";
import {
  addBox,
  addFilters,
  countTextMatches,
  ftsPhrase,
  geoOverlap,
  SqlBuilder,
  searchableSql,
  textCondition,
  usesFts,
} from "./query";
import { CANDIDATE_CAP } from "./search-houses";

/**
 * Listings whose price pins would overlap on screen are merged into a cluster. Supercluster
 * measures its radius against 512-pixel tiles; Leaflet draws 256-pixel ones, so 120 here is
 * about 60 screen pixels, the width of a price pin.
 */
const CLUSTER_RADIUS = 120;

export interface MapMarker {
  house_id: number;
  longitude: number;
  latitude: number;
  house_rent: number | null;
}

export interface MapCluster {
  longitude: number;
  latitude: number;
  count: number;
}

interface PointRow {
  id: number;
  longitude: number;
  latitude: number;
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

const hasFilters = (params: SearchMapParams) =>
  Object.keys(filterFields).some((key) => params[key as keyof typeof filterFields] !== undefined);

async function pointsInView(params: SearchMapParams): Promise<PointRow[]> {
  const query = new SqlBuilder();
  if (!hasFilters(params)) {
    // The usual map view: the R*Tree alone holds every published listing. Its float32 corners
    // (±1.5 m) are exact enough to cluster; markers are re-read from the REAL columns.
    const overlap = geoOverlap(query, params.bbox);
    return rawStatement<PointRow>(
      `SELECT g.id AS id, (g.min_lng + g.max_lng) / 2 AS longitude, (g.min_lat + g.max_lat) / 2 AS latitude FROM houses_geo g WHERE ${overlap}`,
    ).all(query.bindings);
  }
  const text = params.house_name;
  const textDrives =
    text !== undefined &&
    usesFts(text) &&
    (await countTextMatches(text, CANDIDATE_CAP + 1)) <= CANDIDATE_CAP;
  let from = "houses_geo g CROSS JOIN houses h ON h.id = g.id";
  if (textDrives) {
    from = "houses_fts f CROSS JOIN houses h ON h.id = f.rowid";
    query.add(`f.houses_fts MATCH ${query.bind(ftsPhrase(text))}`);
  } else {
    // Only the R*Tree and the indexed coordinates are scanned for the viewport.
    query.add(geoOverlap(query, params.bbox));
    if (text) textCondition(query, text);
  }
  addBox(query, params.bbox);
  addFilters(query, params);
  return rawStatement<PointRow>(
    `SELECT h.id AS id, h.longitude AS longitude, h.latitude AS latitude FROM ${from} WHERE ${query.whereSql()}`,
  ).all(query.bindings);
}

const MARKERS_SQL = `SELECT h.id AS house_id, h.longitude AS longitude, h.latitude AS latitude,
  h.house_rent AS house_rent FROM json_each(?) j CROSS JOIN houses h ON h.id = j.value
  WHERE ${searchableSql("h")} ORDER BY h.id`;

async function markers(ids: number[], bbox: BBox): Promise<MapMarker[]> {
  if (ids.length === 0) return [];
  const rows = await rawStatement<MapMarker>(MARKERS_SQL).all([JSON.stringify(ids)]);
  return rows.filter(
    (row) =>
      row.longitude >= bbox.minLng &&
      row.longitude <= bbox.maxLng &&
      row.latitude >= bbox.minLat &&
      row.latitude <= bbox.maxLat,
  );
}

/** /search_map: published listings in a viewport; those that would overlap are clustered. */
export async function searchMap(
  params: SearchMapParams,
): Promise<{ markers: MapMarker[]; clusters: MapCluster[] }> {
  const points = await pointsInView(params);
  if (points.length <= 1)
    return {
      markers: await markers(
        points.map((point) => point.id),
        params.bbox,
      ),
      clusters: [],
    };
  // Clustering only the requested zoom level costs a fraction of building the whole pyramid.
  const index = new Supercluster<PointRow>({
    radius: CLUSTER_RADIUS,
    minZoom: params.zoom,
    maxZoom: params.zoom,
  }).load(
    points.map((point) => ({
      type: "Feature",
      properties: point,
      geometry: { type: "Point", coordinates: [point.longitude, point.latitude] },
    })),
  );
  const { minLng, minLat, maxLng, maxLat } = params.bbox;
  const single: number[] = [];
  const clusters: MapCluster[] = [];
  for (const feature of index.getClusters([minLng, minLat, maxLng, maxLat], params.zoom)) {
    const [longitude, latitude] = feature.geometry.coordinates as [number, number];
    if ("cluster" in feature.properties && feature.properties.cluster)
      clusters.push({
        longitude: round6(longitude),
        latitude: round6(latitude),
        count: feature.properties.point_count,
      });
    else single.push((feature.properties as PointRow).id);
  }
  return { markers: await markers(single, params.bbox), clusters };
}
