import type { NextConfig } from "next";
import { parseEnv } from "./lib/env";

// Fail the build and the server start on an invalid environment.
parseEnv(process.env);

const nextConfig: NextConfig = {
  // Separate build folders let e2e runs build beside a running dev server.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  serverExternalPackages: ["better-sqlite3", "sharp"],
  outputFileTracingExcludes: { "/*": ["./data/**/*"] },
  poweredByHeader: false,
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

export default nextConfig;
