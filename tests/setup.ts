import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

// Every test file gets its own DATA_DIR (database, files, generated keys) in a temp folder.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zhizu-test-"));
process.env.DATA_DIR = dataDir;
process.env.APP_MODE ??= "sandbox";
process.env.APP_URL = "http://localhost:3000";
process.env.LOG_LEVEL = "error";
delete process.env.BLOB_READ_WRITE_TOKEN;

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});
