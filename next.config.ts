import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { legacyRewrites } from "./lib/api/legacy-paths";
import { parseEnv } from "./lib/env";

const config = (phase: string): NextConfig => {
  // Fail fast on an invalid environment; at start-up live mode also needs all its settings.
  const settings = parseEnv(process.env, { requireLiveSettings: phase !== PHASE_PRODUCTION_BUILD });
  return {
    ...nextConfig,
    experimental: {
      ...nextConfig.experimental,
      // Behind a reverse proxy that rewrites Host, the browser's Origin is still APP_URL's host.
      // proxy.ts applies the same rule and answers other origins 403 (Next would answer 500).
      serverActions: { allowedOrigins: [new URL(settings.APP_URL).host] },
    },
  };
};

const nextConfig: NextConfig = {
  // Separate build folders let e2e runs build beside a running dev server.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  serverExternalPackages: ["better-sqlite3", "sharp"],
  outputFileTracingExcludes: { "/*": ["./data/**/*"] },
  poweredByHeader: false,
  experimental: {
    // forbidden() for admin pages (HTTP 403 with app/forbidden.tsx).
    authInterrupts: true,
    // The page's CSS inside the HTML: on a phone network with seconds of latency a separate,
    // render-blocking stylesheet request costs a whole round trip before anything is painted.
    inlineCss: true,
  },
  async rewrites() {
    return legacyRewrites;
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
        ],
      },
    ];
  },
};

export default config;
