import { eq } from "drizzle-orm";
import { POST as createPhoto } from "@/app/api/create_house_photo/route";
import { POST as houseCreate } from "@/app/api/house_create/route";
import { db } from "@/db";
import { houses } from "@/db/schema";
import { call, createUser, jpegBytes, patternJpeg } from "@/tests/helpers";

/** A user whose profile is saved, so their complete listings can be published. */
export function landlord() {
  return createUser({ profileSavedAt: new Date() });
}

/** Fields that make a listing publishable once it has a photo (Chengdu, Jinjiang district). */
export const COMPLETE = {
  province_code: 510000,
  city_code: 510100,
  county_code: 510104,
  district_name: "锦江花园",
  longitude: 104.08,
  latitude: 30.65,
  house_rent: 2500,
  house_size: 60,
  description_title: "锦江区两室一厅 近地铁",
};

export async function draft(token: string, form: Record<string, string | number> = COMPLETE) {
  const { body } = await call(houseCreate, { token, form });
  if (body.status !== 0) throw new Error(`house_create failed: ${body.msg}`);
  return body.ans.house_id as number;
}

export async function addPhoto(
  token: string,
  houseId: number,
  form: Record<string, string | number> = { rooms_type: 3 },
  data?: Buffer,
) {
  return call(createPhoto, {
    token,
    form: { house_id: houseId, ...form },
    files: [
      {
        field: "house_photo",
        name: "a.jpg",
        type: "image/jpeg",
        data: data ?? (await jpegBytes()),
      },
    ],
  });
}

/** A complete draft with one photo of its own (no other listing has it), ready for house_release. */
export async function readyDraft(token: string) {
  const id = await draft(token);
  const photo = await addPhoto(token, id, { rooms_type: 3 }, await patternJpeg());
  if (photo.body.status !== 0) throw new Error(`create_house_photo failed: ${photo.body.msg}`);
  return id;
}

export function houseRow(id: number) {
  return db().select().from(houses).where(eq(houses.id, id)).get();
}
