import fs from "node:fs";
import { test as setup } from "@playwright/test";
import { e2eAuthDir } from "../playwright.config";
import { devSignIn, makeAdmin, myUserId } from "./fixtures/session";
import { ROLES, sessionFile, userFile } from "./fixtures/users";

// The auth setup project: signs the fixtures' users in (e2e/fixtures/users.ts) and saves their
// sessions. The admin gets its role the operator's way, with the make-admin CLI.

const NAMES = { landlord: "房东（e2e）", tenant: "租客（e2e）", admin: "管理员（e2e）" };

for (const role of ROLES) {
  setup(`sign in the ${role}`, async ({ page }) => {
    fs.mkdirSync(e2eAuthDir, { recursive: true });
    const name = NAMES[role];
    await devSignIn(page, name);
    const id = await myUserId(page, name);
    if (role === "admin") makeAdmin(id);
    await page.context().storageState({ path: sessionFile(role) });
    fs.writeFileSync(userFile(role), JSON.stringify({ id, name }));
  });
}
