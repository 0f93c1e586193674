import useSWR from "swr";
import type { houseDetail, myHouseList } from "@/lib/houses/queries";
import { fetcher } from "@/lib/swr/fetcher";
import type { OwnProfile } from "@/lib/users/profile";
import type { listVerifications, verificationStatus } from "@/lib/verifications/review";

// One hook per API resource; the SWR key is the API path, so `mutate(path)` refreshes a resource.

export const keys = {
  profile: "/api/fetch_userinfo",
  verification: "/api/verification_status",
  myHouses: "/api/my_house_list",
  house: (id: number) => `/api/house_detail?house_id=${id}`,
  invitation: "/api/invitation/getcode",
  adminVerifications: "/api/admin/verifications",
  notifications: (shift: number, count: number) =>
    `/api/notification/list?shift=${shift}&count=${count}`,
} as const;

export type VerificationStatusAnswer = Awaited<ReturnType<typeof verificationStatus>>;
export type MyHouse = Awaited<ReturnType<typeof myHouseList>>[number];
export type HouseDetail = Awaited<ReturnType<typeof houseDetail>>;
export type AdminVerifications = Awaited<ReturnType<typeof listVerifications>>;
export interface InvitationCodes {
  my_invite_code: string;
  /** The legacy API answers the number -1 while no friend's code has been entered. */
  friend_invite_code: string | -1;
}

export const useProfile = () => useSWR<OwnProfile>(keys.profile, fetcher);
export const useVerificationStatus = () =>
  useSWR<VerificationStatusAnswer>(keys.verification, fetcher);
export const useMyHouses = () => useSWR<MyHouse[]>(keys.myHouses, fetcher);
export const useHouse = (id: number | null) =>
  useSWR<HouseDetail>(id ? keys.house(id) : null, fetcher);
export const useInvitation = () => useSWR<InvitationCodes>(keys.invitation, fetcher);
export const useAdminVerifications = () =>
  useSWR<AdminVerifications>(keys.adminVerifications, fetcher);
