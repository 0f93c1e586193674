import "server-only";
import { count, eq } from "drizzle-orm";
import { db } from "@/db";
import {
  favorites,
  HouseStatus,
  housePhotos,
  houses,
  identityVerifications,
  type NewHouse,
  propertyVerifications,
  users,
} from "@/db/schema";
import { encryptText } from "@/lib/crypto";
import { type DemoImage, makeDemoImagePool } from "@/lib/demo/images";
import { demoLandlords } from "@/lib/demo/landlords";
import { type DemoCity, type DemoDistrict, demoCities } from "@/lib/demo/places";
import { ORIENTATIONS, type PaymentType } from "@/lib/houses/labels";
import { needsVerificationCode } from "@/lib/houses/lifecycle";
import { COPY_DISTANCE, hammingDistance, hashColumns } from "@/lib/houses/photo-hash";
import { DECORATIONS, FEATURES } from "@/lib/houses/vocabulary";
import { maskIdNumber } from "@/lib/identity/id-number";
import { newPrivateKey, newPublicKey } from "@/lib/storage/keys";
import { writeFilesThenCommit } from "@/lib/storage/with-files";
import { idNumberHash } from "@/lib/verifications/identity";

// Demo data for a fresh sandbox: landlords with saved profiles and approved verifications, and a
// few hundred published listings with photos around 成都, 北京 and 上海. Deterministic (fixed
// random seed), so the same clone always shows the same map.

export class SeedRefusedError extends Error {}

export interface SeedSummary {
  landlords: number;
  houses: number;
  photos: number;
}

/** True when no user and no listing exists: the only state the seed will write into. */
export async function databaseIsEmpty(): Promise<boolean> {
  const [userRows] = await db().select({ n: count() }).from(users);
  const [houseRows] = await db().select({ n: count() }).from(houses);
  return (userRows?.n ?? 0) === 0 && (houseRows?.n ?? 0) === 0;
}

/** mulberry32: a tiny seeded generator, so every seeded database looks the same. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const weighted = <T>(choices: readonly (readonly [T, number])[]): T => {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1]?.[0] as T;
  };
  const sample = <T>(list: readonly T[], n: number): T[] =>
    [...list]
      .map((value) => ({ value, key: next() }))
      .sort((a, b) => a.key - b.key)
      .slice(0, n)
      .map(({ value }) => value);
  /** Standard normal (Box–Muller): listings cluster around district centres. */
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return { next, int, pick, weighted, sample, normal };
}

type Random = ReturnType<typeof randomSource>;

const CHINESE_NUMBERS = ["零", "一", "两", "三", "四", "五"];
const DAY = 24 * 60 * 60 * 1000;

interface PlannedPhoto {
  roomsType: number;
  roomsArea: number | null;
  roomsOrientation: string | null;
  image: DemoImage;
  storageKey: string;
  thumbKey: string;
}

interface PlannedHouse {
  values: Omit<NewHouse, "userId">;
  landlord: number;
  photos: PlannedPhoto[];
}

/** An ID number with a correct GB 11643 check digit, in the landlord's own city. */
function demoIdNumber(countyCode: number, random: Random): string {
  const birth = `${random.int(1965, 1988)}${String(random.int(1, 12)).padStart(2, "0")}${String(random.int(1, 28)).padStart(2, "0")}`;
  const body = `${countyCode}${birth}${String(random.int(100, 999))}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, index) => total + weight * Number(body[index]), 0);
  return `${body}${"10X98765432"[sum % 11]}`;
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function planHouse(
  city: DemoCity,
  district: DemoDistrict,
  landlord: number,
  pool: DemoImage[],
  random: Random,
  now: number,
): PlannedHouse {
  const whole = random.next() < 0.6;
  const rooms = random.weighted([
    [1, whole ? 35 : 0],
    [2, 40],
    [3, whole ? 20 : 45],
    [4, whole ? 5 : 15],
  ]);
  const halls = rooms >= 3 && random.next() < 0.5 ? 2 : 1;
  const baths = rooms >= 3 ? random.int(1, 2) : 1;
  const layout = `${rooms}室${halls}厅${baths}卫`;
  const size = whole ? rooms * 24 + random.int(12, 40) : random.int(10, 26);
  const rentFactor = whole ? 0.8 + random.next() * 0.45 : 1.3 + random.next() * 0.5;
  const rent = Math.max(300, Math.round((size * city.rentPerSquareMetre * rentFactor) / 50) * 50);
  const community = random.pick(district.communities);
  const station = random.pick(district.stations);
  const direction = random.weighted<string>(
    ORIENTATIONS.map((value) => [
      value,
      value === "南" || value === "南北" ? 5 : value.includes("南") ? 2 : 1,
    ]),
  );
  const decoration = random.weighted<string>([
    [DECORATIONS[0], 55],
    [DECORATIONS[1], 30],
    [DECORATIONS[2], 10],
    [DECORATIONS[3], 5],
  ]);
  const paymentType = random.weighted<PaymentType>([
    ["1|3", 55],
    ["1|1", 25],
    ["1|6", 10],
    ["2|3", 5],
    ["0|1", 5],
  ]);
  // "免押金" only where the payment type really has no deposit.
  const features: string[] = random.sample(
    FEATURES.filter((feature) => feature !== "免押金"),
    random.int(2, 4),
  );
  if (paymentType === "0|1") features.push("免押金");
  const allFloor = random.pick([6, 7, 11, 18, 24, 28, 32, 33]);
  const floor = random.int(1, allFloor);
  const tenantPaysProperty = random.next() < 0.3;
  const heatingCharge = city.heating ? random.weighted([[1, 60] as const, [2, 40] as const]) : null;
  const facilities = new Set([
    1,
    6,
    8,
    ...random.sample([2, 3, 4, 5, 7, 10, 11, 12], random.int(2, 6)),
  ]);
  if (city.heating) facilities.add(9);
  if (allFloor > 11) facilities.add(11);
  const extraFees = new Set([1, 2]);
  if (random.next() < 0.7) extraFees.add(3);
  if (random.next() < 0.4) extraFees.add(4);
  if (tenantPaysProperty) extraFees.add(8);
  if (heatingCharge === 2) extraFees.add(5);
  const roomWord = `${CHINESE_NUMBERS[rooms]}室`;
  const bedroom = random.next() < 0.5 ? "主卧" : "次卧";
  const title = whole
    ? `${community} ${decoration}${roomWord}${halls === 2 ? "两厅" : "一厅"} ${features[0]}`
    : `${community} 合租朝${direction.slice(-1)}${bedroom} ${features[0]}`;
  const walk = random.int(3, 15);
  // Spread ~1.5 km around the district centre; 1° latitude ≈ 111 km.
  const spread = 1.5 / 111;
  const latitude = district.centre[1] + random.normal() * spread;
  const longitude =
    district.centre[0] +
    (random.normal() * spread) / Math.cos((district.centre[1] * Math.PI) / 180);
  const released = now - random.int(0, 45 * DAY);

  const photoTypes = whole
    ? [3, 1, ...random.sample([2, 4, 5, 6], random.int(0, 2))]
    : [bedroom === "主卧" ? 1 : 2, ...random.sample([3, 4, 5, 6], random.int(1, 3))];
  const palette = random.int(0, 2);
  const photos = photoTypes.map((roomsType): PlannedPhoto => {
    const image =
      pool.find((item) => item.roomsType === roomsType && item.palette === palette) ??
      pool.find((item) => item.roomsType === roomsType);
    if (!image) throw new Error(`no demo image for room type ${roomsType}`);
    const isBedroom = roomsType === 1 || roomsType === 2;
    return {
      roomsType,
      roomsArea: isBedroom ? (whole ? random.int(10, 22) : size) : null,
      roomsOrientation: isBedroom ? direction : null,
      image,
      storageKey: newPublicKey("jpg"),
      thumbKey: newPublicKey("webp"),
    };
  });

  return {
    landlord,
    photos,
    values: {
      status: HouseStatus.published,
      rentTimeType: random.next() < 0.1 ? 1 : 2,
      rentRoomType: whole ? 1 : 2,
      provinceCode: city.provinceCode,
      provinceName: city.provinceName,
      cityCode: city.cityCode,
      cityName: city.cityName,
      countyCode: district.code,
      countyName: district.name,
      districtName: community,
      houseNumber: `${random.int(1, 12)}栋${random.int(1, 4)}单元${floor}${String(random.int(1, 6)).padStart(2, "0")}`,
      longitude: Math.round(longitude * 1e7) / 1e7,
      latitude: Math.round(latitude * 1e7) / 1e7,
      houseSize: size,
      houseType: layout,
      houseFloor: String(floor),
      allFloor,
      houseDirection: direction,
      houseDecoration: decoration,
      houseMaxLivein: whole ? rooms * 2 : random.int(1, 2),
      houseRooms: rooms,
      houseRent: rent,
      paymentType,
      propertyManagementFee: tenantPaysProperty ? 2 : 1,
      heatingCharge,
      descriptionTitle: title,
      description: whole
        ? `${district.name}${community}，${layout}，约${size}平米，${decoration}，朝${direction}，采光好。房东直租，没有中介费，家具家电齐全，可以直接入住。`
        : `${community}${layout}合租房中的${bedroom}，约${size}平米，朝${direction}。室友都是上班族，作息规律，公共区域每周保洁。`,
      trafficCondition: `步行约${walk}分钟到地铁${station}，附近有多条公交线路。`,
      aroundCondition: random.pick([
        "楼下有超市和菜市场，生活方便。",
        "附近有三甲医院和学校。",
        "周边餐馆多，外卖方便。",
        "小区环境安静，绿化好，有物业管理。",
        "附近有公园，适合散步和跑步。",
      ]),
      facility: [...facilities].sort((a, b) => a - b).join("|"),
      extraFee: [...extraFees].sort((a, b) => a - b).join("|"),
      houseCharacteristic: features.join("|"),
      houseSource: random.next() < 0.9 ? 1 : 2,
      earliestCheckinTime: isoDay(now + random.int(0, 30) * DAY),
      releaseTime: new Date(released),
      // Confirmed as still available as of seeding (the freshness rule).
      availableConfirmedAt: new Date(now),
      verificationCode: needsVerificationCode(city.provinceCode)
        ? `DEMO${city.cityCode}${String(Math.round(latitude * 1e6) % 1e6).padStart(6, "0")}`
        : null,
      submissionTime: new Date(released - random.int(1, 3) * DAY),
      createdAt: new Date(released - 3 * DAY),
    },
  };
}

/**
 * Writes the demo data. Refuses unless the database is empty, so it can never mix invented
 * listings into real ones. Files are written first; if the transaction fails they are removed.
 */
/**
 * One image pool per landlord, none within the copied-photo distance of another landlord's, so
 * the demo data never trips the rule (a variant that comes too close is skipped).
 */
async function distinctPools(count: number): Promise<DemoImage[][]> {
  const pools: DemoImage[][] = [];
  for (let variant = 1; pools.length < count; variant += 1) {
    if (variant > count * 10) throw new Error("could not draw distinct demo photos");
    const pool = await makeDemoImagePool(variant);
    const clash = pools.some((other) =>
      other.some((a) => pool.some((b) => hammingDistance(a.hash, b.hash) <= COPY_DISTANCE)),
    );
    if (!clash) pools.push(pool);
  }
  return pools;
}

export async function seedDemo(): Promise<SeedSummary> {
  if (!(await databaseIsEmpty())) {
    throw new SeedRefusedError("数据库里已有用户或房源，演示数据只写入空数据库，已取消。");
  }
  const random = randomSource(20261128);
  const now = Date.now();
  const pools = await distinctPools(demoLandlords.length);
  const document = pools[0]?.[0];
  if (!document) throw new Error("empty demo image pool");

  // The database is empty, so landlords get ids 1..n; private keys need the owner's id.
  const landlords = demoLandlords.map((landlord, index) => {
    const id = index + 1;
    const city = demoCities[landlord.city];
    const county = city?.districts[index % (city?.districts.length ?? 1)];
    if (!city || !county) throw new Error(`demo landlord ${landlord.openid} has no city`);
    return {
      id,
      landlord,
      city,
      idNumber: demoIdNumber(county.code, random),
      documents: {
        portrait: newPrivateKey(id, "jpg"),
        front: newPrivateKey(id, "jpg"),
        back: newPrivateKey(id, "jpg"),
        cert: newPrivateKey(id, "jpg"),
      },
    };
  });

  const planned: PlannedHouse[] = [];
  demoCities.forEach((city, cityIndex) => {
    const owners = landlords.filter(({ landlord }) => landlord.city === cityIndex);
    for (let n = 0; n < city.listings; n += 1) {
      const district = city.districts[n % city.districts.length];
      const owner = owners[n % owners.length];
      if (!district || !owner) continue;
      planned.push(planHouse(city, district, owner.id, pools[owner.id - 1] ?? [], random, now));
    }
  });

  const files = [
    ...landlords.flatMap(({ documents }) =>
      Object.values(documents).map((key) => ({
        key,
        body: document.jpeg,
        contentType: "image/jpeg",
      })),
    ),
    ...planned.flatMap(({ photos }) =>
      photos.flatMap((photo) => [
        { key: photo.storageKey, body: photo.image.jpeg, contentType: "image/jpeg" },
        { key: photo.thumbKey, body: photo.image.thumb, contentType: "image/webp" },
      ]),
    ),
  ];
  const reviewedAt = new Date(now - 30 * DAY);
  return writeFilesThenCommit(files, async (tx) => {
    const certificates = new Map<number, number>();
    for (const { id, landlord, city, idNumber, documents } of landlords) {
      await tx
        .insert(users)
        .values({
          id,
          wxOpenid: landlord.openid,
          wxNickname: landlord.nickname,
          nickname: landlord.nickname,
          sex: landlord.sex,
          userType: 1,
          selfDescription: landlord.selfDescription,
          addressProvince: city.provinceName,
          addressCity: city.cityName,
          tel: landlord.tel,
          wechat: landlord.wechat,
          profileSavedAt: reviewedAt,
        })
        .run();
      await tx
        .insert(identityVerifications)
        .values({
          userId: id,
          realName: landlord.realName,
          idNumberEncrypted: encryptText(idNumber),
          idNumberHash: idNumberHash(idNumber),
          idNumberMasked: maskIdNumber(idNumber),
          portraitKey: documents.portrait,
          frontKey: documents.front,
          backKey: documents.back,
          status: "approved",
          reviewedAt,
        })
        .run();
      const certificate = await tx
        .insert(propertyVerifications)
        .values({
          userId: id,
          certName: landlord.realName,
          idNumberEncrypted: encryptText(idNumber),
          idNumberMasked: maskIdNumber(idNumber),
          certNumber: `DEMO-${city.cityCode}-${String(id).padStart(6, "0")}`,
          houseType: 1,
          certPhotoKey: documents.cert,
          status: "approved",
          reviewedAt,
        })
        .returning({ id: propertyVerifications.id })
        .get();
      certificates.set(id, certificate.id);
    }
    let photoCount = 0;
    const proven = new Set<number>();
    for (const house of planned) {
      const inserted = await tx
        .insert(houses)
        .values({ ...house.values, userId: house.landlord })
        .returning({ id: houses.id })
        .get();
      let coverId: number | null = null;
      for (const [sortOrder, photo] of house.photos.entries()) {
        const row = await tx
          .insert(housePhotos)
          .values({
            houseId: inserted.id,
            userId: house.landlord,
            storageKey: photo.storageKey,
            thumbKey: photo.thumbKey,
            roomsType: photo.roomsType,
            roomsArea: photo.roomsArea,
            roomsOrientation: photo.roomsOrientation,
            sortOrder,
            ...hashColumns(photo.image.hash),
          })
          .returning({ id: housePhotos.id })
          .get();
        coverId ??= row.id;
        photoCount += 1;
      }
      // praise_count counts real favourites: the other demo landlords favourite some listings.
      const fans = landlords.filter(({ id }) => id !== house.landlord && random.next() < 0.25);
      for (const fan of fans)
        await tx.insert(favorites).values({ userId: fan.id, houseId: inserted.id }).run();
      await tx
        .update(houses)
        .set({ coverPhotoId: coverId, praiseCount: fans.length })
        .where(eq(houses.id, inserted.id))
        .run();
      // Each landlord's certificate proves their first listing (房东本人): the certificate
      // carries that flat's address and the link is confirmed as an admin would.
      const certificate = certificates.get(house.landlord);
      if (certificate !== undefined && !proven.has(house.landlord)) {
        proven.add(house.landlord);
        await tx
          .update(houses)
          .set({ propertyVerificationId: certificate, propertyLinkConfirmedAt: reviewedAt })
          .where(eq(houses.id, inserted.id))
          .run();
        await tx
          .update(propertyVerifications)
          .set({
            provinceCode: house.values.provinceCode,
            cityCode: house.values.cityCode,
            countyCode: house.values.countyCode,
            community: house.values.districtName,
            room: house.values.houseNumber,
          })
          .where(eq(propertyVerifications.id, certificate))
          .run();
      }
    }
    return {
      result: { landlords: landlords.length, houses: planned.length, photos: photoCount },
    };
  });
}
