/**
 * The process-wide database for the console server: opened once, migrated, seeded with the
 * demo on first start. Kept on globalThis so Next's dev reloads do not open a second PGlite.
 */
import { openDb, type DbHandle } from "./client";
import { seedOnce } from "./seed";
import { auditTamperWarning } from "./audit-guarantee";

const globalForDb = globalThis as unknown as { gatehouseDb?: Promise<DbHandle> };

export function getDb(): Promise<DbHandle> {
  globalForDb.gatehouseDb ??= (async () => {
    const handle = await openDb({ databaseUrl: process.env.DATABASE_URL || undefined, migrationUrl: process.env.DATABASE_MIGRATION_URL || undefined });
    if (handle.kind === "postgres") {
      const warning = await auditTamperWarning(handle.sql);
      if (warning) console.warn(warning);
    }
    if (process.env.GATEHOUSE_SEED !== "off") await seedOnce(handle, { log: (m) => console.log(m) });
    return handle;
  })().catch((e) => {
    globalForDb.gatehouseDb = undefined;
    throw e;
  });
  return globalForDb.gatehouseDb;
}

export async function prisma() {
  return (await getDb()).prisma;
}

export type { Db, DbHandle } from "./client";
export { openDb } from "./client";
