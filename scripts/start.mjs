#!/usr/bin/env node
/**
 * `npm start`: builds the console when the build is missing or older than the sources, then
 * serves it. The database is migrated and seeded by the server itself on start.
 */
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const SOURCES = ["app", "components", "lib", "prisma", "public", "package.json", "next.config.ts", "proxy.ts", "instrumentation.ts"];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry === "generated") continue;
    max = Math.max(max, newestMtime(join(path, entry)));
  }
  return max;
}

const buildId = join(process.env.GATEHOUSE_DIST_DIR || ".next", "BUILD_ID");
const stale = !existsSync(buildId) || Math.max(...SOURCES.map(newestMtime)) > statSync(buildId).mtimeMs;
if (stale || process.env.GATEHOUSE_REBUILD === "1") {
  console.log("[gatehouse] Building the console (first start, or sources changed)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const port = process.env.PORT ?? "3000";
const server = spawn("npx", ["next", "start", "-p", port, "-H", process.env.HOST ?? "0.0.0.0"], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
