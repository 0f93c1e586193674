import { describe, expect, it } from "vitest";
import { changedRows, databaseDriver, rawStatement } from "@/db";
import { users } from "@/db/schema";
import { writeTransaction } from "@/db/write";

// `npm test` runs the unit suite twice: on better-sqlite3 and with DATABASE_DRIVER=libsql.
describe("the database driver", () => {
  it("is the one the environment selects", () => {
    expect(databaseDriver()).toBe(process.env.DATABASE_DRIVER ?? "better-sqlite3");
  });

  it("has the FTS5 trigram index and the R*Tree the search relies on", async () => {
    const modules = await rawStatement<{ name: string }>(
      "SELECT name FROM pragma_module_list WHERE name IN ('fts5', 'rtree') ORDER BY name",
    ).all();
    expect(modules.map((row) => row.name)).toEqual(["fts5", "rtree"]);
    const trigram = await rawStatement<{ n: number }>(
      "SELECT count(*) AS n FROM houses_fts WHERE houses_fts MATCH '\"地铁口\"'",
    ).get();
    expect(trigram).toEqual({ n: 0 });
    const geo = await rawStatement<{ n: number }>(
      "SELECT count(*) AS n FROM houses_geo WHERE min_lng >= ? AND max_lng <= ?",
    ).get([100, 130]);
    expect(geo).toEqual({ n: 0 });
  });

  it("binds positional and named values and returns plain rows", async () => {
    const positional = await rawStatement<{ sum: number; text: string }>(
      "SELECT ? + ? AS sum, ? AS text",
    ).all([1, 2, "租房"]);
    expect(positional).toEqual([{ sum: 3, text: "租房" }]);
    const named = await rawStatement<{ value: number }>(
      "SELECT value FROM json_each(@list) WHERE value > @min ORDER BY value",
    ).all({ list: "[1,5,9]", min: 2 });
    expect(named).toEqual([{ value: 5 }, { value: 9 }]);
    expect(await rawStatement("SELECT 1 WHERE 0").get()).toBeUndefined();
  });

  it("reports how many rows a write changed", async () => {
    const result = await writeTransaction(async (tx) => {
      await tx
        .insert(users)
        .values([{ wxOpenid: "driver-a" }, { wxOpenid: "driver-b" }])
        .run();
      return tx.update(users).set({ wxNickname: "改名" }).run();
    });
    expect(changedRows(result)).toBeGreaterThanOrEqual(2);
  });
});
