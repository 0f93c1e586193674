import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every write goes through writeTransaction (db/write.ts): no non-test module writes on the main
// connection (`db().transaction`, `db().insert/update/delete`, raw `$client.exec`); only the write
// path itself opens libSQL's transaction with `db().transaction`.

const DIRECT_WRITE =
  /db\(\)\s*\.\s*(?:transaction|insert|update|delete)\(|db\(\)\s*\.\s*\$client\s*\.\s*(?:exec|transaction)\(/;

function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((entry) => path.posix.join(dir, entry.split(path.sep).join("/")))
    .filter((file) => /\.tsx?$/.test(file))
    .filter((file) => !/\.test\.tsx?$/.test(file) && !/(^|\/)test-[^/]+\.ts$/.test(file));
}

describe("the one write path", () => {
  it("has no direct writes on the main connection", () => {
    const writing = ["app", "components", "lib", "scripts", "db"]
      .flatMap(sourceFiles)
      .filter((file) => file !== "db/write.ts")
      .filter((file) => DIRECT_WRITE.test(fs.readFileSync(file, "utf8")))
      .sort();
    expect(writing).toEqual([]);
  });
});
