/**
 * Readiness: may this instance take traffic? Only when its database answers and has every
 * migration this build ships applied (a half-migrated database gives wrong answers, not errors),
 * and it is not shutting down. Liveness (/api/health) asks none of this: a database outage must
 * not get healthy processes restarted.
 */
import { DEFAULT_MIGRATIONS_DIR, readMigrations } from "../db/migrate";
import type { SqlExecutor } from "../db/sql";

export type Readiness =
  | { ready: true; migrations: number }
  | {
      ready: false;
      reason: "shutting-down" | "database-unreachable" | "migrations-pending" | "migrations-changed";
      message: string;
      migrations?: string[];
      /** The driver's error, for the log only: it may name hosts and roles, and the endpoint is public. */
      cause?: string;
    };

/** How long the database may take to answer before the instance counts as not ready (a load balancer's check must not hang). */
export const READY_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Applied migrations as name → checksum; an empty map when the migrations table does not exist yet. */
async function appliedMigrations(sql: SqlExecutor): Promise<Map<string, string>> {
  const [{ present }] = await sql.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
  if (!present) return new Map();
  const rows = await sql.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Map(rows.map((r) => [r.migration_name, r.checksum]));
}

export interface ReadinessInput {
  /** Opens (or returns the open) database; its failure means "unreachable". */
  database: () => Promise<{ sql: SqlExecutor }>;
  shuttingDown?: boolean;
  migrationsDir?: string;
  timeoutMs?: number;
}

export async function checkReadiness(input: ReadinessInput): Promise<Readiness> {
  if (input.shuttingDown) return { ready: false, reason: "shutting-down", message: "This instance is shutting down." };
  const expected = readMigrations(input.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  let applied: Map<string, string>;
  try {
    applied = await withTimeout(
      input.database().then(({ sql }) => appliedMigrations(sql)),
      input.timeoutMs ?? READY_TIMEOUT_MS,
    );
  } catch (e) {
    return { ready: false, reason: "database-unreachable", message: "The database is unreachable.", cause: (e as Error).message };
  }
  const pending = expected.filter((m) => !applied.has(m.name)).map((m) => m.name);
  if (pending.length) {
    return { ready: false, reason: "migrations-pending", message: `${pending.length} migration(s) not applied: ${pending.join(", ")}.`, migrations: pending };
  }
  const changed = expected.filter((m) => applied.get(m.name) !== m.checksum).map((m) => m.name);
  if (changed.length) {
    return {
      ready: false,
      reason: "migrations-changed",
      message: `Applied migration(s) differ from this build's: ${changed.join(", ")}.`,
      migrations: changed,
    };
  }
  return { ready: true, migrations: expected.length };
}
