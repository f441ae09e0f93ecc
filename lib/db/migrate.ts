/**
 * Applies prisma/migrations/<n>_<name>/migration.sql in order, recording each in Prisma's
 * own `_prisma_migrations` table (same columns and checksum), so a database migrated here
 * is one `prisma migrate deploy` accepts elsewhere. Each migration runs in a transaction:
 * it lands whole or not at all.
 */
import { createHash, randomUUID } from "node:crypto";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { SqlExecutor } from "./sql";

/**
 * prisma/migrations of this checkout. Inside the Next server bundle import.meta.url points
 * into .next/, so the project root (cwd) is tried first; the CLI and tests find it next to lib/.
 */
function findMigrationsDir(): string {
  if (process.env.GATEHOUSE_MIGRATIONS_DIR) return resolve(process.env.GATEHOUSE_MIGRATIONS_DIR);
  const fromCwd = resolve(process.cwd(), "prisma", "migrations");
  if (existsSync(fromCwd)) return fromCwd;
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "prisma", "migrations");
}

export const DEFAULT_MIGRATIONS_DIR = findMigrationsDir();

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) throw new Error(`migrations folder not found: ${dir}`);
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(/*turbopackIgnore: true*/ join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);`;

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export async function applyMigrations(db: SqlExecutor, dir = DEFAULT_MIGRATIONS_DIR): Promise<MigrateResult> {
  const migrations = readMigrations(dir);
  return db.withLock(async (conn) => {
    // Checked first: a console role that owns nothing may not CREATE, even IF NOT EXISTS.
    const [{ present }] = await conn.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
    if (!present) {
      await conn.exec(CREATE_MIGRATIONS_TABLE).catch((e) => {
        throw ownerNeeded(e, "create the migrations table") ?? e;
      });
    }
    const rows = await conn.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const m of migrations) {
      const appliedChecksum = done.get(m.name);
      if (appliedChecksum !== undefined) {
        if (appliedChecksum !== m.checksum) {
          throw new Error(`migration ${m.name} was changed after it was applied (checksum differs); add a new migration instead`);
        }
        result.alreadyApplied.push(m.name);
        continue;
      }
      const id = randomUUID();
      // One transaction per migration: the schema change and its record land together.
      await conn
        .exec(
          `BEGIN;\n${m.sql}\n;INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('${id}', '${m.checksum}', now(), '${m.name.replace(/'/g, "''")}', 1);\nCOMMIT;`,
        )
        .catch(async (e) => {
          await conn.exec("ROLLBACK").catch(() => undefined);
          throw ownerNeeded(e, `apply migration ${m.name}`) ?? new Error(`migration ${m.name} failed: ${(e as Error).message}`);
        });
      result.applied.push(m.name);
    }
    return result;
  });
}

/** A role without the owner's rights (the console's least-privilege role) is told how migrations are run instead. */
function ownerNeeded(e: unknown, what: string): Error | null {
  if ((e as { code?: string }).code !== "42501") return null;
  return new Error(
    `The database role may not ${what} (${(e as Error).message}). Migrations run as the schema owner: ` +
      `set DATABASE_MIGRATION_URL to the owner's connection string, or run \`npm run db:migrate\` with it.`,
  );
}
