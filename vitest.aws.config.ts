/**
 * `npm run test:aws` only: the lifecycle suite against a real account, LocalStack or moto
 * (docs/testing-against-aws.md). Its files end in `.aws.ts`, which the default config never
 * includes, so `vitest run` and CI never touch an AWS account.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["test/live/**/*.aws.ts"],
    environment: "node",
    // Real control-plane quotas: CreateDeployment 1 per 5 s, DeleteRestApi 1 per 30 s.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
    fileParallelism: false,
  },
});
