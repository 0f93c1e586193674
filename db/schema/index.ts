export * from "./houses";
export * from "./payments";
export * from "./rate-limits";
export * from "./sandbox";
export * from "./users";
export * from "./wechat";
