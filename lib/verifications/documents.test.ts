import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Status } from "@/lib/api/errors";
import { saveWithDocuments } from "@/lib/verifications/documents";
import { jpegBytes, storedFiles } from "@/tests/helpers";

async function upload(field: string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zhizu-doc-")), "doc.jpg");
  const bytes = await jpegBytes();
  fs.writeFileSync(file, bytes);
  return { field, filename: "doc.jpg", path: file, size: bytes.length };
}

describe("saveWithDocuments", () => {
  it("answers a conflict for a unique violation a libSQL server reports only in its message", async () => {
    const before = storedFiles();
    const saving = saveWithDocuments(
      1,
      { cert: await upload("cert") },
      async () => {
        // No extended code: what a libSQL server's error carries, wrapped by drizzle.
        throw new Error("Failed query", {
          cause: new Error(
            "SQLITE_CONSTRAINT: SQLite error: UNIQUE constraint failed: property_verifications.cert_number",
          ),
        });
      },
      "该产权证已被其他用户认证",
    );
    await expect(saving).rejects.toMatchObject({
      status: Status.conflict,
      message: "该产权证已被其他用户认证",
    });
    expect(storedFiles()).toEqual(before);
  });
});
