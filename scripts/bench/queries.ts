import { BENCH_CITIES, pickCity, random } from "./seed";

// The fixed query mix: what tenants actually send (nearby first, a few filters, some text,
// other orders, a second page), around weighted city centres with a little jitter.

export interface BenchQuery {
  name: string;
  params: Record<string, string | number>;
}

const KINDS: { name: string; extra: (rand: () => number) => Record<string, string | number> }[] = [
  { name: "nearby (default)", extra: () => ({}) },
  {
    name: "nearby + rent + whole flat",
    extra: () => ({ house_rent_fee: "[2000, 5000]", house_rent_room_type: 1 }),
  },
  { name: "newest", extra: () => ({ sort: 2 }) },
  { name: "cheapest, 2 or 3 rooms", extra: () => ({ sort: 4, house_rooms: "2|3" }) },
  { name: "popular + features", extra: () => ({ sort: 3, house_characteristic: "2|5" }) },
  { name: "text 3+ chars (FTS)", extra: () => ({ house_name: "近地铁口" }) },
  { name: "text 2 chars (LIKE)", extra: () => ({ house_name: "花园" }) },
  { name: "page 3, radius 5", extra: () => ({ shift: 40, radius: 5 }) },
  { name: "size ↑, [30,80] m²", extra: () => ({ sort: 6, house_size: "[30,80]" }) },
  {
    name: "rent ↓, south, refined",
    extra: () => ({ sort: 5, house_direction: "南|南北", house_decoration: "精装" }),
  },
];

export const QUERY_KINDS = KINDS.map((kind) => kind.name);

export function queryMix(count: number, seed = 7): BenchQuery[] {
  const rand = random(seed);
  return Array.from({ length: count }, (_, index) => {
    const kind = KINDS[index % KINDS.length] as (typeof KINDS)[number];
    const city = pickCity(rand);
    return {
      name: kind.name,
      params: {
        longitude: (city.longitude + (rand() - 0.5) * city.spread).toFixed(6),
        latitude: (city.latitude + (rand() - 0.5) * city.spread).toFixed(6),
        ...kind.extra(rand),
      },
    };
  });
}

/** The single query compared in-process vs HTTP: the default nearby search in Beijing. */
export const REFERENCE_QUERY: BenchQuery = {
  name: "nearby (default), Beijing",
  params: {
    longitude: (BENCH_CITIES.find((city) => city.code === 110100)?.longitude ?? 116.4).toFixed(6),
    latitude: (BENCH_CITIES.find((city) => city.code === 110100)?.latitude ?? 39.9).toFixed(6),
  },
};

export function toQueryString(params: Record<string, string | number>): string {
  return new URLSearchParams(
    Object.entries(params).map(([key, value]) => [key, String(value)]),
  ).toString();
}
