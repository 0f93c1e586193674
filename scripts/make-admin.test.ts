import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { users } from "@/db/schema";
import { createUser } from "@/tests/helpers";

const run = promisify(execFile);

// The README's admin command, run as a newcomer would, against this test's DATA_DIR.
function makeAdmin(...args: string[]) {
  return run("npm", ["run", "--silent", "user:make-admin", "--", ...args], {
    env: process.env,
  }).then(
    (done) => ({ code: 0, out: done.stdout + done.stderr }),
    (failed: { code: number; stdout: string; stderr: string }) => ({
      code: failed.code,
      out: failed.stdout + failed.stderr,
    }),
  );
}

describe("npm run user:make-admin", () => {
  it("grants the admin role to an existing user and refuses unknown or malformed ids", async () => {
    const { user } = await createUser();
    const granted = await makeAdmin(String(user.id));
    expect(granted).toMatchObject({ code: 0 });
    expect(granted.out).toContain(`User ${user.id} is now an admin`);
    const row = await db().select().from(users).where(eq(users.id, user.id)).get();
    expect(row?.role).toBe("admin");

    expect(await makeAdmin("999999")).toMatchObject({ code: 1 });
    expect(await makeAdmin("1 or 1=1")).toMatchObject({ code: 2 });
  }, 60_000);
});
