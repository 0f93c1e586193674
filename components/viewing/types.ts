import type { listViewingRequests, viewingRequestDetail } from "@/lib/payments/viewing-requests";

export type ViewingRequestList = Awaited<ReturnType<typeof listViewingRequests>>;
export type ViewingRequestItem = ViewingRequestList["as_tenant"][number];
export type ViewingRequestDetail = Awaited<ReturnType<typeof viewingRequestDetail>>;

/** Legacy status 2 and beyond: the fee was paid. */
export const isPaid = (status: number) => status >= 2;
