/** The two SQL drivers behind Gatehouse, reduced to what migrations and tests need. */
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "pg";

export interface SqlExecutor {
  /** Runs one or more statements (simple query protocol). */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs fn on one connection while holding a lock that other processes migrating the same
   * database wait on. fn must use the executor it is given (a transaction lives on one connection).
   */
  withLock<T>(fn: (conn: SqlExecutor) => Promise<T>): Promise<T>;
}

// Any fixed key works; it only has to be the same in every Gatehouse process.
const MIGRATION_LOCK_KEY = 7_316_201_001;

export function pgExecutor(pool: Pool): SqlExecutor {
  return {
    async exec(sql) {
      await pool.query(sql);
    },
    async query(sql, params) {
      return (await pool.query(sql, params as unknown[])).rows;
    },
    async withLock(fn) {
      const client = await pool.connect();
      const conn: SqlExecutor = {
        exec: async (sql) => void (await client.query(sql)),
        query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
        withLock: (inner) => inner(conn),
      };
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        return await fn(conn);
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
        client.release();
      }
    },
  };
}

export function pgliteExecutor(db: PGlite): SqlExecutor {
  const executor: SqlExecutor = {
    async exec(sql) {
      await db.exec(sql);
    },
    async query(sql, params) {
      return (await db.query(sql, params as unknown[])).rows as never;
    },
    // PGlite is embedded in this one process: there is nobody else to wait for.
    withLock: (fn) => fn(executor),
  };
  return executor;
}
