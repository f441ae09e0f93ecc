import type { NextConfig } from "next";

const config: NextConfig = {
  // Parallel browser-test runs on one machine each build into their own directory.
  distDir: process.env.GATEHOUSE_DIST_DIR || ".next",
  // Database drivers, the embedded PGlite (wasm + data files) and the AWS SDK run as plain
  // Node modules on the server instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg", "@aws-sdk/client-api-gateway", "tsx", "undici"],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "12mb" },
  },
};

export default config;
