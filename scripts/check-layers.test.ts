import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { layerViolations } from "./check-layers";

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "zhizu-layers-"));
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), source);
  }
  return root;
}

describe("layering check", () => {
  it("passes on this repository", () => {
    expect(layerViolations(process.cwd())).toEqual([]);
  });

  it("fails on each import that runs against the layering", () => {
    const root = tree({
      "db/index.ts": 'import { env } from "@/lib/env";\nimport { log } from "@/lib/log";\n',
      "lib/env.ts": "export const env = 1;\n",
      "lib/log.ts": "export const log = 1;\n",
      "lib/houses/queries.ts":
        'import "server-only";\nimport { db } from "@/db";\nexport const q = db;\n',
      "lib/houses/fields.ts": "// client-safe: test\nexport const FIELDS = [];\n",
      "lib/houses/view.ts": 'import { Card } from "@/components/card";\n',
      "lib/houses/fixture.ts":
        'import "server-only";\nimport { createUser } from "@/tests/helpers";\n',
      "lib/houses/image.ts":
        'import "server-only";\nimport sharp from "sharp";\nexport const s = sharp;\n',
      "components/card.tsx":
        'import { FIELDS } from "@/lib/houses/fields";\nimport type { q } from "@/lib/houses/queries";\nexport const Card = FIELDS;\n',
      "components/list.tsx":
        'import { q } from "@/lib/houses/queries";\nimport { s } from "../lib/houses/image";\n',
      "tests/helpers.ts":
        'import { q } from "@/lib/houses/queries";\nexport const createUser = q;\n',
      "lib/houses/queries.test.ts": 'import { Card } from "@/components/card";\n',
    });
    expect(layerViolations(root)).toEqual(
      expect.arrayContaining([
        { file: "db/index.ts", specifier: "@/lib/log", rule: expect.stringMatching(/^db/) },
        { file: "lib/houses/view.ts", specifier: "@/components/card", rule: expect.any(String) },
        { file: "lib/houses/fixture.ts", specifier: "@/tests/helpers", rule: expect.any(String) },
        {
          file: "components/list.tsx",
          specifier: "@/lib/houses/queries",
          rule: "components import a server-side lib module",
        },
        {
          file: "components/list.tsx",
          specifier: "../lib/houses/image",
          rule: "components import a server-side lib module",
        },
      ]),
    );
    // Type-only imports, client-safe lib modules, @/lib/env in db and tests are fine.
    expect(layerViolations(root).map(({ file, rule }) => `${file}: ${rule}`)).toHaveLength(5);
  });

  it("fails on missing or contradicting server-only / client-safe markers", () => {
    const root = tree({
      "next.config.ts": 'import { env } from "./lib/env";\n',
      "db/index.ts": "export const db = 1;\n",
      "lib/env.ts":
        'import "server-only";\nimport path from "node:path";\nexport const env = path;\n',
      "lib/houses/queries.ts": 'import { db } from "@/db";\nexport const q = db;\n',
      "lib/houses/words.ts": "export const WORDS = [];\n",
      "lib/houses/fields.ts":
        '// client-safe: shared\nimport { q } from "@/lib/houses/queries";\nexport const F = q;\n',
      "lib/swr/hooks.ts":
        'import "client-only";\nimport { db } from "@/db";\nexport const h = db;\n',
      "components/list.tsx":
        'import { WORDS } from "@/lib/houses/words";\nexport const L = WORDS;\n',
      "app/page-client.tsx":
        '"use client";\nimport { q } from "@/lib/houses/queries";\nexport const P = q;\n',
    });
    const rules = layerViolations(root).map(({ file, rule }) => `${file}: ${rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'lib/env.ts: next.config.ts loads it: no "server-only"',
        'lib/houses/queries.ts: server-side lib module lacks import "server-only"',
        "lib/houses/fields.ts: client-safe module imports a server-side module",
        "lib/swr/hooks.ts: client-safe module imports a server-side module",
        "components/list.tsx: client code imports a lib module not marked client-safe",
        'app/page-client.tsx: "use client" module imports a server-side module',
      ]),
    );
  });
});
