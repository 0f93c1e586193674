import fs from "node:fs";
import { routeIndexSource } from "@/scripts/contract/route-index";

// `npm run contract`: regenerates the route registry (app/api/routes.generated.ts) and the
// client's endpoint types (lib/api/endpoints.generated.ts) from the code. `--check` only fails
// when a committed file is stale (the build runs it; a unit test checks it too).

const check = process.argv.includes("--check");
const stale: string[] = [];

function write(file: string, source: string) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (current === source) return;
  if (check) stale.push(file);
  else fs.writeFileSync(file, source);
}

write("app/api/routes.generated.ts", routeIndexSource());
const { endpointTypesSource } = await import("@/scripts/contract/endpoint-types");
const { routeIndex } = await import("@/app/api/routes.generated");
write("lib/api/endpoints.generated.ts", endpointTypesSource(routeIndex));

if (stale.length) {
  console.error(`Stale generated files (run npm run contract): ${stale.join(", ")}`);
  process.exit(1);
}
