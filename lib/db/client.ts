/**
 * Opens Gatehouse's database: PostgreSQL over `pg` when DATABASE_URL is set, otherwise an
 * embedded PGlite under .data/ (GATEHOUSE_DATA_DIR). Prisma Client 7 with driver adapters
 * needs no native engine either way. Migrations are applied on open.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { lockDataDir } from "./dir-lock";
import { applyMigrations } from "./migrate";
import { PrismaClient } from "./generated/client";
import { pgExecutor, pgliteExecutor, type SqlExecutor } from "./sql";

export type Db = InstanceType<typeof PrismaClient>;

export interface DbHandle {
  prisma: Db;
  sql: SqlExecutor;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
}

export interface OpenDbOptions {
  databaseUrl?: string;
  /**
   * PostgreSQL only: the schema owner's connection string, used for migrations alone, so that
   * `databaseUrl` can be a role that owns nothing (the audit trail then holds against the app).
   */
  migrationUrl?: string;
  /** PGlite data directory; "memory://" for a throwaway database. */
  dataDir?: string;
  migrate?: boolean;
}

export async function openDb(options: OpenDbOptions = {}): Promise<DbHandle> {
  const asOwner = options.databaseUrl && options.migrationUrl ? options.migrationUrl : undefined;
  if (asOwner && options.migrate !== false) await migrateAs(asOwner);
  const handle = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir ?? defaultDataDir());
  if (!asOwner && options.migrate !== false) {
    await applyMigrations(handle.sql).catch(async (e) => {
      await handle.close().catch(() => undefined);
      throw e;
    });
  }
  return handle;
}

/** Applies the migrations over a short-lived connection as the schema owner. */
async function migrateAs(ownerUrl: string): Promise<void> {
  const { Pool } = await import("pg");
  const pool = new Pool({ connectionString: ownerUrl, max: 1 });
  try {
    await applyMigrations(pgExecutor(pool));
  } finally {
    await pool.end();
  }
}

export function defaultDataDir(): string {
  return resolve(process.env.GATEHOUSE_DATA_DIR ?? ".data", "pglite");
}

/** GATEHOUSE_DB_CONNECT_TIMEOUT_MS: how long a request waits for a database connection (default 5 s). */
export function connectTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.GATEHOUSE_DB_CONNECT_TIMEOUT_MS?.trim();
  if (!raw) return 5_000;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 100 || ms > 600_000)
    throw new Error(`GATEHOUSE_DB_CONNECT_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000, not ${JSON.stringify(raw)}`);
  return ms;
}

async function openPostgres(url: string): Promise<DbHandle> {
  const [{ Pool }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
  // Without a connect timeout, pg waits for ever on a database that accepts nothing (a black-holed
  // address, a failover in progress): requests would hang instead of answering 503 (lib/db/unavailable.ts).
  const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: connectTimeoutMs() });
  // A connection PostgreSQL closes while idle (restart, failover, pg_terminate_backend, DROP … WITH
  // (FORCE)) reaches the pool as an 'error' event, which without a listener is an uncaught exception
  // that stops the server. The pool drops that connection and the next query opens a fresh one.
  pool.on("error", (e) => console.warn(`[gatehouse] an idle database connection was closed by the server: ${e.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    sql: pgExecutor(pool),
    kind: "postgres",
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string): Promise<DbHandle> {
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // Two processes on one directory silently lose each other's writes: refuse the second.
  const lock = inMemory ? null : lockDataDir(dataDir);
  let pglite: InstanceType<typeof PGlite>;
  try {
    pglite = new PGlite(dataDir);
    await pglite.waitReady;
  } catch (e) {
    lock?.release();
    throw e;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    sql: pgliteExecutor(pglite),
    kind: "pglite",
    async close() {
      try {
        await prisma.$disconnect();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
