export * from "./houses";
export * from "./payments";
export * from "./users";
