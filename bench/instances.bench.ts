/**
 * Requests per second of the console's read pages with one instance and with two (issue #15's
 * "Done when"): the production build (bench/console-build.ts; built when missing or stale), two
 * `npm start` instances (scripts/start.mjs) on one fresh PostgreSQL database, a signed-in session
 * cookie (a real session row of the seeded admin), and autocannon in this process:
 * - one instance: CONNECTIONS connections to A;
 * - two instances: the same connections split over A and B, two autocannon runs at once, summed
 *   (p99: the worse of the two runs).
 * Pages: the API list, the seeded PetStore's designer, its history. Rounds alternate one/two with a
 * GC between them; the median and p25–p75 of the rounds are printed, and the ratio two/one.
 * BENCH_SECONDS (per round, default 10), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 16).
 * Needs PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { utimesSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createSession, SESSION_COOKIE } from "../lib/auth/session";
import { openDb } from "../lib/db/client";
import { BENCH_DIST_DIR, ensureBuild, freePort, ROOT, waitForHealth } from "./console-build";
import { type Stats, stats } from "./measure";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ADMIN = "admin@gatehouse.local";

interface AutocannonResult {
  requests: { total: number };
  /** Seconds the run took. */
  duration: number;
  latency: { p99: number };
  non2xx: number;
  errors: number;
}
// autocannon ships no types.
const autocannon = ((await import("autocannon" as string)) as { default: (opts: object) => Promise<AutocannonResult> }).default;

interface Instance {
  base: string;
  stop: () => Promise<void>;
}

/** A fresh database on the machine's PostgreSQL; its URL and how to drop it. */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `gatehouse_bench_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** `npm start` (scripts/start.mjs) on the database, on a port of its own, the gateway's own port off. */
async function startInstance(databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    GATEHOUSE_DIST_DIR: BENCH_DIST_DIR,
    GATEHOUSE_GATEWAY_PORT: "off",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.GATEHOUSE_DATA_DIR;
  const child = spawn("node", ["scripts/start.mjs"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  try {
    await waitForHealth(base, child, 180_000, "/api/ready");
  } catch (e) {
    await stop();
    throw e;
  }
  return { base, stop };
}

/** A session of the seeded admin (as signing in makes one) and the seeded PetStore's id. */
async function signedInAdmin(databaseUrl: string): Promise<{ cookie: string; petStoreId: string }> {
  const db = await openDb({ databaseUrl, migrate: false });
  try {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: ADMIN } });
    const api = await db.prisma.restApi.findFirstOrThrow({ where: { name: "PetStore" } });
    const { token } = await createSession(db.prisma, user.id, "bench/instances");
    return { cookie: `${SESSION_COOKIE}=${token}`, petStoreId: api.id };
  } finally {
    await db.close();
  }
}

/** The page answers 200 to the session, signed in (not a redirect to sign-in): else the bench would measure the wrong thing. */
async function checkSignedIn(url: string, cookie: string): Promise<void> {
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200 || !body.includes(ADMIN)) throw new Error(`${url} answered ${res.status}${res.status === 200 ? " without the signed-in user" : ""}`);
}

interface Round {
  rps: number;
  p99: number;
  bad: number;
}

/** One load round over the bases at once, the connections split evenly; requests/s summed. */
async function loadRound(bases: string[], path: string, cookie: string, seconds: number): Promise<Round> {
  const per = Math.max(1, Math.round(CONNECTIONS / bases.length));
  const results = await Promise.all(bases.map((base) => autocannon({ url: `${base}${path}`, connections: per, duration: seconds, headers: { cookie } })));
  return {
    // Completed requests over the run's time (a per-second average of the samples reads 0 when pages take seconds).
    rps: results.reduce((sum, r) => sum + r.requests.total / r.duration, 0),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    bad: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
  };
}

const loadText = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");

const spread = (s: Stats, digits = 0) => `${s.median.toFixed(digits)} (p25–p75 ${s.p25.toFixed(digits)}–${s.p75.toFixed(digits)})`;

async function measurePage(name: string, path: string, a: Instance, b: Instance, cookie: string): Promise<void> {
  for (const base of [a.base, b.base]) await loadRound([base], path, cookie, 1); // warm-up, untimed
  const sides: [string, string[]][] = [
    ["one instance", [a.base]],
    ["two instances", [a.base, b.base]],
  ];
  const rounds: Round[][] = [[], []];
  for (let r = 0; r < ROUNDS; r++) {
    for (const k of r % 2 === 0 ? [0, 1] : [1, 0]) {
      globalThis.gc?.();
      rounds[k].push(await loadRound(sides[k][1], path, cookie, SECONDS));
    }
  }
  const rps = rounds.map((rs) => stats(rs.map((x) => x.rps)));
  console.log(`${name}`);
  sides.forEach(([label], k) => {
    const p99 = stats(rounds[k].map((x) => x.p99));
    const bad = rounds[k].reduce((n, x) => n + x.bad, 0);
    console.log(`  ${label.padEnd(14)} ${spread(rps[k]).padEnd(30)} req/s   p99 ${spread(p99)} ms   non-2xx+errors ${bad}`);
  });
  console.log(
    `  ratio two/one: ${rps[0].median > 0 ? `${(rps[1].median / rps[0].median).toFixed(2)}x (medians)` : "n/a (no request completed with one instance)"}`,
  );
}

export default async function (): Promise<void> {
  ensureBuild();
  // start.mjs rebuilds a build older than the sources: with GATEHOUSE_BENCH_REUSE_BUILD=1 the bench keeps a stale one, so say it is current.
  utimesSync(join(ROOT, BENCH_DIST_DIR, "BUILD_ID"), new Date(), new Date());
  const database = await freshDatabase();
  const started: Instance[] = [];
  try {
    // One after the other: the first migrates and seeds, the second finds it done.
    started.push(await startInstance(database.url));
    started.push(await startInstance(database.url));
    const [a, b] = started;
    const { cookie, petStoreId } = await signedInAdmin(database.url);
    const pages: [string, string][] = [
      ["API list", "/"],
      ["API designer (PetStore)", `/apis/${petStoreId}`],
      ["API history (PetStore)", `/apis/${petStoreId}/history`],
    ];
    for (const [, path] of pages) for (const base of [a.base, b.base]) await checkSignedIn(`${base}${path}`, cookie);
    console.log(
      `${availableParallelism()} CPUs, load average ${loadText()}; ${CONNECTIONS} connections (split over the instances), ${ROUNDS} alternating rounds of ${SECONDS} s; load generator in this process`,
    );
    for (const [name, path] of pages) await measurePage(name, path, a, b, cookie);
    console.log(`load average at the end ${loadText()}`);
    console.log(
      "On a 2-core machine the second instance has little to gain: PostgreSQL, the load generator and both Node processes share the same two cores, so expect well under 2x (it is the shared state that is tested here, not the scaling).",
    );
  } finally {
    for (const instance of started) await instance.stop();
    await database.drop();
  }
}
