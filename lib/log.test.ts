import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { describeError } from "@/lib/log";

describe("describeError", () => {
  it("keeps a failed query's statement and the database's reason, never its values", () => {
    const reason = new Error("SQLITE_CONSTRAINT: CHECK constraint failed: phone");
    const wrapped = new DrizzleQueryError(
      "update users set phone = ? where id = ?",
      ["13800138000", 7],
      reason,
    );
    const described = describeError(wrapped);
    expect(described).toMatchObject({
      error: "Error",
      message: "SQLITE_CONSTRAINT: CHECK constraint failed: phone",
      query: "update users set phone = ? where id = ?",
    });
    expect(JSON.stringify(described)).not.toContain("13800138000");
  });
});
