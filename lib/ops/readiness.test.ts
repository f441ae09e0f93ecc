/**
 * Readiness against real databases (PostgreSQL and PGlite): ready once every migration of the build
 * is applied; not ready, with the migration named, when the build ships one the database lacks or
 * one it applied differently; not ready when the database does not answer.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../test/helpers/databases";
import { DEFAULT_MIGRATIONS_DIR, readMigrations } from "../db/migrate";
import { checkReadiness } from "./readiness";

/** A copy of this build's migrations, changed by `edit`. */
function migrationsCopy(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-migrations-"));
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  edit(dir);
  return dir;
}

describe.each(DATABASE_KINDS)("readiness on %s", (kind) => {
  let db: TestDatabase;
  const dirs: string[] = [];
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const database = async () => db.handle;

  it("is ready when every migration is applied", async () => {
    expect(await checkReadiness({ database })).toEqual({ ready: true, migrations: readMigrations().length });
  });

  it("is not ready while a migration of the build is missing from the database", async () => {
    const dir = migrationsCopy((d) => {
      mkdirSync(join(d, "9999_not_yet_applied"));
      writeFileSync(join(d, "9999_not_yet_applied", "migration.sql"), "SELECT 1;");
    });
    dirs.push(dir);
    const readiness = await checkReadiness({ database, migrationsDir: dir });
    expect(readiness).toMatchObject({ ready: false, reason: "migrations-pending", migrations: ["9999_not_yet_applied"] });
    expect(readiness.ready === false && readiness.message).toContain("9999_not_yet_applied");
  });

  it("is not ready when an applied migration differs from the build's", async () => {
    const first = readMigrations()[0].name;
    const dir = migrationsCopy((d) => writeFileSync(join(d, first, "migration.sql"), "-- edited after it was applied\n"));
    dirs.push(dir);
    expect(await checkReadiness({ database, migrationsDir: dir })).toMatchObject({ ready: false, reason: "migrations-changed", migrations: [first] });
  });

  // PostgreSQL only: the same query path on both drivers, and a second PGlite costs ~20 s on a loaded machine.
  it.runIf(kind === "postgres")("is not ready on a database where nothing was migrated", async () => {
    const empty = await openTestDatabase(kind, { migrate: false });
    try {
      const readiness = await checkReadiness({ database: async () => empty.handle });
      expect(readiness).toMatchObject({ ready: false, reason: "migrations-pending", migrations: readMigrations().map((m) => m.name) });
    } finally {
      await empty.drop();
    }
  });
});

describe("readiness without a database", () => {
  it("is not ready when the database cannot be opened, keeping the driver's error for the log only", async () => {
    const readiness = await checkReadiness({ database: () => Promise.reject(new Error("connect ECONNREFUSED 10.0.0.5:5432")) });
    expect(readiness).toEqual({
      ready: false,
      reason: "database-unreachable",
      message: "The database is unreachable.",
      cause: "connect ECONNREFUSED 10.0.0.5:5432",
    });
  });

  it("answers within its timeout when the database hangs", async () => {
    const started = Date.now();
    const readiness = await checkReadiness({ database: () => new Promise(() => undefined), timeoutMs: 200 });
    expect(readiness).toMatchObject({ ready: false, reason: "database-unreachable", cause: "no answer within 200 ms" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("is not ready once shutting down, without asking the database", async () => {
    let asked = false;
    const database = async () => {
      asked = true;
      throw new Error("not expected");
    };
    expect(await checkReadiness({ database, shuttingDown: true })).toMatchObject({ ready: false, reason: "shutting-down" });
    expect(asked).toBe(false);
  });
});
