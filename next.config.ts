import type { NextConfig } from "next";

const config: NextConfig = {
  // Parallel browser-test runs on one machine each build into their own directory.
  distDir: process.env.GATEHOUSE_DIST_DIR || ".next",
  // Database drivers, the embedded PGlite (wasm + data files) and the AWS SDK run as plain
  // Node modules on the server instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg", "@aws-sdk/client-api-gateway", "tsx", "undici"],
  poweredByHeader: false,
  // `next dev` prints every server action's arguments, which would put secrets (an API key's value,
  // a pasted CSV of keys, a password) in the log; the console logs its own lines (lib/ops).
  logging: { serverFunctions: false },
  // Body limits, set on purpose (lib/http/body-limits.ts explains them; test/http/body-limits.test.ts
  // keeps these literals equal to its constants): server actions take 12 MB, and Next's copy of a
  // body for proxy.ts is cut at 13 MB, above every limit, so a cut copy is always refused with 413
  // by proxy.ts, never served short. The local gateway (/gw) is outside the proxy and caps at 10 MB.
  experimental: {
    serverActions: { bodySizeLimit: "12mb" },
    proxyClientMaxBodySize: "13mb",
  },
};

export default config;
