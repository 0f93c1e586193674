export * from "./houses";
export * from "./jobs";
export * from "./notifications";
export * from "./payments";
export * from "./phone";
export * from "./sandbox";
export * from "./users";
export * from "./wechat";
