import "client-only";
import useSWR, { type SWRConfiguration } from "swr";
import { type AnswerOf, type ApiPath, apiUrl, fetcher } from "@/lib/swr/fetcher";

// One hook per API resource. Every SWR key is built here (apiUrl: the path and its query), so
// `mutate(keys.x)` refreshes a resource; the answer's type comes from the API contract.

export const keys = {
  profile: apiUrl("/api/fetch_userinfo"),
  verification: apiUrl("/api/verification_status"),
  myHouses: apiUrl("/api/my_house_list"),
  myHouseStats: apiUrl("/api/my_house_stats"),
  house: (id: number) => apiUrl("/api/house_detail", { house_id: id }),
  invitation: apiUrl("/api/invitation/getcode"),
  adminVerifications: apiUrl("/api/admin/verifications"),
  adminDisputes: apiUrl("/api/admin/disputes"),
  adminModeration: apiUrl("/api/admin/moderation"),
  alipayBinding: apiUrl("/api/payment/ali/binding_status"),
  zhima: apiUrl("/api/payment/ali/zhima_detail"),
  viewingRequests: apiUrl("/api/order/list"),
  viewingRequest: (id: number) => apiUrl("/api/order/detail", { pre_order_id: id }),
  notifications: (shift: number, count: number) =>
    apiUrl("/api/notification/list", { shift, count }),
  wallet: apiUrl("/api/wallet"),
  walletEntries: (shift: number, count: number) => apiUrl("/api/wallet/entries", { shift, count }),
  withdrawals: apiUrl("/api/wallet/withdrawals"),
  adminWithdrawals: (status: string) => apiUrl("/api/admin/withdrawals", { status }),
} as const;

/** useSWR on one endpoint's key, typed by the endpoint's answer. */
function useApi<P extends ApiPath>(
  _path: P,
  key: string | null,
  config?: SWRConfiguration<AnswerOf<P>>,
) {
  return useSWR<AnswerOf<P>>(key, fetcher, config);
}

export type MyHouse = AnswerOf<"/api/my_house_list">[number];
export type HouseDetail = AnswerOf<"/api/house_detail">;
export type AdminVerifications = AnswerOf<"/api/admin/verifications">;
export type AdminDispute = AnswerOf<"/api/admin/disputes">["open"][number];
export type ModerationItem = AnswerOf<"/api/admin/moderation">["items"][number];
export type OwnProfile = AnswerOf<"/api/fetch_userinfo">;
export type ViewingRequestItem = AnswerOf<"/api/order/list">["as_tenant"][number];

export type Wallet = AnswerOf<"/api/wallet">;
export type WalletEntry = Wallet["recent"][number];
export type AdminWithdrawal = AnswerOf<"/api/admin/withdrawals">["withdrawals"][number];

export const useProfile = () => useApi("/api/fetch_userinfo", keys.profile);
export const useVerificationStatus = () => useApi("/api/verification_status", keys.verification);
export const useMyHouses = () => useApi("/api/my_house_list", keys.myHouses);
export const useMyHouseStats = () => useApi("/api/my_house_stats", keys.myHouseStats);
export type HouseStats = AnswerOf<"/api/my_house_stats">[number];
export const useHouse = (id: number | null) =>
  useApi("/api/house_detail", id ? keys.house(id) : null);
export const useInvitation = () => useApi("/api/invitation/getcode", keys.invitation);
export const useAdminModeration = () => useApi("/api/admin/moderation", keys.adminModeration);
export const useAdminVerifications = () =>
  useApi("/api/admin/verifications", keys.adminVerifications);
export const useAdminDisputes = () => useApi("/api/admin/disputes", keys.adminDisputes);
export const useAlipayBinding = () => useApi("/api/payment/ali/binding_status", keys.alipayBinding);
export const useZhima = () => useApi("/api/payment/ali/zhima_detail", keys.zhima);
export const useViewingRequests = () => useApi("/api/order/list", keys.viewingRequests);
export const useViewingRequest = (
  id: number,
  config?: SWRConfiguration<AnswerOf<"/api/order/detail">>,
) => useApi("/api/order/detail", keys.viewingRequest(id), config);
export const useWallet = () => useApi("/api/wallet", keys.wallet);
export const useWalletEntries = (shift: number, count: number) =>
  useApi("/api/wallet/entries", keys.walletEntries(shift, count));
export const useWithdrawals = () => useApi("/api/wallet/withdrawals", keys.withdrawals);
export const useAdminWithdrawals = (status: string) =>
  useApi("/api/admin/withdrawals", keys.adminWithdrawals(status));
