import type Database from "better-sqlite3";
import { CITY_CENTRES } from "@/lib/search/city-centres";

// Synthetic listings clustered around real city centres, weighted like real rental supply:
// the four tier-1 cities hold most listings, each spread normally around its centre.

const TIER_ONE = new Set([110100, 310100, 440100, 440300]);
const BIG = new Set([510100, 330100, 420100, 500100, 320100, 610100, 320500, 120100]);

export const BENCH_CITIES = CITY_CENTRES.map((city) => ({
  ...city,
  weight: TIER_ONE.has(city.code) ? 10 : BIG.has(city.code) ? 4 : 1,
  // Spread in degrees (σ): bigger cities sprawl further.
  spread: TIER_ONE.has(city.code) ? 0.12 : BIG.has(city.code) ? 0.08 : 0.05,
}));

/** Deterministic PRNG (mulberry32) so runs are comparable. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pickCity(rand: () => number) {
  const total = BENCH_CITIES.reduce((sum, city) => sum + city.weight, 0);
  let roll = rand() * total;
  for (const city of BENCH_CITIES) {
    roll -= city.weight;
    if (roll <= 0) return city;
  }
  return BENCH_CITIES[0] as (typeof BENCH_CITIES)[number];
}

function gaussian(rand: () => number) {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const pick = <T>(rand: () => number, items: readonly T[]) =>
  items[Math.floor(rand() * items.length)] as T;

const COMMUNITIES = [
  "阳光花园",
  "锦绣家园",
  "碧水湾",
  "翠苑",
  "金色家园",
  "书香门第",
  "望江苑",
  "世纪城",
  "朝阳小区",
  "龙湖春江",
  "万科城",
  "保利花园",
];
const ADJECTIVES = [
  "精装修",
  "近地铁口",
  "南北通透",
  "拎包入住",
  "采光好",
  "安静",
  "带阳台",
  "新上房源",
  "业主直租",
  "随时看房",
];
const DESCRIPTIONS = [
  "交通便利，楼下就是公交站",
  "家电齐全，可短租",
  "小区环境好，物业管理到位",
  "步行五分钟到地铁站",
  "周边商场超市齐全",
  "适合上班族，通勤方便",
];
export const DIRECTIONS = ["南", "北", "东", "西", "南北", "东南"];
export const DECORATIONS = ["精装", "简装", "毛坯"];

/** Inserts `count` listings (90% published) and their owners in one transaction. */
export function seedListings(sqlite: Database.Database, count: number, seed = 42) {
  const rand = random(seed);
  const owners = Math.max(10, Math.floor(count / 100));
  const now = Date.now();
  const insertUser = sqlite.prepare(
    "INSERT INTO users (id, wx_openid, user_type) VALUES (?, ?, ?)",
  );
  const insertHouse = sqlite.prepare(`INSERT INTO houses (
      user_id, status, rent_time_type, rent_room_type, subdistrict_code, subway_station_code,
      longitude, latitude, house_size, house_type, house_direction, house_decoration, house_rooms,
      house_rent, payment_type, description_title, description, district_name,
      house_characteristic, house_source, praise_count, created_at, updated_at
    ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  sqlite.transaction(() => {
    for (let id = 1; id <= owners; id++) insertUser.run(id, `bench-${id}`, 1 + (id % 3));
    for (let index = 0; index < count; index++) {
      const city = pickCity(rand);
      const rooms = 1 + Math.floor(rand() * 4);
      const roll = rand();
      const status = roll < 0.9 ? 1 : roll < 0.95 ? 2 : roll < 0.98 ? 0 : 3;
      const community = pick(rand, COMMUNITIES);
      const tags = [1, 2, 3, 4, 5, 6, 7, 8].filter(() => rand() < 0.3).join("|");
      const created = now - Math.floor(rand() * 180 * 86_400_000);
      insertHouse.run(
        1 + Math.floor(rand() * owners),
        status,
        rand() < 0.8 ? 2 : 1,
        rand() < 0.6 ? 1 : 2,
        city.code * 100 + Math.floor(rand() * 20),
        city.code * 100 + Math.floor(rand() * 50),
        city.longitude + gaussian(rand) * city.spread,
        city.latitude + gaussian(rand) * city.spread * 0.8,
        15 + Math.floor(rand() * 130),
        `${rooms}室${rand() < 0.7 ? 1 : 2}厅`,
        pick(rand, DIRECTIONS),
        pick(rand, DECORATIONS),
        rooms,
        Math.round((800 + rand() * rand() * 12_000) / 100) * 100,
        pick(rand, ["1|1", "1|3", "2|3"]),
        `${community}${pick(rand, ADJECTIVES)}${rooms}居室`,
        pick(rand, DESCRIPTIONS),
        community,
        tags || null,
        1 + Math.floor(rand() * 3),
        Math.floor(rand() * rand() * 50),
        created,
        created,
      );
    }
  })();
}
