/**
 * `npm run db:migrate`: applies prisma/migrations as the schema owner — DATABASE_MIGRATION_URL,
 * else DATABASE_URL — or to the embedded database.
 */
import { openDb } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrate";

const db = await openDb({ databaseUrl: process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL || undefined, migrate: false });
try {
  const result = await applyMigrations(db.sql);
  console.log(
    `Applied ${result.applied.length} migration(s)${result.applied.length ? `: ${result.applied.join(", ")}` : ""}; ${result.alreadyApplied.length} already applied (${db.kind}).`,
  );
} finally {
  await db.close();
}
