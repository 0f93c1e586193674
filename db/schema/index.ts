export * from "./houses";
export * from "./payments";
export * from "./refunds";
export * from "./sandbox";
export * from "./users";
export * from "./wechat";
export * from "./wechat-platform";
