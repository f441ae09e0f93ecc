#!/usr/bin/env node
/**
 * Starts the console for the browser tests on a database of its own: a fresh PostgreSQL
 * database when E2E_DATABASE=postgres (CI), otherwise a fresh embedded PGlite directory.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import pg from "pg";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (process.env.E2E_DATABASE === "postgres") {
  const admin = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `gatehouse_e2e_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  // Where a spec finds the database to start a second instance on (e2e/two-instances.spec.ts).
  mkdirSync(".data", { recursive: true });
  writeFileSync(`.data/e2e-${process.env.PORT ?? "3200"}.database-url`, env.DATABASE_URL);
  console.log(`[e2e] console on PostgreSQL database ${name}`);
} else {
  delete env.DATABASE_URL;
  // One directory per port, so parallel runs on one machine don't share a database.
  const dir = `.data/e2e-${process.env.PORT ?? "3200"}`;
  env.GATEHOUSE_DATA_DIR = dir;
  rmSync(dir, { recursive: true, force: true });
  console.log(`[e2e] console on a fresh embedded PGlite under ${dir}`);
}
// E2E_DEV=1: `next dev` instead of a production build, for quick runs of one spec while working
// (compiles pages on demand; CI and the final check always use the production build).
const command =
  process.env.E2E_DEV === "1" ? ["npx", ["next", "dev", "--port", env.PORT ?? "3200", "--hostname", env.HOST ?? "127.0.0.1"]] : ["node", ["scripts/start.mjs"]];
const child = spawn(command[0], command[1], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
