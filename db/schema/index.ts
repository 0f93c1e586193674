export * from "./favorites";
export * from "./houses";
export * from "./payments";
export * from "./sandbox";
export * from "./users";
export * from "./wechat";
