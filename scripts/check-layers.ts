// Usage: tsx scripts/check-layers.ts (part of `npm run lint`)
// Fails when an import in non-test code runs against the layering:
//   app → components, lib, db        components → client-safe lib only
//   lib → db, lib (never components or app)
//   db → db and @/lib/env only       non-test code → never tests/
// A lib module is server-side when it imports the database, a Node built-in, a server-only
// package or another server-side module; components may still import its types (erased).
// Markers: every server-side lib module imports "server-only"; a lib module that client code
// imports at runtime is marked client-safe, either `import "client-only"` (browser only) or a
// first-line comment `// client-safe: …` (shared with the server), and neither kind may import a
// server-side module. A "use client" file anywhere imports no server-side module either.
import fs from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "components", "lib", "db", "scripts", "tests", "e2e"];
const SERVER_PACKAGES = [
  "better-sqlite3",
  "drizzle-orm",
  "sharp",
  "alipay-sdk",
  "next-auth",
  "@vercel/blob",
  "busboy",
  "file-type",
  "server-only",
  "next/headers",
];

/**
 * Files exempt from the components rule, with the reason. Server actions run on the server
 * even though client components call them.
 */
const ALLOWED_SERVER_IMPORTS_IN_COMPONENTS: Record<string, string> = {
  "components/auth/actions.ts": "server actions ('use server'), to move with the auth work",
};

interface Import {
  specifier: string;
  typeOnly: boolean;
}

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

const IMPORT_PATTERN =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(source: string): Import[] {
  const found: Import[] = [];
  for (const match of source.matchAll(IMPORT_PATTERN)) {
    const specifier = match[3] ?? match[4];
    if (specifier) found.push({ specifier, typeOnly: Boolean(match[2]) });
  }
  return found;
}

function listFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return (fs.readdirSync(full, { recursive: true }) as string[])
    .map((entry) => path.posix.join(dir, entry.split(path.sep).join("/")))
    .filter((file) => /\.(ts|tsx|mts)$/.test(file) && !file.endsWith(".d.ts"))
    .filter((file) => !file.startsWith("db/migrations/"));
}

/** The repository file an import names, or null for packages. */
function resolve(root: string, from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.posix.join(path.posix.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    const full = path.join(root, candidate);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return candidate;
  }
  return base;
}

// next.config.ts is loaded by plain Node (no react-server condition), so what it imports at
// runtime must not import "server-only", which would throw there.
const NEXT_CONFIG = "next.config.ts";
const ROOT_FILES = [NEXT_CONFIG, "proxy.ts"];

const CLIENT_SAFE_COMMENT = /^\/\/ client-safe\b/;

const isTestCode = (file: string) =>
  file.startsWith("tests/") ||
  file.startsWith("e2e/") ||
  /\.test\.tsx?$/.test(file) ||
  /(^|\/)test-[^/]+\.ts$/.test(file);

export function layerViolations(root: string): Violation[] {
  const files = [
    ...SOURCE_DIRS.flatMap((dir) => listFiles(root, dir)),
    ...ROOT_FILES.filter((file) => fs.existsSync(path.join(root, file))),
  ];
  const graph = new Map<string, { target: string | null; import: Import }[]>();
  for (const file of files) {
    const source = fs.readFileSync(path.join(root, file), "utf8");
    graph.set(
      file,
      importsOf(source).map((entry) => ({
        target: resolve(root, file, entry.specifier),
        import: entry,
      })),
    );
  }

  const serverSide = new Map<string, boolean>();
  const isServerSide = (file: string, seen = new Set<string>()): boolean => {
    const known = serverSide.get(file);
    if (known !== undefined) return known;
    if (seen.has(file)) return false;
    seen.add(file);
    const result = (graph.get(file) ?? []).some(({ target, import: entry }) => {
      if (entry.typeOnly) return false;
      if (target === null) {
        return (
          entry.specifier.startsWith("node:") ||
          SERVER_PACKAGES.some(
            (name) => entry.specifier === name || entry.specifier.startsWith(`${name}/`),
          )
        );
      }
      return target.startsWith("db/") || isServerSide(target, seen);
    });
    serverSide.set(file, result);
    return result;
  };

  const sources = new Map(
    files.map((file) => [file, fs.readFileSync(path.join(root, file), "utf8")]),
  );
  const imports = (file: string, specifier: string) =>
    (graph.get(file) ?? []).some(({ import: entry }) => entry.specifier === specifier);
  const isClientMarked = (file: string) =>
    imports(file, "client-only") || CLIENT_SAFE_COMMENT.test(sources.get(file) ?? "");
  const isClientFile = (file: string) =>
    /^\s*["']use client["']/.test(sources.get(file) ?? "") || file.startsWith("components/");

  const loadedByNextConfig = new Set<string>();
  const visit = (file: string) => {
    for (const { target, import: entry } of graph.get(file) ?? []) {
      if (entry.typeOnly || target === null || loadedByNextConfig.has(target)) continue;
      loadedByNextConfig.add(target);
      visit(target);
    }
  };
  visit(NEXT_CONFIG);

  const violations: Violation[] = [];
  for (const file of graph.keys()) {
    if (!file.startsWith("lib/") || isTestCode(file)) continue;
    if (loadedByNextConfig.has(file)) {
      if (imports(file, "server-only"))
        violations.push({
          file,
          specifier: "server-only",
          rule: 'next.config.ts loads it: no "server-only"',
        });
    } else if (isServerSide(file) && !imports(file, "server-only"))
      violations.push({
        file,
        specifier: "server-only",
        rule: 'server-side lib module lacks import "server-only"',
      });
  }
  for (const [file, imports] of graph) {
    for (const { target, import: entry } of imports) {
      // Tests may import anything (integration tests call route handlers and render components).
      if (target === null || isTestCode(file)) continue;
      const add = (rule: string) => violations.push({ file, specifier: entry.specifier, rule });
      if (target.startsWith("tests/")) add("non-test code imports tests/");
      if (
        file.startsWith("lib/") &&
        (target.startsWith("components/") || target.startsWith("app/"))
      )
        add("lib imports components or app");
      if (file.startsWith("db/") && target.startsWith("lib/") && target !== "lib/env.ts")
        add("db imports lib (only @/lib/env is allowed)");
      if (entry.typeOnly) continue;
      if (isClientMarked(file) && (target.startsWith("db/") || isServerSide(target)))
        add("client-safe module imports a server-side module");
      if (
        file.startsWith("app/") &&
        isClientFile(file) &&
        (target.startsWith("db/") || isServerSide(target))
      )
        add('"use client" module imports a server-side module');
      if (
        (isClientFile(file) || isClientMarked(file)) &&
        !(file in ALLOWED_SERVER_IMPORTS_IN_COMPONENTS) &&
        target.startsWith("lib/") &&
        !isServerSide(target) &&
        !isClientMarked(target)
      )
        add("client code imports a lib module not marked client-safe");
      if (file.startsWith("components/") && !(file in ALLOWED_SERVER_IMPORTS_IN_COMPONENTS)) {
        if (target.startsWith("db/")) add("components import the database");
        else if (target.startsWith("app/")) add("components import app");
        else if (target.startsWith("lib/") && isServerSide(target))
          add("components import a server-side lib module");
      }
    }
  }
  return violations;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const violations = layerViolations(process.cwd());
  for (const violation of violations)
    console.error(`${violation.file}: ${violation.rule} ("${violation.specifier}")`);
  if (violations.length > 0) process.exit(1);
  console.info("layering: ok");
}
