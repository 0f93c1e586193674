import Supercluster from "supercluster";
import type { SearchMapParams } from "./params";
import {
  addBox,
  addFilters,
  countTextMatches,
  ftsPhrase,
  geoOverlap,
  prepared,
  SqlBuilder,
  textCondition,
  usesFts,
} from "./query";
import { CANDIDATE_CAP } from "./search-houses";

/** Up to this many listings in view are sent as markers; beyond it they are clustered. */
export const CLUSTER_THRESHOLD = 200;

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
  house_rent: number | null;
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

function pointsInView(params: SearchMapParams): PointRow[] {
  const query = new SqlBuilder();
  const text = params.house_name;
  const textDrives =
    text !== undefined &&
    usesFts(text) &&
    countTextMatches(text, CANDIDATE_CAP + 1) <= CANDIDATE_CAP;
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
  return prepared(
    `SELECT h.id AS id, h.longitude AS longitude, h.latitude AS latitude, h.house_rent AS house_rent FROM ${from} WHERE ${query.whereSql()}`,
  ).all(query.bindings) as PointRow[];
}

function marker(point: PointRow): MapMarker {
  return {
    house_id: point.id,
    longitude: point.longitude,
    latitude: point.latitude,
    house_rent: point.house_rent,
  };
}

/** /search_map: published listings in a viewport, clustered on the server when there are many. */
export async function searchMap(
  params: SearchMapParams,
): Promise<{ markers: MapMarker[]; clusters: MapCluster[] }> {
  const points = pointsInView(params);
  if (points.length <= CLUSTER_THRESHOLD) return { markers: points.map(marker), clusters: [] };
  const index = new Supercluster<PointRow>({ radius: 60, minZoom: 3, maxZoom: 18 }).load(
    points.map((point) => ({
      type: "Feature",
      properties: point,
      geometry: { type: "Point", coordinates: [point.longitude, point.latitude] },
    })),
  );
  const { minLng, minLat, maxLng, maxLat } = params.bbox;
  const markers: MapMarker[] = [];
  const clusters: MapCluster[] = [];
  for (const feature of index.getClusters([minLng, minLat, maxLng, maxLat], params.zoom)) {
    const [longitude, latitude] = feature.geometry.coordinates as [number, number];
    if ("cluster" in feature.properties && feature.properties.cluster)
      clusters.push({
        longitude: round6(longitude),
        latitude: round6(latitude),
        count: feature.properties.point_count,
      });
    else markers.push(marker(feature.properties as PointRow));
  }
  return { markers, clusters };
}
