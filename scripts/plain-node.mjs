// Preloaded by every plain Node process of the project (`tsx --import ./scripts/plain-node.mjs`,
// `node --import ./scripts/plain-node.mjs --import tsx`, playwright.config.ts): resolves the
// `server-only` marker to its empty module. Its default export throws outside the `react-server`
// condition, which only Next's server bundles set; scripts, the job CLI, the seed and the custom
// server run the same lib modules directly. (vitest aliases it in vitest.config.mts.)
import { register } from "node:module";

const empty = import.meta.resolve("server-only").replace(/index\.js$/, "empty.js");
const hooks = `export function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: ${JSON.stringify(empty)}, shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
