/**
 * Envelope status codes. 0, 2, 4 and 5 keep their legacy meaning; the rest are new and
 * documented in the README. `httpStatus` is used on /api/ paths; legacy paths always answer 200.
 */
export const Status = {
  ok: 0,
  badParam: 2,
  notLoggedIn: 4,
  internal: 5,
  forbidden: 6,
  notFound: 7,
  conflict: 8,
  tooLarge: 9,
  rateLimited: 10,
  paymentProvider: 11,
} as const;

export type StatusCode = (typeof Status)[keyof typeof Status];

export const httpStatusOf: Record<StatusCode, number> = {
  0: 200,
  2: 400,
  4: 401,
  5: 500,
  6: 403,
  7: 404,
  8: 409,
  9: 413,
  10: 429,
  11: 502,
};

export class ApiError extends Error {
  constructor(
    readonly status: Exclude<StatusCode, 0>,
    message: string,
    /** Extra machine-readable detail placed in `ans` (e.g. the offending field). */
    readonly ans: unknown = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  static badParam(field: string, reason: string): ApiError {
    return new ApiError(Status.badParam, `${field}: ${reason}`, { field });
  }

  static notLoggedIn(reason = "请先登录 (Login first.)"): ApiError {
    return new ApiError(Status.notLoggedIn, reason);
  }

  static forbidden(reason = "无权进行此操作"): ApiError {
    return new ApiError(Status.forbidden, reason);
  }

  static notFound(what: string): ApiError {
    return new ApiError(Status.notFound, `${what}不存在`);
  }

  static conflict(reason: string, ans: unknown = {}): ApiError {
    return new ApiError(Status.conflict, reason, ans);
  }

  static tooLarge(field: string, maxBytes: number): ApiError {
    const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    return new ApiError(Status.tooLarge, `${field}: 文件过大，最大 ${mb} MB`, {
      field,
      max_bytes: maxBytes,
    });
  }

  static rateLimited(): ApiError {
    return new ApiError(Status.rateLimited, "请求过于频繁，请稍后再试");
  }

  static paymentProvider(reason = "支付服务暂时不可用，请稍后再试"): ApiError {
    return new ApiError(Status.paymentProvider, reason);
  }
}
