#!/usr/bin/env node
/**
 * `npm start`: builds the console when the build is missing or older than the sources, then
 * serves it. The database is migrated and seeded by the server itself on start.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createConsoleServer, installGracefulShutdown, log } from "./console-server.mjs";
import { frontDoorAnswer, isGatewayPath } from "./front-door.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const SOURCES = ["app", "components", "lib", "prisma", "public", "package.json", "next.config.ts", "proxy.ts", "instrumentation.ts", "instrumentation-node.ts"];

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
  log().info("[gatehouse] Building the console (first start, or sources changed)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Served through Next's request handler rather than `next start`: see scripts/console-server.mjs
// (the client address for rate limits, and client disconnects that are not errors).
const port = Number(process.env.PORT ?? "3000");
const host = process.env.HOST ?? "0.0.0.0";
const graceMs = graceMsFromEnv();
const { default: next } = await import("next");
const app = next({ dev: false, dir: process.cwd(), hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();
const server = createConsoleServer(async (req, res) => {
  // TRACE, undecodable paths…: answered here, since Next cannot take them (scripts/front-door.mjs).
  const early = frontDoorAnswer(req.method ?? "GET", req.url ?? "/");
  if (early) return void res.writeHead(early.status, early.headers).end(early.body);
  // The local gateway on plain Node HTTP, published by instrumentation.ts in this process: /gw
  // requests skip Next's routing, middleware and fetch conversions (issue #18: near the machine's limit).
  const gateway = globalThis[Symbol.for("gatehouse.gateway")];
  if (gateway && isGatewayPath((req.url ?? "/").split("?")[0])) return gateway(req, res);
  await handle(req, res);
});
server.listen(port, host, () => log().info(`[gatehouse] Console on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`));
// SIGTERM/SIGINT: drain in-flight requests (GATEHOUSE_SHUTDOWN_GRACE_MS, default 10 s), close the gateway's port and the database, exit 0.
installGracefulShutdown(server, { graceMs });

function graceMsFromEnv() {
  const raw = process.env.GATEHOUSE_SHUTDOWN_GRACE_MS?.trim();
  if (!raw) return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`GATEHOUSE_SHUTDOWN_GRACE_MS must be a whole number of milliseconds, not ${JSON.stringify(raw)}`);
  return ms;
}
