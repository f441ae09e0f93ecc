/**
 * Real databases for data-layer tests: a fresh database on the machine's PostgreSQL
 * (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and a fresh
 * in-memory PGlite. Each test file gets its own, so files run in parallel safely.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDb, type DbHandle } from "../../lib/db/client";

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  kind: "postgres" | "pglite";
  handle: DbHandle;
  url?: string;
  drop(): Promise<void>;
}

/** Creates an empty PostgreSQL database and returns its URL. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gatehouse_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function openTestDatabase(kind: "postgres" | "pglite", options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (kind === "postgres") {
    const empty = await createEmptyPostgresDatabase();
    const handle = await openDb({ databaseUrl: empty.url, migrate: options.migrate });
    return {
      kind,
      handle,
      url: empty.url,
      async drop() {
        await handle.close();
        await empty.drop();
      },
    };
  }
  const handle = await openDb({ dataDir: "memory://", migrate: options.migrate });
  return { kind, handle, drop: () => handle.close() };
}

export const DATABASE_KINDS = ["postgres", "pglite"] as const;
